/**
 * One open document: the live Y.Doc, its awareness, its connections and its
 * write pipeline. Relay first, confirm on commit (ADR 014): an accepted
 * update is applied to the live document at once (its update handler relays
 * it) and handed to the group commit (group-commit.ts); once its write has
 * committed it counts as stored: the stored state vector advances, and the
 * service tells the document's followers (`plan:stored`, "Opgeslagen"). If
 * the process dies in between, the clients that hold the update send it
 * again when they reconnect: the sync step 1 they get carries the stored
 * state vector, not the live one.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocName, TeamRole } from '@spil/shared';
import type { UserEntity } from '../modules/users/user.entity';
import { CLOSE } from './collab.constants';
import { awarenessMessage, syncStep1FromVector, updateMessage } from './protocol';
import type { WriteLevel } from './update-check';
import { describeError } from '../common/describe-error';

/** A live connection as the collab service sees it: no socket, just what it needs. */
export interface CollabPeer {
  /** Random id for logs; never personal data. */
  readonly id: string;
  readonly user: UserEntity;
  readonly sessionId: string;
  /** The client's address as the server saw it, for the audit log. */
  readonly address: string | null;
  readonly closed: boolean;
  /** Rechecked when team, role or consent change. */
  write: WriteLevel;
  /** The user's role on the household's team (null: not on it, e.g. the coördinator); rechecked with `write`. */
  teamRole: TeamRole | null;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface QueuedUpdate {
  readonly update: Uint8Array;
  readonly userId: string | null;
  /** The peer that sent it (not relayed back to it), or a server origin. */
  readonly origin: unknown;
  /** Settles once the update is committed (it was applied to the live document when accepted). */
  readonly stored: Promise<void>;
  /** When the server received it (performance.now()), for the confirmation-time metric. */
  readonly receivedAt: number;
  /** The document's roots it touches (from the check); null when not known (a server change): any. */
  readonly roots: readonly string[] | null;
}

interface QueueItem extends QueuedUpdate {
  /** The live document's state vector right after it was applied (Yjs's `afterState`, kept as is). */
  readonly after: ReadonlyMap<number, number>;
  resolve(): void;
  reject(e: Error): void;
}

/** What a room needs from the service that owns it. */
export interface RoomHost {
  /** Hand an accepted update to the group commit; it calls `committed` or `fail` on the room. */
  write(room: DocRoom, item: QueuedUpdate): void;
  /** After a batch of this room's updates is committed (not called for a failed write), with their update-log ids. */
  committed(room: DocRoom, batch: readonly QueuedUpdate[], ids: readonly string[]): void;
  /** After a write or apply failed: the room closed its peers and must be forgotten. */
  broken(room: DocRoom): void;
}

export class RoomBrokenError extends Error {
  constructor() {
    super('The document could not be stored');
  }
}

export class DocRoom {
  private static versions = 0;
  private static nextVersion(): number {
    return ++DocRoom.versions;
  }
  private readonly logger = new Logger('CollabDoc');
  readonly awareness: Awareness;
  readonly peers = new Set<CollabPeer>();
  /** Awareness client id → the connection that owns it. */
  readonly awarenessOwners = new Map<number, CollabPeer>();
  /** Connections and service calls holding the room open. */
  refs = 0;
  broken = false;
  disposed = false;
  /** Server-made changes run one at a time (they share the server's client id). */
  serverChain: Promise<unknown> = Promise.resolve();
  /** Changes with every change to the live document, unique in this process: a validation worker's mirror must match it. */
  version = DocRoom.nextVersion();
  /** Told of every change to the live document, with the version after it (the validation worker's mirror follows). */
  onChange: ((update: Uint8Array, version: number) => void) | null = null;
  /** Estimate of the stored size: exact at load and when `exactBytes` runs, then grows with each change. */
  bytes: number;
  /** The change the last applyUpdate made and the state vector after it (set by the update handler). */
  private lastChange: Uint8Array | null = null;
  private lastAfter: ReadonlyMap<number, number> | null = null;
  /** Accepted and relayed, not yet committed, in order. */
  private readonly pending: QueueItem[] = [];
  /** What is committed: the live document's state vector minus what is pending. */
  private storedVector: Map<number, number>;

  constructor(
    readonly name: string,
    readonly parsed: DocName,
    /** Distinguishes this life of the document from a later reload. */
    readonly epoch: number,
    readonly doc: Y.Doc,
    /** Rows of the update log that are not yet in the snapshot. */
    public logRows: number,
    private readonly host: RoomHost,
  ) {
    let id = doc.clientID;
    while (id === doc.clientID) id = randomBytes(4).readUInt32LE(0);
    this.serverClientId = id;
    this.storedVector = Y.decodeStateVector(Y.encodeStateVector(doc));
    this.bytes = Y.encodeStateAsUpdate(doc).length;
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
      this.version = DocRoom.nextVersion();
      this.bytes += update.length;
      this.onChange?.(update, this.version);
      this.lastChange = update;
      // Yjs made this map for the transaction and never changes it again: what is stored once this update is.
      this.lastAfter = tr.afterState;
      // Encoded once for every peer.
      const msg = updateMessage(update);
      for (const p of this.peers) if (p !== origin) p.send(msg);
    });
    this.awareness.on(
      'update',
      ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
        const changed = [...added, ...updated, ...removed];
        if (changed.length === 0) return;
        const msg = awarenessMessage(encodeAwarenessUpdate(this.awareness, changed));
        for (const p of this.peers) p.send(msg);
      },
    );
  }

  /**
   * The server's own client id in this document, for every server-made change
   * (made on a copy, then applied here). Not the live doc's own id: Yjs gives
   * a doc a new id when a remote update advances its own one.
   */
  readonly serverClientId: number;

  /** The connection an update came from, when it came from one of this room's connections. */
  peerOf(origin: unknown): CollabPeer | null {
    return this.peers.has(origin as CollabPeer) || this.formerPeers.has(origin as CollabPeer)
      ? (origin as CollabPeer)
      : null;
  }
  /** Connections that left while their updates were still on their way to the log. */
  private readonly formerPeers = new WeakSet<CollabPeer>();

  /**
   * Add a connection and send it the server's sync step 1 and the awareness
   * states. The step 1 carries the stored state vector: the client answers
   * with everything not yet committed, too (what is already live is a no-op).
   */
  attach(peer: CollabPeer): void {
    this.peers.add(peer);
    peer.send(this.syncStep1());
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0)
      peer.send(awarenessMessage(encodeAwarenessUpdate(this.awareness, states)));
  }

  /** Remove a connection and the awareness states it owned. */
  detach(peer: CollabPeer): void {
    this.peers.delete(peer);
    this.formerPeers.add(peer);
    const owned: number[] = [];
    for (const [clientId, owner] of this.awarenessOwners) {
      if (owner === peer) owned.push(clientId);
    }
    for (const c of owned) this.awarenessOwners.delete(c);
    const present = owned.filter((c) => this.awareness.getStates().has(c));
    if (present.length > 0 && !this.disposed)
      removeAwarenessStates(this.awareness, present, 'detach');
  }

  /** A sync step 1 with the stored state vector: its answer brings whatever is not committed yet. */
  syncStep1(): Uint8Array {
    return syncStep1FromVector(Y.encodeStateVector(this.storedVector));
  }

  /** The state vector of what is committed (for `plan:stored` and other instances). */
  storedStateVector(): Uint8Array {
    return Y.encodeStateVector(this.storedVector);
  }

  /** The exact size of the document's state now (and the estimate reset to it). */
  exactBytes(): number {
    this.bytes = Y.encodeStateAsUpdate(this.doc).length;
    return this.bytes;
  }

  /**
   * An accepted update: applied to the live document now (the update handler
   * relays it to every other peer), and what it changed is handed to the
   * group commit. `stored` settles after its commit, or at once when it
   * changed nothing (all of it was there already).
   */
  enqueue(
    update: Uint8Array,
    userId: string | null,
    origin: unknown,
    receivedAt = performance.now(),
    roots: readonly string[] | null = null,
  ): QueuedUpdate {
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const stored = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    stored.catch(() => undefined);
    const item: QueueItem = {
      update,
      userId,
      origin,
      stored,
      receivedAt,
      roots,
      after: new Map(),
      resolve,
      reject,
    };
    if (this.broken) {
      reject(new RoomBrokenError());
      return item;
    }
    this.lastChange = null;
    this.lastAfter = null;
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (e) {
      // Checked, but the live document cannot integrate it. This life of the document ends here.
      this.fail(e);
      reject(new RoomBrokenError());
      return item;
    }
    const store = this.doc.store;
    if (store.pendingStructs || store.pendingDs) {
      // The checks refuse whatever could stay pending; never keep such state (it is neither relayed nor stored).
      this.logger.warn(`An accepted update of ${this.name} left pending state; dropped`);
      store.pendingStructs = null;
      store.pendingDs = null;
    }
    const change = this.lastChange as Uint8Array | null;
    const after = this.lastAfter as ReadonlyMap<number, number> | null;
    this.lastChange = null;
    this.lastAfter = null;
    if (!change || !after) {
      resolve();
      return item;
    }
    const queued: QueueItem = { ...item, update: change, after };
    this.pending.push(queued);
    this.host.write(this, queued);
    return queued;
  }

  /** Changes stored elsewhere (another instance, a catch-up) that were applied to the live document. */
  markStored(update: Uint8Array): void {
    if (this.pending.length === 0) {
      this.storedVector = Y.decodeStateVector(Y.encodeStateVector(this.doc));
      return;
    }
    mergeInto(this.storedVector, Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)));
  }

  /**
   * Called by the group commit: these updates (the oldest pending, in order)
   * are committed. Everything the live document held when the last of them
   * was applied is stored now: the updates before it were committed before
   * or with it, and whatever else it held was stored elsewhere (`markStored`).
   * So its `afterState` raises the stored vector, without decoding an update.
   */
  committed(batch: readonly QueuedUpdate[], ids: string[]): void {
    if (this.broken) return;
    const items = batch as readonly QueueItem[];
    for (const item of items) {
      if (this.pending[0] === item) this.pending.shift();
      item.resolve();
    }
    const last = items[items.length - 1];
    if (last) mergeInto(this.storedVector, last.after);
    this.host.committed(this, items, ids);
  }

  /** Settles when everything accepted so far is committed. */
  whenStored(): Promise<void> {
    const last = this.pending[this.pending.length - 1];
    if (this.broken) return Promise.reject(new RoomBrokenError());
    return last ? last.stored : Promise.resolve();
  }

  get pendingWrites(): number {
    return this.pending.length;
  }

  /** Everything accepted (the live document holds it all): what a validation worker mirrors. */
  seed(): Uint8Array[] | null {
    if (this.broken || this.disposed) return null;
    return [Y.encodeStateAsUpdate(this.doc)];
  }

  /** Close every connection and forget what is pending: the stored log stays the truth. */
  fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.logger.error(`Document ${this.name} could not be stored: ${describeError(error)}`);
    const err = new RoomBrokenError();
    for (const item of this.pending.splice(0)) item.reject(err);
    for (const p of [...this.peers]) p.close(CLOSE.serverError, 'opslaan mislukt');
    this.host.broken(this);
  }

  destroy(): void {
    this.disposed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }
}

/** Raise `into` to cover `from`, client by client. */
function mergeInto(into: Map<number, number>, from: ReadonlyMap<number, number>): void {
  for (const [client, clock] of from) {
    if ((into.get(client) ?? 0) < clock) into.set(client, clock);
  }
}
