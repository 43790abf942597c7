/**
 * Databases for tests. The embedded one always; a real PostgreSQL as well
 * when TEST_DATABASE_URL is set. Every call gets a database of its own (a
 * fresh in-memory PGlite, or a new database on the server), so runs and test
 * files never collide.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../../server/src/database/embedded-postgres';

export type DatabaseKind = 'embedded' | 'postgres';

/** The kinds this run tests against: `describe.each(databaseKinds())`. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.TEST_DATABASE_URL ? ['embedded', 'postgres'] : ['embedded'];
}

export interface TestDatabase {
  url: string;
  embedded: boolean;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'embedded') {
    const db = await startEmbeddedPostgres(null);
    return { url: db.url, embedded: true, drop: () => db.stop() };
  }
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set');
  const name = `spil_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const c = new Client({ connectionString: admin });
  await c.connect();
  await c.query(`CREATE DATABASE ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    async drop() {
      const c2 = new Client({ connectionString: admin });
      await c2.connect();
      await c2.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c2.end();
    },
  };
}
