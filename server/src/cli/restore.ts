/**
 * `pnpm restore <file>`: bring a backup of `pnpm backup` back, into a new
 * place only (never over data that is there):
 *
 * - Embedded (no DATABASE_URL): into `DATA_DIR/pg`, which must not exist yet
 *   (or be empty), with no server running on DATA_DIR.
 * - PostgreSQL (DATABASE_URL): `pg_restore` into that database, which must be
 *   empty (create it first: `createdb spil_restored`).
 *
 * Then check the audit chain (`pnpm --filter @spil/server audit:verify`) and
 * start Spil on it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Client } from 'pg';
import { parseConfig } from '../config/config';
import { serveBackups } from '../database/backup';

async function restorePostgres(url: string, file: string): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_tables WHERE schemaname = 'public'`,
    );
    if (r.rows[0]?.n !== '0')
      throw new Error('de database is niet leeg: zet een back-up terug in een nieuwe database');
  } finally {
    await c.end();
  }
  const r = spawnSync(
    'pg_restore',
    ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${url}`, file],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  if (r.error)
    throw new Error('pg_restore niet gevonden: installeer de PostgreSQL-clientprogramma’s');
  if (r.status !== 0) throw new Error(`pg_restore stopte met code ${r.status}`);
}

async function restoreEmbedded(dataDir: string, file: string): Promise<void> {
  const target = join(dataDir, 'pg');
  if (existsSync(target) && readdirSync(target).length > 0)
    throw new Error(`${target} bestaat al: zet een back-up terug in een nieuwe datamap`);
  // Refused (DataFolderInUseError) while a server runs on this data folder.
  const lock = await serveBackups(dataDir, () => Promise.reject(new Error('restoring')));
  try {
    const db = await PGlite.create(target, { loadDataDir: new Blob([readFileSync(file)]) });
    try {
      await db.query('SELECT 1');
    } finally {
      await db.close();
    }
  } finally {
    await lock.close();
  }
}

async function main(): Promise<void> {
  const config = parseConfig();
  const arg = process.argv[2];
  if (!arg) throw new Error('geef het back-upbestand: pnpm restore <bestand>');
  const file = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
  if (!existsSync(file)) throw new Error(`${file} bestaat niet`);
  if (config.DATABASE_URL) await restorePostgres(config.DATABASE_URL, file);
  else await restoreEmbedded(resolve(config.DATA_DIR), file);
  console.log('Teruggezet. Controleer het logboek: pnpm --filter @spil/server audit:verify');
}

main().catch((e: unknown) => {
  console.error(`Terugzetten mislukt: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
