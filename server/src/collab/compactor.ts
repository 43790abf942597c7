/**
 * Compaction: folds a document's update log into its snapshot, in passes of
 * at most COMPACT_MAX_ROWS rows (each one short transaction: the embedded
 * database is one connection). Runs at most once per document at a time; in
 * the background after a long log was loaded or written, and every
 * COMPACT_INTERVAL_MS for documents whose log tail has been idle.
 */
import { Logger } from '@nestjs/common';
import { describeError } from '../common/describe-error';
import { COMPACT_IDLE_SECONDS, COMPACT_INTERVAL_MS, COMPACT_MAX_ROWS } from './collab.constants';
import type { DocRoom } from './doc-room';
import type { CompactionResult, UpdateLog } from './update-log';

export class Compactor {
  private readonly logger = new Logger('CollabCompactor');
  private readonly running = new Map<string, Promise<CompactionResult>>();
  private readonly background = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly log: UpdateLog,
    /** Rows in a log tail worth compacting. */
    private readonly compactAfter: number,
    /** The open document of this name, if any (its row count is kept up to date). */
    private readonly openRoom: (docName: string) => DocRoom | undefined,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.idle(), COMPACT_INTERVAL_MS);
    this.timer.unref();
  }

  /** No new compactions; settles when the running ones are done. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Fold the whole log of a document into its snapshot now, in passes. */
  async compact(docName: string): Promise<CompactionResult> {
    let total: CompactionResult = { merged: 0, bytes: 0 };
    for (;;) {
      const r = await this.once(docName);
      total = { merged: total.merged + r.merged, bytes: r.bytes };
      if (r.merged < COMPACT_MAX_ROWS) return total;
    }
  }

  /** Compact when the open document's log tail is long enough, in the background. */
  maybe(room: DocRoom): void {
    if (room.logRows >= this.compactAfter) this.inBackground(room.name);
  }

  /** Compact the whole log of a document, in passes, unless that is already going on. */
  inBackground(docName: string): void {
    if (this.background.has(docName) || this.stopped) return;
    this.background.add(docName);
    this.compact(docName)
      .catch((e: unknown) => this.logger.error(`Compaction failed: ${describeError(e)}`))
      .finally(() => this.background.delete(docName));
  }

  /** Log rows of open documents not yet in a snapshot (the backlog metric). */
  static backlog(rooms: Iterable<DocRoom>): number {
    let n = 0;
    for (const r of rooms) n += r.logRows;
    return n;
  }

  private once(docName: string): Promise<CompactionResult> {
    const running = this.running.get(docName);
    if (running) return running;
    const started = Date.now();
    const p = this.log
      .compact(docName, COMPACT_MAX_ROWS)
      .then((r) => {
        const room = this.openRoom(docName);
        if (room) room.logRows = Math.max(0, room.logRows - r.merged);
        if (r.merged > 0)
          this.logger.debug(`Compacted ${r.merged} updates in ${Date.now() - started} ms`);
        return r;
      })
      .finally(() => this.running.delete(docName));
    this.running.set(docName, p);
    return p;
  }

  private async idle(): Promise<void> {
    if (this.stopped) return;
    try {
      const names = await this.log.compactionCandidates(
        this.compactAfter,
        COMPACT_IDLE_SECONDS,
        20,
      );
      for (const name of names) {
        if (this.stopped) return;
        await this.compact(name);
      }
    } catch (e) {
      this.logger.error(`Background compaction failed: ${describeError(e)}`);
    }
  }
}
