/**
 * One WebSocket on `/collab/<docName>` after it was let in: reads the stock
 * y-websocket messages in order, one at a time, and hands them to the
 * service. Any failure while handling a message closes this connection only.
 */
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { type RawData, WebSocket } from 'ws';
import { messageCorrelationId, withCorrelation } from '../common/correlation';
import { describeError } from '../common/describe-error';
import { TokenBucket } from '../modules/hardening/token-bucket';
import type { TeamRole } from '@spil/shared';
import type { UserEntity } from '../modules/users/user.entity';
import {
  AwarenessFormatError,
  decodeAwareness,
  encodeAwareness,
  withUser,
} from './awareness-filter';
import {
  CLOSE,
  MAX_BUFFERED_BYTES,
  MAX_PENDING_MESSAGES,
  MSG_AWARENESS,
  MSG_QUERY_AWARENESS,
  MSG_SYNC,
  SYNC_STEP1,
  SYNC_STEP2,
  SYNC_UPDATE,
} from './collab.constants';
import type { CollabService } from './collab.service';
import type { CollabPeer, DocRoom } from './doc-room';
import { awarenessMessage } from './protocol';
import type { WriteLevel } from './update-check';
import { ValidationFailed } from './update-validator';

class ProtocolError extends Error {
  override name = 'ProtocolError';
}

/** Messages one connection may send: a token bucket of `burst`, refilled at `perSecond`. */
export interface MessageRateLimit {
  burst: number;
  perSecond: number;
}

export class CollabConnection implements CollabPeer {
  private static readonly logger = new Logger('CollabConnection');
  readonly id = randomBytes(6).toString('hex');
  closed = false;
  /** Answered the last keepalive ping. */
  alive = true;
  private room: DocRoom | null = null;
  private chain: Promise<void> = Promise.resolve();
  private pending = 0;
  private readonly early: Uint8Array[] = [];
  /** The awareness client id this connection announced first. */
  private ownClientId: number | null = null;
  private readonly rate: TokenBucket;
  private received = 0;

  constructor(
    private readonly ws: WebSocket,
    readonly user: UserEntity,
    readonly sessionId: string,
    public write: WriteLevel,
    public teamRole: TeamRole | null,
    readonly address: string | null,
    private readonly service: CollabService,
    private readonly onGone: (c: CollabConnection) => void,
    limit: MessageRateLimit,
  ) {
    this.rate = new TokenBucket(limit.burst, limit.perSecond / 1000);
    // Each message is handled under a correlation id of its own (every log line carries it).
    ws.on('message', (data: RawData, isBinary: boolean) =>
      withCorrelation(messageCorrelationId(this.id, ++this.received), () =>
        this.receive(data, isBinary),
      ),
    );
    ws.on('pong', () => {
      this.alive = true;
    });
    ws.on('close', (code: number) => {
      // The code the server closed with wins. A client may close with any code: its own 1008 is not a refusal.
      if (code !== CLOSE.tooManyMessages) this.closeCode ??= code;
      this.gone();
    });
    ws.on('error', () => this.gone());
  }

  receive(data: RawData, isBinary: boolean): void {
    if (this.closed) return;
    // Counted before anything is read: a message over the limit is dropped whole and ends this connection only.
    if (this.rate.take() !== 'ok') {
      this.close(CLOSE.tooManyMessages, 'te veel berichten');
      return;
    }
    if (!isBinary) {
      this.close(CLOSE.badMessage, 'binair verwacht');
      return;
    }
    const bytes = toBytes(data);
    if (this.room) this.push(bytes);
    else if (this.early.length < MAX_PENDING_MESSAGES) this.early.push(bytes);
    else this.close(CLOSE.badMessage, 'te veel berichten');
  }

  /** Joined: handle what arrived meanwhile, then every message as it comes. */
  start(room: DocRoom): void {
    this.room = room;
    for (const m of this.early.splice(0)) this.push(m);
  }

  send(message: Uint8Array): void {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.close(CLOSE.tryAgainLater, 'te traag');
      return;
    }
    this.ws.send(message, (err) => {
      if (err) this.gone();
    });
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.closeCode = code;
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
    // A peer that does not answer the close handshake is cut off.
    setTimeout(() => {
      if (this.ws.readyState !== WebSocket.CLOSED) this.ws.terminate();
    }, 5000).unref();
    this.gone();
  }

  /** Stop reading new messages for good (shutdown). */
  hold(): void {
    this.held = true;
    this.pause();
  }
  private held = false;

  private pause(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.pause();
  }

  /** Settles when every message received so far has been handled. */
  idle(): Promise<void> {
    return this.chain;
  }

  ping(): void {
    if (!this.alive) {
      this.ws.terminate();
      this.gone();
      return;
    }
    this.alive = false;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.ping();
  }

  private gone(): void {
    if (!this.closed) this.closed = true;
    if (this.goneOnce) return;
    this.goneOnce = true;
    // Let what is being checked finish (an accepted update is stored even if its sender left), then leave.
    void this.chain.then(() => {
      if (this.room) this.service.detach(this.room, this, this.closeCode);
      this.onGone(this);
    });
  }
  private goneOnce = false;
  private closeCode: number | undefined;

  private push(bytes: Uint8Array): void {
    this.pending++;
    if (this.pending >= MAX_PENDING_MESSAGES) this.pause();
    this.chain = this.chain
      .then(() => (this.closed ? undefined : this.handle(bytes)))
      .catch((e: unknown) => this.failed(e))
      .finally(() => {
        this.pending--;
        if (
          this.pending < MAX_PENDING_MESSAGES / 2 &&
          !this.closed &&
          !this.held &&
          this.ws.isPaused
        )
          this.ws.resume();
      });
  }

  private failed(e: unknown): void {
    if (this.closed) return;
    if (e instanceof ValidationFailed) {
      if (e.reason === 'unavailable' || e.reason === 'stale') {
        this.close(CLOSE.serverError, 'tijdelijk niet beschikbaar');
      } else if (e.reason === 'overloaded') {
        // Load, not the update: the client reconnects and sends it again.
        CollabConnection.logger.warn(`Connection ${this.id}: update check overloaded; closed 1013`);
        this.close(CLOSE.tryAgainLater, 'even te druk');
      } else {
        CollabConnection.logger.warn(`Connection ${this.id}: update check ${e.reason}; closed`);
        this.close(CLOSE.badMessage, 'ongeldig bericht');
      }
      return;
    }
    if (this.room?.broken) return;
    CollabConnection.logger.warn(
      `Connection ${this.id}: message not handled (${e instanceof ProtocolError || e instanceof AwarenessFormatError ? describeError(e) : 'malformed'}); closed`,
    );
    this.close(CLOSE.badMessage, 'ongeldig bericht');
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    const room = this.room;
    if (!room) return;
    const d = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(d);
    switch (type) {
      case MSG_SYNC: {
        const step = decoding.readVarUint(d);
        if (step === SYNC_STEP1) {
          const sv = decoding.readVarUint8Array(d);
          const reply = await this.service.syncStep2(room, sv);
          this.send(reply);
        } else if (step === SYNC_STEP2 || step === SYNC_UPDATE) {
          const update = decoding.readVarUint8Array(d).slice();
          await this.service.submit(room, this, update, step === SYNC_STEP2);
        } else {
          throw new ProtocolError('unknown sync step');
        }
        return;
      }
      case MSG_AWARENESS: {
        this.awareness(room, decoding.readVarUint8Array(d));
        return;
      }
      case MSG_QUERY_AWARENESS: {
        const clients = [...room.awareness.getStates().keys()];
        this.send(awarenessMessage(encodeAwarenessUpdate(room.awareness, clients)));
        return;
      }
      default:
        // Unknown message types are ignored, as the stock server does (e.g. auth, 2).
        return;
    }
  }

  /**
   * Only for the client id this connection announced first, never for one
   * another user's connection owns (a reconnect of the same user may take
   * over its own id from a connection that has not timed out yet); `user`
   * replaced by who is logged in.
   */
  private awareness(room: DocRoom, update: Uint8Array): void {
    const entries = decodeAwareness(update);
    const kept = [];
    for (const e of entries) {
      if (this.ownClientId === null) {
        const owner = room.awarenessOwners.get(e.clientId);
        if (owner && owner !== this && owner.user.id !== this.user.id) continue;
        this.ownClientId = e.clientId;
        room.awarenessOwners.set(e.clientId, this);
      }
      if (e.clientId !== this.ownClientId || room.awarenessOwners.get(e.clientId) !== this)
        continue;
      kept.push({ ...e, state: withUser(e.state, this.user) });
    }
    if (kept.length === 0) return;
    applyAwarenessUpdate(room.awareness, encodeAwareness(kept), this);
  }
}

export function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
