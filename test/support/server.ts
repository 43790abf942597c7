/**
 * A real Spil server for tests: port 0 on loopback, its own database of the
 * given kind, demo data loaded unless told otherwise.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { startSpil, type SpilInstance } from '../../server/src/bootstrap';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './database';

export interface TestServer extends SpilInstance {
  kind: DatabaseKind;
  /** Same as url, but as ws:// for the collab endpoint: `${wsUrl}/collab`. */
  wsUrl: string;
  stop(): Promise<void>;
}

/** The environment of a test server: loopback, a fresh secret and data folder, demo data, no second factor. */
function testEnv(db: TestDatabase | null, demo = true): Record<string, string> {
  return {
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    AUTH_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: mkdtempSync(join(tmpdir(), 'spil-test-')),
    DEMO_DATA: demo ? 'true' : 'false',
    // Tests count the four demo households; the grown plan is for people (and its own tests).
    DEMO_LONG_PLAN: 'false',
    LOG_LEVEL: 'warn',
    CLIENT_DIST: process.env.SPIL_TEST_CLIENT_DIST ?? '',
    // Tests log in with the demo passwords alone; the second factor has tests of its own.
    REQUIRE_2FA: 'off',
    ...(db ? { DATABASE_URL: db.url } : {}),
  };
}

export async function startTestServer(
  kind: DatabaseKind,
  opts: { env?: Record<string, string>; demo?: boolean; database?: TestDatabase } = {},
): Promise<TestServer> {
  const db = kind === 'postgres' ? (opts.database ?? (await createTestDatabase('postgres'))) : null;
  const env = { ...testEnv(db, opts.demo !== false), ...opts.env };
  const spil = await startSpil({ env, inMemoryDatabase: kind === 'embedded' });
  return {
    ...spil,
    kind,
    wsUrl: spil.url.replace(/^http/, 'ws'),
    async stop() {
      await spil.close();
      if (db && !opts.database) await db.drop();
    },
  };
}

/** A server whose database outlives it: a data folder for the embedded kind, a database of its own for PostgreSQL. */
export async function restartableServer(
  kind: DatabaseKind,
): Promise<{ start(): Promise<SpilInstance & { wsUrl: string }>; drop(): Promise<void> }> {
  const db = kind === 'postgres' ? await createTestDatabase('postgres') : null;
  const env = testEnv(db);
  return {
    async start() {
      const spil = await startSpil({ env, inMemoryDatabase: false });
      return { ...spil, wsUrl: spil.url.replace(/^http/, 'ws') };
    },
    drop: async () => db?.drop(),
  };
}
