/**
 * GET /api/households/:id/fhir over the real API: the plan as stored in the
 * collab update log, the team, regie, consent and evaluation as a valid
 * FHIR R4 Bundle, for the team's professionals only.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc, type ErrorDto, type HouseholdDto } from '@spil/shared';
import { CollabRepository } from '../../server/src/collab/collab.repository';
import type {
  Appointment,
  Bundle,
  CarePlan,
  Consent,
  Goal,
  Group,
  Task,
} from '../../server/src/reports/fhir/fhir.types';
import { validateBundle } from '../../server/src/reports/fhir/fhir.validate';
import { addToTeam, dataSourceOf, householdByName } from '../factories';
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
    const coord = await loginAs(s.url, 'coordinator');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const ha = await loginAs(s.url, 'huisarts');
    const created = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `F-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Fhirfictief',
        wijk: 'Testwijk',
        phase: 'uitvoering',
        members: [
          { firstName: 'Sanne', birthYear: 1988, relation: 'moeder' },
          { firstName: 'Daan', birthYear: 2016, relation: 'zoon' },
          { firstName: 'Lieke', birthYear: 2019, relation: 'dochter' },
        ],
      },
    });
    expect(created.status).toBe(201);
    const household = created.body;
    await addToTeam(s, household.id, mw.user.id, 'lid');
    await addToTeam(s, household.id, ha.user.id, 'lid');

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
    await new CollabRepository(dataSourceOf(s)).append(household.id, [
      { update: Y.encodeStateAsUpdate(doc), userId: mw.user.id },
    ]);

    const consent = await api(s.url, 'POST', `/api/households/${household.id}/consents`, {
      token: mw.token,
      body: {
        givenBy: 'inwoner',
        givenByName: 'Sanne Fhirfictief',
        informationKinds: ['opvoeding'],
        sharedWithDomains: ['medisch'],
        purpose: 'Afstemming met de huisarts over Noah',
        validFrom: new Date().toISOString().slice(0, 10),
      },
    });
    expect(consent.status).toBe(201);

    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const meeting = await api(s.url, 'POST', `/api/households/${household.id}/meetings`, {
      token: mw.token,
      body: {
        kind: 'mdo',
        date: tomorrow,
        time: '14:00',
        durationMinutes: 60,
        location: 'Wijkcentrum De Spil',
        inviteeIds: [mw.user.id, ha.user.id],
      },
    });
    expect(meeting.status).toBe(201);

    const res = await fetch(`${s.url}/api/households/${household.id}/fhir`, {
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
      name: 'Gezin Fhirfictief',
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
    const appointments = byType('Appointment') as Appointment[];
    expect(appointments.map((x) => [x.status, x.minutesDuration, x.appointmentType?.text])).toEqual(
      [['booked', 60, 'MDO']],
    );
    expect(
      appointments[0]?.participant
        .map((p: Appointment['participant'][number]) => p.actor?.display)
        .sort(),
    ).toEqual(['Johan Kuipers', 'Pieter Hendriks']);
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

    // The demo plan of an open household exports valid too, whatever it holds.
    const bakker = await householdByName(s, 'Gezin Bakker');
    const open = await api<Bundle>(s.url, 'GET', `/api/households/${bakker.id}/fhir`, {
      token: mw.token,
    });
    expect(open.status).toBe(200);
    expect(validateBundle(open.body)).toEqual([]);
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
