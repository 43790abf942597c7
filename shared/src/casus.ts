/**
 * The casus team around a household beyond its membership: consent
 * (toestemming) for sharing between the medical and the social domain,
 * overlegmomenten with agenda, live notes, decisions and attendance, and the
 * evaluation of the collaboration itself (tip 9). Contracts (zod) and the pure
 * rules both ends share.
 *
 * Times: a meeting is planned as a calendar date and a wall-clock time in
 * Europe/Amsterdam (that is what people type); the server stores the instant.
 */
import { z } from 'zod';
import { DOMAINS, type Domain, TEAM_ROLES } from './domain';
import { LEVENSDOMEINEN } from './levensdomeinen';
import { type Actie, type Doel, isOpenStatus, isOverdue, type ServerTeamEntry } from './plan';
import { PLAN_TEXT_LIMITS, planTextSchema } from './plan-text';

const Txt = (max: number) => z.string().trim().min(1).max(max);
const OptTxt = (max: number) => z.string().trim().max(max).default('');
/** A calendar date, YYYY-MM-DD. */
const CalendarDate = z.iso.date();

/* ---------- time in Europe/Amsterdam ---------- */

export const SPIL_TIME_ZONE = 'Europe/Amsterdam';

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const wallClockFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SPIL_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The wall clock in Amsterdam at an instant. */
export function amsterdamWallClock(d: Date): WallClock {
  const parts: Record<string, number> = {};
  for (const p of wallClockFormat.formatToParts(d))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** YYYY-MM-DD of an instant in Amsterdam. */
export function amsterdamDate(d: Date): string {
  const w = amsterdamWallClock(d);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}
/** HH:MM of an instant in Amsterdam. */
export function amsterdamTime(d: Date): string {
  const w = amsterdamWallClock(d);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

function offsetMinutes(ms: number): number {
  const w = amsterdamWallClock(new Date(ms));
  return Math.round(
    (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - ms) / 60000,
  );
}

/** A calendar date `days` later (or earlier) than `date` (YYYY-MM-DD). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) + days)).toISOString().slice(0, 10);
}

const dutchDateFormat = new Intl.DateTimeFormat('nl-NL', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});
/** "20 november 2026" for a calendar date (YYYY-MM-DD); the input when it is not one. */
export function dutchDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? dutchDateFormat.format(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : date;
}

/**
 * The instant of a wall-clock date and time in Amsterdam. A time that happens
 * twice (the last Sunday of October) is the first of the two; a time that
 * does not exist (the last Sunday of March, 02:00–03:00) moves an hour on,
 * as clocks do.
 */
export function amsterdamInstant(date: string, time: string): Date {
  const dm = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const tm = /^(\d{2}):(\d{2})$/.exec(time);
  if (!dm || !tm) throw new RangeError(`Geen geldige datum of tijd: ${date} ${time}`);
  const asUtc = Date.UTC(
    Number(dm[1]),
    Number(dm[2]) - 1,
    Number(dm[3]),
    Number(tm[1]),
    Number(tm[2]),
  );
  const before = offsetMinutes(asUtc - 86_400_000);
  const after = offsetMinutes(asUtc + 86_400_000);
  const valid = [...new Set([before, after])]
    .map((o) => asUtc - o * 60000)
    .filter((t) => offsetMinutes(t) * 60000 === asUtc - t);
  return new Date(valid.length > 0 ? Math.min(...valid) : asUtc - before * 60000);
}

/* ---------- consent (toestemming) ---------- */

/** Who gave consent: the inwoner, or a legal representative (ouder met gezag, curator, mentor). */
export const CONSENT_GIVERS = ['inwoner', 'wettelijk-vertegenwoordiger'] as const;
export type ConsentGiver = (typeof CONSENT_GIVERS)[number];
export const CONSENT_GIVER_LABELS: Record<ConsentGiver, string> = {
  inwoner: 'De inwoner zelf',
  'wettelijk-vertegenwoordiger': 'Wettelijk vertegenwoordiger',
};

/** Kinds of information a consent may cover. `medisch` opens the household's medical notes. */
export const CONSENT_INFO_KINDS = [
  'medisch',
  'geestelijke-gezondheid',
  'medicatie',
  'leefsituatie',
  'financien',
  'opvoeding',
  'justitie',
] as const;
export type ConsentInfoKind = (typeof CONSENT_INFO_KINDS)[number];
export const CONSENT_INFO_KIND_LABELS: Record<ConsentInfoKind, string> = {
  medisch: 'Medische informatie (de medische notities)',
  'geestelijke-gezondheid': 'Geestelijke gezondheid',
  medicatie: 'Medicatie',
  leefsituatie: 'Leefsituatie en gezin',
  financien: 'Financiën en schulden',
  opvoeding: 'Opvoeding en ontwikkeling van kinderen',
  justitie: 'Justitie',
};
/** The kind of information the medical notes document holds. */
export const MEDICAL_NOTES_INFO_KIND: ConsentInfoKind = 'medisch';

export const DOMAIN_LABELS: Record<Domain, string> = {
  medisch: 'Medisch domein',
  sociaal: 'Sociaal domein',
};

export const CONSENT_STATUSES = ['actief', 'nog-niet-geldig', 'verlopen', 'ingetrokken'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = {
  actief: 'Geldig',
  'nog-niet-geldig': 'Nog niet geldig',
  verlopen: 'Verlopen',
  ingetrokken: 'Ingetrokken',
};

export const ConsentDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  givenBy: z.enum(CONSENT_GIVERS),
  givenByName: z.string(),
  /** For a legal representative: in which capacity (ouder met gezag, curator, mentor). */
  representativeRole: z.string().nullable(),
  informationKinds: z.array(z.enum(CONSENT_INFO_KINDS)),
  sharedWithDomains: z.array(z.enum(DOMAINS)),
  sharedWithOrganisations: z.array(z.string()),
  purpose: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  recordedById: z.uuid(),
  recordedByName: z.string(),
  recordedAt: z.string(),
  withdrawnAt: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  status: z.enum(CONSENT_STATUSES),
});
export type ConsentDto = z.infer<typeof ConsentDto>;

export const CreateConsentRequest = z
  .object({
    givenBy: z.enum(CONSENT_GIVERS),
    givenByName: Txt(120),
    representativeRole: z.string().trim().max(80).nullable().default(null),
    informationKinds: z.array(z.enum(CONSENT_INFO_KINDS)).min(1).max(CONSENT_INFO_KINDS.length),
    sharedWithDomains: z.array(z.enum(DOMAINS)).max(DOMAINS.length).default([]),
    sharedWithOrganisations: z.array(Txt(120)).max(20).default([]),
    purpose: Txt(1000),
    validFrom: CalendarDate,
    validUntil: CalendarDate.nullable().default(null),
  })
  .refine((c) => c.sharedWithDomains.length + c.sharedWithOrganisations.length > 0, {
    message: 'Kies minstens één domein of organisatie',
    path: ['sharedWithDomains'],
  })
  .refine((c) => c.validUntil === null || c.validUntil >= c.validFrom, {
    message: 'De einddatum ligt vóór de begindatum',
    path: ['validUntil'],
  })
  .refine((c) => c.givenBy !== 'wettelijk-vertegenwoordiger' || !!c.representativeRole, {
    message: 'Vul in als wat de vertegenwoordiger tekent (bijvoorbeeld ouder met gezag of mentor)',
    path: ['representativeRole'],
  });
export type CreateConsentRequest = z.input<typeof CreateConsentRequest>;

export const WithdrawConsentRequest = z.object({ reason: OptTxt(1000) });
export type WithdrawConsentRequest = z.input<typeof WithdrawConsentRequest>;

export const ConsentParams = z.object({ id: z.uuid(), consentId: z.uuid() });

type ConsentFacts = Pick<ConsentDto, 'validFrom' | 'validUntil' | 'withdrawnAt'>;

/** The state of a consent on `today` (YYYY-MM-DD in Amsterdam). */
export function consentStatus(c: ConsentFacts, today: string): ConsentStatus {
  if (c.withdrawnAt) return 'ingetrokken';
  if (c.validFrom > today) return 'nog-niet-geldig';
  if (c.validUntil !== null && c.validUntil < today) return 'verlopen';
  return 'actief';
}

function sameOrganisation(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('nl') === b.trim().toLocaleLowerCase('nl');
}

/**
 * Whether a consent lets `kind` of information be shared with this
 * professional today: it is active, covers the kind, and names their domain
 * or their organisation.
 */
export function consentCovers(
  c: ConsentFacts &
    Pick<ConsentDto, 'informationKinds' | 'sharedWithDomains' | 'sharedWithOrganisations'>,
  who: { domain: Domain | null; organisation: string },
  kind: ConsentInfoKind,
  today: string,
): boolean {
  if (consentStatus(c, today) !== 'actief' || !c.informationKinds.includes(kind)) return false;
  if (who.domain && c.sharedWithDomains.includes(who.domain)) return true;
  return c.sharedWithOrganisations.some((o) => sameOrganisation(o, who.organisation));
}

/* ---------- overlegmomenten ---------- */

export const MEETING_KINDS = ['mdo', 'casusoverleg', 'evaluatie', 'netwerkberaad'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  mdo: 'MDO',
  casusoverleg: 'Casusoverleg',
  evaluatie: 'Evaluatie',
  netwerkberaad: 'Netwerkberaad met het gezin',
};
export const MEETING_KIND_DESCRIPTIONS: Record<MeetingKind, string> = {
  mdo: 'Multidisciplinair overleg van de professionals uit het medisch en het sociaal domein',
  casusoverleg: 'Overleg van het casusteam over de voortgang van het plan',
  evaluatie: 'Terugkijken met de inwoner: wat is bereikt, wat is nog nodig',
  netwerkberaad: 'Overleg met het gezin en de mensen om hen heen',
};

export const MEETING_STATUSES = ['gepland', 'afgerond', 'geannuleerd'] as const;
export type MeetingStatus = (typeof MEETING_STATUSES)[number];
export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  gepland: 'Gepland',
  afgerond: 'Afgerond',
  geannuleerd: 'Geannuleerd',
};

export const ATTENDANCE = ['aanwezig', 'afgemeld', 'afwezig'] as const;
export type Attendance = (typeof ATTENDANCE)[number];
export const ATTENDANCE_LABELS: Record<Attendance, string> = {
  aanwezig: 'Aanwezig',
  afgemeld: 'Afgemeld',
  afwezig: 'Afwezig zonder bericht',
};

export const AGENDA_SOURCES = ['achterstallig', 'actie', 'doel', 'vast', 'vrij'] as const;
export type AgendaSource = (typeof AGENDA_SOURCES)[number];

export const AgendaItem = z.object({
  id: z.uuid(),
  titel: Txt(300),
  toelichting: OptTxt(1000),
  bron: z.enum(AGENDA_SOURCES).default('vrij'),
  /** The action or goal in the plan this item is about. */
  refId: z.uuid().nullable().default(null),
});
export type AgendaItem = z.infer<typeof AgendaItem>;
export type AgendaItemInput = z.input<typeof AgendaItem>;

export const MeetingParticipantDto = z.object({
  id: z.uuid(),
  /** Null for a naaste without an account. */
  userId: z.uuid().nullable(),
  name: z.string(),
  /** Discipline and organisation of a professional, or the relation of a naaste. */
  description: z.string(),
  kind: z.enum(['team', 'naaste']),
  teamRole: z.enum(TEAM_ROLES).nullable(),
  attendance: z.enum(ATTENDANCE).nullable(),
});
export type MeetingParticipantDto = z.infer<typeof MeetingParticipantDto>;

export const MeetingDecisionDto = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  tekst: z.string(),
  /** The action it became in the plan. */
  actieId: z.uuid().nullable(),
  eigenaarId: z.uuid(),
  eigenaarNaam: z.string(),
  deadline: z.string(),
  createdById: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type MeetingDecisionDto = z.infer<typeof MeetingDecisionDto>;

export const MeetingDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  householdName: z.string(),
  kind: z.enum(MEETING_KINDS),
  title: z.string(),
  /** The instant (ISO 8601, UTC). */
  startsAt: z.string(),
  endsAt: z.string(),
  /** The same start as the planner entered it: date and time in Europe/Amsterdam. */
  date: z.string(),
  time: z.string(),
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  status: z.enum(MEETING_STATUSES),
  agenda: z.array(AgendaItem),
  participants: z.array(MeetingParticipantDto),
  decisions: z.array(MeetingDecisionDto),
  /** Collab document with the live notes: `<householdId>:overleg:<meetingId>`. */
  notesDocName: z.string(),
  /** May the caller change the schedule, record attendance and decisions. */
  canEdit: z.boolean(),
  createdById: z.uuid(),
  createdByName: z.string(),
  createdAt: z.string(),
});
export type MeetingDto = z.infer<typeof MeetingDto>;

const HttpsUrl = z.url({ protocol: /^https?$/ }).max(500);
const HhMm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'tijd als UU:MM');
const NaasteInput = z.object({ name: Txt(120), relation: Txt(60) });

const MeetingFields = {
  kind: z.enum(MEETING_KINDS),
  title: OptTxt(200),
  date: CalendarDate,
  time: HhMm,
  durationMinutes: z.number().int().min(15).max(480),
  location: z.string().trim().max(200).nullable().default(null),
  onlineUrl: HttpsUrl.nullable().default(null),
  /** Team members (users on the casus team) to invite. */
  inviteeIds: z.array(z.uuid()).max(50).default([]),
  /** Naasten without an account (netwerkberaad). */
  naasten: z.array(NaasteInput).max(20).default([]),
};

export const CreateMeetingRequest = z
  .object({
    ...MeetingFields,
    /** Omitted: the server drafts one from the open and overdue actions and the doelen. */
    agenda: z.array(AgendaItem).max(60).optional(),
  })
  .refine((m) => !!m.location || !!m.onlineUrl, {
    message: 'Vul een plaats of een link voor online overleg in',
    path: ['location'],
  });
export type CreateMeetingRequest = z.input<typeof CreateMeetingRequest>;

export const UpdateMeetingRequest = z.object({
  kind: MeetingFields.kind.optional(),
  title: z.string().trim().max(200).optional(),
  date: CalendarDate.optional(),
  time: HhMm.optional(),
  durationMinutes: MeetingFields.durationMinutes.optional(),
  location: z.string().trim().max(200).nullable().optional(),
  onlineUrl: HttpsUrl.nullable().optional(),
  status: z.enum(MEETING_STATUSES).optional(),
  agenda: z.array(AgendaItem).max(60).optional(),
  inviteeIds: z.array(z.uuid()).max(50).optional(),
  naasten: z.array(NaasteInput).max(20).optional(),
});
export type UpdateMeetingRequest = z.input<typeof UpdateMeetingRequest>;

export const AttendanceRequest = z.object({
  entries: z
    .array(z.object({ participantId: z.uuid(), attendance: z.enum(ATTENDANCE).nullable() }))
    .min(1)
    .max(80),
});
export type AttendanceRequest = z.infer<typeof AttendanceRequest>;

/** A decision of the overleg that becomes an action in the plan, in one step; its texts count characters as the plan does. */
export const DecisionRequest = z.object({
  tekst: planTextSchema(PLAN_TEXT_LIMITS.actieTitel, 'Het besluit').min(1),
  eigenaarId: z.uuid(),
  deadline: CalendarDate,
  inschakelen: planTextSchema(500, 'Wanneer je de ander inschakelt').default(''),
  doelId: z.uuid().nullable().default(null),
  domein: z.enum(LEVENSDOMEINEN).nullable().default(null),
});
export type DecisionRequest = z.input<typeof DecisionRequest>;

export const MeetingParams = z.object({ id: z.uuid(), meetingId: z.uuid() });
export const MeetingListQuery = z.object({
  when: z.enum(['upcoming', 'past', 'all']).default('all'),
});
export const AgendaDraftQuery = z.object({ kind: z.enum(MEETING_KINDS).default('casusoverleg') });

/** A meeting is past once it has ended (or was cancelled and its time has passed). */
export function meetingIsPast(m: Pick<MeetingDto, 'endsAt'>, now: Date): boolean {
  return new Date(m.endsAt).getTime() <= now.getTime();
}

/** Root names in a meeting's notes document. */
export const MEETING_NOTES_ROOTS = { notities: 'notities' } as const;
/** Root names in a household's medical notes document. */
export const MEDICAL_NOTES_ROOTS = { notities: 'notities' } as const;

/**
 * The agenda a planner starts from: an opening, the overdue actions first,
 * then the other open ones, the doelen, and a closing round that includes a
 * look at the collaboration itself. Everything is editable afterwards.
 */
export function draftAgenda(input: {
  kind: MeetingKind;
  acties: Actie[];
  doelen: Doel[];
  team: Pick<ServerTeamEntry, 'userId' | 'name'>[];
  today: string;
  newId: () => string;
}): AgendaItem[] {
  const owner = (id: string | null) =>
    (id && input.team.find((t) => t.userId === id)?.name) ||
    (id ? 'eigenaar niet meer in het team' : 'nog geen eigenaar');
  const item = (
    bron: AgendaSource,
    titel: string,
    toelichting = '',
    refId: string | null = null,
  ): AgendaItem => ({
    id: input.newId(),
    titel,
    toelichting,
    bron,
    refId,
  });
  const day = (d: string) => dutchDate(d);
  const open = input.acties.filter((a) => isOpenStatus(a.status));
  const overdue = open.filter((a) => isOverdue(a, input.today));
  const rest = open.filter((a) => !isOverdue(a, input.today));
  const byDeadline = (a: Actie, b: Actie) =>
    (a.deadline ?? '9999').localeCompare(b.deadline ?? '9999');
  const opening =
    input.kind === 'netwerkberaad'
      ? 'Welkom en kennismaking: wie zijn er, wat is ieders rol'
      : input.kind === 'evaluatie'
        ? 'Opening: wat wilden we bereiken'
        : 'Opening en vaststellen agenda';
  return [
    item('vast', opening),
    ...overdue
      .sort(byDeadline)
      .map((a) =>
        item(
          'achterstallig',
          `Achterstallig: ${a.titel}`,
          `Eigenaar: ${owner(a.eigenaarId)}; deadline ${a.deadline ? day(a.deadline) : '-'}`,
          a.id,
        ),
      ),
    ...rest
      .sort(byDeadline)
      .map((a) =>
        item(
          'actie',
          `Stand van zaken: ${a.titel}`,
          `Eigenaar: ${owner(a.eigenaarId)}${a.deadline ? `; deadline ${day(a.deadline)}` : ''}`,
          a.id,
        ),
      ),
    ...input.doelen.map((d) =>
      item('doel', `Doel: ${d.titel}`, 'Wat is bereikt, wat is nog nodig', d.id),
    ),
    item('vast', 'Besluiten en afspraken: wie doet wat, wanneer'),
    item('vast', 'Rondvraag en hoe ging de samenwerking'),
  ];
}

/* ---------- evaluating the collaboration (tip 9) ---------- */

export const COLLABORATION_EVALUATION_MOMENTS = [
  'na-overleg',
  'tussentijds',
  'einde-traject',
] as const;
export type CollaborationEvaluationMoment = (typeof COLLABORATION_EVALUATION_MOMENTS)[number];
export const COLLABORATION_EVALUATION_MOMENT_LABELS: Record<CollaborationEvaluationMoment, string> =
  {
    'na-overleg': 'Na een overleg',
    tussentijds: 'Tussentijds',
    'einde-traject': 'Aan het einde van het traject',
  };

export const CollaborationEvaluationDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  meetingId: z.uuid().nullable(),
  moment: z.enum(COLLABORATION_EVALUATION_MOMENTS),
  wentWell: z.string(),
  toImprove: z.string(),
  agreements: z.string(),
  /** How the team rates the collaboration, 1 (slecht) to 5 (uitstekend); optional. */
  score: z.number().int().min(1).max(5).nullable(),
  authorId: z.uuid(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type CollaborationEvaluationDto = z.infer<typeof CollaborationEvaluationDto>;

export const CreateCollaborationEvaluationRequest = z.object({
  meetingId: z.uuid().nullable().default(null),
  moment: z.enum(COLLABORATION_EVALUATION_MOMENTS),
  wentWell: Txt(2000),
  toImprove: Txt(2000),
  agreements: OptTxt(2000),
  score: z.number().int().min(1).max(5).nullable().default(null),
});
export type CreateCollaborationEvaluationRequest = z.input<
  typeof CreateCollaborationEvaluationRequest
>;
