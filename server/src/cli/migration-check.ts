/**
 * Prints the SQL that would bring the migrated schema in line with the
 * entities; exits 1 when there is any. Run it after changing an entity and
 * turn its output into a migration.
 *
 *   pnpm --filter @spil/server migration:check
 */
import 'reflect-metadata';
import { openDataSource } from '../database/data-source';
import { startEmbeddedPostgres } from '../database/embedded-postgres';

export async function pendingSchemaChanges(url: string, embedded: boolean): Promise<string[]> {
  const ds = await openDataSource({ url, embedded });
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}

async function main(): Promise<void> {
  const db = await startEmbeddedPostgres(null);
  try {
    const pending = await pendingSchemaChanges(db.url, true);
    for (const q of pending) console.log(`${q};`);
    process.exitCode = pending.length > 0 ? 1 : 0;
  } finally {
    await db.stop();
  }
}

if (require.main === module) void main();
