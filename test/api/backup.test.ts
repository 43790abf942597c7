/**
 * Backups: `pnpm backup` while Spil runs, `pnpm restore` into a new data
 * folder (embedded) or a new database (PostgreSQL, pg_dump/pg_restore). The
 * restored copy has every plan with its content, and its audit chain
 * verifies (the audit verify CLI).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import * as Y from 'yjs';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { connect, coversOwnEdits, followStored, synced } from '../collab/helpers';
import { persistentStore, startInProcess } from '../collab/persistent';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/database';
import { eventually, loginAs } from '../support/http';

const SERVER_DIR = resolve(__dirname, '../../server');

/** Run a server CLI from source (async: the server under test runs in this process). */
function cli(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; out: string }>((done) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', script, ...args], {
      cwd: SERVER_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => done({ code, out }));
  });
}

/** Every stored document, merged: name → Y.Doc. */
async function allDocs(spil: {
  app: { get<T>(t: new (...a: never[]) => T): T };
}): Promise<Map<string, Y.Doc>> {
  const ds = spil.app.get(DataSource);
  const names = await ds.query<{ doc_name: string }[]>(
    'SELECT doc_name FROM plan_update UNION SELECT doc_name FROM plan_snapshot',
  );
  const collab = spil.app.get(CollabService);
  const out = new Map<string, Y.Doc>();
  for (const { doc_name } of names) {
    const doc = new Y.Doc();
    for (const u of (await collab.loadStored(doc_name)).updates) Y.applyUpdate(doc, u);
    out.set(doc_name, doc);
  }
  return out;
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c().catch(() => undefined);
});

describe.each(databaseKinds())('backup and restore on %s', (kind) => {
  it('backs up while running and restores every plan and a verifying audit chain into a new place', async () => {
    const store = await persistentStore(kind, { LOG_LEVEL: 'warn' });
    cleanups.push(() => store.cleanup());
    const src = await startInProcess(store);
    cleanups.push(() => src.stop());

    // An edit that is stored: the backup must hold it.
    const bakker = (await householdByName(src.spil, 'Gezin Bakker')).id;
    const mw = await loginAs(src.url, 'maatschappelijk-werker');
    const stored = await followStored(src.url, mw.token, bakker);
    const c = connect(src.wsUrl, mw.token, bakker);
    try {
      await synced(c, 30_000);
      const goal = new Y.Map<unknown>();
      goal.set('titel', new Y.Text('Terug uit de back-up'));
      c.doc.getMap('doelen').set('uit-backup', goal);
      await eventually(
        () => expect(coversOwnEdits(stored.stored.at(-1), c.doc)).toBe(true),
        30_000,
      );
    } finally {
      c.destroy();
      stored.close();
    }
    const before = await allDocs(src.spil);
    expect(before.size).toBeGreaterThan(0);

    const folder = mkdtempSync(join(tmpdir(), 'spil-backup-'));
    cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
    const file = join(folder, kind === 'embedded' ? 'spil.tar.gz' : 'spil.dump');
    // While the server runs.
    const backup = await cli('src/cli/backup.ts', [file], store.env);
    expect(backup.code, backup.out).toBe(0);
    await src.stop();

    // Into a new place.
    let target: Record<string, string>;
    if (kind === 'embedded') {
      const dataDir = mkdtempSync(join(tmpdir(), 'spil-restored-'));
      cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
      target = { ...store.env, DATA_DIR: dataDir };
    } else {
      const db: TestDatabase = await createTestDatabase('postgres');
      cleanups.push(() => db.drop());
      target = { ...store.env, DATABASE_URL: db.url };
    }
    const restore = await cli('src/cli/restore.ts', [file], target);
    expect(restore.code, restore.out).toBe(0);
    // Never over data that is there.
    expect((await cli('src/cli/restore.ts', [file], target)).code).not.toBe(0);

    const verify = await cli('src/cli/audit-verify.ts', [], target);
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toMatch(/^OK: \d+ records/m);

    const restored = await startInProcess({
      env: { ...target, DEMO_DATA: 'false' },
      cleanup: () => Promise.resolve(),
    });
    cleanups.push(() => restored.stop());
    const after = await allDocs(restored.spil);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [name, doc] of before) {
      const copy = after.get(name) as Y.Doc;
      expect(Y.encodeStateVector(copy), name).toEqual(Y.encodeStateVector(doc));
      expect(copy.getMap('doelen').toJSON(), name).toEqual(doc.getMap('doelen').toJSON());
    }
    expect(JSON.stringify(after.get(bakker)?.getMap('doelen').toJSON())).toContain(
      'Terug uit de back-up',
    );
  }, 600_000);
});
