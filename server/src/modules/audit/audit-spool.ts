/**
 * Audit records that cannot reach the database yet wait here, durably: a file
 * of JSON lines in the data folder (`DATA_DIR/audit-spool.jsonl`), each
 * append fsync'd before the caller hears "recorded". Once the database is
 * back the writer appends them to the chain in the order they were spooled,
 * and only then takes new records directly again (audit.service.ts).
 *
 * Each spooled record carries the id and time it was given when it
 * happened, so a replay that is interrupted after its commit (a crash before
 * the spool was rewritten) skips the records already in the chain instead
 * of writing them twice.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditRecordInput } from './audit.writer';

/** A spooled record: the input with its id and time fixed. */
export type SpooledRecord = AuditRecordInput & { id: string; occurredAt: Date };

export const SPOOL_FILE = 'audit-spool.jsonl';
/** Spooled records the database refused for their content (not for being away): kept, never dropped. */
export const REJECTED_FILE = 'audit-spool.rejected.jsonl';

function encode(r: SpooledRecord): string {
  return JSON.stringify({ ...r, occurredAt: r.occurredAt.toISOString() });
}

function decode(line: string): SpooledRecord {
  const raw = JSON.parse(line) as SpooledRecord & { occurredAt: string };
  return { ...raw, occurredAt: new Date(raw.occurredAt) };
}

function appendDurably(file: string, lines: string[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, lines.map((l) => `${l}\n`).join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* not every file system lets a folder be synced; the rename is still atomic */
  }
}

export class AuditSpool {
  private readonly file: string;
  private readonly rejectedFile: string;
  private entries: SpooledRecord[];

  constructor(dataDir: string) {
    this.file = join(dataDir, SPOOL_FILE);
    this.rejectedFile = join(dataDir, REJECTED_FILE);
    this.entries = existsSync(this.file)
      ? readFileSync(this.file, 'utf8')
          .split('\n')
          // A line cut short by a crash mid-write was never acknowledged: skip it.
          .flatMap((line) => {
            if (!line.trim()) return [];
            try {
              return [decode(line)];
            } catch {
              return [];
            }
          })
      : [];
  }

  get size(): number {
    return this.entries.length;
  }

  /** Add records at the end, durably (fsync) before returning. */
  append(records: SpooledRecord[]): void {
    if (records.length === 0) return;
    appendDurably(this.file, records.map(encode));
    this.entries.push(...records);
  }

  /** The oldest `n` records, in order. */
  head(n: number): SpooledRecord[] {
    return this.entries.slice(0, n);
  }

  /** Drop the oldest `n` records (they are in the chain now): rewrite the file atomically. */
  shift(n: number): void {
    this.entries = this.entries.slice(n);
    const tmp = `${this.file}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, this.entries.map((r) => `${encode(r)}\n`).join(''));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.file);
    fsyncDir(dirname(this.file));
  }

  /** Move the oldest record aside (the database refused its content): kept in the rejected file. */
  setAsideFirst(): SpooledRecord | undefined {
    const first = this.entries[0];
    if (!first) return undefined;
    appendDurably(this.rejectedFile, [encode(first)]);
    this.shift(1);
    return first;
  }
}

/**
 * Whether an error means the database is away (connection refused, reset,
 * timed out, shutting down) rather than that it refused this statement.
 * Only the former is spooled.
 */
export function databaseUnavailable(e: unknown): boolean {
  for (let x: unknown = e, depth = 0; x && depth < 4; depth++) {
    const err = x as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    const code = typeof err.code === 'string' ? err.code : '';
    if (
      /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNABORTED)$/.test(
        code,
      ) ||
      /^08/.test(code) ||
      /^(57P01|57P02|57P03|53300)$/.test(code)
    )
      return true;
    // pg's own connection failures carry no code.
    if (
      typeof err.message === 'string' &&
      /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended/i.test(
        err.message,
      )
    )
      return true;
    x = err.driverError ?? err.cause;
  }
  return false;
}
