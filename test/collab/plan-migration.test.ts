/**
 * Plan schema 2 on a real server and database: every stored plan of schema 1
 * (free text as plain strings) is migrated once, under the document's lock,
 * as a normal update in the log; reading it gives the same plan; doing it
 * again changes nothing. A stock y-websocket client that still holds schema-1
 * edits (offline, e.g. in IndexedDB) is refused with 4409 when it comes back,
 * and neither wipes the migrated text nor gets its edit stored.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PLAN_SCHEMA_VERSION, PLAN_TEXT_FIELDS, PlanDoc } from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { PlanMigration } from '../../server/src/collab/plan-migration';
import {
  HouseholdEntity,
  TeamMembershipEntity,
} from '../../server/src/modules/households/household.entity';
import { legacyTexts, unsentTexts } from '../../client/src/features/plan/outdated';
import { dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { connect, synced } from './helpers';

/** The same plan in schema 1: every Y.Text of a free-text key back to a plain string. */
function toV1(state: Uint8Array): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  doc.transact(() => {
    doc.getMap('meta').set('schemaVersion', 1);
    for (const [root, keys] of Object.entries(PLAN_TEXT_FIELDS))
      for (const entry of doc.getMap<unknown>(root).values()) {
        if (!(entry instanceof Y.Map)) continue;
        for (const key of keys) {
          const v = (entry as Y.Map<unknown>).get(key);
          if (v instanceof Y.Text) (entry as Y.Map<unknown>).set(key, v.toJSON());
        }
      }
  });
  return Y.encodeStateAsUpdate(doc);
}

/** Every free-text value is a Y.Text. */
function allText(doc: Y.Doc): boolean {
  for (const [root, keys] of Object.entries(PLAN_TEXT_FIELDS))
    for (const entry of doc.getMap<unknown>(root).values()) {
      if (!(entry instanceof Y.Map)) continue;
      for (const key of keys) {
        const v = (entry as Y.Map<unknown>).get(key);
        if (v !== undefined && !(v instanceof Y.Text)) return false;
      }
    }
  return true;
}

/** What a reader sees of a plan. */
function read(doc: Y.Doc) {
  const plan = new PlanDoc(doc);
  return {
    acties: plan.acties(),
    doelen: plan.doelen(),
    domeinen: plan.domeinen(),
    huishouden: plan.huishoudenEntries(),
  };
}

/** A schema-1 action edited as the old binding did: the whole string set on every keystroke. */
function v1History(updates: number): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  doc.getMap('meta').set('schemaVersion', 1);
  const acties = doc.getMap<Y.Map<unknown>>('acties');
  let actie: Y.Map<unknown> | null = null;
  let typed = '';
  while (out.length < updates) {
    if (!actie || typed.length >= 60) {
      const id = randomUUID();
      actie = new Y.Map<unknown>([
        ['id', id],
        ['titel', ''],
        ['inschakelen', ''],
        ['status', 'open'],
        ['aangemaakt', new Date().toISOString()],
      ]);
      acties.set(id, actie);
      typed = '';
      continue;
    }
    typed += String.fromCharCode(97 + (out.length % 26));
    actie.set(out.length % 2 ? 'titel' : 'inschakelen', typed);
  }
  return { updates: out.slice(0, updates), doc };
}

describe.each(databaseKinds())('plan schema 2 migration on %s', (kind) => {
  let s: TestServer;
  let collab: CollabService;
  let migration: PlanMigration;
  let wijkteamId: string;
  let userIds: string[];

  beforeAll(async () => {
    s = await startTestServer(kind, { env: { COLLAB_COMPACT_AFTER: '1000000' } });
    collab = s.app.get(CollabService);
    migration = s.app.get(PlanMigration);
    wijkteamId = (await householdByName(s, 'Gezin Bakker')).wijkteamId;
    const logins = await Promise.all(
      ['huisarts', 'maatschappelijk-werker'].map((k) => loginAs(s.url, k)),
    );
    userIds = logins.map((l) => l.user.id);
  });
  afterAll(async () => s?.stop());

  const ds = () => dataSourceOf(s);

  /** Replace what is stored of a document by one update, and forget it was migrated. */
  async function storeOnly(docName: string, updates: Uint8Array[]): Promise<void> {
    await eventually(() => expect(collab.stats().openDocs).toBe(0), 15_000);
    await ds().query('DELETE FROM plan_update WHERE doc_name = $1', [docName]);
    await ds().query('DELETE FROM plan_snapshot WHERE doc_name = $1', [docName]);
    await ds().query('DELETE FROM plan_schema WHERE doc_name = $1', [docName]);
    for (let i = 0; i < updates.length; i += 1000) {
      const chunk = updates.slice(i, i + 1000);
      const params: unknown[] = [docName];
      const values = chunk.map((u) => {
        params.push(Buffer.from(u));
        return `($1, $${params.length}, NULL)`;
      });
      await ds().query(
        `INSERT INTO plan_update (doc_name, "update", user_id) VALUES ${values.join(', ')}`,
        params,
      );
    }
  }

  async function rows(docName: string): Promise<number> {
    const [r] = await ds().query<{ n: string }[]>(
      'SELECT count(*) AS n FROM plan_update WHERE doc_name = $1',
      [docName],
    );
    return Number(r?.n ?? 0);
  }

  /** A household of its own, with two professionals on its team. */
  async function freshHousehold(): Promise<string> {
    const h = await ds()
      .getRepository(HouseholdEntity)
      .save(
        ds()
          .getRepository(HouseholdEntity)
          .create({
            reference: `MIG-${randomUUID().slice(0, 8)}`,
            displayName: 'Migratiehuishouden',
            wijk: 'Oosterpark',
            phase: 'plan',
            wijkteamId,
          }),
      );
    const repo = ds().getRepository(TeamMembershipEntity);
    await repo.save(
      userIds.map((userId) =>
        repo.create({ householdId: h.id, userId, role: 'lid', since: new Date(), endedAt: null }),
      ),
    );
    return h.id;
  }

  it('migrates the demo plans once, reading the same, and a second run changes nothing', async () => {
    const names = (
      await ds().query<{ id: string }[]>('SELECT id FROM household ORDER BY reference')
    ).map((r) => r.id);
    const before = new Map<string, ReturnType<typeof read>>();
    for (const name of names) {
      const doc = await collab.readDoc(name);
      const state = Y.encodeStateAsUpdate(doc);
      if (new PlanDoc(doc).acties().length === 0) continue;
      before.set(name, read(doc));
      await storeOnly(name, [toV1(state)]);
      const v1 = await collab.readDoc(name);
      expect(new PlanDoc(v1).schemaVersion()).toBe(1);
      expect(allText(v1)).toBe(false);
      // Readers read schema 1 just the same (textOf).
      expect(read(v1)).toEqual(before.get(name));
    }
    expect(before.size).toBeGreaterThanOrEqual(2);

    const result = await migration.migrateAll();
    expect(result.failed).toBe(0);
    expect(result.visited).toBeGreaterThanOrEqual(before.size);
    await eventually(() => expect(collab.stats().openDocs).toBe(0), 15_000);
    for (const [name, expected] of before) {
      // From the database, not from memory: the migration is an update in the log.
      const stored = await collab.readDoc(name);
      expect(new PlanDoc(stored).schemaVersion()).toBe(PLAN_SCHEMA_VERSION);
      expect(allText(stored)).toBe(true);
      expect(read(stored)).toEqual(expected);
      expect(await rows(name)).toBe(2);
    }
    // Recorded: the next start opens none of them; once more by hand writes nothing.
    expect(await migration.pending()).toEqual([]);
    expect((await migration.migrateAll()).visited).toBe(0);
    const [first] = [...before.keys()];
    await migration.migrate(first as string);
    expect(await rows(first as string)).toBe(2);
  });

  it('migrates a schema-1 plan with 1,000 updates in its history, and times one with 10,000', async () => {
    for (const n of [1_000, 10_000]) {
      const name = await freshHousehold();
      const { updates, doc } = v1History(n);
      const expected = read(doc);
      await storeOnly(name, updates);
      const t0 = performance.now();
      await migration.migrate(name);
      const ms = performance.now() - t0;
      console.log(
        `[plan-migration] ${kind}: a schema-1 plan with ${n} updates migrated (opened, migrated, stored) in ${ms.toFixed(0)} ms`,
      );
      await eventually(() => expect(collab.stats().openDocs).toBe(0), 15_000);
      const stored = await collab.readDoc(name);
      expect(new PlanDoc(stored).schemaVersion()).toBe(PLAN_SCHEMA_VERSION);
      expect(allText(stored)).toBe(true);
      expect(read(stored).acties).toEqual(expected.acties);
      expect(await rows(name)).toBe(n + 1);
    }
  });

  it('refuses a stock client with offline schema-1 edits (4409), keeping the migrated text', async () => {
    const name = await freshHousehold();
    // Before the migration: a schema-1 plan, and a client that synced it and went offline.
    const { updates, doc: v1 } = v1History(20);
    await storeOnly(name, updates);
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(v1));
    const id = new PlanDoc(local).acties()[0]?.id as string;
    const original = new PlanDoc(local).actie(id);
    // Offline, as the old client wrote: the whole string.
    const offline = 'Offline getypt: bel eerst de huisarts';
    (local.getMap('acties').get(id) as Y.Map<unknown>).set('inschakelen', offline);
    const legacy = legacyTexts(local);

    await migration.migrate(name);
    await eventually(() => expect(collab.stats().openDocs).toBe(0), 15_000);
    const rowsBefore = await rows(name);

    const refused: string[] = [];
    const off = collab.onRejected((e) => {
      if (e.docName === name) refused.push(e.reason);
    });
    const [mw, ha] = await Promise.all(
      ['maatschappelijk-werker', 'huisarts'].map((k) => loginAs(s.url, k)),
    );
    const watcher = connect(s.wsUrl, ha!.token, name);
    const stale = connect(s.wsUrl, mw!.token, name, { doc: local });
    try {
      await synced(watcher);
      await eventually(() => expect(stale.closes).toContain(4409), 15_000);
      expect(refused).toContain('schema_outdated');
      // Final: the stock client does not try again.
      expect(stale.provider.shouldConnect).toBe(false);
      // Nothing of it was stored or relayed; the migrated text is intact.
      await new Promise((r) => setTimeout(r, 500));
      const stored = await collab.readDoc(name);
      expect(allText(stored)).toBe(true);
      expect(new PlanDoc(stored).actie(id)).toMatchObject({
        titel: original?.titel,
        inschakelen: original?.inschakelen,
      });
      expect(new PlanDoc(watcher.doc).actie(id)?.inschakelen).toBe(original?.inschakelen);
      expect(await rows(name)).toBe(rowsBefore);
      // The browser client shows what was not sent.
      expect(unsentTexts(local, legacy).map((t) => t.value)).toContain(offline);
      // A client of schema 2 types into the same field and is stored.
      const text = new PlanDoc(watcher.doc).textField('acties', id, 'inschakelen') as Y.Text;
      text.insert(0, 'Na de migratie: ');
      await eventually(
        async () =>
          expect(new PlanDoc(await collab.readDoc(name)).actie(id)?.inschakelen).toBe(
            `Na de migratie: ${original?.inschakelen ?? ''}`,
          ),
        15_000,
      );
    } finally {
      off();
      stale.destroy();
      watcher.destroy();
    }
  });
});
