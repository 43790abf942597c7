/**
 * The update log (update-log.ts) on PostgreSQL and the embedded database:
 * `plan_update` rows and `plan_snapshot`. Every statement is short: the
 * embedded database is one connection, and a long transaction there stops
 * every other query.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { setImmediate as yieldToOthers } from 'node:timers/promises';
import * as Y from 'yjs';
import { COMPACT_APPLY_CHUNK } from './collab.constants';
import type { CompactionResult, LogRow, StoredDoc, UpdateLog } from './update-log';

/** A folded row was deleted meanwhile (a purge): the compaction's write is rolled back. */
class ChangedMeanwhile extends Error {}

export type { CompactionResult, LogRow, StoredDoc } from './update-log';

export interface NewUpdate {
  update: Uint8Array;
  userId: string | null;
}

@Injectable()
export class CollabRepository implements UpdateLog {
  private readonly logger = new Logger('CollabRepository');

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The stored state of a document. One statement, so it sees one consistent
   * snapshot even while a compaction commits.
   */
  async load(docName: string): Promise<StoredDoc> {
    const rows = await this.ds.query<{ k: number; data: Buffer }[]>(
      `SELECT 0 AS k, state AS data, 0::bigint AS id FROM plan_snapshot WHERE doc_name = $1
       UNION ALL
       SELECT 1 AS k, "update" AS data, id FROM plan_update WHERE doc_name = $1
       ORDER BY k, id`,
      [docName],
    );
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      logRows: rows.filter((r) => Number(r.k) === 1).length,
    };
  }

  /** Append updates of one document (see `appendRows`). */
  append(docName: string, updates: NewUpdate[]): Promise<string[]> {
    return this.appendRows(updates.map((u) => ({ docName, ...u })));
  }

  /** Append rows of any documents in one INSERT (one statement: committed together). Returns their ids, in order. */
  async appendRows(rows: readonly LogRow[]): Promise<string[]> {
    if (rows.length === 0) return [];
    const params: unknown[] = [];
    const values = rows.map((r) => {
      params.push(
        r.docName,
        Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength),
        r.userId,
      );
      const n = params.length;
      return `($${n - 2}, $${n - 1}, $${n})`;
    });
    const out = await this.ds.query<{ id: string }[]>(
      `INSERT INTO plan_update (doc_name, "update", user_id) VALUES ${values.join(', ')} RETURNING id`,
      params,
    );
    return out.map((r) => String(r.id));
  }

  /** Delete a document's snapshot and log, in one transaction. */
  async purge(docName: string): Promise<void> {
    await this.ds.transaction(async (em) => {
      await em.query('DELETE FROM plan_update WHERE doc_name = $1', [docName]);
      await em.query('DELETE FROM plan_snapshot WHERE doc_name = $1', [docName]);
    });
  }

  /**
   * Fold the oldest `maxRows` log rows of a document into its snapshot and
   * delete exactly the rows folded. The folding (applying every row to a
   * scratch document and encoding it) runs outside any transaction and gives
   * way to other work every `COMPACT_APPLY_CHUNK` rows: it is the only
   * CPU-heavy part, and neither relayed typing nor the one connection of the
   * embedded database waits for it. The write then runs in one transaction
   * under an advisory lock on the document, and only if nothing changed
   * meanwhile: the snapshot is still the one folded (no other compaction
   * came first) and every folded row is still there (no purge); else nothing
   * is written (`merged` 0) and a later pass tries again. Rows committed
   * meanwhile stay in the log; loading applies every row still there, so
   * none is lost whatever order ids commit in.
   */
  async compact(docName: string, maxRows: number): Promise<CompactionResult> {
    const snap = await this.ds.query<{ state: Buffer; last: string | null }[]>(
      'SELECT state, last_update_id::text AS last FROM plan_snapshot WHERE doc_name = $1',
      [docName],
    );
    const rows = await this.ds.query<{ id: string; update: Buffer }[]>(
      'SELECT id, "update" FROM plan_update WHERE doc_name = $1 ORDER BY id LIMIT $2',
      [docName, maxRows],
    );
    if (rows.length === 0) return { merged: 0, bytes: snap[0]?.state.length ?? 0 };
    const doc = new Y.Doc();
    let state: Uint8Array;
    try {
      if (snap[0]) Y.applyUpdate(doc, snap[0].state);
      for (let i = 0; i < rows.length; i += COMPACT_APPLY_CHUNK) {
        if (i > 0) await yieldToOthers();
        doc.transact(() => {
          for (const r of rows.slice(i, i + COMPACT_APPLY_CHUNK)) {
            try {
              Y.applyUpdate(doc, r.update);
            } catch {
              this.logger.error(
                `Update ${r.id} of a document cannot be applied; dropped at compaction`,
              );
            }
          }
        });
      }
      state = Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
    const ids = rows.map((r) => String(r.id));
    const maxId = ids[ids.length - 1] as string;
    const written = await this.ds
      .transaction(async (em) => {
        await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [docName]);
        const now = await em.query<{ last: string | null }[]>(
          'SELECT last_update_id::text AS last FROM plan_snapshot WHERE doc_name = $1',
          [docName],
        );
        if (now.length !== snap.length || (now[0]?.last ?? null) !== (snap[0]?.last ?? null))
          return false;
        const deleted = await em.query<{ n: string }[]>(
          `WITH d AS (DELETE FROM plan_update WHERE doc_name = $1 AND id = ANY($2::bigint[]) RETURNING 1)
         SELECT count(*)::text AS n FROM d`,
          [docName, ids],
        );
        if (Number(deleted[0]?.n ?? 0) !== ids.length) throw new ChangedMeanwhile();
        await em.query(
          `INSERT INTO plan_snapshot (doc_name, state, last_update_id, updated_at) VALUES ($1, $2, $3, now())
         ON CONFLICT (doc_name) DO UPDATE SET state = EXCLUDED.state,
           last_update_id = GREATEST(plan_snapshot.last_update_id, EXCLUDED.last_update_id), updated_at = now()`,
          [docName, Buffer.from(state.buffer, state.byteOffset, state.byteLength), maxId],
        );
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof ChangedMeanwhile) return false;
        throw e;
      });
    if (!written) return { merged: 0, bytes: snap[0]?.state.length ?? 0 };
    return { merged: rows.length, bytes: state.length };
  }

  /** Documents worth compacting: a long log, or a log tail that has been idle for a while. */
  async compactionCandidates(
    minRows: number,
    idleSeconds: number,
    limit: number,
  ): Promise<string[]> {
    const rows = await this.ds.query<{ doc_name: string }[]>(
      `SELECT doc_name FROM plan_update GROUP BY doc_name
       HAVING count(*) >= $1 OR (count(*) >= 2 AND max(created_at) < now() - make_interval(secs => $2))
       LIMIT $3`,
      [minRows, idleSeconds, limit],
    );
    return rows.map((r) => r.doc_name);
  }
}
