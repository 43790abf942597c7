/**
 * `pnpm backup [file]`: a consistent backup, also while Spil runs.
 *
 * - Embedded database (no DATABASE_URL): a gzipped tar of `DATA_DIR/pg`,
 *   taken by the running server (asked through `DATA_DIR/spil.sock`), or by
 *   this command itself when no server runs.
 * - PostgreSQL (DATABASE_URL): `pg_dump --format=custom` of that database.
 *
 * The file defaults to `spil-backup-<date>-<time>.tar.gz` (or `.dump`) in the
 * folder the command was started from. It holds personal data and password
 * hashes: keep it as safe as the database. Restore with `pnpm restore`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseConfig } from '../config/config';
import { requestBackup, serveBackups } from '../database/backup';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../database/embedded-postgres';

function defaultName(ext: string): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `spil-backup-${stamp}.${ext}`;
}

async function main(): Promise<void> {
  const config = parseConfig();
  const here = process.env.INIT_CWD ?? process.cwd();
  const out = resolve(
    here,
    process.argv[2] ?? defaultName(config.DATABASE_URL ? 'dump' : 'tar.gz'),
  );
  if (existsSync(out)) throw new Error(`${out} bestaat al`);

  if (config.DATABASE_URL) {
    const r = spawnSync(
      'pg_dump',
      ['--format=custom', `--file=${out}`, `--dbname=${config.DATABASE_URL}`],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    if (r.error)
      throw new Error('pg_dump niet gevonden: installeer de PostgreSQL-clientprogramma’s');
    if (r.status !== 0) throw new Error(`pg_dump stopte met code ${r.status}`);
  } else {
    const dataDir = resolve(config.DATA_DIR);
    let bytes = await requestBackup(dataDir);
    if (bytes) console.log('Back-up gemaakt door de draaiende server.');
    else {
      if (!existsSync(join(dataDir, 'pg'))) throw new Error(`geen database in ${dataDir}`);
      // No server runs: open the database ourselves, holding the data folder's socket meanwhile.
      let db: EmbeddedPostgres | null = null;
      const lock = await serveBackups(dataDir, () =>
        db ? db.backup() : Promise.reject(new Error('not started')),
      );
      try {
        db = await startEmbeddedPostgres(join(dataDir, 'pg'));
        bytes = await db.backup();
      } finally {
        await db?.stop();
        await lock.close();
      }
    }
    writeFileSync(out, bytes, { mode: 0o600 });
  }
  console.log(`Back-up: ${out} (${statSync(out).size} bytes)`);
}

main().catch((e: unknown) => {
  console.error(`Back-up mislukt: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
