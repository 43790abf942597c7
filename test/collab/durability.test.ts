/**
 * Nothing confirmed is lost: across a graceful restart, across kill -9 of
 * the server process right after the confirmation and under load, and
 * through compaction. Updates are relayed before they are committed (ADR
 * 014): one that was relayed but never committed comes back from the clients
 * that hold it when they reconnect. A document with a long history still
 * opens fast (measured, not asserted).
 */
import { Client as PgClient } from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import { CollabRepository } from '../../server/src/collab/collab.repository';
import { CollabService } from '../../server/src/collab/collab.service';
import { dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import {
  type Client,
  connect,
  content,
  coversOwnEdits,
  followStored,
  notesOf,
  notesTextOf,
  synced,
} from './helpers';
import {
  persistentStore,
  type PersistentStore,
  type RunningServer,
  startChild,
  startInProcess,
} from './persistent';

describe.each(databaseKinds())('durability on %s', (kind) => {
  const clients: Client[] = [];
  const servers: RunningServer[] = [];
  const stores: PersistentStore[] = [];
  const testServers: TestServer[] = [];
  const open = (wsUrl: string, token: string, docName: string, doc?: Y.Doc): Client => {
    const c = connect(wsUrl, token, docName, { doc });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
    for (const s of testServers.splice(0)) await s.stop().catch(() => undefined);
    for (const s of stores.splice(0)) await s.cleanup().catch(() => undefined);
  });
  afterAll(async () => {
    for (const s of stores.splice(0)) await s.cleanup().catch(() => undefined);
  });

  it('keeps confirmed content across a graceful restart, and takes back unconfirmed edits on reconnect', async () => {
    const store = await persistentStore(kind);
    stores.push(store);
    const first = await startInProcess(store);
    servers.push(first);
    const bakker = (
      await dataSourceOf(first.spil).query<{ id: string }[]>(
        `SELECT id FROM household WHERE display_name = 'Gezin Bakker'`,
      )
    )[0]?.id as string;
    const login = await loginAs(first.url, 'huisarts');
    const follow = await followStored(first.url, login.token, bakker);
    const a = open(first.wsUrl, login.token, bakker);
    await synced(a);
    notesOf(a.doc).insert(0, 'Bevestigd voor de herstart. ');
    const actie = new PlanDoc(a.doc).addActie({
      titel: 'Na de herstart nog hier',
      eigenaarId: login.user.id,
    });
    await eventually(() => expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(true), 10_000);
    follow.close();
    const expected = content(a.doc);
    // An edit the server has not confirmed yet: the client keeps it and sends it again after the restart.
    a.provider.disconnect();
    notesOf(a.doc).insert(0, 'Offline geschreven. ');
    await first.stop();
    servers.splice(servers.indexOf(first), 1);

    const second = await startInProcess(store);
    servers.push(second);
    const login2 = await loginAs(second.url, 'maatschappelijk-werker');
    const b = open(second.wsUrl, login2.token, bakker);
    await synced(b);
    expect(content(b.doc)).toEqual(expected);
    expect(new PlanDoc(b.doc).actie(actie)?.titel).toBe('Na de herstart nog hier');

    const login3 = await loginAs(second.url, 'huisarts');
    const again = open(second.wsUrl, login3.token, bakker, a.doc);
    await synced(again);
    await eventually(() => expect(notesTextOf(b.doc)).toContain('Offline geschreven.'), 10_000);
  });

  it('loses nothing confirmed when the server process is killed with SIGKILL', async () => {
    const store = await persistentStore(kind);
    stores.push(store);
    const first = await startChild(store);
    servers.push(first);
    const login = await loginAs(first.url, 'huisarts');
    const households = (await (
      await fetch(`${first.url}/api/households`, {
        headers: { authorization: `Bearer ${login.token}` },
      })
    ).json()) as { id: string; displayName: string }[];
    const bakker = households.find((h) => h.displayName === 'Gezin Bakker')?.id as string;
    const follow = await followStored(first.url, login.token, bakker);
    const a = open(first.wsUrl, login.token, bakker);
    await synced(a);
    for (let i = 0; i < 20; i++) notesOf(a.doc).insert(0, `regel ${i}. `);
    const actie = new PlanDoc(a.doc).addActie({
      titel: 'Vlak voor kill -9',
      eigenaarId: login.user.id,
    });
    // The last edit, then kill as soon as the server says it is stored.
    notesOf(a.doc).insert(0, 'LAATSTE ');
    await eventually(
      () => expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(true),
      10_000,
      2,
    );
    await first.kill9();
    servers.splice(servers.indexOf(first), 1);
    follow.close();
    const expected = content(a.doc);
    a.provider.disconnect();

    const second = await startChild(store);
    servers.push(second);
    const login2 = await loginAs(second.url, 'maatschappelijk-werker');
    const b = open(second.wsUrl, login2.token, bakker);
    await synced(b);
    expect(content(b.doc)).toEqual(expected);
    expect(new PlanDoc(b.doc).actie(actie)?.titel).toBe('Vlak voor kill -9');
    expect(notesTextOf(b.doc).startsWith('LAATSTE ')).toBe(true);
  });

  it('loses no confirmed edit when killed with SIGKILL under load', async () => {
    const store = await persistentStore(kind);
    stores.push(store);
    const first = await startChild(store);
    servers.push(first);
    const login = await loginAs(first.url, 'huisarts');
    const households = (await (
      await fetch(`${first.url}/api/households`, {
        headers: { authorization: `Bearer ${login.token}` },
      })
    ).json()) as { id: string }[];
    const docs = households.slice(0, 3).map((h) => h.id);
    expect(docs.length).toBeGreaterThan(1);
    const follows = await Promise.all(docs.map((d) => followStored(first.url, login.token, d)));
    const editors: { doc: string; c: Client }[] = [];
    for (const d of docs)
      for (let k = 0; k < 3; k++) editors.push({ doc: d, c: open(first.wsUrl, login.token, d) });
    await Promise.all(editors.map((e) => synced(e.c)));
    // Every edit: which document, which client, the client's clock after it, and a token to look for.
    const edits: { doc: string; client: number; clock: number; token: string }[] = [];
    let n = 0;
    const typing = setInterval(() => {
      for (const e of editors) {
        const token = `[${++n}]`;
        notesOf(e.c.doc).insert(0, token);
        const clock = Y.decodeStateVector(Y.encodeStateVector(e.c.doc)).get(e.c.doc.clientID) ?? 0;
        edits.push({ doc: e.doc, client: e.c.doc.clientID, clock, token });
      }
    }, 20);
    // Under load (9 editors, about 450 edits/s), until well past the first confirmations.
    await eventually(() => expect(follows.every((f) => f.stored.length >= 5)).toBe(true), 30_000);
    await new Promise((r) => setTimeout(r, 2000));
    await first.kill9();
    clearInterval(typing);
    servers.splice(servers.indexOf(first), 1);
    // What the server had confirmed, per document; the editors go away with what they hold.
    const confirmed = follows.map((f) => {
      const sv = new Map<number, number>();
      for (const v of f.stored) for (const [c, k] of v) sv.set(c, Math.max(k, sv.get(c) ?? 0));
      return sv;
    });
    for (const f of follows) f.close();
    for (const e of editors) e.c.provider.destroy();

    const second = await startChild(store);
    servers.push(second);
    const login2 = await loginAs(second.url, 'huisarts');
    let checked = 0;
    for (const [i, d] of docs.entries()) {
      const fresh = open(second.wsUrl, login2.token, d);
      await synced(fresh);
      const text = notesOf(fresh.doc).toJSON();
      const sv = confirmed[i] as Map<number, number>;
      const lost = edits.filter(
        (e) => e.doc === d && e.clock <= (sv.get(e.client) ?? 0) && !text.includes(e.token),
      );
      expect(lost.map((e) => e.token)).toEqual([]);
      checked += edits.filter((e) => e.doc === d && e.clock <= (sv.get(e.client) ?? 0)).length;
    }
    console.log(
      `[collab ${kind}] kill -9 under load: ${edits.length} edits made, ${checked} confirmed, 0 of them lost`,
    );
    expect(checked).toBeGreaterThan(0);
  });

  it.runIf(kind === 'postgres')(
    'brings back an edit that was relayed but never committed, from the clients that hold it',
    async () => {
      const store = await persistentStore(kind);
      stores.push(store);
      const first = await startChild(store);
      servers.push(first);
      const login = await loginAs(first.url, 'huisarts');
      const login2 = await loginAs(first.url, 'maatschappelijk-werker');
      const bakker = (
        (await (
          await fetch(`${first.url}/api/households`, {
            headers: { authorization: `Bearer ${login.token}` },
          })
        ).json()) as { id: string; displayName: string }[]
      ).find((h) => h.displayName === 'Gezin Bakker')?.id as string;
      const follow = await followStored(first.url, login.token, bakker);
      const a = open(first.wsUrl, login.token, bakker);
      const b = open(first.wsUrl, login2.token, bakker);
      await Promise.all([synced(a), synced(b)]);
      notesOf(a.doc).insert(0, 'Bevestigd. ');
      await eventually(
        () => expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(true),
        10_000,
      );
      // Hold every write to the update log: what is sent now is relayed, never committed.
      const pg = new PgClient({ connectionString: store.env.DATABASE_URL });
      await pg.connect();
      try {
        await pg.query('BEGIN');
        await pg.query('LOCK TABLE plan_update IN EXCLUSIVE MODE');
        notesOf(a.doc).insert(0, 'Doorgegeven, niet bevestigd. ');
        await eventually(
          () => expect(notesOf(b.doc).toJSON()).toContain('Doorgegeven, niet bevestigd.'),
          10_000,
        );
        expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(false);
        await first.kill9();
        servers.splice(servers.indexOf(first), 1);
        // The killed server's INSERT still waits for the lock: end it, so it can never commit.
        await pg.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
        );
        await pg.query('ROLLBACK');
      } finally {
        await pg.end();
      }
      follow.close();
      expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(false);
      const storedText = async (): Promise<string> => {
        const c = new PgClient({ connectionString: store.env.DATABASE_URL });
        await c.connect();
        try {
          const rows = await c.query<{ data: Buffer }>(
            `SELECT state AS data FROM plan_snapshot WHERE doc_name = $1
             UNION ALL SELECT "update" AS data FROM plan_update WHERE doc_name = $1`,
            [bakker],
          );
          const d = new Y.Doc();
          for (const r of rows.rows) Y.applyUpdate(d, r.data);
          return notesOf(d).toJSON();
        } finally {
          await c.end();
        }
      };
      expect(await storedText()).not.toContain('Doorgegeven, niet bevestigd.');
      // The sender is gone for good; the colleague who saw the edit reconnects to the new process.
      a.provider.destroy();
      b.provider.destroy();
      const second = await startChild(store);
      servers.push(second);
      const login3 = await loginAs(second.url, 'maatschappelijk-werker');
      const back = open(second.wsUrl, login3.token, bakker, b.doc);
      await synced(back);
      await eventually(
        async () =>
          expect(await storedText()).toContain('Doorgegeven, niet bevestigd. Bevestigd. '),
        15_000,
      );
    },
  );

  it('compacts in the background and by request without changing content', async () => {
    const s = await startTestServer(kind, { env: { COLLAB_COMPACT_AFTER: '40' } });
    testServers.push(s);
    const collab = s.app.get(CollabService);
    const jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    const login = await loginAs(s.url, 'huisarts');
    const a = open(s.wsUrl, login.token, jansen);
    await synced(a);
    const rows = async () =>
      Number(
        (
          await dataSourceOf(s).query<{ n: string }[]>(
            'SELECT count(*) AS n FROM plan_update WHERE doc_name = $1',
            [jansen],
          )
        )[0]?.n,
      );
    for (let i = 0; i < 150; i++) {
      notesOf(a.doc).insert(notesOf(a.doc).length, `${i} `);
      if (i % 10 === 0)
        a.doc.getMap('acties').delete([...a.doc.getMap('acties').keys()][0] ?? 'none');
      if (i % 7 === 0) await new Promise((r) => setTimeout(r, 5));
    }
    await eventually(async () => expect(collab.stats().stored).toBeGreaterThan(100), 15_000);
    await eventually(async () => {
      expect(notesTextOf(await collab.readDoc(jansen))).toBe(notesTextOf(a.doc));
    }, 15_000);
    // Background compaction has folded the log at least once.
    await eventually(async () => {
      const snap = await dataSourceOf(s).query<{ n: string }[]>(
        'SELECT count(*) AS n FROM plan_snapshot WHERE doc_name = $1',
        [jansen],
      );
      expect(Number(snap[0]?.n)).toBe(1);
      expect(await rows()).toBeLessThan(60);
    }, 15_000);
    const before = content(await collab.readDoc(jansen));
    await collab.compact(jansen);
    expect(await rows()).toBe(0);
    expect(content(await collab.readDoc(jansen))).toEqual(before);
    expect(content(a.doc)).toEqual(before);
    // A fresh client after compaction sees the same.
    const login2 = await loginAs(s.url, 'wmo-consulent');
    const b = open(s.wsUrl, login2.token, jansen);
    await synced(b);
    expect(content(b.doc)).toEqual(before);
    // And editing goes on on top of the snapshot.
    notesOf(a.doc).insert(0, 'na compactie ');
    await eventually(
      () => expect(notesTextOf(b.doc).startsWith('na compactie ')).toBe(true),
      10_000,
    );
  });

  it('opens a document with 10,000 updates of history fast, before and after compaction', async () => {
    // No background compaction here, so each figure measures one thing.
    const s = await startTestServer(kind, { env: { COLLAB_COMPACT_AFTER: '1000000' } });
    testServers.push(s);
    const collab = s.app.get(CollabService);
    const jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    const docName = `${jansen}:werk`;
    // 10,000 separate updates, as 10,000 keystrokes and small edits would leave them.
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    const text = local.getText('notes');
    for (let i = 0; i < 10_000; i++) {
      if (i % 50 === 49)
        local.getMap('acties').set(`a${i % 500}`, { titel: `actie ${i}`, status: 'open' });
      else if (i % 13 === 12 && text.length > 5) text.delete(text.length - 3, 2);
      else text.insert(text.length, String.fromCharCode(97 + (i % 26)));
    }
    expect(updates).toHaveLength(10_000);
    const ds = dataSourceOf(s);
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000);
      const params: unknown[] = [docName];
      const values = chunk.map((u) => {
        params.push(Buffer.from(u));
        return `($1, $${params.length}, NULL)`;
      });
      await ds.query(
        `INSERT INTO plan_update (doc_name, "update", user_id) VALUES ${values.join(', ')}`,
        params,
      );
    }
    const login = await loginAs(s.url, 'huisarts');
    const t0 = performance.now();
    const a = open(s.wsUrl, login.token, docName);
    await synced(a, 60_000);
    const openLog = performance.now() - t0;
    expect(a.doc.getText('notes').toJSON()).toBe(text.toJSON());
    a.destroy();
    clients.splice(clients.indexOf(a), 1);
    await eventually(() => expect(collab.stats().openDocs).toBe(0), 15_000);

    const t1 = performance.now();
    const compacted = await collab.compact(docName);
    const compactMs = performance.now() - t1;
    expect(compacted.merged).toBe(10_000);

    const t2 = performance.now();
    const b = open(s.wsUrl, login.token, docName);
    await synced(b, 60_000);
    const openSnapshot = performance.now() - t2;
    expect(b.doc.getText('notes').toJSON()).toBe(text.toJSON());
    expect(b.doc.getMap('acties').toJSON()).toEqual(local.getMap('acties').toJSON());
    console.log(
      `[collab ${kind}] open with 10,000-update log: ${openLog.toFixed(0)} ms; compacting all 10,000: ${compactMs.toFixed(0)} ms; open from snapshot: ${openSnapshot.toFixed(0)} ms`,
    );
    local.destroy();
  });

  it('loses nothing when compactions of one document overlap, and brings nothing back after a purge', async () => {
    const s = await startTestServer(kind, { env: { COLLAB_COMPACT_AFTER: '1000000' } });
    testServers.push(s);
    const repo = s.app.get(CollabRepository);
    const jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    const docName = `${jansen}:werk`;
    const local = new Y.Doc();
    const updates: Uint8Array[] = [];
    local.on('update', (u: Uint8Array) => updates.push(u));
    for (let i = 0; i < 300; i++)
      local.getText('notes').insert(i, String.fromCharCode(97 + (i % 26)));
    await repo.append(
      docName,
      updates.map((update) => ({ update, userId: null })),
    );
    const textOf = async () => {
      const doc = new Y.Doc();
      for (const u of (await repo.load(docName)).updates) Y.applyUpdate(doc, u);
      return doc.getText('notes').toJSON();
    };
    // Two passes fold the same rows at the same time (the second a longer stretch): one writes, and the content stays whole.
    const [a, b] = await Promise.all([repo.compact(docName, 100), repo.compact(docName, 200)]);
    expect(a.merged + b.merged).toBeGreaterThan(0);
    expect(await textOf()).toBe(local.getText('notes').toJSON());
    const left = (await repo.load(docName)).logRows;
    expect(left).toBe(300 - a.merged - b.merged);
    // A purge while a pass folds: afterwards neither a snapshot nor a row of the document.
    const pass = repo.compact(docName, 1000);
    await repo.purge(docName);
    await pass;
    const ds = dataSourceOf(s);
    const rest = await ds.query<{ n: string }[]>(
      `SELECT (SELECT count(*) FROM plan_snapshot WHERE doc_name = $1) + (SELECT count(*) FROM plan_update WHERE doc_name = $1) AS n`,
      [docName],
    );
    expect(Number(rest[0]?.n)).toBe(0);
    local.destroy();
  });
});
