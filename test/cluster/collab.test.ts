/**
 * The live plan on two instances (child processes) sharing one PostgreSQL
 * database and Redis: edits and awareness typed on one instance reach
 * clients of the other without a reconnect; a removal cuts the member off
 * on both; and after kill -9 of one instance under load, its clients carry
 * on at the other one with every confirmed edit in place.
 *
 * Failover: the stock provider retries its `url` (serverUrl + room); once
 * instance A is dead the test points each provider's `serverUrl` at B, as a
 * load balancer would, and the provider's own retry lands there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type Client,
  connect,
  coversOwnEdits,
  followStored,
  notesOf,
  notesTextOf,
  synced,
} from '../collab/helpers';
import type { RunningServer } from '../collab/persistent';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import {
  demoHouseholds,
  Deployment,
  type Instance,
  storedDoc,
  storedText,
  withDatabase,
} from './instances';

const redisUrl = process.env.TEST_REDIS_URL;
const pgUrl = process.env.TEST_DATABASE_URL;

describe.runIf(redisUrl && pgUrl)('the live plan on two instances through Redis', () => {
  let db: TestDatabase;
  let a: Instance;
  let b: Instance;
  let deployment: Deployment;
  const clients: Client[] = [];
  const closers: (() => void)[] = [];
  let households: Map<string, string>;

  function open(server: RunningServer, token: string, docName: string, doc?: Y.Doc): Client {
    const c = connect(server.wsUrl, token, docName, doc ? { doc } : {});
    clients.push(c);
    return c;
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    deployment = new Deployment(db.url, redisUrl ?? '');
    // Compaction runs during the load test, so catching up also reads snapshots.
    const env = { COLLAB_COMPACT_AFTER: '50' };
    a = await deployment.start('a', true, env);
    b = await deployment.start('b', false, env);
    households = await demoHouseholds(a.url);
  });

  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const close of closers.splice(0)) close();
    await Promise.allSettled([a?.stop(), b?.stop()]);
    await db?.drop();
    deployment?.removeDataDirs();
  });

  it('relays text and awareness typed on A to a client on B, and back, without reconnecting', async () => {
    const bakker = households.get('Gezin Bakker') as string;
    const huisarts = await loginAs(a.url, 'huisarts');
    const mw = await loginAs(b.url, 'maatschappelijk-werker');
    const onA = open(a, huisarts.token, bakker);
    const onB = open(b, mw.token, bakker);
    await Promise.all([synced(onA), synced(onB)]);

    notesOf(onA.doc).insert(0, 'Getypt op A. ');
    await eventually(() => expect(notesTextOf(onB.doc)).toContain('Getypt op A.'), 20_000);
    notesOf(onB.doc).insert(0, 'Getypt op B. ');
    await eventually(() => expect(notesTextOf(onA.doc)).toContain('Getypt op B.'), 20_000);

    onA.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
    const stateOfA = () => onB.provider.awareness.getStates().get(onA.doc.clientID);
    await eventually(() => {
      expect(stateOfA()?.cursor).toEqual({ anchor: 3 });
      // The name is the one of the login on A, put there by A's server.
      expect((stateOfA()?.user as { name?: string } | undefined)?.name).toBe(huisarts.user.name);
    }, 20_000);
    onB.provider.awareness.setLocalStateField('cursor', { anchor: 7 });
    await eventually(
      () =>
        expect(onA.provider.awareness.getStates().get(onB.doc.clientID)?.cursor).toEqual({
          anchor: 7,
        }),
      20_000,
    );

    // A client that leaves A disappears from B's presence list.
    onA.provider.destroy();
    await eventually(() => expect(stateOfA()).toBeUndefined(), 20_000);
    expect(onB.closes).toEqual([]);
    expect(notesTextOf(onB.doc)).toContain('Getypt op A.');
  });

  it('cuts a removed member off on both instances', async () => {
    const visser = households.get('Gezin Visser') as string;
    const coord = await loginAs(a.url, 'coordinator');
    const poh = await loginAs(a.url, 'poh-jeugd');
    const onA = open(a, poh.token, visser);
    const onB = open(b, poh.token, visser);
    await Promise.all([synced(onA), synced(onB)]);

    const res = await api(a.url, 'DELETE', `/api/households/${visser}/team/${poh.user.id}`, {
      token: coord.token,
    });
    expect(res.status).toBe(204);
    await eventually(() => {
      expect(onA.closes).toContain(4403);
      expect(onB.closes).toContain(4403);
    }, 20_000);
  });

  it('catches up from the database what was stored but never published', async () => {
    // As if an instance died between its commit and its publish: a row only PostgreSQL knows of.
    const bakker = households.get('Gezin Bakker') as string;
    const huisarts = await loginAs(a.url, 'huisarts');
    const watcher = open(a, huisarts.token, bakker);
    await synced(watcher);
    await appendBehindTheirBacks(db.url, bakker, (doc) =>
      notesOf(doc).insert(0, 'Alleen in de database. '),
    );
    // A connection that joins B's open document finds it there at once...
    const mw = await loginAs(b.url, 'maatschappelijk-werker');
    const joiner = open(b, mw.token, bakker);
    await synced(joiner);
    await eventually(
      () => expect(notesTextOf(joiner.doc)).toContain('Alleen in de database.'),
      20_000,
    );
    // ...and A, which hears from B that B is ahead, catches up and relays it to its client.
    await eventually(
      () => expect(notesTextOf(watcher.doc)).toContain('Alleen in de database.'),
      60_000,
      100,
    );
    expect(watcher.closes).toEqual([]);
  });

  it('keeps every confirmed edit when instance A is killed under load; its clients carry on at B', async () => {
    const jansen = households.get('Huishouden Jansen') as string;
    const writers = await Promise.all(
      ['wmo-consulent', 'wijkverpleegkundige', 'huisarts'].map(async (key, i) => {
        const login = await loginAs(a.url, key);
        const follow = await followStored(a.url, login.token, jansen);
        closers.push(() => follow.close());
        const c = open(a, login.token, jansen);
        await synced(c);
        return { i, c, follow, edits: [] as { marker: string; clock: number }[] };
      }),
    );
    const mw = await loginAs(b.url, 'maatschappelijk-werker');
    const observer = open(b, mw.token, jansen);
    await synced(observer);

    // Every writer types a numbered marker every few milliseconds, whether connected or not.
    let typing = true;
    const loops = writers.map(async (w) => {
      for (let n = 0; typing; n++) {
        const marker = `[w${w.i}-${n}]`;
        notesOf(w.c.doc).insert(0, marker);
        w.edits.push({ marker, clock: Y.getState(w.c.doc.store, w.c.doc.clientID) });
        await new Promise((r) => setTimeout(r, 5 + Math.random() * 10));
      }
    });

    // Let it run until every writer has a good number of confirmed edits, and B has seen some.
    await eventually(
      () => {
        for (const w of writers) {
          const sv = w.follow.stored.at(-1);
          expect(
            w.edits.filter((e) => (sv?.get(w.c.doc.clientID) ?? 0) >= e.clock).length,
          ).toBeGreaterThan(30);
        }
        expect(notesTextOf(observer.doc).length).toBeGreaterThan(0);
      },
      60_000,
      50,
    );

    await a.kill9();
    // What each writer saw confirmed before the kill.
    const confirmed = writers.flatMap((w) => {
      const sv = w.follow.stored.at(-1);
      return w.edits
        .filter((e) => (sv?.get(w.c.doc.clientID) ?? 0) >= e.clock)
        .map((e) => e.marker);
    });
    for (const w of writers) w.c.provider.serverUrl = `${b.wsUrl}/collab`;

    // The writers reconnect to B by themselves and keep typing there for a while.
    await Promise.all(writers.map((w) => synced(w.c, 60_000)));
    await new Promise((r) => setTimeout(r, 1_000));
    typing = false;
    await Promise.all(loops);

    const text = () => notesTextOf(observer.doc);
    await eventually(
      () => {
        const seen = text();
        for (const m of confirmed) expect(seen).toContain(m);
      },
      60_000,
      100,
    );
    // Unconfirmed edits come back with their clients, and everyone converges.
    await eventually(
      () => {
        for (const w of writers) {
          expect(notesTextOf(w.c.doc)).toBe(text());
          expect(
            coversOwnEdits(Y.decodeStateVector(Y.encodeStateVector(observer.doc)), w.c.doc),
          ).toBe(true);
        }
      },
      60_000,
      100,
    );
    expect(observer.closes).toEqual([]);

    // And in the database.
    const stored = await withDatabase(db.url, (c) => storedText(c, jansen));
    for (const m of confirmed) expect(stored).toContain(m);
    for (const w of writers) for (const e of w.edits) expect(stored).toContain(e.marker);
  });
});

/** Append a change to the update log directly, telling no instance. */
async function appendBehindTheirBacks(
  url: string,
  docName: string,
  change: (doc: Y.Doc) => void,
): Promise<void> {
  await withDatabase(url, async (c) => {
    const doc = await storedDoc(c, docName);
    const before = Y.encodeStateVector(doc);
    change(doc);
    const update = Y.encodeStateAsUpdate(doc, before);
    doc.destroy();
    await c.query(`INSERT INTO plan_update (doc_name, "update", user_id) VALUES ($1, $2, NULL)`, [
      docName,
      Buffer.from(update),
    ]);
  });
}
