/**
 * The embedded default: PostgreSQL 18 compiled to WebAssembly (PGlite), served
 * on a loopback port so the ordinary `pg` driver and the same migrations run
 * against it. PGlite is a single session: the pool that talks to it must have
 * exactly one connection, or transactions would interleave.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface EmbeddedPostgres {
  url: string;
  /**
   * A consistent copy of the data folder (gzipped tar) while serving: a
   * checkpoint, then the files, read between two queries (PGlite runs one at
   * a time), so the copy is what a clean stop would leave.
   */
  backup(): Promise<Uint8Array>;
  stop(): Promise<void>;
}

/** The data folder as a gzipped tar, taken between queries (see EmbeddedPostgres.backup). */
export async function dumpEmbedded(db: PGlite): Promise<Uint8Array> {
  // Flush what is committed into the data files; a copy without it would still recover from the WAL.
  await db.exec('CHECKPOINT').catch(() => undefined);
  const tar = await db.dumpDataDir('gzip');
  return new Uint8Array(await tar.arrayBuffer());
}

/**
 * PGlite runs inside the Spil process: PostgreSQL's memory settings are this
 * process's memory (its WebAssembly heap grows and never shrinks). The
 * defaults are sized for a server of its own (shared_buffers 128 MB); Spil's
 * data is small and the operating system caches the files anyway.
 */
const EMBEDDED_SETTINGS = [
  '-c',
  'shared_buffers=16MB',
  '-c',
  'wal_buffers=1MB',
  '-c',
  'temp_buffers=2MB',
  '-c',
  'work_mem=2MB',
  '-c',
  'maintenance_work_mem=16MB',
];

/**
 * A new data folder: PGlite runs initdb first, whose WebAssembly heap grows to
 * some 800 MB and, WebAssembly memory never shrinking, would stay with the
 * process for its whole life. A short-lived child process creates the folder
 * instead; this process then opens it as it opens an existing one.
 */
async function initInChild(dataDir: string, startParams: string[]): Promise<void> {
  const pglite = createRequire(__filename).resolve('@electric-sql/pglite');
  const script = `require(process.argv[1]).PGlite.create(process.argv[2], { startParams: JSON.parse(process.argv[3]) })
    .then((db) => db.close()).catch((e) => { console.error(String(e)); process.exit(1); });`;
  await promisify(execFile)(
    process.execPath,
    ['-e', script, pglite, dataDir, JSON.stringify(startParams)],
    { timeout: 300_000, maxBuffer: 1 << 20 },
  );
}

/** Start PGlite in `dataDir` (or in memory when `dataDir` is null) and serve it on 127.0.0.1. */
export async function startEmbeddedPostgres(dataDir: string | null): Promise<EmbeddedPostgres> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const options = { startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS] };
  if (dataDir && !existsSync(join(dataDir, 'PG_VERSION')))
    await initInChild(dataDir, options.startParams);
  const db = dataDir ? await PGlite.create(dataDir, options) : await PGlite.create(options);
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 });
  await server.start();
  const conn = server.getServerConn();
  return {
    url: `postgres://postgres@${conn}/postgres`,
    backup: () => dumpEmbedded(db),
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
