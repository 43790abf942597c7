/**
 * The process around a household (seed 001, DOMAIN.md "The process"):
 * quickscan and its colour, op- en afschalen, escalations, ZRM scores,
 * evaluation and closing, the effect calculator and the KPIs built on them.
 * Contracts (zod) and the pure rules both ends share.
 */
import { z } from 'zod';
import { PHASES, type Phase } from './domain';
import { LEVENSDOMEINEN, type Levensdomein } from './levensdomeinen';
import { KpiVoorzieningenDto } from './voorzieningen';

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).default('');
/** A calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

export const PersonRef = z.object({ userId: z.uuid(), name: z.string() });
export type PersonRef = z.infer<typeof PersonRef>;

/* ---------- quickscan and colour ---------- */

export const COLOURS = ['groen', 'oranje', 'rood'] as const;
export type Colour = (typeof COLOURS)[number];
export const COLOUR_LABELS: Record<Colour, string> = {
  groen: 'Groen',
  oranje: 'Oranje',
  rood: 'Rood',
};
/** What each colour means for what follows (seed 001). */
export const COLOUR_MEANING: Record<Colour, string> = {
  groen: 'Lichte ondersteuning: de inwoner kan zelf weer vooruit.',
  oranje: 'Er volgt een vraaganalyse.',
  rood: 'Er volgt een vraaganalyse, of direct opschalen naar Veilig Thuis of het Zorg- en Veiligheidshuis.',
};

export function colourRank(c: Colour): number {
  return COLOURS.indexOf(c);
}

/** Opschalen is a move to a heavier colour, afschalen to a lighter one. */
export function colourDirection(from: Colour, to: Colour): 'opschalen' | 'afschalen' | null {
  const d = colourRank(to) - colourRank(from);
  return d > 0 ? 'opschalen' : d < 0 ? 'afschalen' : null;
}

export interface QuickscanAnswerOption {
  readonly value: string;
  readonly label: string;
  readonly colour: Colour;
  /** Why this answer matters, shown as a reason of the outcome when not groen. */
  readonly reason?: string;
}
export interface QuickscanQuestion {
  readonly key: string;
  readonly question: string;
  readonly help?: string;
  readonly options: readonly QuickscanAnswerOption[];
}

/**
 * The quickscan at intake: a short set of questions, each answer with the
 * colour it points to. The outcome is the heaviest colour among the answers;
 * `QUICKSCAN_ORANGE_TO_RED` or more oranje answers together count as rood.
 */
export const QUICKSCAN_QUESTIONS = [
  {
    key: 'veiligheid',
    question: 'Is er sprake van onveiligheid thuis, zoals huiselijk geweld of kindermishandeling?',
    options: [
      { value: 'nee', label: 'Nee', colour: 'groen' },
      {
        value: 'vermoeden',
        label: 'Er is een vermoeden',
        colour: 'oranje',
        reason: 'Vermoeden van onveiligheid thuis',
      },
      {
        value: 'ja',
        label: 'Ja',
        colour: 'rood',
        reason: 'Onveiligheid thuis (huiselijk geweld of kindermishandeling)',
      },
    ],
  },
  {
    key: 'acuteNood',
    question: 'Is er acute nood: (dreigend) geen dak boven het hoofd, geen inkomen of geen eten?',
    options: [
      { value: 'nee', label: 'Nee', colour: 'groen' },
      {
        value: 'dreigend',
        label: 'Dreigt binnen enkele weken',
        colour: 'oranje',
        reason: 'Dreigende acute nood (wonen, inkomen of eten)',
      },
      {
        value: 'ja',
        label: 'Ja, nu',
        colour: 'rood',
        reason: 'Acute nood: wonen, inkomen of eten',
      },
    ],
  },
  {
    key: 'crisis',
    question: 'Is er een psychische crisis of ernstige zorgmijding?',
    options: [
      { value: 'nee', label: 'Nee', colour: 'groen' },
      {
        value: 'ja',
        label: 'Ja',
        colour: 'rood',
        reason: 'Psychische crisis of ernstige zorgmijding',
      },
    ],
  },
  {
    key: 'kinderen',
    question: 'Zijn er zorgen over de ontwikkeling of veiligheid van kinderen in het huishouden?',
    help: 'Kies "Geen kinderen of geen zorgen" als er geen minderjarigen zijn.',
    options: [
      { value: 'geen', label: 'Geen kinderen of geen zorgen', colour: 'groen' },
      {
        value: 'zorgen',
        label: 'Er zijn zorgen',
        colour: 'oranje',
        reason: 'Zorgen over de ontwikkeling van kinderen',
      },
      {
        value: 'ernstig',
        label: 'Ernstige zorgen',
        colour: 'rood',
        reason: 'Ernstige zorgen over de veiligheid of ontwikkeling van kinderen',
      },
    ],
  },
  {
    key: 'domeinen',
    question: 'Op hoeveel levensdomeinen spelen problemen?',
    options: [
      { value: '0-1', label: 'Geen of één', colour: 'groen' },
      {
        value: '2-3',
        label: 'Twee of drie',
        colour: 'oranje',
        reason: 'Problemen op twee of drie levensdomeinen',
      },
      {
        value: '4+',
        label: 'Vier of meer',
        colour: 'oranje',
        reason: 'Problemen op vier of meer levensdomeinen (multiproblematiek)',
      },
    ],
  },
  {
    key: 'eigenKracht',
    question: 'Kan de inwoner, met hulp van het eigen netwerk, zelf weer verder?',
    options: [
      { value: 'ja', label: 'Ja', colour: 'groen' },
      { value: 'deels', label: 'Deels', colour: 'oranje', reason: 'Eigen kracht is beperkt' },
      { value: 'nee', label: 'Nee', colour: 'oranje', reason: 'De inwoner kan niet zelf verder' },
    ],
  },
  {
    key: 'netwerk',
    question: 'Is er een steunend sociaal netwerk (familie, vrienden, buren)?',
    options: [
      { value: 'ja', label: 'Ja', colour: 'groen' },
      { value: 'beperkt', label: 'Beperkt', colour: 'groen' },
      { value: 'nee', label: 'Nee', colour: 'oranje', reason: 'Geen steunend netwerk' },
    ],
  },
  {
    key: 'eerdereHulp',
    question: 'Is eerdere hulpverlening vastgelopen?',
    options: [
      { value: 'nee', label: 'Nee of niet van toepassing', colour: 'groen' },
      {
        value: 'ja',
        label: 'Ja',
        colour: 'oranje',
        reason: 'Eerdere hulpverlening is vastgelopen',
      },
    ],
  },
] as const satisfies readonly QuickscanQuestion[];

export type QuickscanKey = (typeof QUICKSCAN_QUESTIONS)[number]['key'];
export type QuickscanAnswers = {
  [Q in (typeof QUICKSCAN_QUESTIONS)[number] as Q['key']]: Q['options'][number]['value'];
};

/** This many oranje answers or more, without a rood one, make the outcome rood. */
export const QUICKSCAN_ORANGE_TO_RED = 3;

export const QuickscanAnswers = z.strictObject(
  Object.fromEntries(
    QUICKSCAN_QUESTIONS.map((q) => [
      q.key,
      z.enum(q.options.map((o) => o.value) as [string, ...string[]]),
    ]),
  ),
) as unknown as z.ZodType<QuickscanAnswers, QuickscanAnswers>;

export interface QuickscanOutcome {
  colour: Colour;
  reasons: string[];
}

/** The colour of a quickscan and the reasons for it, heaviest first. */
export function quickscanOutcome(answers: QuickscanAnswers): QuickscanOutcome {
  const signals: { colour: Colour; reason: string }[] = [];
  for (const q of QUICKSCAN_QUESTIONS) {
    const value = answers[q.key];
    const option = (q.options as readonly QuickscanAnswerOption[]).find((o) => o.value === value);
    if (!option) throw new RangeError(`Onbekend antwoord op ${q.key}`);
    if (option.colour !== 'groen')
      signals.push({ colour: option.colour, reason: option.reason ?? q.question });
  }
  signals.sort((a, b) => colourRank(b.colour) - colourRank(a.colour));
  const reasons = signals.map((s) => s.reason);
  const red = signals.some((s) => s.colour === 'rood');
  const orange = signals.filter((s) => s.colour === 'oranje').length;
  if (red) return { colour: 'rood', reasons };
  if (orange >= QUICKSCAN_ORANGE_TO_RED) {
    return { colour: 'rood', reasons: [`Zorgen op ${orange} vragen tegelijk`, ...reasons] };
  }
  if (orange > 0) return { colour: 'oranje', reasons };
  return { colour: 'groen', reasons: ['Geen zorgsignalen: lichte ondersteuning volstaat'] };
}

export const QuickscanRequest = z.object({
  answers: QuickscanAnswers,
  note: OptionalText(2000),
});
export type QuickscanRequest = z.input<typeof QuickscanRequest>;

export const QuickscanDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  answers: QuickscanAnswers,
  colour: z.enum(COLOURS),
  reasons: z.array(z.string()),
  note: z.string(),
  by: PersonRef,
  at: z.string(),
});
export type QuickscanDto = z.infer<typeof QuickscanDto>;

export const COLOUR_CHANGE_KINDS = ['quickscan', 'opschalen', 'afschalen'] as const;
export type ColourChangeKind = (typeof COLOUR_CHANGE_KINDS)[number];
export const COLOUR_CHANGE_KIND_LABELS: Record<ColourChangeKind, string> = {
  quickscan: 'Quickscan',
  opschalen: 'Opgeschaald',
  afschalen: 'Afgeschaald',
};

export const ColourChangeDto = z.object({
  id: z.uuid(),
  colour: z.enum(COLOURS),
  previous: z.enum(COLOURS).nullable(),
  kind: z.enum(COLOUR_CHANGE_KINDS),
  reason: z.string(),
  by: PersonRef,
  at: z.string(),
});
export type ColourChangeDto = z.infer<typeof ColourChangeDto>;

export const ColourOverviewDto = z.object({
  current: z.enum(COLOURS).nullable(),
  quickscan: QuickscanDto.nullable(),
  /** Oldest first. */
  history: z.array(ColourChangeDto),
});
export type ColourOverviewDto = z.infer<typeof ColourOverviewDto>;

/** Opschalen or afschalen: the direction follows from the current colour. */
export const ChangeColourRequest = z.object({ colour: z.enum(COLOURS), reason: Text(1000) });
export type ChangeColourRequest = z.infer<typeof ChangeColourRequest>;

/* ---------- escalations ---------- */

export const ESCALATION_TARGETS = [
  'veilig-thuis',
  'zorg-en-veiligheidshuis',
  'expertiseteam',
] as const;
export type EscalationTarget = (typeof ESCALATION_TARGETS)[number];
export const ESCALATION_TARGET_LABELS: Record<EscalationTarget, string> = {
  'veilig-thuis': 'Veilig Thuis',
  'zorg-en-veiligheidshuis': 'Zorg- en Veiligheidshuis',
  expertiseteam: 'Expertiseteam',
};

export const CreateEscalationRequest = z.object({
  target: z.enum(ESCALATION_TARGETS),
  date: IsoDate,
  reason: Text(2000),
  contact: Text(300),
});
export type CreateEscalationRequest = z.infer<typeof CreateEscalationRequest>;

/** Record the outcome, change the contact, or close (closing needs an outcome). */
export const UpdateEscalationRequest = z
  .object({
    contact: Text(300).optional(),
    outcome: Text(2000).optional(),
    close: z.boolean().optional(),
  })
  .refine((b) => b.contact !== undefined || b.outcome !== undefined || b.close !== undefined, {
    message: 'Geef minstens één wijziging op',
  });
export type UpdateEscalationRequest = z.infer<typeof UpdateEscalationRequest>;

export const EscalationParams = z.object({ id: z.uuid(), escalationId: z.uuid() });

export const EscalationDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  target: z.enum(ESCALATION_TARGETS),
  date: z.string(),
  reason: z.string(),
  contact: z.string(),
  outcome: z.string().nullable(),
  open: z.boolean(),
  by: PersonRef,
  at: z.string(),
  closedBy: PersonRef.nullable(),
  closedAt: z.string().nullable(),
});
export type EscalationDto = z.infer<typeof EscalationDto>;

/* ---------- ZRM ---------- */

export const ZRM_MOMENTS = ['intake', 'tussentijds', 'evaluatie'] as const;
export type ZrmMoment = (typeof ZRM_MOMENTS)[number];
export const ZRM_MOMENT_LABELS: Record<ZrmMoment, string> = {
  intake: 'Intake',
  tussentijds: 'Tussentijds',
  evaluatie: 'Evaluatie',
};

/** Information behind a score older than this (in days, at the moment of scoring) earns a warning. */
export const ZRM_MAX_INFO_AGE_DAYS = 30;

/** Whole days from `infoDate` to `at` (both YYYY-MM-DD or ISO timestamps). */
export function daysBetween(infoDate: string, at: string): number {
  const a = Date.UTC(+infoDate.slice(0, 4), +infoDate.slice(5, 7) - 1, +infoDate.slice(8, 10));
  const b = Date.UTC(+at.slice(0, 4), +at.slice(5, 7) - 1, +at.slice(8, 10));
  return Math.round((b - a) / 86_400_000);
}

/** True when the information behind a score was older than 30 days at `at`. */
export function isZrmInfoStale(infoDate: string, at: string): boolean {
  return daysBetween(infoDate, at) > ZRM_MAX_INFO_AGE_DAYS;
}

const ZrmScoreInput = z.object({
  domain: z.enum(LEVENSDOMEINEN),
  score: z.number().int().min(1).max(5),
  /** The date of the information the score rests on (last conversation, report). */
  infoDate: IsoDate,
  note: OptionalText(1000),
});

export const RecordZrmRequest = z.object({
  memberId: z.uuid(),
  moment: z.enum(ZRM_MOMENTS),
  scores: z
    .array(ZrmScoreInput)
    .min(1)
    .max(LEVENSDOMEINEN.length)
    .refine((s) => new Set(s.map((x) => x.domain)).size === s.length, {
      message: 'Elk domein één keer',
    }),
});
export type RecordZrmRequest = z.input<typeof RecordZrmRequest>;

export const ZrmScoreDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  memberId: z.uuid(),
  moment: z.enum(ZRM_MOMENTS),
  domain: z.enum(LEVENSDOMEINEN),
  score: z.number().int(),
  matrixVersion: z.string(),
  infoDate: z.string(),
  note: z.string(),
  by: PersonRef,
  at: z.string(),
  /** The information was older than 30 days when the score was given. */
  stale: z.boolean(),
});
export type ZrmScoreDto = z.infer<typeof ZrmScoreDto>;

/** One row per domain with the score at each moment: the spider chart's data. */
export interface ZrmComparisonRow {
  domain: Levensdomein;
  scores: Partial<Record<ZrmMoment, number>>;
}
export function zrmComparison(
  scores: readonly Pick<ZrmScoreDto, 'memberId' | 'moment' | 'domain' | 'score' | 'at'>[],
  memberId: string,
): ZrmComparisonRow[] {
  const latest = new Map<string, { score: number; at: string }>();
  for (const s of scores) {
    if (s.memberId !== memberId) continue;
    const key = `${s.domain}|${s.moment}`;
    const prev = latest.get(key);
    if (!prev || prev.at < s.at) latest.set(key, { score: s.score, at: s.at });
  }
  return LEVENSDOMEINEN.map((domain) => {
    const row: ZrmComparisonRow = { domain, scores: {} };
    for (const m of ZRM_MOMENTS) {
      const v = latest.get(`${domain}|${m}`);
      if (v) row.scores[m] = v.score;
    }
    return row;
  });
}

/* ---------- evaluation and closing ---------- */

export const GOAL_RESULTS = ['behaald', 'deels', 'niet'] as const;
export type GoalResult = (typeof GOAL_RESULTS)[number];
export const GOAL_RESULT_LABELS: Record<GoalResult, string> = {
  behaald: 'Behaald',
  deels: 'Deels behaald',
  niet: 'Niet behaald',
};

const GoalEvaluation = z.object({
  /** The goal's id in the plan document. */
  goalId: z.string().min(1).max(100),
  /** The goal's title at evaluation, kept with the evaluation. */
  title: Text(300),
  result: z.enum(GOAL_RESULTS),
  note: OptionalText(1000),
});

export const CreateEvaluationRequest = z.object({
  goals: z
    .array(GoalEvaluation)
    .max(100)
    .refine((g) => new Set(g.map((x) => x.goalId)).size === g.length, {
      message: 'Elk doel één keer',
    }),
  /** The inwoner's own view of the trajectory, in their words. */
  residentView: Text(4000),
  /** Tip 9: how the collaboration went. */
  collaboration: OptionalText(4000),
  /** Final ZRM scores, stored at moment `evaluatie`; may also be recorded beforehand. */
  zrm: z
    .array(RecordZrmRequest.omit({ moment: true }))
    .max(20)
    .default([]),
});
export type CreateEvaluationRequest = z.input<typeof CreateEvaluationRequest>;

export const EvaluationDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  goals: z.array(GoalEvaluation),
  residentView: z.string(),
  collaboration: z.string(),
  by: PersonRef,
  at: z.string(),
});
export type EvaluationDto = z.infer<typeof EvaluationDto>;

export const REOPEN_PHASES = PHASES.filter(
  (p): p is Exclude<Phase, 'afgesloten'> => p !== 'afgesloten',
);
export const ReopenRequest = z.object({
  reason: Text(1000),
  phase: z
    .enum(REOPEN_PHASES as [Exclude<Phase, 'afgesloten'>, ...Exclude<Phase, 'afgesloten'>[]])
    .default('uitvoering'),
});
export type ReopenRequest = z.input<typeof ReopenRequest>;

export const ClosureDto = z.object({
  id: z.uuid(),
  kind: z.enum(['gesloten', 'heropend']),
  reason: z.string(),
  phase: z.enum(PHASES),
  evaluationId: z.uuid().nullable(),
  by: PersonRef,
  at: z.string(),
});
export type ClosureDto = z.infer<typeof ClosureDto>;

export const EvaluationOverviewDto = z.object({
  phase: z.enum(PHASES),
  evaluations: z.array(EvaluationDto),
  /** Oldest first. */
  closures: z.array(ClosureDto),
});
export type EvaluationOverviewDto = z.infer<typeof EvaluationOverviewDto>;

/** The doelen of the plan as stored now, for the evaluation form (`GET /api/households/:id/doelen`). */
export const PlanGoalsDto = z.object({
  /** Oldest first. `id` is the doel's id in the plan document (a goal's `goalId` in an evaluation). */
  goals: z.array(
    z.object({
      id: z.string(),
      titel: z.string(),
      domein: z.enum(LEVENSDOMEINEN).nullable(),
    }),
  ),
});
export type PlanGoalsDto = z.infer<typeof PlanGoalsDto>;

/* ---------- effect measurement (Effectencalculator) ---------- */

export const AVOIDED_EVENTS = [
  'crisisopname',
  'ggz-opname',
  'uithuisplaatsing',
  'huisuitzetting',
  'maatschappelijke-opvang',
  'schuldsanering',
  'verpleeghuisopname',
  'ziekenhuisopname',
  'detentie',
  'politie-inzet',
  'specialistische-jeugdhulp',
  'psychologische-behandeling',
  'extra-huisartsenzorg',
] as const;
export type AvoidedEvent = (typeof AVOIDED_EVENTS)[number];

/**
 * Labels and default amounts (in euro cents) per avoided event: indicative
 * societal costs of one occurrence, in the range of the Effectencalculator
 * (seed 003: small savings up to about €5.000, avoided crises up to about
 * €70.000). A region sets its own amounts; these fill the gaps.
 */
export const AVOIDED_EVENT_DEFAULTS: Record<
  AvoidedEvent,
  { label: string; description: string; amountCents: number }
> = {
  crisisopname: {
    label: 'Crisisopname',
    description: 'Acute psychiatrische opname, enkele weken',
    amountCents: 1_500_000,
  },
  'ggz-opname': {
    label: 'GGZ-opname',
    description: 'Klinische GGZ-behandeling, enkele maanden',
    amountCents: 4_000_000,
  },
  uithuisplaatsing: {
    label: 'Uithuisplaatsing',
    description: 'Plaatsing van een kind buiten het gezin, een jaar',
    amountCents: 7_000_000,
  },
  huisuitzetting: {
    label: 'Huisuitzetting',
    description: 'Ontruiming met kosten voor verhuurder, opvang en herhuisvesting',
    amountCents: 2_500_000,
  },
  'maatschappelijke-opvang': {
    label: 'Maatschappelijke opvang',
    description: 'Verblijf in de opvang, een half jaar',
    amountCents: 3_000_000,
  },
  schuldsanering: {
    label: 'Schuldsanering',
    description: 'Wettelijk schuldsaneringstraject (Wsnp)',
    amountCents: 600_000,
  },
  verpleeghuisopname: {
    label: 'Verpleeghuisopname',
    description: 'Eerder dan nodig naar het verpleeghuis, een jaar',
    amountCents: 6_000_000,
  },
  ziekenhuisopname: {
    label: 'Ziekenhuisopname',
    description: 'Opname na een val of verwaarlozing',
    amountCents: 600_000,
  },
  detentie: {
    label: 'Detentie',
    description: 'Enkele maanden in detentie',
    amountCents: 2_500_000,
  },
  'politie-inzet': {
    label: 'Politie-inzet',
    description: 'Herhaalde meldingen en inzet van politie',
    amountCents: 200_000,
  },
  'specialistische-jeugdhulp': {
    label: 'Specialistische jeugdhulp',
    description: 'Ambulante specialistische jeugdhulp, een jaar',
    amountCents: 1_200_000,
  },
  'psychologische-behandeling': {
    label: 'Psychologische behandeling',
    description: 'Behandeling in de basis-GGZ',
    amountCents: 300_000,
  },
  'extra-huisartsenzorg': {
    label: 'Extra huisartsenzorg',
    description: 'Onnodige consulten bij de huisarts',
    amountCents: 50_000,
  },
};

/** Largest amount for one occurrence, in cents (€1.000.000). */
export const MAX_EVENT_AMOUNT_CENTS = 100_000_000;

export const EffectPriceDto = z.object({
  event: z.enum(AVOIDED_EVENTS),
  label: z.string(),
  description: z.string(),
  amountCents: z.number().int(),
  /** True when the region has not set its own amount. */
  isDefault: z.boolean(),
});
export type EffectPriceDto = z.infer<typeof EffectPriceDto>;

/** Set the region's amounts; `null` goes back to the default. */
export const UpdateEffectPricesRequest = z.object({
  prices: z
    .array(
      z.object({
        event: z.enum(AVOIDED_EVENTS),
        amountCents: z.number().int().min(0).max(MAX_EVENT_AMOUNT_CENTS).nullable(),
      }),
    )
    .min(1)
    .max(AVOIDED_EVENTS.length)
    .refine((p) => new Set(p.map((x) => x.event)).size === p.length, {
      message: 'Elke gebeurtenis één keer',
    }),
});
export type UpdateEffectPricesRequest = z.infer<typeof UpdateEffectPricesRequest>;

/** The likely course without the intervention: which events it would have brought, how often. */
export const SaveEffectsRequest = z.object({
  course: OptionalText(4000),
  events: z
    .array(
      z.object({
        event: z.enum(AVOIDED_EVENTS),
        count: z.number().int().min(1).max(10),
        note: OptionalText(1000),
      }),
    )
    .max(AVOIDED_EVENTS.length)
    .refine((e) => new Set(e.map((x) => x.event)).size === e.length, {
      message: 'Elke gebeurtenis één keer',
    }),
});
export type SaveEffectsRequest = z.input<typeof SaveEffectsRequest>;

export const EffectItemDto = z.object({
  event: z.enum(AVOIDED_EVENTS),
  count: z.number().int(),
  /** The region's amount for one occurrence when the estimate was saved. */
  unitCents: z.number().int(),
  totalCents: z.number().int(),
  note: z.string(),
});
export type EffectItemDto = z.infer<typeof EffectItemDto>;

export const EffectsDto = z.object({
  householdId: z.uuid(),
  course: z.string(),
  events: z.array(EffectItemDto),
  totalCents: z.number().int(),
  by: PersonRef,
  at: z.string(),
});
export type EffectsDto = z.infer<typeof EffectsDto>;

/** The calculator of one household: its estimate (if any) and the price list of its region. */
export const HouseholdEffectsDto = z.object({
  estimate: EffectsDto.nullable(),
  prices: z.array(EffectPriceDto),
});
export type HouseholdEffectsDto = z.infer<typeof HouseholdEffectsDto>;

/** Sum of count × amount. Amounts in cents. */
export function effectTotal(events: readonly { count: number; unitCents: number }[]): number {
  return events.reduce((sum, e) => sum + e.count * e.unitCents, 0);
}

/* ---------- KPIs ---------- */

export const KpiQuery = z
  .object({
    wijk: z.string().trim().min(1).max(80).optional(),
    from: IsoDate.optional(),
    to: IsoDate.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'De begindatum ligt na de einddatum',
    path: ['from'],
  });
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiDto = z.object({
  wijkteam: z.string(),
  filters: z.object({
    wijk: z.string().nullable(),
    from: z.string().nullable(),
    to: z.string().nullable(),
  }),
  /** Wijken of the team, for the filter. */
  wijken: z.array(z.string()),
  households: z.number().int(),
  byPhase: z.array(z.object({ phase: z.enum(PHASES), count: z.number().int() })),
  byColour: z.array(z.object({ colour: z.enum([...COLOURS, 'geen']), count: z.number().int() })),
  /** Days from aanmelding to the first regiehouder, for households registered in the period. */
  timeToRegie: z.object({
    averageDays: z.number().nullable(),
    medianDays: z.number().nullable(),
    withRegie: z.number().int(),
    withoutRegie: z.number().int(),
  }),
  /** Open actions past their due date; null while the actions read model is not available. */
  overdueActions: z.number().int().nullable(),
  escalations: z.object({
    open: z.number().int(),
    started: z.number().int(),
    byTarget: z.array(z.object({ target: z.enum(ESCALATION_TARGETS), count: z.number().int() })),
  }),
  /** Average of (evaluatie − intake) per domain over members with both, evaluated in the period. */
  zrmChange: z.array(
    z.object({
      domain: z.enum(LEVENSDOMEINEN),
      averageChange: z.number().nullable(),
      members: z.number().int(),
    }),
  ),
  costsAvoided: z.object({
    totalCents: z.number().int(),
    households: z.number().int(),
    byEvent: z.array(z.object({ event: z.enum(AVOIDED_EVENTS), totalCents: z.number().int() })),
    byMonth: z.array(z.object({ month: z.string(), totalCents: z.number().int() })),
  }),
  /** What the support in the plans costs (issue 19). */
  voorzieningen: KpiVoorzieningenDto,
});
export type KpiDto = z.infer<typeof KpiDto>;

/** Average of numbers, or null for none. */
export function average(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
