/**
 * Open documents shared between instances through Redis (only with
 * REDIS_URL). Every instance that has a document open subscribes to
 * `spil:doc:<docName>`. After each commit the committing instance publishes
 * what it stored (one merged update), its live state vector and a per
 * document sequence number; the others apply it to their live document and
 * their validation mirror and relay it to their own connections. It is
 * stored already: nothing is stored twice, and nothing unstored is relayed.
 * Awareness travels on the same channel (already filtered by the sending
 * instance).
 *
 * Redis pub/sub may drop messages, so every instance can catch up from
 * PostgreSQL (snapshot + log, the diff against its live state vector):
 * after subscribing, when a joining connection finds the room already open,
 * on a sequence gap or a state vector it does not cover, when a peer
 * instance falls silent, after Redis reconnects, every CATCH_UP_INTERVAL_MS
 * while another instance has the document open, and before re-checking a
 * client update that was rejected for referring to something unknown here.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import {
  applyAwarenessUpdate,
  encodeAwarenessUpdate,
  removeAwarenessStates,
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import { type AwarenessEntry, decodeAwareness, encodeAwareness } from './awareness-filter';
import type { StoredDoc } from './collab.repository';
import type { DocRoom } from './doc-room';
import { describeError } from '../common/describe-error';

/** The origin of changes that were stored elsewhere (another instance, or read back from PostgreSQL). */
export const REMOTE_ORIGIN = 'spil-remote';

export const DOC_CHANNEL_PREFIX = 'spil:doc:';
/** Each instance announces its sequence number and state vector of every open document this often. */
export const HEARTBEAT_MS = 3_000;
/** An instance not heard on a document for this long has closed it or died: its awareness goes, and we catch up. */
export const SILENT_MS = 10_000;
/** While another instance has the document open, catch up from PostgreSQL at least this often. */
export const CATCH_UP_INTERVAL_MS = 30_000;

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_HEARTBEAT = 2;

type Message =
  | { kind: typeof KIND_UPDATE; from: string; seq: number; sv: Uint8Array; update: Uint8Array }
  | { kind: typeof KIND_AWARENESS; from: string; update: Uint8Array }
  | { kind: typeof KIND_HEARTBEAT; from: string; seq: number; sv: Uint8Array };

export function encodeMessage(m: Message): Buffer {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, m.kind);
  encoding.writeVarString(e, m.from);
  if (m.kind === KIND_AWARENESS) {
    encoding.writeVarUint8Array(e, m.update);
  } else {
    encoding.writeVarUint(e, m.seq);
    encoding.writeVarUint8Array(e, m.sv);
    if (m.kind === KIND_UPDATE) encoding.writeVarUint8Array(e, m.update);
  }
  const bytes = encoding.toUint8Array(e);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeMessage(raw: Uint8Array): Message {
  const d = decoding.createDecoder(raw);
  const kind = decoding.readVarUint(d);
  const from = decoding.readVarString(d);
  if (kind === KIND_AWARENESS) return { kind, from, update: decoding.readVarUint8Array(d) };
  const seq = decoding.readVarUint(d);
  const sv = decoding.readVarUint8Array(d);
  if (kind === KIND_HEARTBEAT) return { kind, from, seq, sv };
  if (kind === KIND_UPDATE) return { kind, from, seq, sv, update: decoding.readVarUint8Array(d) };
  throw new Error(`unknown message kind ${kind}`);
}

/** Whether state vector `have` holds everything `want` names. */
export function covers(have: Map<number, number>, want: Map<number, number>): boolean {
  for (const [client, clock] of want) if ((have.get(client) ?? 0) < clock) return false;
  return true;
}

/** What the cluster needs from the collab service. */
export interface ClusterHost {
  /** The stored state of a document (snapshot + log). */
  load(docName: string): Promise<StoredDoc>;
  /** Apply changes stored elsewhere to the live document (which relays them) and the validation mirror. */
  applyStored(room: DocRoom, update: Uint8Array): boolean;
}

/** The hooks the collab service calls; implemented by `CollabCluster`. */
export interface CollabClusterLink {
  opened(room: DocRoom): void;
  closed(room: DocRoom): void;
  committed(room: DocRoom, updates: readonly Uint8Array[]): void;
  /** Bring the live document up to what PostgreSQL holds. Never rejects. */
  catchUp(room: DocRoom): Promise<void>;
}

interface Sender {
  /** Last sequence number seen from it on this document. */
  seq: number;
  lastSeen: number;
  /** Awareness client ids it announced. */
  awareness: Set<number>;
}

interface Tracked {
  room: DocRoom;
  channel: string;
  /** Other instances that have the document open. */
  senders: Map<string, Sender>;
  lastCatchUp: number;
  running: Promise<void> | null;
  next: Promise<void> | null;
  offAwareness: () => void;
}

export class CollabCluster implements CollabClusterLink {
  private readonly logger = new Logger('CollabCluster');
  /** This process: an instance id that also changes on restart, so sequence numbers start afresh. */
  readonly self: string;
  private readonly tracked = new Map<string, Tracked>();
  /** Our last sequence number per document. */
  private readonly seqs = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private stopped = false;
  private publishFailures = 0;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    instanceId: string,
    private readonly host: ClusterHost,
  ) {
    this.self = `${instanceId}#${randomBytes(4).toString('hex')}`;
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
    let readyBefore = sub.status === 'ready';
    sub.on('ready', () => {
      if (!readyBefore) {
        readyBefore = true;
        return;
      }
      // Reconnected: whatever was published meanwhile is lost to us. ioredis resubscribes first.
      this.logger.warn('Redis reconnected: catching up open documents');
      setTimeout(() => {
        for (const t of this.tracked.values()) void this.catchUp(t.room);
      }, 500).unref();
    });
    this.timer = setInterval(() => this.tick(), HEARTBEAT_MS);
    this.timer.unref();
  }

  /* ---------- hooks from the service ---------- */

  opened(room: DocRoom): void {
    if (this.stopped) return;
    const channel = DOC_CHANNEL_PREFIX + room.name;
    const onAwareness = (
      { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
      origin: unknown,
    ) => {
      // Remote states are the sender's to spread; timeouts happen on every instance by themselves.
      if (origin === REMOTE_ORIGIN || origin === 'timeout' || room.disposed) return;
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      this.publish(channel, {
        kind: KIND_AWARENESS,
        from: this.fromOf(room),
        update: encodeAwarenessUpdate(room.awareness, changed),
      });
    };
    room.awareness.on('update', onAwareness);
    const t: Tracked = {
      room,
      channel,
      senders: new Map(),
      lastCatchUp: Date.now(),
      running: null,
      next: null,
      offAwareness: () => room.awareness.off('update', onAwareness),
    };
    this.tracked.set(room.name, t);
    // Whatever was committed elsewhere between our load and the subscription: read it back once subscribed.
    this.sub.subscribe(channel).then(
      () => void this.catchUp(room),
      (e: unknown) => this.logger.warn(`Subscribe failed: ${describeError(e)}`),
    );
  }

  closed(room: DocRoom): void {
    const t = this.tracked.get(room.name);
    if (!t || t.room !== room) return;
    this.tracked.delete(room.name);
    this.seqs.delete(room.name);
    t.offAwareness();
    if (!this.stopped)
      this.sub.unsubscribe(t.channel).catch((e: unknown) => {
        this.logger.warn(`Unsubscribe failed: ${describeError(e)}`);
      });
  }

  committed(room: DocRoom, updates: readonly Uint8Array[]): void {
    if (this.stopped || updates.length === 0 || room.disposed) return;
    const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
    const seq = (this.seqs.get(room.name) ?? 0) + 1;
    this.seqs.set(room.name, seq);
    this.publish(DOC_CHANNEL_PREFIX + room.name, {
      kind: KIND_UPDATE,
      from: this.fromOf(room),
      seq,
      sv: Y.encodeStateVector(room.doc),
      update,
    });
  }

  /** Coalesced per document: joins the next run when one is going on (it may have read too early). */
  catchUp(room: DocRoom): Promise<void> {
    const t = this.tracked.get(room.name);
    if (!t || t.room !== room) return this.runCatchUp(room);
    if (t.next) return t.next;
    if (!t.running) {
      t.running = this.runCatchUp(room).finally(() => {
        t.running = null;
      });
      return t.running;
    }
    t.next = t.running.then(() => {
      t.next = null;
      return this.catchUp(room);
    });
    return t.next;
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    for (const t of this.tracked.values()) t.offAwareness();
    this.tracked.clear();
  }

  /* ---------- internals ---------- */

  /** Sender id of one life of a document here: a reopened document starts its sequence afresh. */
  private fromOf(room: DocRoom): string {
    return `${this.self}/${room.epoch}`;
  }

  private async runCatchUp(room: DocRoom): Promise<void> {
    if (room.disposed || room.broken) return;
    const t = this.tracked.get(room.name);
    if (t?.room === room) t.lastCatchUp = Date.now();
    try {
      const stored = await this.host.load(room.name);
      if (room.disposed || room.broken) return;
      const scratch = new Y.Doc();
      try {
        scratch.transact(() => {
          for (const u of stored.updates) {
            try {
              Y.applyUpdate(scratch, u);
            } catch {
              /* loading logs and skips such a row too */
            }
          }
        });
        const diff = Y.encodeStateAsUpdate(scratch, Y.encodeStateVector(room.doc));
        if (this.host.applyStored(room, diff))
          this.logger.debug(`Caught up ${room.name} from the database`);
      } finally {
        scratch.destroy();
      }
    } catch (e) {
      this.logger.warn(`Catching up a document failed: ${describeError(e)}`);
    }
  }

  private receive(channel: string, raw: Buffer): void {
    if (this.stopped || !channel.startsWith(DOC_CHANNEL_PREFIX)) return;
    const t = this.tracked.get(channel.slice(DOC_CHANNEL_PREFIX.length));
    if (!t || t.room.disposed || t.room.broken) return;
    let m: Message;
    try {
      m = decodeMessage(raw);
    } catch {
      this.logger.warn('Ignored a malformed collab cluster message');
      return;
    }
    if (m.from.startsWith(`${this.self}/`)) return;
    let s = t.senders.get(m.from);
    const first = !s;
    if (!s) {
      s = { seq: 0, lastSeen: 0, awareness: new Set() };
      t.senders.set(m.from, s);
    }
    s.lastSeen = Date.now();
    const room = t.room;
    if (m.kind === KIND_AWARENESS) {
      this.applyAwareness(room, s, m.update);
      return;
    }
    let behind = false;
    if (m.kind === KIND_UPDATE) {
      if (!first && m.seq !== s.seq + 1) behind = true;
      s.seq = m.seq;
      try {
        this.host.applyStored(room, m.update);
      } catch (e) {
        this.logger.warn(`A remote update could not be applied: ${describeError(e)}`);
        behind = true;
      }
      // Applied but waiting for something we never got.
      if (room.doc.store.pendingStructs || room.doc.store.pendingDs) behind = true;
    } else {
      if (!first && m.seq > s.seq) behind = true;
      s.seq = m.seq;
    }
    if (!behind && !room.disposed) {
      const local = Y.decodeStateVector(Y.encodeStateVector(room.doc));
      behind = !covers(local, Y.decodeStateVector(m.sv));
    }
    if (behind) void this.catchUp(room);
  }

  /** Remote awareness, except for client ids a connection of ours owns (a client that moved here). */
  private applyAwareness(room: DocRoom, s: Sender, update: Uint8Array): void {
    let entries: AwarenessEntry[];
    try {
      entries = decodeAwareness(update).filter((e) => !room.awarenessOwners.has(e.clientId));
    } catch {
      this.logger.warn('Ignored a malformed remote awareness update');
      return;
    }
    if (entries.length === 0) return;
    for (const e of entries) {
      if (e.state === null) s.awareness.delete(e.clientId);
      else s.awareness.add(e.clientId);
    }
    applyAwarenessUpdate(room.awareness, encodeAwareness(entries), REMOTE_ORIGIN);
  }

  private tick(): void {
    if (this.stopped) return;
    const now = Date.now();
    for (const t of this.tracked.values()) {
      const room = t.room;
      if (room.disposed || room.broken) continue;
      this.publish(t.channel, {
        kind: KIND_HEARTBEAT,
        from: this.fromOf(room),
        seq: this.seqs.get(room.name) ?? 0,
        sv: Y.encodeStateVector(room.doc),
      });
      let gone = false;
      for (const [from, s] of t.senders) {
        if (now - s.lastSeen < SILENT_MS) continue;
        t.senders.delete(from);
        gone = true;
        // Not the ones a connection here or another sender (e.g. the same instance, reopened) announced since.
        const states = [...s.awareness].filter(
          (c) =>
            room.awareness.getStates().has(c) &&
            !room.awarenessOwners.has(c) &&
            ![...t.senders.values()].some((o) => o.awareness.has(c)),
        );
        if (states.length > 0) removeAwarenessStates(room.awareness, states, REMOTE_ORIGIN);
      }
      // An instance that fell silent may have died between its commit and its publish.
      if (gone || (t.senders.size > 0 && now - t.lastCatchUp >= CATCH_UP_INTERVAL_MS))
        void this.catchUp(room);
    }
  }

  private publish(channel: string, m: Message): void {
    this.pub.publish(channel, encodeMessage(m)).then(
      () => {
        this.publishFailures = 0;
      },
      (e: unknown) => {
        // Receivers notice the gap (sequence numbers, heartbeats) and read the database.
        if (this.publishFailures++ % 100 === 0)
          this.logger.warn(`Publishing a collab message failed: ${describeError(e)}`);
      },
    );
  }
}
