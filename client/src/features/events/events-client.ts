/**
 * The tab's one socket.io connection to `/events`. It authenticates with the
 * session cookie at the handshake, re-subscribes to every followed plan after
 * a reconnect (rooms do not survive one), and validates every payload.
 */
import {
  AccessRevoked,
  type Ack,
  HouseholdChanged,
  NotificationDto,
  PlanStored,
  ProcesChanged,
} from '@spil/shared';
import { io, type Socket } from 'socket.io-client';
import { z } from 'zod';

type Listener<T> = (payload: T) => void;

const AckSchema = z.union([
  z.object({ data: z.unknown() }),
  z.object({ error: z.object({ code: z.string(), message: z.string() }) }),
]);

const ServerError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

const ACK_TIMEOUT_MS = 10_000;

export class EventsClient {
  private readonly socket: Socket;
  private readonly plans = new Map<string, Set<Listener<PlanStored>>>();
  private readonly changed = new Set<Listener<HouseholdChanged>>();
  private readonly revoked = new Set<Listener<{ householdId: string }>>();
  private readonly unauthorized = new Set<Listener<string>>();
  private readonly notifications = new Set<Listener<NotificationDto>>();
  private readonly reconnected = new Set<() => void>();
  private connectedBefore = false;
  private readonly proces = new Set<Listener<ProcesChanged>>();

  constructor() {
    this.socket = io('/events', {
      path: '/socket.io',
      withCredentials: true,
      autoConnect: false,
      // WebSocket only: no long-polling, so several server instances need no sticky sessions.
      transports: ['websocket'],
    });
    this.socket.on('connect', () => {
      for (const docName of this.plans.keys()) this.emitSubscribe(docName);
      if (this.connectedBefore) for (const l of this.reconnected) l();
      this.connectedBefore = true;
    });
    this.socket.on('plan:stored', (raw: unknown) => {
      const parsed = PlanStored.safeParse(raw);
      if (!parsed.success) return;
      for (const l of this.plans.get(parsed.data.docName) ?? []) l(parsed.data);
    });
    this.socket.on('household:changed', (raw: unknown) => {
      const parsed = HouseholdChanged.safeParse(raw);
      if (parsed.success) for (const l of this.changed) l(parsed.data);
    });
    this.socket.on('access:revoked', (raw: unknown) => {
      const parsed = AccessRevoked.safeParse(raw);
      if (parsed.success) for (const l of this.revoked) l(parsed.data);
    });
    this.socket.on('proces:changed', (raw: unknown) => {
      const parsed = ProcesChanged.safeParse(raw);
      if (parsed.success) for (const l of this.proces) l(parsed.data);
    });
    this.socket.on('notification:new', (raw: unknown) => {
      const parsed = NotificationDto.safeParse(raw);
      if (parsed.success) for (const l of this.notifications) l(parsed.data);
    });
    // The gateway refuses an unauthenticated handshake with an `error` event, then disconnects.
    this.socket.on('error', (raw: unknown) => {
      const parsed = ServerError.safeParse(raw);
      if (parsed.success && parsed.data.error.code.startsWith('auth.')) {
        for (const l of this.unauthorized) l(parsed.data.error.message);
      }
    });
  }

  connect(): void {
    this.socket.connect();
  }

  close(): void {
    this.socket.disconnect();
  }

  /** Follow a plan document's stored state. Returns the way to stop. */
  subscribePlan(docName: string, listener: Listener<PlanStored>): () => void {
    let set = this.plans.get(docName);
    if (!set) {
      set = new Set();
      this.plans.set(docName, set);
      if (this.socket.connected) this.emitSubscribe(docName);
    }
    set.add(listener);
    return () => {
      const current = this.plans.get(docName);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.plans.delete(docName);
        if (this.socket.connected) this.socket.emit('plan:unsubscribe', { docName });
      }
    };
  }

  onHouseholdChanged(listener: Listener<HouseholdChanged>): () => void {
    this.changed.add(listener);
    return () => this.changed.delete(listener);
  }

  onAccessRevoked(listener: Listener<{ householdId: string }>): () => void {
    this.revoked.add(listener);
    return () => this.revoked.delete(listener);
  }

  /**
   * The process of a household I may see changed (colour, escalation, phase).
   * Arrives for every such household, not only followed plans: the list hears it too.
   */
  onProcesChanged(listener: Listener<ProcesChanged>): () => void {
    this.proces.add(listener);
    return () => this.proces.delete(listener);
  }

  /** A new notification for me (terugkoppeling, regie, overdracht, ...). */
  onNotification(listener: Listener<NotificationDto>): () => void {
    this.notifications.add(listener);
    return () => this.notifications.delete(listener);
  }

  /**
   * The socket is connected again after it was down (not the first connect).
   * Fires once the namespace is joined, so a listener that reloads what it
   * missed then also hears everything that comes after.
   */
  onReconnect(listener: () => void): () => void {
    this.reconnected.add(listener);
    return () => this.reconnected.delete(listener);
  }

  /** The session behind the socket is gone; the message is the server's. */
  onUnauthorized(listener: Listener<string>): () => void {
    this.unauthorized.add(listener);
    return () => this.unauthorized.delete(listener);
  }

  private emitSubscribe(docName: string): void {
    this.socket
      .timeout(ACK_TIMEOUT_MS)
      .emitWithAck('plan:subscribe', { docName })
      .then((raw: unknown) => {
        const ack = AckSchema.safeParse(raw);
        if (ack.success && 'error' in ack.data) this.reportSubscribeError(docName, ack.data);
      })
      // A timeout: the next reconnect subscribes again.
      .catch(() => undefined);
  }

  private reportSubscribeError(
    docName: string,
    ack: Extract<Ack<unknown>, { error: unknown }>,
  ): void {
    if (ack.error.code.startsWith('auth.')) for (const l of this.unauthorized) l(ack.error.message);
    else console.warn(`plan:subscribe ${docName} geweigerd: ${ack.error.code}`);
  }
}
