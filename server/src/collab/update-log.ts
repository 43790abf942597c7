/**
 * The update log of collaborative documents, as the rest of collab sees it:
 * a snapshot per document plus the updates stored after it. Four
 * operations: append (one write for many documents, committed together),
 * load, compact (fold the oldest rows into the snapshot) and purge. The
 * PostgreSQL implementation (both databases Spil runs on) is
 * `CollabRepository` in collab.repository.ts.
 */

export interface StoredDoc {
  /** Snapshot first, then the log tail in id order. */
  updates: Uint8Array[];
  /** Rows in the log tail. */
  logRows: number;
}

/** One update for one document, as appended. */
export interface LogRow {
  docName: string;
  update: Uint8Array;
  userId: string | null;
}

export interface CompactionResult {
  /** Rows folded into the snapshot and deleted. */
  merged: number;
  /** Size of the new snapshot in bytes. */
  bytes: number;
}

export interface UpdateLog {
  /** Append rows of any documents in one write, committed together; resolves with their ids, in order. */
  appendRows(rows: readonly LogRow[]): Promise<string[]>;
  /** The stored state of a document: snapshot first, then the log tail. */
  load(docName: string): Promise<StoredDoc>;
  /** Fold the oldest `maxRows` rows of a document into its snapshot. */
  compact(docName: string, maxRows: number): Promise<CompactionResult>;
  /** Delete a document's snapshot and log (retention). */
  purge(docName: string): Promise<void>;
  /** Documents worth compacting: a long log, or a log tail idle for a while. */
  compactionCandidates(minRows: number, idleSeconds: number, limit: number): Promise<string[]>;
}
