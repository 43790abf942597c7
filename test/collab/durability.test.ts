/**
 * Nothing confirmed is lost: across a graceful restart, across kill -9 of
 * the server process right after the confirmation, and through compaction.
 * A document with a long history still opens fast (measured, not asserted).
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
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
    await eventually(
      () => expect(notesOf(b.doc).toJSON()).toContain('Offline geschreven.'),
      10_000,
    );
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
    expect(notesOf(b.doc).toJSON().startsWith('LAATSTE ')).toBe(true);
  });

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
      expect(notesOf(await collab.readDoc(jansen)).toJSON()).toBe(notesOf(a.doc).toJSON());
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
      () => expect(notesOf(b.doc).toJSON().startsWith('na compactie ')).toBe(true),
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
});
