/**
 * One open document: the live Y.Doc, its awareness, its connections and its
 * write pipeline. The live Y.Doc only ever holds what is stored: accepted
 * updates wait in `unapplied` until their INSERT has committed, then they
 * are applied in order and relayed. Updates that arrive while a write is in
 * flight go out together in the next INSERT.
 */
import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocName } from '@spil/shared';
import type { UserEntity } from '../modules/users/user.entity';
import { CLOSE, WRITE_BATCH_BYTES, WRITE_BATCH_ROWS } from './collab.constants';
import type { NewUpdate } from './collab.repository';
import { awarenessMessage, syncStep1Message, updateMessage } from './protocol';
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
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface QueuedUpdate {
  readonly update: Uint8Array;
  readonly userId: string | null;
  /** The peer that sent it (not relayed back to it), or a server origin. */
  readonly origin: unknown;
  /** Settles once the update is stored and applied to the live document. */
  readonly stored: Promise<void>;
}

interface QueueItem extends QueuedUpdate {
  resolve(): void;
  reject(e: Error): void;
}

/** What a room needs from the service that owns it. */
export interface RoomHost {
  append(docName: string, updates: NewUpdate[]): Promise<string[]>;
  /** After a batch is committed and applied (not called for a failed write), with its update-log ids. */
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
  private readonly unapplied: QueueItem[] = [];
  private readonly queue: QueueItem[] = [];
  private writing = false;

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
    this.awareness = new Awareness(doc);
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
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

  /** Add a connection and send it the server's sync step 1 and the awareness states. */
  attach(peer: CollabPeer): void {
    this.peers.add(peer);
    peer.send(syncStep1Message(this.doc));
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

  /** Accept an update for storage. It is applied and relayed once its INSERT has committed. */
  enqueue(update: Uint8Array, userId: string | null, origin: unknown): QueuedUpdate {
    let resolve!: () => void;
    let reject!: (e: Error) => void;
    const stored = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    stored.catch(() => undefined);
    const item: QueueItem = { update, userId, origin, stored, resolve, reject };
    if (this.broken) {
      reject(new RoomBrokenError());
      return item;
    }
    this.unapplied.push(item);
    this.queue.push(item);
    void this.flush();
    return item;
  }

  /** Settles when everything accepted so far is stored and applied. */
  whenStored(): Promise<void> {
    const last = this.unapplied[this.unapplied.length - 1];
    if (this.broken) return Promise.reject(new RoomBrokenError());
    return last ? last.stored : Promise.resolve();
  }

  get pendingWrites(): number {
    return this.unapplied.length;
  }

  /** Stored state plus everything accepted but not yet applied: what a validation worker mirrors. */
  seed(): Uint8Array[] | null {
    if (this.broken || this.disposed) return null;
    return [Y.encodeStateAsUpdate(this.doc), ...this.unapplied.map((u) => u.update)];
  }

  /** Close every connection and forget what is pending: the stored log stays the truth. */
  fail(error: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.logger.error(`Document ${this.name} could not be stored: ${describeError(error)}`);
    const err = new RoomBrokenError();
    for (const item of this.unapplied.splice(0)) item.reject(err);
    this.queue.length = 0;
    for (const p of [...this.peers]) p.close(CLOSE.serverError, 'opslaan mislukt');
    this.host.broken(this);
  }

  destroy(): void {
    this.disposed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }

  private async flush(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    try {
      while (this.queue.length > 0 && !this.broken) {
        const batch: QueueItem[] = [];
        let bytes = 0;
        while (this.queue.length > 0 && batch.length < WRITE_BATCH_ROWS) {
          const next = this.queue[0] as QueueItem;
          if (batch.length > 0 && bytes + next.update.length > WRITE_BATCH_BYTES) break;
          batch.push(next);
          bytes += next.update.length;
          this.queue.shift();
        }
        let ids: string[];
        try {
          ids = await this.host.append(
            this.name,
            batch.map((b) => ({ update: b.update, userId: b.userId })),
          );
        } catch (e) {
          this.fail(e);
          return;
        }
        if (this.broken) return;
        this.apply(batch, ids);
      }
    } finally {
      this.writing = false;
    }
  }

  /** Stored: apply in order (the doc's update handler relays), then settle and tell the host. */
  private apply(batch: QueueItem[], ids: string[]): void {
    for (const item of batch) {
      try {
        Y.applyUpdate(this.doc, item.update, item.origin);
      } catch (e) {
        // Stored but not appliable: loading skips such a row; this life of the document ends here.
        this.fail(e);
        return;
      }
      if (this.unapplied[0] === item) this.unapplied.shift();
      item.resolve();
    }
    this.host.committed(this, batch, ids);
  }
}
