/**
 * One household as a FHIR R4 Bundle (type `collection`): the household as a
 * Group of Patients, its plan as a CarePlan with the Group as subject, the
 * casus team as a CareTeam of Practitioners, a Goal per doel, a Task per
 * actie (owner, status, businessStatus = the last terugkoppeling), a Consent
 * per toestemming and an Appointment per overleg.
 *
 * A pure function of what the services hand it (the plan as the
 * plan-documents port reads it), so it is tested over a plan built in the test. Resource ids are derived from our own ids, so
 * exporting twice gives the same ids. Never a BSN: members are Patients with
 * a first name and a birth year only.
 */
import { createHash } from 'node:crypto';
import {
  type ActieStatus,
  CONSENT_INFO_KIND_LABELS,
  type ConsentDto,
  DISCIPLINE_LABELS,
  type Discipline,
  type EvaluationDto,
  type GoalResult,
  isHouseholdRole,
  LEVENSDOMEIN_LABELS,
  MEETING_KIND_LABELS,
  type MeetingDto,
  PHASE_LABELS,
  type Phase,
  TEAM_ROLE_LABELS,
  type TeamRole,
  BESCHIKKING_STATUS_LABELS,
  type VoorzieningDto,
  voorzieningFase,
  voorzieningLabel,
  VORM_LABELS,
  WET_LABELS,
} from '@spil/shared';
import type { PlanView } from '../../common/plan-documents.port';
import type {
  Appointment,
  Bundle,
  CarePlan,
  CareTeam,
  CodeableConcept,
  Consent,
  Goal,
  Group,
  Patient,
  Practitioner,
  Reference,
  Resource,
  ServiceRequest,
  Task,
} from './fhir.types';

export const HOUSEHOLD_REFERENCE_SYSTEM = 'urn:spil:household-reference';
/** The id of a doel or actie inside the household's plan document. */
export const PLAN_GOAL_SYSTEM = 'urn:spil:plan-goal';
export const PLAN_ACTION_SYSTEM = 'urn:spil:plan-action';
export const VOORZIENING_SYSTEM = 'urn:spil:voorziening';
/** The municipality's kenmerk of the beschikking (never the document). */
export const BESCHIKKING_KENMERK_SYSTEM = 'urn:spil:beschikking-kenmerk';

export interface FhirHousehold {
  id: string;
  reference: string;
  displayName: string;
  phase: Phase;
  createdAt: string;
  members: { id: string; firstName: string; birthYear: number; relation: string }[];
}
export interface FhirTeamMember {
  userId: string;
  name: string;
  discipline: Discipline;
  organisation: string;
  role: TeamRole;
  since: string;
}
export type FhirRegie = { userId: string; name: string; since: string } | null;
export type FhirConsent = Pick<
  ConsentDto,
  | 'id'
  | 'givenBy'
  | 'givenByName'
  | 'representativeRole'
  | 'informationKinds'
  | 'sharedWithDomains'
  | 'sharedWithOrganisations'
  | 'purpose'
  | 'validFrom'
  | 'validUntil'
  | 'recordedAt'
  | 'withdrawnAt'
  | 'status'
>;
export type FhirMeeting = Pick<
  MeetingDto,
  | 'id'
  | 'kind'
  | 'title'
  | 'startsAt'
  | 'endsAt'
  | 'durationMinutes'
  | 'location'
  | 'status'
  | 'participants'
  | 'createdAt'
>;

export type FhirVoorziening = Pick<
  VoorzieningDto,
  | 'id'
  | 'soort'
  | 'omschrijving'
  | 'wet'
  | 'vorm'
  | 'aanbieder'
  | 'startOp'
  | 'eindOp'
  | 'urenPerWeek'
  | 'kostenPerMaandCents'
  | 'doelId'
  | 'actieId'
  | 'beschikking'
  | 'at'
>;

const SERVICE_STATUS = {
  gepland: 'draft',
  lopend: 'active',
  beeindigd: 'completed',
  afgewezen: 'revoked',
} as const satisfies Record<ReturnType<typeof voorzieningFase>, ServiceRequest['status']>;

export interface HouseholdBundleInput {
  household: FhirHousehold;
  team: FhirTeamMember[];
  regie: FhirRegie;
  /** The plan as typed data (from the plan-documents port). */
  plan: Pick<PlanView, 'doelen' | 'acties' | 'hulpvraag'>;
  consents: FhirConsent[];
  meetings: FhirMeeting[];
  /** The latest evaluation, for each goal's achievement. */
  evaluation?: Pick<EvaluationDto, 'goals' | 'at'> | null;
  /** Voorzieningen with their beschikking: ServiceRequests in the CarePlan's activities. */
  voorzieningen?: FhirVoorziening[];
  generatedAt?: Date;
}

/** A stable UUID (version 5 layout) from our own ids, so an export is repeatable. */
export function stableId(...parts: string[]): string {
  const h = createHash('sha1').update(parts.join('|')).digest();
  h[6] = ((h[6] as number) & 0x0f) | 0x50;
  h[8] = ((h[8] as number) & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}

const ref = (r: Resource, display?: string): Reference => ({
  reference: `urn:uuid:${r.id}`,
  type: r.resourceType,
  ...(display ? { display } : {}),
});
const text = (t: string): CodeableConcept => ({ text: t });

const TASK_STATUS: Record<ActieStatus, Task['status']> = {
  open: 'requested',
  bezig: 'in-progress',
  gereed: 'completed',
  geblokkeerd: 'on-hold',
  vervallen: 'cancelled',
};

const ACHIEVEMENT: Record<GoalResult, { code: string; display: string }> = {
  behaald: { code: 'achieved', display: 'Achieved' },
  deels: { code: 'improving', display: 'Improving' },
  niet: { code: 'not-achieved', display: 'Not Achieved' },
};

function carePlanStatus(phase: Phase): CarePlan['status'] {
  if (phase === 'afgesloten') return 'completed';
  if (phase === 'aangemeld' || phase === 'quickscan' || phase === 'vraaganalyse') return 'draft';
  return 'active';
}

function appointmentStatus(s: FhirMeeting['status']): Appointment['status'] {
  return s === 'afgerond' ? 'fulfilled' : s === 'geannuleerd' ? 'cancelled' : 'booked';
}

function participationStatus(
  a: FhirMeeting['participants'][number]['attendance'],
): Appointment['participant'][number]['status'] {
  if (a === 'aanwezig') return 'accepted';
  if (a === 'afgemeld' || a === 'afwezig') return 'declined';
  return 'needs-action';
}

export function householdBundle(input: HouseholdBundleInput): Bundle {
  const { household: h, plan } = input;
  const now = (input.generatedAt ?? new Date()).toISOString();
  const entries: Resource[] = [];

  const patients = new Map<string, Patient>();
  for (const m of h.members) {
    const p: Patient = {
      resourceType: 'Patient',
      id: stableId('Patient', h.id, m.id),
      active: h.phase !== 'afgesloten',
      name: [{ use: 'usual', text: m.firstName, given: [m.firstName] }],
      birthDate: String(m.birthYear),
    };
    patients.set(m.id, p);
    entries.push(p);
  }

  const group: Group = {
    resourceType: 'Group',
    id: stableId('Group', h.id),
    identifier: [{ system: HOUSEHOLD_REFERENCE_SYSTEM, value: h.reference }],
    active: h.phase !== 'afgesloten',
    type: 'person',
    actual: true,
    code: text('Huishouden'),
    name: h.displayName,
    quantity: h.members.length,
    member: [...patients.values()].map((p) => ({ entity: ref(p, p.name?.[0]?.text) })),
  };
  entries.push(group);

  const practitioners = new Map<string, Practitioner>();
  for (const t of input.team) {
    if (isHouseholdRole(t.role)) continue;
    const p: Practitioner = {
      resourceType: 'Practitioner',
      id: stableId('Practitioner', t.userId),
      active: true,
      name: [{ text: t.name }],
      qualification: [{ code: text(DISCIPLINE_LABELS[t.discipline]) }],
    };
    practitioners.set(t.userId, p);
    entries.push(p);
  }

  const careTeam: CareTeam = {
    resourceType: 'CareTeam',
    id: stableId('CareTeam', h.id),
    status: h.phase === 'afgesloten' ? 'inactive' : 'active',
    name: `Casusteam ${h.displayName}`,
    subject: ref(group, h.displayName),
    participant: input.team.map((t) => {
      const practitioner = practitioners.get(t.userId);
      const roles: CodeableConcept[] = [
        text(DISCIPLINE_LABELS[t.discipline]),
        text(TEAM_ROLE_LABELS[t.role]),
      ];
      if (input.regie?.userId === t.userId) roles.push(text('Regiehouder'));
      return {
        role: roles,
        member: practitioner ? ref(practitioner, t.name) : { display: t.name },
        ...(t.organisation && practitioner ? { onBehalfOf: { display: t.organisation } } : {}),
        period: { start: t.since },
      };
    }),
  };
  entries.push(careTeam);

  const evaluated = new Map((input.evaluation?.goals ?? []).map((g) => [g.goalId, g]));
  const goals = new Map<string, Goal>();
  for (const d of plan.doelen) {
    const e = evaluated.get(d.id);
    const g: Goal = {
      resourceType: 'Goal',
      id: stableId('Goal', h.id, d.id),
      identifier: [{ system: PLAN_GOAL_SYSTEM, value: d.id }],
      lifecycleStatus:
        h.phase === 'afgesloten' || e
          ? 'completed'
          : carePlanStatus(h.phase) === 'draft'
            ? 'proposed'
            : 'active',
      ...(e
        ? {
            achievementStatus: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
                  ...ACHIEVEMENT[e.result],
                },
              ],
              text: e.result,
            },
            statusDate: input.evaluation?.at.slice(0, 10),
          }
        : {}),
      ...(d.domein ? { category: [text(LEVENSDOMEIN_LABELS[d.domein].label)] } : {}),
      description: text(d.titel || 'Doel zonder titel'),
      subject: ref(group, h.displayName),
      ...(d.aangemaakt ? { startDate: d.aangemaakt.slice(0, 10) } : {}),
      ...(e?.note ? { note: [{ text: e.note }] } : {}),
    };
    goals.set(d.id, g);
    entries.push(g);
  }

  const carePlan: CarePlan = {
    resourceType: 'CarePlan',
    id: stableId('CarePlan', h.id),
    identifier: [{ system: HOUSEHOLD_REFERENCE_SYSTEM, value: h.reference }],
    status: carePlanStatus(h.phase),
    intent: 'plan',
    category: [text(`Plan van aanpak (${PHASE_LABELS[h.phase]})`)],
    title: `Plan van aanpak ${h.displayName}`,
    subject: ref(group, h.displayName),
    period: { start: h.createdAt },
    created: h.createdAt,
    careTeam: [ref(careTeam)],
    goal: [...goals.values()].map((g) => ref(g)),
    activity: [],
  };
  const description = plan.hulpvraag;
  if (description) carePlan.description = description;
  const regieholder = input.regie ? practitioners.get(input.regie.userId) : undefined;
  if (regieholder && input.regie) carePlan.author = ref(regieholder, input.regie.name);
  entries.push(carePlan);

  for (const a of plan.acties) {
    const owner = a.eigenaarId ? practitioners.get(a.eigenaarId) : undefined;
    const last = a.updates.at(-1);
    const goal = a.doelId ? goals.get(a.doelId) : undefined;
    const task: Task = {
      resourceType: 'Task',
      id: stableId('Task', h.id, a.id),
      identifier: [{ system: PLAN_ACTION_SYSTEM, value: a.id }],
      basedOn: [ref(carePlan)],
      status: TASK_STATUS[a.status] ?? 'requested',
      intent: 'plan',
      description: a.titel || 'Actie zonder titel',
      for: ref(group, h.displayName),
      ...(a.aangemaakt ? { authoredOn: a.aangemaakt } : {}),
      ...(owner
        ? { owner: ref(owner, owner.name?.[0]?.text) }
        : a.eigenaarId
          ? { owner: { display: 'Niet meer in het casusteam' } }
          : {}),
      ...(goal ? { reasonReference: ref(goal) } : {}),
      ...(a.deadline ? { restriction: { period: { end: a.deadline } } } : {}),
    };
    if (last) {
      task.businessStatus = text(last.tekst);
      task.lastModified = last.tijd;
    }
    const notes = [
      ...(a.inschakelen ? [{ text: `Wanneer schakel je de ander in: ${a.inschakelen}` }] : []),
      ...a.updates.map((u) => ({ authorString: u.auteurNaam, time: u.tijd, text: u.tekst })),
    ].filter((n) => n.text);
    if (notes.length) task.note = notes;
    carePlan.activity?.push({ reference: ref(task) });
    entries.push(task);
  }

  const today = (input.generatedAt ?? new Date()).toISOString().slice(0, 10);
  const tasks = new Map(
    entries
      .filter((e): e is Task => e.resourceType === 'Task')
      .map((t) => [t.identifier?.[0]?.value, t]),
  );
  for (const v of input.voorzieningen ?? []) {
    const b = v.beschikking;
    const goal = v.doelId ? goals.get(v.doelId) : undefined;
    const task = v.actieId ? tasks.get(v.actieId) : undefined;
    const size = [
      v.urenPerWeek !== null ? `${v.urenPerWeek} uur per week` : null,
      `€ ${(v.kostenPerMaandCents / 100).toFixed(2).replace('.', ',')} per maand`,
    ].filter(Boolean);
    const sr: ServiceRequest = {
      resourceType: 'ServiceRequest',
      id: stableId('ServiceRequest', h.id, v.id),
      identifier: [
        { system: VOORZIENING_SYSTEM, value: v.id },
        ...(b?.kenmerk ? [{ system: BESCHIKKING_KENMERK_SYSTEM, value: b.kenmerk }] : []),
      ],
      basedOn: [ref(carePlan)],
      status: SERVICE_STATUS[voorzieningFase(v, today)],
      // A beschikking is the municipality's order; without one the team plans it.
      intent: b ? 'order' : 'plan',
      category: [text(WET_LABELS[v.wet]), text(VORM_LABELS[v.vorm])],
      code: text(voorzieningLabel(v)),
      subject: ref(group, h.displayName),
      occurrencePeriod: { start: v.startOp, ...(v.eindOp ? { end: v.eindOp } : {}) },
      authoredOn: v.at,
      performer: [{ display: v.aanbieder }],
      ...(goal || task
        ? { supportingInfo: [...(goal ? [ref(goal)] : []), ...(task ? [ref(task)] : [])] }
        : {}),
      note: [
        { text: size.join(', ') },
        ...(b
          ? [
              {
                text: `Beschikking ${BESCHIKKING_STATUS_LABELS[b.status].toLowerCase()}; aangevraagd ${b.aangevraagdOp}${b.besluitOp ? `, besluit ${b.besluitOp}` : ''}${b.ingangOp ? `, loopt vanaf ${b.ingangOp}` : ''}${b.beeindigdOp ? `, beëindigd ${b.beeindigdOp}` : ''}`,
              },
            ]
          : []),
      ],
    };
    carePlan.activity?.push({ reference: ref(sr) });
    entries.push(sr);
  }

  const oldest = [...patients.values()][0];
  for (const c of input.consents) {
    const giver = h.members.find((m) =>
      c.givenByName.toLocaleLowerCase('nl').startsWith(m.firstName.toLocaleLowerCase('nl')),
    );
    const patient = (giver ? patients.get(giver.id) : undefined) ?? oldest;
    const consent: Consent = {
      resourceType: 'Consent',
      id: stableId('Consent', h.id, c.id),
      status:
        c.status === 'actief' ? 'active' : c.status === 'nog-niet-geldig' ? 'proposed' : 'inactive',
      scope: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/consentscope',
            code: 'patient-privacy',
            display: 'Privacy Consent',
          },
        ],
      },
      category: [
        { coding: [{ system: 'http://loinc.org', code: '59284-0', display: 'Patient Consent' }] },
      ],
      ...(patient ? { patient: ref(patient) } : {}),
      dateTime: c.recordedAt,
      performer: [
        {
          display: c.representativeRole
            ? `${c.givenByName} (${c.representativeRole})`
            : c.givenByName,
        },
      ],
      policyRule: {
        coding: [
          {
            system: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
            code: 'OPTIN',
            display: 'opt-in',
          },
        ],
      },
      provision: {
        type: 'permit',
        period: { start: c.validFrom, ...(c.validUntil ? { end: c.validUntil } : {}) },
        actor: [
          ...c.sharedWithDomains.map((d) => ({
            role: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'IRCP',
                  display: 'information recipient',
                },
              ],
            },
            reference: { display: d === 'medisch' ? 'Medisch domein' : 'Sociaal domein' },
          })),
          ...c.sharedWithOrganisations.map((o) => ({
            role: {
              coding: [
                {
                  system: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
                  code: 'IRCP',
                  display: 'information recipient',
                },
              ],
            },
            reference: { display: o },
          })),
        ],
        code: c.informationKinds.map((k) => text(CONSENT_INFO_KIND_LABELS[k])),
      },
    };
    entries.push(consent);
  }

  for (const m of input.meetings) {
    const cancelledOrProposed = m.status === 'geannuleerd';
    const appointment: Appointment = {
      resourceType: 'Appointment',
      id: stableId('Appointment', h.id, m.id),
      status: appointmentStatus(m.status),
      appointmentType: text(MEETING_KIND_LABELS[m.kind]),
      description: m.title || MEETING_KIND_LABELS[m.kind],
      supportingInformation: [ref(carePlan)],
      ...(m.startsAt && m.endsAt
        ? { start: m.startsAt, end: m.endsAt, minutesDuration: m.durationMinutes }
        : {}),
      created: m.createdAt,
      ...(m.location ? { comment: `Locatie: ${m.location}` } : {}),
      participant: m.participants.map((p) => {
        const practitioner = p.userId ? practitioners.get(p.userId) : undefined;
        return {
          type: [text(p.kind === 'naaste' ? 'Naaste' : p.description || 'Casusteam')],
          actor: practitioner ? ref(practitioner, p.name) : { display: p.name },
          required: 'required' as const,
          status: cancelledOrProposed ? ('declined' as const) : participationStatus(p.attendance),
        };
      }),
    };
    if (appointment.participant.length === 0)
      appointment.participant.push({ type: [text('Casusteam')], status: 'needs-action' });
    entries.push(appointment);
  }

  return {
    resourceType: 'Bundle',
    id: stableId('Bundle', h.id, now),
    meta: { lastUpdated: now },
    identifier: { system: HOUSEHOLD_REFERENCE_SYSTEM, value: h.reference },
    type: 'collection',
    timestamp: now,
    entry: entries.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r })),
  };
}
