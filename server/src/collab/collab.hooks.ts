/**
 * What other parts of the server can observe of collab without touching
 * sockets: subscribe with `CollabService.onX(hook)`, get an unsubscribe
 * function back. Hooks run synchronously in subscription order; a hook that
 * throws or whose promise rejects is logged and does not stop the others; a
 * returned promise is never awaited (collab does not wait for observers).
 */
import { Logger } from '@nestjs/common';
import type * as Y from 'yjs';
import type { TeamRole } from '@spil/shared';
import type { UserEntity } from '../modules/users/user.entity';
import type { RejectReason, WriteLevel } from './update-check';
import { describeError, stackWithoutMessage } from '../common/describe-error';

/**
 * After a change to a document is stored and applied to the live document:
 * once per committed batch of client updates, once per server change
 * (`withDoc`, team/regie mirroring) and once when loading wrote the schema
 * migration or the server part. Fires after the relay (and
 * after `plan:stored`, unless the notice is paced: stored-notices.ts). `doc` is the live document: read it, do not change it (use
 * `withDoc`). Not called for rejected or empty updates. `roots`: the
 * document's roots the stored change touched (from the checks of its client
 * updates), or null when that is not known (a server change): then any.
 */
export type StoredHook = (
  docName: string,
  doc: Y.Doc,
  roots: ReadonlySet<string> | null,
) => unknown;

/** A client update that was refused. It was not applied, stored or relayed; the connection stays open. */
export interface RejectedUpdate {
  docName: string;
  userId: string;
  sessionId: string;
  /** Random id of the connection (per connection, never personal data). */
  connectionId: string;
  reason: RejectReason;
  bytes: number;
  at: Date;
}
/** Right after a client update was refused (read-only, a root the sender may not write, the server root, unresolvable, too large). */
export type RejectedHook = (event: RejectedUpdate) => unknown;

/** A connection on one document. */
export interface CollabConnectionInfo {
  docName: string;
  connectionId: string;
  user: UserEntity;
  sessionId: string;
  write: WriteLevel;
  /** The user's role on the household's team, as the access check found it (null: not on the team). */
  teamRole: TeamRole | null;
  /** The client's address as the server saw it (behind a proxy: the proxy's), or null. */
  address: string | null;
}
/** After a connection was let in and joined the document; the server's sync step 1 has just been sent, document content follows. */
export type OpenedHook = (c: CollabConnectionInfo) => unknown;
/** After a joined connection left or was closed, once everything it sent was handled. `code` is the close code when known. */
export type ClosedHook = (c: CollabConnectionInfo & { code?: number }) => unknown;

export interface CommittedBatch {
  docName: string;
  /**
   * The update-log rows of the batch, in order. `connectionId` is null for
   * server changes; `userId` too, unless the change was made for someone
   * (`withDoc`'s `userId`, a REST call).
   */
  rows: { id: string; connectionId: string | null; userId: string | null }[];
}
/** After a batch of updates is committed to the update log and applied, just before `StoredHook`. */
export type CommittedHook = (e: CommittedBatch) => unknown;

export interface RefusedConnection {
  /** Null when the name itself was malformed. */
  docName: string | null;
  /** Null when the client was not authenticated (4401). */
  userId: string | null;
  code: number;
  address: string | null;
}
/** After an upgrade was refused with 4401 or 4403 (no document byte was sent). */
export type RefusedHook = (e: RefusedConnection) => unknown;

/** A list of hooks of one kind. */
export class HookList<A extends unknown[]> {
  private readonly hooks = new Set<(...args: A) => unknown>();

  constructor(
    private readonly name: string,
    private readonly logger: Logger,
  ) {}

  add(hook: (...args: A) => unknown): () => void {
    this.hooks.add(hook);
    return () => this.hooks.delete(hook);
  }

  fire(...args: A): void {
    for (const hook of this.hooks) {
      try {
        const r = hook(...args);
        if (r instanceof Promise)
          r.catch((e: unknown) =>
            this.logger.error(
              `${this.name} hook failed: ${describeError(e)}`,
              stackWithoutMessage(e),
            ),
          );
      } catch (e) {
        this.logger.error(`${this.name} hook failed: ${describeError(e)}`, stackWithoutMessage(e));
      }
    }
  }
}
