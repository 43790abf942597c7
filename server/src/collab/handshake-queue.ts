/**
 * Admission of collab handshakes (session lookup, access check, plan load,
 * join): at most `limit` at a time, the others wait their turn in arrival
 * order. A burst (every client of an instance reconnecting after a restart)
 * is then handled in waves: the database pool is not flooded, and the
 * short-lived objects of a handshake die young instead of being promoted to
 * the old generation by thousands of handshakes in flight at once, which V8
 * does not give back to the system for a long time (ADR 018).
 *
 * A socket that closes while it waits leaves the queue at once: no lookup,
 * no audit record, nothing loaded.
 */
import { WebSocket } from 'ws';
import { handshakesAbandoned } from './collab-metrics';

/** What the queue needs of a socket (a `ws` WebSocket). */
export interface QueuedSocket {
  readonly readyState: number;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

interface Waiter {
  ws: QueuedSocket;
  admit: (release: (() => void) | null) => void;
  onClose: () => void;
}

export class HandshakeQueue {
  private inProgress = 0;
  /** In arrival order (a Set keeps insertion order and drops a leaver in O(1)). */
  private readonly waiting = new Set<Waiter>();
  /** Most handshakes in progress at once since start (tests, diagnostics). */
  peakInProgress = 0;
  /** Most handshakes waiting at once since start. */
  peakWaiting = 0;
  /** Sockets that closed while they waited. */
  abandoned = 0;

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error('limit must be a positive integer');
  }

  get waitingCount(): number {
    return this.waiting.size;
  }

  get inProgressCount(): number {
    return this.inProgress;
  }

  /**
   * Resolves with a release function once this socket's handshake may run
   * (call it exactly once, when the handshake is done), or with null when the
   * socket closed first.
   */
  enter(ws: QueuedSocket): Promise<(() => void) | null> {
    if (ws.readyState !== WebSocket.OPEN) return Promise.resolve(null);
    if (this.inProgress < this.limit && this.waiting.size === 0)
      return Promise.resolve(this.start());
    return new Promise((admit) => {
      const waiter: Waiter = {
        ws,
        admit,
        onClose: () => {
          if (!this.waiting.delete(waiter)) return;
          this.abandon();
          admit(null);
        },
      };
      this.waiting.add(waiter);
      if (this.waiting.size > this.peakWaiting) this.peakWaiting = this.waiting.size;
      ws.once('close', waiter.onClose);
    });
  }

  private abandon(): void {
    this.abandoned++;
    handshakesAbandoned.inc();
  }

  private start(): () => void {
    this.inProgress++;
    if (this.inProgress > this.peakInProgress) this.peakInProgress = this.inProgress;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inProgress--;
      this.next();
    };
  }

  private next(): void {
    while (this.inProgress < this.limit) {
      const first = this.waiting.values().next();
      if (first.done) return;
      const waiter = first.value;
      this.waiting.delete(waiter);
      waiter.ws.off('close', waiter.onClose);
      if (waiter.ws.readyState !== WebSocket.OPEN) {
        this.abandon();
        waiter.admit(null);
        continue;
      }
      waiter.admit(this.start());
    }
  }
}
