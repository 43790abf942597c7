/**
 * Migrations run once per deployment, also when instances start together:
 * on PostgreSQL every instance first takes a session-level advisory lock on
 * a connection of its own, so one migrates and the others wait, then find
 * nothing left to do. The embedded database belongs to one process, so it
 * needs no lock (and its single connection could not hold one beside the
 * migrations).
 */
import { Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from './data-source';

/** Advisory lock key for migrations ("SPIL"). */
export const MIGRATION_LOCK = 0x5350494c;

/** Run the pending migrations under the lock; returns the names of those this call ran. */
export async function runMigrations(ds: DataSource, target: DatabaseTarget): Promise<string[]> {
  if (target.embedded) return names(await ds.runMigrations({ transaction: 'each' }));
  const logger = new Logger('Migrations');
  const lock = new Client({ connectionString: target.url, application_name: 'spil-migrations' });
  await lock.connect();
  try {
    const free = await lock.query<{ locked: boolean }>(
      'SELECT pg_try_advisory_lock($1) AS locked',
      [MIGRATION_LOCK],
    );
    if (!free.rows[0]?.locked) {
      logger.log('Another instance is migrating; waiting for it');
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    }
    const ran = names(await ds.runMigrations({ transaction: 'each' }));
    logger.log(ran.length > 0 ? `Ran ${ran.length} migrations` : 'Schema is up to date');
    return ran;
  } finally {
    // Ending the session releases the lock as well; unlock first so a waiting instance goes on at once.
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end().catch(() => undefined);
  }
}

function names(list: { name: string }[]): string[] {
  return list.map((m) => m.name);
}
