/**
 * Group commit: one writer for the update log of every open document. An
 * accepted update is applied and relayed at once (doc-room.ts) and handed
 * here; while one write is in flight, whatever arrives, for any document,
 * waits and goes out together in the next one. So the log sees one INSERT
 * at a time however many people type, and an update waits at most for the
 * write before its own. Writes start at most every `minIntervalMs`: the
 * first after a quiet spell goes at once, and while people type, one write
 * carries what arrived during the interval (a fast database would otherwise
 * take a write per update or two, each a round trip and a commit). After
 * the commit each room learns which of its updates are stored, in order
 * (`DocRoom.committed`); a failed write fails every room it carried (their
 * clients reconnect and send again).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { COMMIT_MIN_INTERVAL_MS, WRITE_BATCH_BYTES, WRITE_BATCH_ROWS } from './collab.constants';
import { commitBatchRows, commitSeconds } from './collab-metrics';
import type { LogRow, UpdateLog } from './update-log';

/** A room as the writer sees it. */
export interface CommitTarget<T extends { update: Uint8Array; userId: string | null }> {
  readonly name: string;
  readonly broken: boolean;
  /** These updates (in the order added) are committed, with their update-log ids. */
  committed(items: T[], ids: string[]): void;
  fail(error: unknown): void;
}

interface Entry<T extends { update: Uint8Array; userId: string | null }> {
  target: CommitTarget<T>;
  item: T;
}

export class GroupCommit<T extends { update: Uint8Array; userId: string | null }> {
  private queue: Entry<T>[] = [];
  private running: Promise<void> | null = null;
  /** When the last write started (performance.now()). */
  private lastStart = -Infinity;

  constructor(
    private readonly log: Pick<UpdateLog, 'appendRows'>,
    private readonly minIntervalMs = COMMIT_MIN_INTERVAL_MS,
  ) {}

  /** Queue one update for the next write (written at once when no write is in flight). */
  add(target: CommitTarget<T>, item: T): void {
    this.queue.push({ target, item });
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  /** Settles when nothing is queued or being written. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  get queued(): number {
    return this.queue.length;
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const wait = this.lastStart + this.minIntervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      this.lastStart = performance.now();
      const batch = this.take();
      if (batch.length === 0) continue;
      const rows: LogRow[] = batch.map((e) => ({
        docName: e.target.name,
        update: e.item.update,
        userId: e.item.userId,
      }));
      const end = commitSeconds.startTimer();
      let ids: string[];
      try {
        ids = await this.log.appendRows(rows);
      } catch (e) {
        end();
        for (const target of new Set(batch.map((b) => b.target))) target.fail(e);
        continue;
      }
      end();
      commitBatchRows.observe(rows.length);
      // Per room, in the order added.
      const byTarget = new Map<CommitTarget<T>, { items: T[]; ids: string[] }>();
      batch.forEach((e, i) => {
        let g = byTarget.get(e.target);
        if (!g) {
          g = { items: [], ids: [] };
          byTarget.set(e.target, g);
        }
        g.items.push(e.item);
        g.ids.push(ids[i] ?? '');
      });
      for (const [target, g] of byTarget) {
        if (!target.broken) target.committed(g.items, g.ids);
      }
    }
  }

  /** The next write: everything queued, within the row and byte limits; updates of failed rooms left out. */
  private take(): Entry<T>[] {
    const batch: Entry<T>[] = [];
    let bytes = 0;
    let i = 0;
    for (; i < this.queue.length && batch.length < WRITE_BATCH_ROWS; i++) {
      const e = this.queue[i] as Entry<T>;
      if (e.target.broken) continue;
      if (batch.length > 0 && bytes + e.item.update.length > WRITE_BATCH_BYTES) break;
      batch.push(e);
      bytes += e.item.update.length;
    }
    this.queue = this.queue.slice(i);
    return batch;
  }
}
