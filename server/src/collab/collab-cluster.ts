/**
 * Open documents shared between instances through Redis (only with
 * REDIS_URL). Every instance that has a document open subscribes to
 * `spil:doc:<docName>`. After each commit the committing instance publishes
 * what it stored (one merged update), the update-log ids of those rows, its
 * stored state vector and a per document sequence number; the others apply it
 * to their live document and their validation mirror and relay it to their
 * own connections. It is stored already: nothing is stored twice, and
 * nothing unstored crosses between instances (within one instance updates
 * are relayed before their commit, ADR 014). Awareness travels on the same channel
 * (already filtered by the sending instance).
 *
 * Redis may drop messages or be away altogether, so every instance can catch
 * up from PostgreSQL (snapshot + log, the diff against its live state
 * vector): after subscribing, when a joining connection finds the room
 * already open, on a sequence gap or a state vector it does not cover, when
 * a peer instance falls silent, when Redis answers again, and before
 * re-checking a client update that was rejected for referring to something
 * unknown here.
 *
 * And it watches the log: every instance knows which update-log rows its
 * live documents hold (read with a catch-up, committed here, or named in a
 * message from another instance). Every `WATCH_UP_MS` while Redis answers,
 * and every `WATCH_DOWN_MS` while it does not, one query lists the rows of
 * all its open documents; rows it does not know are read and applied, and a
 * new snapshot (compaction) means a full catch-up. While Redis is away (and
 * for `WATCH_GRACE_MS` after it returned) this is how edits cross between
 * instances, within a few seconds.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { Counter, register } from 'prom-client';
import type { DataSource } from 'typeorm';
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
/** While Redis answers, look for log rows this instance has not heard of this often (lost messages). */
export const WATCH_UP_MS = 5_000;
/** While Redis is away, and for `WATCH_GRACE_MS` after it returned, look for log rows this often. */
export const WATCH_DOWN_MS = 1_000;
/** After Redis returned, messages may still be lost while every instance resubscribes, in ms. */
export const WATCH_GRACE_MS = 10_000;

/** Why a document was read back from PostgreSQL. */
export type CatchUpReason =
  'subscribed' | 'behind' | 'silent' | 'reconnected' | 'watch' | 'snapshot' | 'retry';

const catchUps =
  (register.getSingleMetric('spil_collab_catch_ups_total') as Counter<'reason'> | undefined) ??
  new Counter({
    name: 'spil_collab_catch_ups_total',
    help: 'Open documents brought up to date from PostgreSQL instead of through Redis, by reason (watch: only the missing log rows were read)',
    labelNames: ['reason'],
  });

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;
const KIND_HEARTBEAT = 2;

type Message =
  | {
      kind: typeof KIND_UPDATE;
      from: string;
      seq: number;
      sv: Uint8Array;
      update: Uint8Array;
      /** The update-log ids of the rows it holds (absent from senders before they were sent). */
      ids: string[];
    }
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
    if (m.kind === KIND_UPDATE) {
      encoding.writeVarUint8Array(e, m.update);
      encoding.writeVarUint(e, m.ids.length);
      for (const id of m.ids) encoding.writeVarString(e, id);
    }
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
  if (kind === KIND_UPDATE) {
    const update = decoding.readVarUint8Array(d);
    const ids: string[] = [];
    if (decoding.hasContent(d)) {
      const n = decoding.readVarUint(d);
      for (let i = 0; i < n; i++) ids.push(decoding.readVarString(d));
    }
    return { kind, from, seq, sv, update, ids };
  }
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

/** Redis as the cluster sees it; never waits (cluster/redis-connections.ts). */
export interface RedisLinkState {
  /** Whether every Redis connection answers. */
  up(): boolean;
  /** Whether this connection is ready and answered lately. */
  usable(client: Redis): boolean;
  /** Called each time Redis answers again after it did not. Returns an unsubscribe function. */
  onUp(listener: () => void): () => void;
}

/** A document's rows in the update log: the last id folded into its snapshot, and the ids still in the log. */
export interface LogRows {
  snapshot: string | null;
  ids: string[];
}

/** The update log, as far as the cluster watches it. */
export interface UpdateLogWatch {
  /** One entry per document asked for. */
  rowIds(docNames: readonly string[]): Promise<Map<string, LogRows>>;
  /** These rows, in id order; rows compacted meanwhile are missing. */
  rows(ids: readonly string[]): Promise<{ id: string; docName: string; update: Uint8Array }[]>;
}

/** The update log in PostgreSQL: one short statement each. */
export class PlanLogWatch implements UpdateLogWatch {
  constructor(private readonly ds: DataSource) {}

  async rowIds(docNames: readonly string[]): Promise<Map<string, LogRows>> {
    const rows = await this.ds.query<
      { doc_name: string; snapshot: string | null; ids: string[] }[]
    >(
      `SELECT d.name AS doc_name, s.last_update_id::text AS snapshot,
              COALESCE(array_agg(u.id::text) FILTER (WHERE u.id IS NOT NULL), '{}') AS ids
         FROM unnest($1::text[]) AS d(name)
         LEFT JOIN plan_snapshot s ON s.doc_name = d.name
         LEFT JOIN plan_update u ON u.doc_name = d.name
        GROUP BY d.name, s.last_update_id`,
      [docNames],
    );
    return new Map(rows.map((r) => [r.doc_name, { snapshot: r.snapshot, ids: r.ids }]));
  }

  async rows(
    ids: readonly string[],
  ): Promise<{ id: string; docName: string; update: Uint8Array }[]> {
    const rows = await this.ds.query<{ id: string; doc_name: string; update: Buffer }[]>(
      `SELECT id::text AS id, doc_name, "update" FROM plan_update WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [ids],
    );
    return rows.map((r) => ({
      id: r.id,
      docName: r.doc_name,
      update: new Uint8Array(r.update.buffer, r.update.byteOffset, r.update.byteLength),
    }));
  }
}

/** The hooks the collab service calls; implemented by `CollabCluster`. */
export interface CollabClusterLink {
  opened(room: DocRoom): void;
  closed(room: DocRoom): void;
  /** A batch was committed: its updates, and the update-log ids of its rows. */
  committed(room: DocRoom, updates: readonly Uint8Array[], ids: readonly string[]): void;
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
  running: Promise<void> | null;
  next: Promise<void> | null;
  offAwareness: () => void;
  /**
   * Update-log rows the live document is known to hold: the snapshot it
   * read, and rows read, committed here or announced by another instance.
   * Null until the first catch-up.
   */
  known: { snapshot: string | null; ids: Set<string> } | null;
}

export class CollabCluster implements CollabClusterLink {
  private readonly logger = new Logger('CollabCluster');
  /** This process: an instance id that also changes on restart, so sequence numbers start afresh. */
  readonly self: string;
  private readonly tracked = new Map<string, Tracked>();
  /** Our last sequence number per document. */
  private readonly seqs = new Map<string, number>();
  private readonly timer: NodeJS.Timeout;
  private readonly watchTimer: NodeJS.Timeout;
  private readonly offUp: () => void;
  private stopped = false;
  private publishFailures = 0;
  private watching = false;
  private watchedAt = 0;
  private watchFailures = 0;
  /** Until then the log is watched as often as while Redis is away. */
  private graceUntil = 0;

  constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    instanceId: string,
    private readonly host: ClusterHost,
    private readonly link: RedisLinkState,
    private readonly log: UpdateLogWatch,
  ) {
    this.self = `${instanceId}#${randomBytes(4).toString('hex')}`;
    sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.receive(channel.toString(), message),
    );
    this.offUp = link.onUp(() => this.rejoin());
    this.timer = setInterval(() => this.tick(), HEARTBEAT_MS);
    this.timer.unref();
    this.watchTimer = setInterval(() => void this.watch(), WATCH_DOWN_MS);
    this.watchTimer.unref();
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
      running: null,
      next: null,
      offAwareness: () => room.awareness.off('update', onAwareness),
      known: null,
    };
    this.tracked.set(room.name, t);
    // Whatever was committed elsewhere between our load and the subscription: read it back once subscribed.
    // While Redis is away the subscription waits for it, and the log watch reads the document meanwhile.
    this.sub.subscribe(channel).then(
      () => void this.catchUp(room, 'subscribed'),
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

  committed(room: DocRoom, updates: readonly Uint8Array[], ids: readonly string[]): void {
    if (this.stopped || updates.length === 0 || room.disposed) return;
    const t = this.tracked.get(room.name);
    if (t?.room === room && t.known) for (const id of ids) t.known.ids.add(id);
    const update = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates([...updates]);
    const seq = (this.seqs.get(room.name) ?? 0) + 1;
    this.seqs.set(room.name, seq);
    this.publish(DOC_CHANNEL_PREFIX + room.name, {
      kind: KIND_UPDATE,
      from: this.fromOf(room),
      seq,
      sv: room.storedStateVector(),
      update,
      ids: [...ids],
    });
  }

  /** Coalesced per document: joins the next run when one is going on (it may have read too early). */
  catchUp(room: DocRoom, reason: CatchUpReason = 'retry'): Promise<void> {
    const t = this.tracked.get(room.name);
    if (!t || t.room !== room) return this.runCatchUp(room, reason);
    if (t.next) return t.next;
    if (!t.running) {
      t.running = this.runCatchUp(room, reason).finally(() => {
        t.running = null;
      });
      return t.running;
    }
    t.next = t.running.then(() => {
      t.next = null;
      return this.catchUp(room, reason);
    });
    return t.next;
  }

  async close(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    clearInterval(this.watchTimer);
    this.offUp();
    for (const t of this.tracked.values()) t.offAwareness();
    this.tracked.clear();
  }

  /* ---------- internals ---------- */

  /** Sender id of one life of a document here: a reopened document starts its sequence afresh. */
  private fromOf(room: DocRoom): string {
    return `${this.self}/${room.epoch}`;
  }

  /** Redis answers again: renew every subscription, then read back what was missed meanwhile. */
  private rejoin(): void {
    this.graceUntil = Date.now() + WATCH_GRACE_MS;
    if (this.stopped || this.tracked.size === 0) return;
    const channels = [...this.tracked.values()].map((t) => t.channel);
    this.sub.subscribe(...channels).then(
      () => {
        this.logger.log(`Redis answers again: catching up ${this.tracked.size} open documents`);
        for (const t of this.tracked.values()) void this.catchUp(t.room, 'reconnected');
      },
      (e: unknown) => this.logger.warn(`Subscribing again failed: ${describeError(e)}`),
    );
  }

  private async runCatchUp(room: DocRoom, reason: CatchUpReason): Promise<void> {
    if (room.disposed || room.broken) return;
    catchUps.inc({ reason });
    try {
      // Asked before loading: every row named here is in what the load reads (or in its snapshot).
      const rows = (await this.log.rowIds([room.name])).get(room.name);
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
          this.logger.debug(`Caught up ${room.name} from the database (${reason})`);
      } finally {
        scratch.destroy();
      }
      const t = this.tracked.get(room.name);
      if (rows && t?.room === room && !room.broken) {
        const ids = new Set(rows.ids);
        for (const id of t.known?.ids ?? []) ids.add(id);
        t.known = { snapshot: rows.snapshot, ids };
      }
    } catch (e) {
      this.logger.warn(`Catching up a document failed: ${describeError(e)}`);
    }
  }

  /**
   * Read the rows of the update log that the open documents do not hold yet
   * (written by another instance whose message never came), and apply them.
   * A document whose snapshot changed (compaction) or that was never read
   * back is caught up in full instead.
   */
  private async watch(): Promise<void> {
    if (this.watching || this.stopped) return;
    const now = Date.now();
    const every = this.link.up() && now >= this.graceUntil ? WATCH_UP_MS : WATCH_DOWN_MS;
    if (now - this.watchedAt < every) return;
    this.watching = true;
    this.watchedAt = now;
    try {
      const open = [...this.tracked.values()].filter((t) => !t.room.disposed && !t.room.broken);
      if (open.length === 0) return;
      const inLog = await this.log.rowIds(open.map((t) => t.room.name));
      const wanted = new Map<string, Tracked>();
      for (const t of open) {
        const rows = inLog.get(t.room.name);
        if (!rows || this.tracked.get(t.room.name) !== t || t.running) continue;
        if (!t.known || t.known.snapshot !== rows.snapshot) {
          void this.catchUp(t.room, 'snapshot');
          continue;
        }
        const ids = new Set(rows.ids);
        // Forget rows that left the log (deleted with the document); the snapshot did not change.
        for (const id of t.known.ids) if (!ids.has(id)) t.known.ids.delete(id);
        for (const id of ids) if (!t.known.ids.has(id)) wanted.set(id, t);
      }
      if (wanted.size === 0) return;
      const got = new Map<Tracked, { ids: string[]; updates: Uint8Array[] }>();
      for (const r of await this.log.rows([...wanted.keys()])) {
        const t = wanted.get(r.id);
        if (!t || t.room.name !== r.docName) continue;
        let g = got.get(t);
        if (!g) {
          g = { ids: [], updates: [] };
          got.set(t, g);
        }
        g.ids.push(r.id);
        g.updates.push(r.update);
      }
      for (const [t, g] of got) {
        const room = t.room;
        if (this.tracked.get(room.name) !== t || room.disposed || room.broken) continue;
        catchUps.inc({ reason: 'watch' });
        let behind = false;
        try {
          this.host.applyStored(
            room,
            g.updates.length === 1 ? (g.updates[0] as Uint8Array) : Y.mergeUpdates(g.updates),
          );
        } catch (e) {
          this.logger.warn(`Log rows could not be applied: ${describeError(e)}`);
          behind = true;
        }
        if (room.disposed || room.broken) continue;
        if (room.doc.store.pendingStructs || room.doc.store.pendingDs) behind = true;
        if (behind) void this.catchUp(room, 'behind');
        else for (const id of g.ids) t.known?.ids.add(id);
      }
      this.watchFailures = 0;
    } catch (e) {
      if (this.watchFailures++ % 60 === 0)
        this.logger.warn(`Watching the update log failed: ${describeError(e)}`);
    } finally {
      this.watching = false;
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
      else if (!behind && t.known) for (const id of m.ids) t.known.ids.add(id);
    } else {
      if (!first && m.seq > s.seq) behind = true;
      s.seq = m.seq;
    }
    if (!behind && !room.disposed) {
      const local = Y.decodeStateVector(Y.encodeStateVector(room.doc));
      behind = !covers(local, Y.decodeStateVector(m.sv));
    }
    if (behind) void this.catchUp(room, 'behind');
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
        sv: room.storedStateVector(),
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
      if (gone) void this.catchUp(room, 'silent');
    }
  }

  /** While the publishing connection does not answer, nothing is sent: receivers read the log instead. */
  private publish(channel: string, m: Message): void {
    if (!this.link.usable(this.pub)) return;
    this.pub.publish(channel, encodeMessage(m)).then(
      () => {
        this.publishFailures = 0;
      },
      (e: unknown) => {
        // Receivers notice the gap (sequence numbers, heartbeats, the log watch) and read the database.
        if (this.publishFailures++ % 100 === 0)
          this.logger.warn(`Publishing a collab message failed: ${describeError(e)}`);
      },
    );
  }
}
