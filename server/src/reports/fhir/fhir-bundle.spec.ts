import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import type { PlanView } from '../../common/plan-documents.port';
import { planView } from '../../collab/plan-documents';
import {
  type FhirConsent,
  type FhirMeeting,
  type HouseholdBundleInput,
  householdBundle,
} from './fhir-bundle';
import type {
  Appointment,
  Bundle,
  CarePlan,
  CareTeam,
  Consent,
  Goal,
  Group,
  Resource,
  Task,
} from './fhir.types';
import { validateBundle } from './fhir.validate';

const HH = '7d4c8a52-6c0b-4e0e-9a35-0d3e1f0b6a01';
const MW = '1f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a02';
const HA = '2f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a03';
const INW = '3f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a04';
const GONE = '4f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a05';

function buildPlan(): { plan: PlanView; doelId: string; actieIds: string[] } {
  const plan = new PlanDoc(new Y.Doc());
  const p = new Y.XmlElement('paragraph');
  p.insert(0, [new Y.XmlText('Moeder wil grip op de post en rust voor de kinderen.')]);
  const p2 = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, 'Noah ');
  t.insert(5, 'moet weer naar school', { bold: true });
  p2.insert(0, [t]);
  plan.hulpvraag.insert(0, [p, p2]);
  const doelId = plan.addDoel({ titel: 'Schulden in beeld', domein: 'financien' });
  plan.addDoel({ titel: 'Noah gaat elke dag naar school', domein: 'opvoeding' });
  const a1 = plan.addActie({
    titel: 'Budgetplan maken',
    eigenaarId: MW,
    deadline: '2026-03-01',
    doelId,
    domein: 'financien',
    inschakelen: 'Bij een nieuwe aanmaning',
  });
  plan.addStatusUpdate(a1, {
    auteurId: MW,
    auteurNaam: 'Johan Kuipers',
    tekst: 'Eerste gesprek gehad',
    status: 'bezig',
  });
  plan.addStatusUpdate(a1, {
    auteurId: MW,
    auteurNaam: 'Johan Kuipers',
    tekst: 'Wacht op bankafschriften',
    status: 'geblokkeerd',
  });
  const a2 = plan.addActie({ titel: 'Medicatie nalopen', eigenaarId: HA, status: 'gereed' });
  const a3 = plan.addActie({ titel: 'Contact met school', eigenaarId: GONE });
  const a4 = plan.addActie({ titel: 'Oude afspraak', status: 'vervallen' });
  const a5 = plan.addActie({ titel: 'Nog op te pakken' });
  return { plan: planView(HH, plan.doc), doelId, actieIds: [a1, a2, a3, a4, a5] };
}

const CONSENT: FhirConsent = {
  id: '5f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a06',
  givenBy: 'inwoner',
  givenByName: 'Sandra Bakker',
  representativeRole: null,
  informationKinds: ['medisch', 'opvoeding'],
  sharedWithDomains: ['sociaal'],
  sharedWithOrganisations: ['Huisartsenpraktijk De Linde'],
  purpose: 'Afstemming van zorg voor het gezin',
  validFrom: '2026-01-10',
  validUntil: '2027-01-10',
  recordedAt: '2026-01-10T09:00:00.000Z',
  withdrawnAt: null,
  status: 'actief',
};

const MEETING: FhirMeeting = {
  id: '6f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a07',
  kind: 'mdo',
  title: 'MDO gezin Bakker',
  startsAt: '2026-02-03T13:00:00.000Z',
  endsAt: '2026-02-03T14:00:00.000Z',
  durationMinutes: 60,
  location: 'Wijkcentrum De Spil',
  status: 'afgerond',
  createdAt: '2026-01-20T09:00:00.000Z',
  participants: [
    {
      id: '8f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a08',
      userId: MW,
      name: 'Johan Kuipers',
      description: 'Maatschappelijk werker',
      kind: 'team',
      teamRole: 'lid',
      attendance: 'aanwezig',
    },
    {
      id: '9f4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a09',
      userId: HA,
      name: 'Pieter Hendriks',
      description: 'Huisarts',
      kind: 'team',
      teamRole: 'lid',
      attendance: 'afgemeld',
    },
    {
      id: 'af4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a0a',
      userId: null,
      name: 'Oma Bakker',
      description: 'grootmoeder',
      kind: 'naaste',
      teamRole: null,
      attendance: null,
    },
  ],
};

function input(
  overrides: Partial<HouseholdBundleInput> = {},
): HouseholdBundleInput & { doelId: string; actieIds: string[] } {
  const { plan, doelId, actieIds } = buildPlan();
  return {
    household: {
      id: HH,
      reference: 'SPW-2026-0101',
      displayName: 'Gezin Bakker',
      phase: 'uitvoering',
      createdAt: '2026-01-05T09:00:00.000Z',
      members: [
        {
          id: 'b1111111-2c0b-4e0e-9a35-0d3e1f0b6a01',
          firstName: 'Sandra',
          birthYear: 1986,
          relation: 'moeder',
        },
        {
          id: 'b2222222-2c0b-4e0e-9a35-0d3e1f0b6a01',
          firstName: 'Noah',
          birthYear: 2013,
          relation: 'zoon',
        },
      ],
    },
    team: [
      {
        userId: MW,
        name: 'Johan Kuipers',
        discipline: 'maatschappelijk-werker',
        organisation: 'Wijkteam Spilwijk-Oost',
        role: 'lid',
        since: '2026-01-06T09:00:00.000Z',
      },
      {
        userId: HA,
        name: 'Pieter Hendriks',
        discipline: 'huisarts',
        organisation: 'Huisartsenpraktijk De Linde',
        role: 'meelezer',
        since: '2026-01-06T09:00:00.000Z',
      },
      {
        userId: INW,
        name: 'Sandra Bakker',
        discipline: 'inwoner',
        organisation: 'Gezin Bakker',
        role: 'inwoner',
        since: '2026-01-06T09:00:00.000Z',
      },
    ],
    regie: { userId: MW, name: 'Johan Kuipers', since: '2026-01-07T09:00:00.000Z' },
    plan,
    consents: [CONSENT],
    meetings: [MEETING],
    generatedAt: new Date('2026-02-10T10:00:00.000Z'),
    ...overrides,
    doelId,
    actieIds,
  };
}

const all = <T extends Resource['resourceType']>(b: Bundle, type: T) =>
  b.entry
    .map((e) => e.resource)
    .filter((r): r is Extract<Resource, { resourceType: T }> => r.resourceType === type);
const one = <T extends Resource['resourceType']>(b: Bundle, type: T) => {
  const rs = all(b, type);
  expect(rs, type).toHaveLength(1);
  return rs[0] as Extract<Resource, { resourceType: T }>;
};
const resolve = (b: Bundle, reference: string | undefined) =>
  b.entry.find((e) => e.fullUrl === reference)?.resource;

describe('householdBundle', () => {
  it('is a valid R4 collection: required fields, value sets, invariants and references', () => {
    const b = householdBundle(input());
    expect(b.resourceType).toBe('Bundle');
    expect(b.type).toBe('collection');
    expect(validateBundle(b)).toEqual([]);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });

  it('has a CarePlan whose subject is the household as a Group of its members', () => {
    const b = householdBundle(input());
    const plan: CarePlan = one(b, 'CarePlan');
    const group = resolve(b, plan.subject.reference) as Group;
    expect(group.resourceType).toBe('Group');
    expect(group).toMatchObject({
      type: 'person',
      actual: true,
      name: 'Gezin Bakker',
      quantity: 2,
    });
    expect(group.identifier).toEqual([
      { system: 'urn:spil:household-reference', value: 'SPW-2026-0101' },
    ]);
    expect(group.member?.map((m) => resolve(b, m.entity.reference)?.resourceType)).toEqual([
      'Patient',
      'Patient',
    ]);
    expect(all(b, 'Patient').map((p) => [p.name?.[0]?.given, p.birthDate])).toEqual([
      [['Sandra'], '1986'],
      [['Noah'], '2013'],
    ]);
    expect(plan).toMatchObject({
      status: 'active',
      intent: 'plan',
      description:
        'Moeder wil grip op de post en rust voor de kinderen.\nNoah moet weer naar school',
    });
    expect(resolve(b, plan.careTeam?.[0]?.reference)?.resourceType).toBe('CareTeam');
    expect(resolve(b, plan.author?.reference)).toMatchObject({
      resourceType: 'Practitioner',
      name: [{ text: 'Johan Kuipers' }],
    });
    expect(plan.goal).toHaveLength(2);
    expect(plan.activity).toHaveLength(5);
  });

  it('lists the casus team with discipline, team role and the regiehouder', () => {
    const b = householdBundle(input());
    const team: CareTeam = one(b, 'CareTeam');
    expect(team.status).toBe('active');
    expect(team.participant?.map((p) => p.role?.map((r) => r.text))).toEqual([
      ['Maatschappelijk werker', 'Lid', 'Regiehouder'],
      ['Huisarts', 'Meelezer'],
      ['Inwoner', 'Inwoner'],
    ]);
    expect(team.participant?.[2]?.member).toEqual({ display: 'Sandra Bakker' });
    expect(all(b, 'Practitioner')).toHaveLength(2);
  });

  it('makes a Task per actie with owner, status and the last terugkoppeling as businessStatus', () => {
    const i = input();
    const b = householdBundle(i);
    const tasks = all(b, 'Task');
    expect(tasks.map((t) => [t.description, t.status, t.intent])).toEqual([
      ['Budgetplan maken', 'on-hold', 'plan'],
      ['Medicatie nalopen', 'completed', 'plan'],
      ['Contact met school', 'requested', 'plan'],
      ['Oude afspraak', 'cancelled', 'plan'],
      ['Nog op te pakken', 'requested', 'plan'],
    ]);
    const [budget, medicatie, school, , open] = tasks;
    expect(budget?.businessStatus).toEqual({ text: 'Wacht op bankafschriften' });
    expect(budget?.lastModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(resolve(b, budget?.owner?.reference)).toMatchObject({
      resourceType: 'Practitioner',
      name: [{ text: 'Johan Kuipers' }],
    });
    expect(budget?.restriction?.period?.end).toBe('2026-03-01');
    expect(budget?.note?.map((n) => n.text)).toEqual([
      'Wanneer schakel je de ander in: Bij een nieuwe aanmaning',
      'Eerste gesprek gehad',
      'Wacht op bankafschriften',
    ]);
    expect(resolve(b, budget?.reasonReference?.reference)).toMatchObject({
      resourceType: 'Goal',
      description: { text: 'Schulden in beeld' },
    });
    expect(resolve(b, budget?.basedOn?.[0]?.reference)?.resourceType).toBe('CarePlan');
    expect(resolve(b, medicatie?.owner?.reference)).toMatchObject({
      name: [{ text: 'Pieter Hendriks' }],
    });
    expect(medicatie?.businessStatus).toBeUndefined();
    expect(school?.owner).toEqual({ display: 'Niet meer in het casusteam' });
    expect(open?.owner).toBeUndefined();
  });

  it('makes a Goal per doel, completed with its achievement after the evaluation', () => {
    const i = input();
    const open = householdBundle(i);
    expect(
      all(open, 'Goal').map((g) => [g.description.text, g.lifecycleStatus, g.category?.[0]?.text]),
    ).toEqual([
      ['Schulden in beeld', 'active', 'Financiën'],
      ['Noah gaat elke dag naar school', 'active', 'Opvoeding / kinderen'],
    ]);
    const closed = householdBundle({
      ...i,
      household: { ...i.household, phase: 'afgesloten' },
      evaluation: {
        at: '2026-06-01T10:00:00.000Z',
        goals: [
          { goalId: i.doelId, title: 'Schulden in beeld', result: 'deels', note: 'Regeling loopt' },
        ],
      },
    });
    expect(validateBundle(closed)).toEqual([]);
    const goals: Goal[] = all(closed, 'Goal');
    expect(goals[0]).toMatchObject({
      lifecycleStatus: 'completed',
      achievementStatus: {
        coding: [
          { system: 'http://terminology.hl7.org/CodeSystem/goal-achievement', code: 'improving' },
        ],
      },
      statusDate: '2026-06-01',
      note: [{ text: 'Regeling loopt' }],
    });
    expect(goals[1]?.achievementStatus).toBeUndefined();
    expect(goals[0]?.identifier).toEqual([{ system: 'urn:spil:plan-goal', value: i.doelId }]);
    expect(one(closed, 'CarePlan').status).toBe('completed');
    expect(one(closed, 'CareTeam').status).toBe('inactive');
    const draft = householdBundle({ ...i, household: { ...i.household, phase: 'vraaganalyse' } });
    expect(one(draft, 'CarePlan').status).toBe('draft');
    expect(all(draft, 'Goal')[0]?.lifecycleStatus).toBe('proposed');
  });

  it('maps toestemming to a privacy Consent of the inwoner with its scope and recipients', () => {
    const withdrawn = {
      ...CONSENT,
      id: 'cf4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a0c',
      status: 'ingetrokken' as const,
      withdrawnAt: '2026-02-01T09:00:00.000Z',
    };
    const b = householdBundle(input({ consents: [CONSENT, withdrawn] }));
    const [active, ended] = all(b, 'Consent');
    expect(active).toMatchObject({
      status: 'active',
      scope: { coding: [{ code: 'patient-privacy' }] },
      dateTime: '2026-01-10T09:00:00.000Z',
    });
    expect(resolve(b, active?.patient?.reference)).toMatchObject({
      resourceType: 'Patient',
      name: [{ text: 'Sandra' }],
    });
    expect(active?.provision?.period).toEqual({ start: '2026-01-10', end: '2027-01-10' });
    expect(active?.provision?.actor?.map((a) => a.reference.display)).toEqual([
      'Sociaal domein',
      'Huisartsenpraktijk De Linde',
    ]);
    expect(active?.provision?.code?.map((c) => c.text)).toEqual([
      'Medische informatie (de medische notities)',
      'Opvoeding en ontwikkeling van kinderen',
    ]);
    expect(ended?.status).toBe('inactive');
  });

  it('maps each overleg to an Appointment with the participants’ attendance', () => {
    const cancelled = {
      ...MEETING,
      id: 'df4e7a52-2c0b-4e0e-9a35-0d3e1f0b6a0d',
      status: 'geannuleerd' as const,
      participants: [],
    };
    const b = householdBundle(input({ meetings: [MEETING, cancelled] }));
    expect(validateBundle(b)).toEqual([]);
    const [mdo, off] = all(b, 'Appointment');
    expect(mdo).toMatchObject({
      status: 'fulfilled',
      start: MEETING.startsAt,
      end: MEETING.endsAt,
      minutesDuration: 60,
      appointmentType: { text: 'MDO' },
    });
    expect(
      mdo?.participant.map((p) => [
        p.actor?.display,
        p.status,
        resolve(b, p.actor?.reference)?.resourceType,
      ]),
    ).toEqual([
      ['Johan Kuipers', 'accepted', 'Practitioner'],
      ['Pieter Hendriks', 'declined', 'Practitioner'],
      ['Oma Bakker', 'needs-action', undefined],
    ]);
    expect(off?.status).toBe('cancelled');
    expect(off?.participant).toEqual([{ type: [{ text: 'Casusteam' }], status: 'needs-action' }]);
  });

  it('maps what exists when consent and meetings are not there yet, and an empty plan', () => {
    const b = householdBundle({
      ...input({ consents: [], meetings: [] }),
      plan: planView(HH, new Y.Doc()),
    });
    expect(validateBundle(b)).toEqual([]);
    expect(all(b, 'Task')).toEqual([]);
    expect(all(b, 'Goal')).toEqual([]);
    expect(one(b, 'CarePlan').description).toBeUndefined();
  });

  it('gives the same resource ids on every export, and never an identifier on a person', () => {
    const i = input();
    const a = householdBundle(i);
    const b = householdBundle({ ...i, generatedAt: new Date('2026-03-01T00:00:00.000Z') });
    expect(a.entry.map((e) => e.fullUrl)).toEqual(b.entry.map((e) => e.fullUrl));
    for (const p of all(a, 'Patient')) expect(p).not.toHaveProperty('identifier');
    expect(JSON.stringify(a)).not.toMatch(/bsn/i);
  });
});

describe('validateBundle', () => {
  it('reports missing required fields, values outside the value sets and dangling references', () => {
    const b = householdBundle(input());
    const broken = structuredClone(b);
    const task = broken.entry.find((e) => e.resource.resourceType === 'Task')?.resource as Task;
    delete (task as Partial<Task>).intent;
    (task as { status: string }).status = 'open';
    const plan = broken.entry.find((e) => e.resource.resourceType === 'CarePlan')
      ?.resource as CarePlan;
    plan.subject = { reference: 'urn:uuid:00000000-0000-4000-8000-000000000000' };
    const group = broken.entry.find((e) => e.resource.resourceType === 'Group')?.resource as Group;
    delete (group as Partial<Group>).actual;
    const consent = broken.entry.find((e) => e.resource.resourceType === 'Consent')
      ?.resource as Consent;
    consent.category = [{ text: 'toestemming' }];
    delete consent.policyRule;
    const appt = broken.entry.find((e) => e.resource.resourceType === 'Appointment')
      ?.resource as Appointment;
    delete appt.end;
    const errors = validateBundle(broken);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Task\[\d+\]\.intent: ontbreekt/),
        expect.stringMatching(/^Task\[\d+\]\.status: 'open' niet in de waardelijst/),
        expect.stringMatching(/^CarePlan\[\d+\]\.subject: verwijst naar/),
        expect.stringMatching(/^Group\[\d+\]\.actual: ontbreekt/),
        expect.stringMatching(/^Consent\[\d+\]\.category\[0\]: niet in de waardelijst/),
        expect.stringMatching(/ppc-1/),
        expect.stringMatching(/app-2/),
      ]),
    );
  });
});

describe('voorzieningen in the bundle', () => {
  it('maps voorzieningen to ServiceRequests with the provider as performer, in the CarePlan', () => {
    const i = input();
    const hulp = {
      id: 'c1111111-2c0b-4e0e-9a35-0d3e1f0b6a01',
      soort: 'huishoudelijke-hulp' as const,
      omschrijving: '',
      wet: 'wmo' as const,
      vorm: 'zin' as const,
      aanbieder: 'Thuiszorg Het Anker',
      startOp: '2026-01-15',
      eindOp: '2026-12-31',
      urenPerWeek: 3,
      kostenPerMaandCents: 39_000,
      doelId: i.doelId,
      actieId: i.actieIds[0] ?? null,
      beschikking: {
        status: 'lopend' as const,
        kenmerk: 'WMO-2026-0212',
        aangevraagdOp: '2025-12-01',
        besluitOp: '2025-12-20',
        ingangOp: '2026-01-15',
        beeindigdOp: null,
      },
      at: '2025-12-01T09:00:00.000Z',
    };
    const netwerk = {
      ...hulp,
      id: 'c2222222-2c0b-4e0e-9a35-0d3e1f0b6a01',
      soort: 'mantelzorg-netwerk' as const,
      vorm: 'eigen-kracht' as const,
      aanbieder: 'Anouk (zus)',
      startOp: '2026-03-01',
      eindOp: null,
      urenPerWeek: null,
      kostenPerMaandCents: 0,
      doelId: null,
      actieId: null,
      beschikking: null,
    };
    const b = householdBundle({ ...i, voorzieningen: [hulp, netwerk] });
    expect(validateBundle(b)).toEqual([]);
    const [sr, planned] = all(b, 'ServiceRequest');
    expect(sr).toMatchObject({
      status: 'active',
      intent: 'order',
      code: { text: 'Huishoudelijke hulp' },
      category: [{ text: 'Wmo' }, { text: 'Zorg in natura' }],
      performer: [{ display: 'Thuiszorg Het Anker' }],
      occurrencePeriod: { start: '2026-01-15', end: '2026-12-31' },
    });
    expect(sr?.identifier).toContainEqual({
      system: 'urn:spil:beschikking-kenmerk',
      value: 'WMO-2026-0212',
    });
    expect(sr?.supportingInfo?.map((r) => resolve(b, r.reference)?.resourceType)).toEqual([
      'Goal',
      'Task',
    ]);
    // Starts after the export date, no beschikking: planned by the team.
    expect(planned).toMatchObject({ status: 'draft', intent: 'plan' });
    const carePlan = one(b, 'CarePlan');
    const activities = carePlan.activity?.map((a) => resolve(b, a.reference?.reference)?.id);
    expect(activities).toEqual(expect.arrayContaining([sr?.id, planned?.id]));

    // The validation catches a period that ends before it starts.
    const broken = householdBundle({ ...i, voorzieningen: [{ ...hulp, eindOp: '2025-01-01' }] });
    expect(validateBundle(broken).join('\n')).toMatch(/per-1/);
  });
});
