/**
 * A deployment as an operator makes it: the compiled build (`node
 * dist/main.js`, no TypeScript tooling) serving on a fresh data folder, and
 * two instances started at the same moment on an empty PostgreSQL database:
 * both serve, and the schema is made once (every migration in the
 * migrations table exactly once, run by one instance).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client as PgClient } from 'pg';
import * as Y from 'yjs';
import { MIGRATIONS } from '../../server/src/database/migrations';
import { connect, coversOwnEdits, followStored, synced } from '../collab/helpers';
import { buildServer, type CompiledServer, startCompiled } from '../support/compiled';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { api, eventually, loginAs } from '../support/http';

const pgUrl = process.env.TEST_DATABASE_URL;
const dirs: string[] = [];
const servers: CompiledServer[] = [];

function baseEnv(): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'spil-deploy-'));
  dirs.push(dir);
  return {
    NODE_ENV: 'production',
    DATA_DIR: dir,
    CLIENT_DIST: '',
    LOG_LEVEL: 'log',
    AUTH_SECRET: randomBytes(32).toString('hex'),
  };
}

beforeAll(() => buildServer(), 300_000);

afterAll(async () => {
  await Promise.allSettled(servers.map((s) => s.stop()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the compiled build', () => {
  it('serves on a fresh data folder: ready, logs in, stores a collab edit (validation worker included)', async () => {
    const s = await startCompiled({ ...baseEnv(), DEMO_DATA: 'true' });
    servers.push(s);
    const ready = await api(s.url, 'GET', '/api/health/ready');
    expect(ready.status).toBe(200);
    const coord = await loginAs(s.url, 'coordinator');
    // On Gezin Bakker's team as `lid`: may write the plan.
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const list = await api<{ id: string; displayName: string }[]>(s.url, 'GET', '/api/households', {
      token: coord.token,
    });
    const bakker = list.body.find((h) => h.displayName === 'Gezin Bakker')?.id as string;
    const stored = await followStored(s.url, mw.token, bakker);
    const c = connect(s.wsUrl, mw.token, bakker);
    try {
      await synced(c, 60_000);
      const goal = new Y.Map<unknown>();
      goal.set('titel', new Y.Text('Gebouwd en opgeslagen'));
      c.doc.getMap('doelen').set('d-build', goal);
      await eventually(
        () => expect(coversOwnEdits(stored.stored.at(-1), c.doc)).toBe(true),
        30_000,
      );
    } finally {
      c.destroy();
      stored.close();
    }
    // One JSON object per line.
    const lines = s.output().trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line) as unknown, line).not.toThrow();
  }, 420_000);
});

describe.runIf(pgUrl)('two instances started together on an empty database', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('postgres');
  });
  afterAll(async () => db?.drop());

  it('both serve, and every migration ran once', async () => {
    const secret = randomBytes(32).toString('hex');
    const env = (name: string) => ({
      ...baseEnv(),
      AUTH_SECRET: secret,
      DATABASE_URL: db.url,
      REQUIRE_2FA: 'off',
      DEMO_DATA: 'false',
      INSTANCE_ID: name,
    });
    const [a, b] = await Promise.all([startCompiled(env('spil-a')), startCompiled(env('spil-b'))]);
    servers.push(a, b);
    for (const s of [a, b]) expect((await api(s.url, 'GET', '/api/health/ready')).status).toBe(200);

    const pg = new PgClient({ connectionString: db.url });
    await pg.connect();
    try {
      const rows = await pg.query<{ name: string; n: string }>(
        'SELECT name, count(*) AS n FROM migrations GROUP BY name ORDER BY name',
      );
      expect(rows.rows.map((r) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      expect(rows.rows.every((r) => r.n === '1')).toBe(true);
    } finally {
      await pg.end();
    }
    // One instance made the schema; the other found it made.
    const said = [a, b].map((s) =>
      /Ran \d+ migrations/.test(s.output())
        ? 'migrated'
        : /Schema is up to date/.test(s.output())
          ? 'found'
          : '?',
    );
    expect(said.sort()).toEqual(['found', 'migrated']);
    console.log(
      [a, b]
        .map((s, i) =>
          s
            .output()
            .split('\n')
            .filter((l) => /Migrations|draait op/.test(l))
            .map((l) => `${i === 0 ? 'spil-a' : 'spil-b'}: ${l}`)
            .join('\n'),
        )
        .join('\n'),
    );
  }, 420_000);
});
