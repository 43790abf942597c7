/**
 * Group commit (ADR 014): while one write to the update log is in flight,
 * the updates that arrive, for any document, wait and go out together in the
 * next write. They are relayed meanwhile; "Opgeslagen" waits for the commit.
 * PostgreSQL only: the test holds the write with a table lock from outside.
 */
import { Client as PgClient } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, coversOwnEdits, followStored, notesOf, synced } from './helpers';

/** The value of one sample line on /metrics; 0 when absent. */
async function sample(url: string, name: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : 0;
}

describe.runIf(databaseKinds().includes('postgres'))('group commit on postgres', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('postgres');
  });
  afterAll(async () => s?.stop());

  it('relays at once, and carries what arrived during one write, for every document, in the next', async () => {
    const collab = s.app.get(CollabService);
    const committed: { docName: string; ids: string[] }[] = [];
    collab.onCommitted((e) => {
      committed.push({ docName: e.docName, ids: e.rows.map((r) => r.id) });
    });
    const bakker = (await householdByName(s, 'Gezin Bakker')).id;
    const jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    const docs = [bakker, jansen, `${jansen}:werk`];
    const editor = await loginAs(s.url, 'huisarts');
    const reader = await loginAs(s.url, 'huisarts');
    const clients: Client[] = [];
    const pg = new PgClient({ connectionString: s.config.DATABASE_URL });
    try {
      const editors = docs.map((d) => connect(s.wsUrl, editor.token, d));
      const readers = docs.map((d) => connect(s.wsUrl, reader.token, d));
      clients.push(...editors, ...readers);
      await Promise.all(clients.map((c) => synced(c)));
      const follows = await Promise.all(docs.map((d) => followStored(s.url, editor.token, d)));
      await new Promise((r) => setTimeout(r, 500));
      await pg.connect();
      await pg.query('BEGIN');
      await pg.query('LOCK TABLE plan_update IN EXCLUSIVE MODE');
      const commitsBefore = await sample(s.url, 'spil_collab_commit_seconds_count');
      const before = committed.length;
      // The first edit's write waits for the lock; the next two arrive meanwhile.
      notesOf(editors[0]?.doc as Client['doc']).insert(0, 'Eerste. ');
      await new Promise((r) => setTimeout(r, 300));
      notesOf(editors[1]?.doc as Client['doc']).insert(0, 'Tweede. ');
      editors[2]?.doc.getText('notes').insert(0, 'Derde. ');
      // Relayed although nothing is committed.
      await eventually(() => {
        expect(notesOf(readers[0]?.doc as Client['doc']).toJSON()).toContain('Eerste.');
        expect(notesOf(readers[1]?.doc as Client['doc']).toJSON()).toContain('Tweede.');
        expect(readers[2]?.doc.getText('notes').toJSON()).toContain('Derde.');
      }, 10_000);
      expect(committed.length).toBe(before);
      for (const [i, f] of follows.entries())
        expect(coversOwnEdits(f.stored.at(-1), editors[i]?.doc as Client['doc'])).toBe(false);
      await pg.query('COMMIT');
      for (const [i, f] of follows.entries())
        await eventually(
          () =>
            expect(coversOwnEdits(f.stored.at(-1), editors[i]?.doc as Client['doc'])).toBe(true),
          10_000,
        );
      // Two writes: the first edit alone, then the other two documents together.
      expect((await sample(s.url, 'spil_collab_commit_seconds_count')) - commitsBefore).toBe(2);
      const after = committed.slice(before);
      expect(after.map((c) => c.docName)).toEqual(docs);
      const second = Number(after[1]?.ids[0]);
      expect(Number(after[2]?.ids[0])).toBe(second + 1);
      for (const f of follows) f.close();
    } finally {
      await pg.end().catch(() => undefined);
      for (const c of clients) c.destroy();
    }
  });
});
