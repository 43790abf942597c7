/**
 * The plan-documents port (ADR 013) on a real server and database: read a
 * plan as typed data (also what a stock y-websocket client typed), apply a
 * server change that open plans receive, hear stored changes, list a
 * household's documents, read one as plain data, and purge them inside a
 * transaction.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docNameOf, LEVENSDOMEINEN, PlanDoc } from '@spil/shared';
import {
  PLAN_DOCUMENTS,
  type PlanDocuments,
  type PlanView,
} from '../../server/src/common/plan-documents.port';
import { connect, synced, type Client } from '../collab/helpers';
import { dataSourceOf, householdByName } from '../factories';
import { createCanaryHousehold, findTextAnywhere } from './accountability-helpers';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('plan-documents port on %s', (kind) => {
  let s: TestServer;
  let plans: PlanDocuments;
  const clients: Client[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind);
    plans = s.app.get<PlanDocuments>(PLAN_DOCUMENTS);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => s?.stop());

  async function open(token: string, docName: string): Promise<Client> {
    const c = connect(s.wsUrl, token, docName);
    clients.push(c);
    await synced(c);
    return c;
  }

  it('reads a demo plan as typed data', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const plan = await plans.read(bakker.id);
    expect(plan.householdId).toBe(bakker.id);
    expect(plan.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(plan.acties.length).toBeGreaterThan(0);
    expect(plan.doelen.length).toBeGreaterThan(0);
    for (const a of plan.acties) expect(typeof a.titel).toBe('string');
    expect(plan.team.length).toBeGreaterThan(0);
    expect(plan.regie?.name).toBeTruthy();
    expect(typeof plan.situatie).toBe('string');
    expect(Object.keys(plan.domeinen).sort()).toEqual([...LEVENSDOMEINEN].sort());
    // A plain object: it outlives the document it was read from.
    expect(JSON.parse(JSON.stringify(plan))).toMatchObject({ householdId: bakker.id });
  });

  it('reads what a client typed, and an empty plan for a household with nothing stored', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const c = await open(mw.token, docNameOf(bakker.id));
    const doelId = new PlanDoc(c.doc).addDoel({ titel: 'Doel van de port-test', domein: null });
    c.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('Regel één van de situatie')]);
      new PlanDoc(c.doc).situatie.insert(0, [p]);
    });
    await eventually(async () => {
      const plan = await plans.read(bakker.id);
      expect(plan.doelen.find((d) => d.id === doelId)?.titel).toBe('Doel van de port-test');
      expect(plan.situatie.split('\n')[0]).toBe('Regel één van de situatie');
    });
    const nothing = await plans.read('00000000-0000-4000-8000-00000000abcd');
    expect(nothing).toMatchObject({ acties: [], doelen: [], huishouden: [], regie: null });
  });

  it('applies a server change: stored, heard by onStored, and seen by an open plan', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const c = await open(mw.token, docNameOf(bakker.id));
    const heard: PlanView[] = [];
    const stop = plans.onStored((plan) => {
      if (plan.householdId === bakker.id) heard.push({ ...plan, acties: plan.acties });
    });
    try {
      const { changed, result: id } = await plans.change(bakker.id, (plan) =>
        plan.addActie({ titel: 'Actie van de server', domein: 'financien' }),
      );
      expect(changed).toBe(true);
      await eventually(() =>
        expect(heard.some((p) => p.acties.some((a) => a.id === id))).toBe(true),
      );
      await eventually(() =>
        expect(new PlanDoc(c.doc).actie(id)?.titel).toBe('Actie van de server'),
      );
      expect((await plans.read(bakker.id)).acties.find((a) => a.id === id)?.domein).toBe(
        'financien',
      );
      // Nothing written: nothing stored.
      const none = await plans.change(bakker.id, (plan) => plan.actie(id)?.titel);
      expect(none).toEqual({ changed: false, result: 'Actie van de server' });
    } finally {
      stop();
    }
    const before = heard.length;
    await plans.change(bakker.id, (plan) => plan.addDoel({ titel: 'Na het afmelden' }));
    await new Promise((r) => setTimeout(r, 200));
    expect(heard.length).toBe(before);
  });

  it('lists, reads and purges the documents of a household, inside the caller’s transaction', async () => {
    const f = await createCanaryHousehold(s);
    const bakker = await householdByName(s, 'Gezin Bakker');
    const names = (await plans.list(f.id)).map((d) => `${d.kind} ${d.name}`);
    expect(names).toEqual([
      `plan ${f.id}`,
      `medisch ${f.id}:medisch`,
      `overleg ${f.id}:overleg:${f.meetingId}`,
      `werk ${f.id}:werk`,
    ]);
    expect(await plans.contents(`${f.id}:werk`)).toEqual({
      notities: { n1: `Werk: ${f.canary.werk}` },
    });
    expect(await plans.contents(`${f.id}:medisch`)).toEqual({
      notities: `Medisch: ${f.canary.medisch}`,
    });
    expect(JSON.stringify(await plans.contents(f.id))).toContain(f.canary.plan);
    expect(await plans.contents(`${f.id}:overleg:00000000-0000-4000-8000-000000000999`)).toBeNull();
    expect(await plans.contents('geen-document')).toBeNull();

    const bakkerBefore = await plans.list(bakker.id);
    const purged = await dataSourceOf(s).transaction((em) => plans.purge(f.id, em));
    expect(Object.keys(purged).sort()).toEqual(['plan_snapshot', 'plan_update']);
    expect(await plans.list(f.id)).toEqual([]);
    expect(await findTextAnywhere(s, f.canary.werk)).toEqual([]);
    expect(await findTextAnywhere(s, f.canary.medisch)).toEqual([]);
    expect(await plans.list(bakker.id)).toEqual(bakkerBefore);
  });
});
