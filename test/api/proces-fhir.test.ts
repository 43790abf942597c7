/**
 * GET /api/households/:id/fhir over the real API: the plan as stored in the
 * collab update log, the team, regie, consent and evaluation as a valid
 * FHIR R4 Bundle, for the team's professionals only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc, type ErrorDto } from '@spil/shared';
import { CollabRepository } from '../../server/src/collab/collab.repository';
import type {
  Bundle,
  CarePlan,
  Consent,
  Goal,
  Group,
  Task,
} from '../../server/src/reports/fhir/fhir.types';
import { validateBundle } from '../../server/src/reports/fhir/fhir.validate';
import { dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('FHIR export on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('exports the stored plan, team, regie and consent as a valid R4 bundle', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const ha = await loginAs(s.url, 'huisarts');

    // Write a plan the way the collab layer stores it: an update in the log.
    const doc = new Y.Doc();
    const plan = new PlanDoc(doc);
    const doelId = plan.addDoel({ titel: 'Rust in de financiën', domein: 'financien' });
    const actie = plan.addActie({
      titel: 'Aanvraag schuldhulp',
      eigenaarId: mw.user.id,
      deadline: '2026-12-01',
      doelId,
    });
    plan.addStatusUpdate(actie, {
      auteurId: mw.user.id,
      auteurNaam: mw.user.name,
      tekst: 'Intake bij de schuldhulp gepland',
      status: 'bezig',
    });
    plan.addActie({ titel: 'Huisbezoek', eigenaarId: ha.user.id });
    await new CollabRepository(dataSourceOf(s)).append(bakker.id, [
      { update: Y.encodeStateAsUpdate(doc), userId: mw.user.id },
    ]);

    const consent = await api(s.url, 'POST', `/api/households/${bakker.id}/consents`, {
      token: mw.token,
      body: {
        givenBy: 'inwoner',
        givenByName: 'Sandra Bakker',
        informationKinds: ['opvoeding'],
        sharedWithDomains: ['medisch'],
        purpose: 'Afstemming met de huisarts over Noah',
        validFrom: new Date().toISOString().slice(0, 10),
      },
    });
    expect(consent.status).toBe(201);

    const res = await fetch(`${s.url}/api/households/${bakker.id}/fhir`, {
      headers: { authorization: `Bearer ${mw.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const bundle = (await res.json()) as Bundle;
    expect(validateBundle(bundle)).toEqual([]);
    const byType = (t: string) =>
      bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === t);
    const carePlan = byType('CarePlan')[0] as CarePlan;
    const group = bundle.entry.find((e) => e.fullUrl === carePlan.subject.reference)
      ?.resource as Group;
    expect(group).toMatchObject({
      resourceType: 'Group',
      name: 'Gezin Bakker',
      type: 'person',
      actual: true,
      quantity: 3,
    });
    expect(carePlan.status).toBe('active');
    expect((byType('Goal') as Goal[]).map((g) => g.description.text)).toEqual([
      'Rust in de financiën',
    ]);
    const tasks = byType('Task') as Task[];
    expect(tasks.map((t) => [t.description, t.status, t.businessStatus?.text])).toEqual([
      ['Aanvraag schuldhulp', 'in-progress', 'Intake bij de schuldhulp gepland'],
      ['Huisbezoek', 'requested', undefined],
    ]);
    expect(tasks[0]?.owner?.display).toBe('Johan Kuipers');
    expect(byType('CareTeam')).toHaveLength(1);
    const consents = byType('Consent') as Consent[];
    const ours = consents.filter(
      (c) =>
        c.provision?.code?.map((x) => x.text).join() === 'Opvoeding en ontwikkeling van kinderen',
    );
    expect(ours.map((c) => [c.status, c.provision?.actor?.[0]?.reference.display])).toEqual([
      ['active', 'Medisch domein'],
    ]);
    expect(doelId).toBeTruthy();
  });

  it('exports the closed demo household with its evaluation and an empty plan', async () => {
    const mulder = await householdByName(s, 'Gezin Mulder');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const res = await api<Bundle>(s.url, 'GET', `/api/households/${mulder.id}/fhir`, {
      token: mw.token,
    });
    expect(res.status).toBe(200);
    expect(validateBundle(res.body)).toEqual([]);
    const carePlan = res.body.entry.find((e) => e.resource.resourceType === 'CarePlan')
      ?.resource as CarePlan;
    expect(carePlan.status).toBe('completed');
  });

  it('answers 404 outside the team and 403 for the household itself', async () => {
    const visser = await householdByName(s, 'Gezin Visser');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const ha = await loginAs(s.url, 'huisarts');
    const inwoner = await loginAs(s.url, 'inwoner');
    const hidden = await api<ErrorDto>(s.url, 'GET', `/api/households/${visser.id}/fhir`, {
      token: ha.token,
    });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'household.not_found']);
    const unknown = await api<ErrorDto>(s.url, 'GET', `/api/households/${randomUUID()}/fhir`, {
      token: ha.token,
    });
    expect(unknown.status).toBe(404);
    const own = await api<ErrorDto>(s.url, 'GET', `/api/households/${bakker.id}/fhir`, {
      token: inwoner.token,
    });
    expect(own.status).toBe(403);
  });
});
