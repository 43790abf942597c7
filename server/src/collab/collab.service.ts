/**
 * Collab's public face and its room registry: loading documents (snapshot +
 * log tail, schema migration, server-owned part), joining and leaving,
 * server-made changes (`withDoc`), and what happens after a commit
 * (`plan:stored`, hooks, other instances). The parts with one job each:
 *  - update-intake.ts: client updates in (check, apply and relay, hand on);
 *  - doc-room.ts: one open document, its peers and pending writes;
 *  - group-commit.ts: one writer for the update log of every document;
 *  - update-log.ts / collab.repository.ts: the log itself (PostgreSQL);
 *  - compactor.ts: folding the log into snapshots;
 *  - stored-notices.ts: `plan:stored`, paced while a document is busy;
 *  - access-watcher.ts: closing connections when access ends.
 * Write path: connection → intake → room (apply, relay) → group commit →
 * room (stored) → here (confirm). Sockets stay in the gateway; this service
 * sees connections only as `CollabPeer`.
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import * as Y from 'yjs';
import { type DocName, migratePlan, parseDocName } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { DomainEvents } from '../common/domain-events';
import { EventsBroadcaster, rooms } from '../events/events.broadcaster';
import { HouseholdAccessPolicy } from '../modules/households/household-access.policy';
import { COMPACT_AFTER_LOAD_DELAY_MS, STORED_NOTICE_INTERVAL_MS } from './collab.constants';
import { type CompactionResult, CollabRepository } from './collab.repository';
import { addCollabGaugeSource } from './collab-metrics';
import { StoredNotices } from './stored-notices';
import { GroupCommit } from './group-commit';
import { AccessWatcher } from './access-watcher';
import { Compactor } from './compactor';
import { UpdateIntake } from './update-intake';
import {
  type CollabPeer,
  DocRoom,
  type QueuedUpdate,
  RoomBrokenError,
  type RoomHost,
} from './doc-room';
import {
  type ClosedHook,
  type CollabConnectionInfo,
  type CommittedHook,
  HookList,
  type OpenedHook,
  type RefusedConnection,
  type RefusedHook,
  type RejectedHook,
  type RejectedUpdate,
  type StoredHook,
} from './collab.hooks';
import { type CollabClusterLink, REMOTE_ORIGIN } from './collab-cluster';
import { syncStep2Message } from './protocol';
import { ServerPartSource, writeServerPartIfChanged } from './server-part';
import { UpdateValidator } from './update-validator';
import { describeError } from '../common/describe-error';

/** The origin of changes the server makes, as seen by observers of the live document. */
export const SERVER_ORIGIN = 'spil-server';

export type {
  ClosedHook,
  CollabConnectionInfo,
  CommittedHook,
  OpenedHook,
  RefusedHook,
  RejectedHook,
  RejectedUpdate,
  StoredHook,
};

export interface CollabStats {
  openDocs: number;
  connections: number;
  accepted: number;
  rejected: number;
  stored: number;
  /** Updates dropped as `gap` with a sync step 1 sent back (honest resyncs, not refusals). */
  resyncs: number;
}

export class CollabUnavailableError extends Error {}

@Injectable()
export class CollabService
  implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown, RoomHost
{
  private readonly logger = new Logger(CollabService.name);
  /** Loading or loaded rooms by document name. */
  private readonly loading = new Map<string, Promise<DocRoom>>();
  private readonly open = new Map<string, DocRoom>();
  private readonly hooks = {
    stored: new HookList<[string, Y.Doc, ReadonlySet<string> | null]>('onStored', this.logger),
    rejected: new HookList<[RejectedUpdate]>('onRejected', this.logger),
    opened: new HookList<[CollabConnectionInfo]>('onOpened', this.logger),
    closed: new HookList<[CollabConnectionInfo & { code?: number }]>('onClosed', this.logger),
    committed: new HookList<
      [
        {
          docName: string;
          rows: { id: string; connectionId: string | null; userId: string | null }[];
        },
      ]
    >('onCommitted', this.logger),
    refused: new HookList<[RefusedConnection]>('onRefused', this.logger),
  };
  private readonly unsubscribe: (() => void)[] = [];
  private epochs = 0;
  private closing = false;
  private stored = 0;
  /** Set with REDIS_URL: other instances with the same documents open (collab-cluster.ts). */
  private cluster: CollabClusterLink | null = null;
  readonly validator: UpdateValidator;
  /** One writer for the update log of every document (group commit). */
  private readonly writer: GroupCommit<QueuedUpdate>;
  /** Client updates: check, apply and relay, hand to the writer. */
  private readonly intake: UpdateIntake;
  private readonly compactor: Compactor;
  private readonly access: AccessWatcher;
  /** `plan:stored` for the document's followers, paced while it is busy. */
  private readonly notices = new StoredNotices<DocRoom>(
    (room) =>
      this.broadcaster.toRoom(rooms.doc(room.name), 'plan:stored', {
        docName: room.name,
        stateVector: Buffer.from(room.storedStateVector()).toString('base64'),
      }),
    STORED_NOTICE_INTERVAL_MS,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CollabRepository,
    private readonly serverPart: ServerPartSource,
    private readonly policy: HouseholdAccessPolicy,
    private readonly broadcaster: EventsBroadcaster,
    private readonly events: DomainEvents,
  ) {
    this.validator = new UpdateValidator();
    this.writer = new GroupCommit<QueuedUpdate>(repo);
    this.intake = new UpdateIntake(
      this.validator,
      config.COLLAB_MAX_DOC_BYTES,
      () => this.cluster,
      (e) => this.hooks.rejected.fire(e),
    );
    this.compactor = new Compactor(repo, config.COLLAB_COMPACT_AFTER, (name) =>
      this.open.get(name),
    );
    this.access = new AccessWatcher(
      events,
      policy,
      () => this.open.values(),
      (householdId) => this.refreshServerPart(householdId),
    );
  }

  onModuleInit(): void {
    this.unsubscribe.push(...this.access.start());
    this.unsubscribe.push(
      addCollabGaugeSource({
        openDocs: () => this.open.size,
        connections: () => this.stats().connections,
        compactionBacklog: () => Compactor.backlog(this.open.values()),
        pendingWrites: () => {
          let n = 0;
          for (const r of this.open.values()) n += r.pendingWrites;
          return n;
        },
      }),
    );
    this.compactor.start();
  }

  onModuleDestroy(): void {
    for (const u of this.unsubscribe.splice(0)) u();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.shutdown();
    await this.validator.close();
  }

  /* ---------- hooks ---------- */

  /** Stored changes (see `StoredHook`), e.g. for the read model. Returns an unsubscribe function. */
  onStored(hook: StoredHook): () => void {
    return this.hooks.stored.add(hook);
  }

  /** Refused client updates (see `RejectedHook`), e.g. for the audit log. */
  onRejected(hook: RejectedHook): () => void {
    return this.hooks.rejected.add(hook);
  }

  /** Connections that joined a document (see `OpenedHook`). */
  onOpened(hook: OpenedHook): () => void {
    return this.hooks.opened.add(hook);
  }

  /** Connections that left a document (see `ClosedHook`). */
  onClosed(hook: ClosedHook): () => void {
    return this.hooks.closed.add(hook);
  }

  /** Committed batches with their update-log row ids (see `CommittedHook`). */
  onCommitted(hook: CommittedHook): () => void {
    return this.hooks.committed.add(hook);
  }

  /** Upgrades refused with 4401/4403 (see `RefusedHook`). */
  onRefused(hook: RefusedHook): () => void {
    return this.hooks.refused.add(hook);
  }

  /** Share open documents with other instances (Redis); null to stop. Set before listening. */
  attachCluster(link: CollabClusterLink | null): void {
    this.cluster = link;
  }

  /** The stored state of a document, snapshot first (for the cluster's catch-up). */
  loadStored(docName: string): ReturnType<CollabRepository['load']> {
    return this.repo.load(docName);
  }

  /**
   * Changes stored elsewhere (another instance, or read back from the
   * database): applied to the live document, which relays what is new, and
   * to the validation worker's mirror. Never stored again. Returns whether
   * anything changed.
   */
  applyStored(room: DocRoom, update: Uint8Array): boolean {
    if (room.broken || room.disposed) return false;
    let diff: Uint8Array | null;
    try {
      diff = captureChange(
        room.doc,
        () => Y.applyUpdate(room.doc, update, REMOTE_ORIGIN),
        REMOTE_ORIGIN,
      );
    } catch (e) {
      room.fail(e);
      return false;
    }
    if (!diff) return false;
    room.markStored(diff);
    return true;
  }

  /** Reported by the gateway when it refuses an upgrade. */
  refused(e: RefusedConnection): void {
    this.hooks.refused.fire(e);
  }

  stats(): CollabStats {
    let connections = 0;
    for (const r of this.open.values()) connections += r.peers.size;
    return {
      openDocs: this.open.size,
      connections,
      ...this.intake.counters,
      stored: this.stored,
    };
  }

  /* ---------- server-side API ---------- */

  /**
   * Make a server-side change to a document: loads it (or uses the open one),
   * runs `fn` on a copy of its stored state, stores the resulting update like
   * any other, then applies it to the live document and relays it. Resolves
   * true once stored and relayed, false when `fn` changed nothing. Changes of
   * one document run one at a time. `fn` may write any root, `server` too.
   * `userId`: the person the change is made for (stored with the update and
   * named in `onCommitted`); null for the server's own changes.
   */
  async withDoc(
    docName: string,
    fn: (doc: Y.Doc) => void,
    { origin = SERVER_ORIGIN, userId = null }: { origin?: unknown; userId?: string | null } = {},
  ): Promise<boolean> {
    const room = await this.acquire(docName);
    try {
      return await this.serverChange(room, async () => fn, origin, userId);
    } finally {
      this.release(room);
    }
  }

  /** A copy of the stored document (the live one when open). Changing it changes nothing. */
  async readDoc(docName: string): Promise<Y.Doc> {
    if (!parseDocName(docName)) throw new Error('Invalid document name');
    const room = this.open.get(docName);
    const copy = new Y.Doc();
    if (room && !room.broken && !room.disposed) {
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(room.doc));
      return copy;
    }
    const stored = await this.repo.load(docName);
    applyAll(copy, stored.updates, (i) =>
      this.logger.error(`Stored update #${i} of a document cannot be applied; skipped`),
    );
    return copy;
  }

  /**
   * Fold the document's update log into its snapshot now (all of it, in
   * passes of at most COMPACT_MAX_ROWS rows). Runs at most once per document
   * at a time.
   */
  compact(docName: string): Promise<CompactionResult> {
    return this.compactor.compact(docName);
  }

  /* ---------- connections (used by the gateway) ---------- */

  /** Open a document for a connection about to join: loads it if needed. Pair with `attach` or `release`. */
  acquire(docName: string): Promise<DocRoom> {
    if (this.closing) return Promise.reject(new CollabUnavailableError('shutting down'));
    const cluster = this.cluster;
    const alreadyOpen = this.loading.has(docName);
    const acquired = this.acquireRoom(docName);
    if (!cluster || !alreadyOpen) return acquired;
    // Another instance may have stored what this one has not heard of yet, and the client may have seen it there.
    return acquired.then(async (room) => {
      await cluster.catchUp(room);
      return room;
    });
  }

  /** Join: the peer gets the server's sync step 1 and the awareness states. No await between the last access check and this. */
  attach(room: DocRoom, peer: CollabPeer): void {
    room.attach(peer);
    this.hooks.opened.fire(infoOf(room, peer));
  }

  /** Leave: drop the peer's awareness, and release the room (which unloads when nobody holds it). */
  detach(room: DocRoom, peer: CollabPeer, code?: number): void {
    room.detach(peer);
    this.hooks.closed.fire({ ...infoOf(room, peer), ...(code !== undefined ? { code } : {}) });
    this.release(room);
  }

  release(room: DocRoom): void {
    room.refs--;
    if (room.refs > 0) return;
    void this.unloadWhenIdle(room);
  }

  accessEpoch(householdId: string): number {
    return this.access.epoch(householdId);
  }

  /** Answer a sync step 1: after what is pending is stored, the part of the document the client lacks. */
  async syncStep2(room: DocRoom, stateVector: Uint8Array): Promise<Uint8Array> {
    await room.whenStored();
    return syncStep2Message(room.doc, stateVector);
  }

  /** A client update (see `UpdateIntake.submit`). */
  submit(room: DocRoom, peer: CollabPeer, update: Uint8Array, isSyncStep2 = false): Promise<void> {
    return this.intake.submit(room, peer, update, isSyncStep2);
  }

  /* ---------- shutdown ---------- */

  /** Store everything that was accepted; stop compaction. Connections are closed by the gateway afterwards. */
  async shutdown(): Promise<void> {
    if (this.closing && this.open.size === 0) return;
    this.closing = true;
    const rooms = [...this.open.values()];
    await Promise.allSettled(rooms.map((r) => r.serverChain.then(() => r.whenStored())));
    await this.writer.idle();
    await this.compactor.stop();
  }

  /* ---------- RoomHost ---------- */

  write(room: DocRoom, item: QueuedUpdate): void {
    this.writer.add(room, item);
  }

  committed(room: DocRoom, batch: readonly QueuedUpdate[], ids: readonly string[] = []): void {
    this.cluster?.committed(
      room,
      batch.map((b) => b.update),
      ids,
    );
    room.logRows += batch.length;
    this.stored += batch.length;
    const received: number[] = [];
    // The roots the batch touched; null when one of its updates is a server change (any root).
    let roots: Set<string> | null = new Set();
    for (const b of batch) {
      if (room.peerOf(b.origin)) received.push(b.receivedAt);
      if (!b.roots) roots = null;
      else if (roots) for (const r of b.roots) roots.add(r);
    }
    this.hooks.committed.fire({
      docName: room.name,
      rows: batch.map((b, i) => ({
        id: ids[i] ?? '',
        connectionId: room.peerOf(b.origin)?.id ?? null,
        userId: b.userId,
      })),
    });
    this.notices.committed(room, received);
    this.hooks.stored.fire(room.name, room.doc, roots);
    this.compactor.maybe(room);
  }

  broken(room: DocRoom): void {
    this.notices.forget(room);
    this.cluster?.closed(room);
    if (this.open.get(room.name) === room) {
      this.open.delete(room.name);
      this.loading.delete(room.name);
    }
    this.validator.drop(room.name);
  }

  /* ---------- internals ---------- */

  private async acquireRoom(docName: string): Promise<DocRoom> {
    const parsed = parseDocName(docName);
    if (!parsed) throw new Error('Invalid document name');
    for (;;) {
      let p = this.loading.get(docName);
      if (!p) {
        const created = this.load(docName, parsed);
        p = created;
        this.loading.set(docName, created);
        created.catch(() => {
          if (this.loading.get(docName) === created) this.loading.delete(docName);
        });
      }
      const room = await p;
      if (room.disposed || room.broken) {
        if (this.loading.get(docName) === p) this.loading.delete(docName);
        continue;
      }
      room.refs++;
      return room;
    }
  }

  private async load(docName: string, parsed: DocName): Promise<DocRoom> {
    const stored = await this.repo.load(docName);
    const doc = new Y.Doc();
    applyAll(doc, stored.updates, (i) =>
      this.logger.error(`Stored update #${i} of ${docName} cannot be applied; skipped`),
    );
    const room = new DocRoom(docName, parsed, ++this.epochs, doc, stored.logRows, this);
    room.onChange = (update, version) => this.validator.follow(docName, version, update);
    if (parsed.kind === 'plan') {
      // Migrate and mirror the server-owned part before anyone sees the document; stored like any server change.
      try {
        await this.serverChange(
          room,
          async () => {
            const part = await this.serverPart.forHousehold(parsed.householdId);
            return (d) => {
              migratePlan(d);
              writeServerPartIfChanged(d, part);
            };
          },
          SERVER_ORIGIN,
        );
      } catch (e) {
        room.destroy();
        this.validator.drop(docName);
        throw e;
      }
    }
    this.open.set(docName, room);
    this.cluster?.opened(room);
    if (room.logRows >= this.config.COLLAB_COMPACT_AFTER) {
      // Not right away: the connections that waited for this load still have queries to run.
      setTimeout(() => this.compactor.inBackground(docName), COMPACT_AFTER_LOAD_DELAY_MS).unref();
    }
    return room;
  }

  private async unloadWhenIdle(room: DocRoom): Promise<void> {
    await room.serverChain.catch(() => undefined);
    await room.whenStored().catch(() => undefined);
    if (room.refs > 0 || room.disposed) return;
    if (this.open.get(room.name) === room) {
      this.open.delete(room.name);
      this.loading.delete(room.name);
    }
    this.cluster?.closed(room);
    this.notices.flush(room);
    room.destroy();
    this.validator.drop(room.name);
  }

  /** Run a server-made change: on a copy of stored + accepted state, with the server's client id; stored, then applied. */
  private serverChange(
    room: DocRoom,
    prepare: () => Promise<(doc: Y.Doc) => void>,
    origin: unknown,
    userId: string | null = null,
  ): Promise<boolean> {
    const run = room.serverChain.then(async () => {
      const fn = await prepare();
      const seed = room.seed();
      if (!seed) throw new RoomBrokenError();
      const scratch = new Y.Doc();
      scratch.transact(() => {
        for (const u of seed) Y.applyUpdate(scratch, u);
      });
      // Only now: Yjs picks a new client id when a remote update advances the doc's own one.
      scratch.clientID = room.serverClientId;
      let update: Uint8Array | null;
      try {
        update = captureChange(scratch, () => fn(scratch), origin);
      } finally {
        scratch.destroy();
      }
      if (!update) return false;
      await room.enqueue(update, userId, origin).stored;
      return true;
    });
    room.serverChain = run.catch(() => undefined);
    return run;
  }

  private refreshServerPart(householdId: string): void {
    const room = this.open.get(householdId);
    if (!room || room.parsed.kind !== 'plan' || room.broken || this.closing) return;
    room.refs++;
    this.serverChange(
      room,
      async () => {
        const part = await this.serverPart.forHousehold(householdId);
        return (doc) => writeServerPartIfChanged(doc, part);
      },
      SERVER_ORIGIN,
    )
      .catch((e: unknown) => this.logger.error(`Mirroring team/regie failed: ${describeError(e)}`))
      .finally(() => this.release(room));
  }
}

function infoOf(room: DocRoom, peer: CollabPeer): CollabConnectionInfo {
  return {
    docName: room.name,
    connectionId: peer.id,
    user: peer.user,
    sessionId: peer.sessionId,
    write: peer.write,
    teamRole: peer.teamRole,
    address: peer.address,
  };
}

/** Apply stored updates in one transaction; an update that cannot be applied is reported and skipped. */
function applyAll(doc: Y.Doc, updates: Uint8Array[], onBad: (index: number) => void): void {
  doc.transact(() => {
    updates.forEach((u, i) => {
      try {
        Y.applyUpdate(doc, u);
      } catch {
        onBad(i);
      }
    });
  });
}

/** Run `fn` on `doc` in one transaction and return the update it produced, or null. */
function captureChange(doc: Y.Doc, fn: () => void, origin: unknown): Uint8Array | null {
  const out: Uint8Array[] = [];
  const onUpdate = (u: Uint8Array) => out.push(u);
  doc.on('update', onUpdate);
  try {
    doc.transact(fn, origin);
  } finally {
    doc.off('update', onUpdate);
  }
  if (out.length === 0) return null;
  return out.length === 1 ? (out[0] as Uint8Array) : Y.mergeUpdates(out);
}
