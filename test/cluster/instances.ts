/**
 * Set-up shared by the tests that run several Spil instances as child
 * processes on one PostgreSQL database and one Redis: start an instance of
 * the deployment, look up the demo households, read a plan as the database
 * holds it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as PgClient } from 'pg';
import * as Y from 'yjs';
import { notesTextOf } from '../collab/helpers';
import { startChild } from '../collab/persistent';
import { api, loginAs } from '../support/http';

export type Instance = Awaited<ReturnType<typeof startChild>>;

/** The instances of one deployment: one signing secret, and a data folder each. */
export class Deployment {
  readonly secret = randomBytes(32).toString('hex');
  private readonly dataDirs: string[] = [];

  constructor(
    private readonly databaseUrl: string,
    private readonly redisUrl: string,
    /** Start of the names of the data folders. */
    private readonly prefix = 'spil-cluster',
  ) {}

  /** Start an instance; `demo` loads the demo data (the first instance only). */
  start(name: string, demo: boolean, env: Record<string, string> = {}): Promise<Instance> {
    const dataDir = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
    this.dataDirs.push(dataDir);
    return startChild({
      env: {
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        AUTH_SECRET: this.secret,
        DATA_DIR: dataDir,
        DEMO_DATA: demo ? 'true' : 'false',
        CLIENT_DIST: '',
        DATABASE_URL: this.databaseUrl,
        REQUIRE_2FA: 'off',
        REDIS_URL: this.redisUrl,
        INSTANCE_ID: `${name}-${this.secret.slice(0, 6)}`,
        ...env,
      },
      cleanup: () => Promise.resolve(),
    });
  }

  /** After the instances have stopped. */
  removeDataDirs(): void {
    for (const d of this.dataDirs.splice(0)) rmSync(d, { recursive: true, force: true });
  }
}

/** The demo households the coördinator sees, by display name → id. */
export async function demoHouseholds(url: string): Promise<Map<string, string>> {
  const coord = await loginAs(url, 'coordinator');
  const list = await api<{ id: string; displayName: string }[]>(url, 'GET', '/api/households', {
    token: coord.token,
  });
  return new Map(list.body.map((h) => [h.displayName, h.id]));
}

/** Run `fn` with a connection of its own to the database. */
export async function withDatabase<T>(url: string, fn: (c: PgClient) => Promise<T>): Promise<T> {
  const c = new PgClient({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A plan as PostgreSQL holds it: snapshot plus update log. The caller destroys it. */
export async function storedDoc(c: PgClient, docName: string): Promise<Y.Doc> {
  const { rows } = await c.query<{ data: Buffer }>(
    `SELECT 0 AS k, state AS data, 0::bigint AS id FROM plan_snapshot WHERE doc_name = $1
     UNION ALL
     SELECT 1 AS k, "update" AS data, id FROM plan_update WHERE doc_name = $1
     ORDER BY k, id`,
    [docName],
  );
  const doc = new Y.Doc();
  doc.transact(() => {
    for (const r of rows) Y.applyUpdate(doc, r.data);
  });
  return doc;
}

/** The plan's notes as PostgreSQL holds them. */
export async function storedText(c: PgClient, docName: string): Promise<string> {
  const doc = await storedDoc(c, docName);
  const text = notesTextOf(doc);
  doc.destroy();
  return text;
}
