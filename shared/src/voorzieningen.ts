/**
 * Voorzieningen and beschikkingen of a household, and one budget per
 * household (issue 19, DOMAIN.md "The process": extra support leads to a
 * beschikking for a voorziening, as zorg in natura or pgb). Contracts (zod)
 * and the pure rules of the budget, shared by server and client.
 *
 * Amounts are euro cents (integers). Dates are calendar dates, YYYY-MM-DD.
 */
import { z } from 'zod';
import { type Actie, type Doel, isOpenStatus } from './plan';

/* proces.ts imports the KPI part of this file, so nothing is imported back from it. */
const IsoDate = z.iso.date();
const PersonRef = z.object({ userId: z.uuid(), name: z.string() });

/* ---------- what a voorziening is ---------- */

/** The law (and with it the domain) that pays for it. */
export const WETTEN = ['wmo', 'jeugdwet', 'participatiewet', 'zvw', 'overig'] as const;
export type Wet = (typeof WETTEN)[number];
export const WET_LABELS: Record<Wet, string> = {
  wmo: 'Wmo',
  jeugdwet: 'Jeugdwet',
  participatiewet: 'Participatiewet',
  zvw: 'Zvw',
  overig: 'Anders',
};

/** How it is given. The first two need a beschikking; the last two are the lighter forms (seed 003: substitutie). */
export const VORMEN = ['zin', 'pgb', 'algemeen', 'eigen-kracht'] as const;
export type Vorm = (typeof VORMEN)[number];
export const VORM_LABELS: Record<Vorm, string> = {
  zin: 'Zorg in natura',
  pgb: 'Persoonsgebonden budget (pgb)',
  algemeen: 'Algemene voorziening',
  'eigen-kracht': 'Eigen kracht / netwerk',
};
/** Maatwerk: zorg in natura and pgb. */
export function isMaatwerk(vorm: Vorm): boolean {
  return vorm === 'zin' || vorm === 'pgb';
}
/**
 * Maatwerk goes on a municipality's beschikking, except under the Zvw
 * (wijkverpleging is indicated by the wijkverpleegkundige, not the
 * municipality), where one may be recorded but is not required.
 */
export function needsBeschikking(vorm: Vorm, wet: Wet): boolean {
  return isMaatwerk(vorm) && wet !== 'zvw';
}
/** Substitution (seed 003): lighter support counts as algemene voorziening and eigen kracht. */
export function isLightForm(vorm: Vorm): boolean {
  return vorm === 'algemeen' || vorm === 'eigen-kracht';
}

/** What the price of a kind is per: an hour (with hours per week) or a month. */
export const PRIJS_EENHEDEN = ['uur', 'maand'] as const;
export type PrijsEenheid = (typeof PRIJS_EENHEDEN)[number];

export const VOORZIENING_SOORTEN = [
  'huishoudelijke-hulp',
  'begeleiding',
  'dagbesteding',
  'ambulante-jeugdhulp',
  'specialistische-jeugdhulp',
  'schuldhulpverlening',
  're-integratie',
  'wijkverpleging',
  'ggz-behandeling',
  'sociaal-werk',
  'inloop-ontmoeting',
  'maatje-vrijwilliger',
  'mantelzorg-netwerk',
  'overig',
] as const;
export type VoorzieningSoort = (typeof VOORZIENING_SOORTEN)[number];

/**
 * Labels, the usual law and form, and indicative default prices per kind
 * (euro cents per hour or per month). A wijkteam sets its own prices; these
 * fill the gaps, as the Effectencalculator's price list does.
 */
export const VOORZIENING_SOORT_DEFAULTS: Record<
  VoorzieningSoort,
  { label: string; wet: Wet; vorm: Vorm; eenheid: PrijsEenheid; amountCents: number }
> = {
  'huishoudelijke-hulp': {
    label: 'Huishoudelijke hulp',
    wet: 'wmo',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 3_000,
  },
  begeleiding: {
    label: 'Begeleiding',
    wet: 'wmo',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 6_500,
  },
  dagbesteding: {
    label: 'Dagbesteding',
    wet: 'wmo',
    vorm: 'zin',
    eenheid: 'maand',
    amountCents: 80_000,
  },
  'ambulante-jeugdhulp': {
    label: 'Ambulante jeugdhulp',
    wet: 'jeugdwet',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 9_000,
  },
  'specialistische-jeugdhulp': {
    label: 'Specialistische jeugdhulp',
    wet: 'jeugdwet',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 12_000,
  },
  schuldhulpverlening: {
    label: 'Schuldhulpverlening',
    wet: 'overig',
    vorm: 'zin',
    eenheid: 'maand',
    amountCents: 25_000,
  },
  're-integratie': {
    label: 'Re-integratie naar werk',
    wet: 'participatiewet',
    vorm: 'zin',
    eenheid: 'maand',
    amountCents: 50_000,
  },
  wijkverpleging: {
    label: 'Wijkverpleging',
    wet: 'zvw',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 7_500,
  },
  'ggz-behandeling': {
    label: 'GGZ-behandeling',
    wet: 'zvw',
    vorm: 'zin',
    eenheid: 'uur',
    amountCents: 11_000,
  },
  'sociaal-werk': {
    label: 'Sociaal werk',
    wet: 'wmo',
    vorm: 'algemeen',
    eenheid: 'uur',
    amountCents: 5_500,
  },
  'inloop-ontmoeting': {
    label: 'Inloop en ontmoeting',
    wet: 'wmo',
    vorm: 'algemeen',
    eenheid: 'maand',
    amountCents: 4_000,
  },
  'maatje-vrijwilliger': {
    label: 'Maatje (vrijwilliger)',
    wet: 'wmo',
    vorm: 'algemeen',
    eenheid: 'maand',
    amountCents: 2_500,
  },
  'mantelzorg-netwerk': {
    label: 'Hulp uit het eigen netwerk',
    wet: 'overig',
    vorm: 'eigen-kracht',
    eenheid: 'maand',
    amountCents: 0,
  },
  overig: { label: 'Anders', wet: 'overig', vorm: 'zin', eenheid: 'maand', amountCents: 0 },
};

/** Average weeks per month: hours per week × 52 / 12 gives hours per month. */
export const WEEKS_PER_MONTH = 52 / 12;

/** Cost per month from a price: per hour × hours per week × 52/12, or the monthly price. Rounded to cents. */
export function monthlyCostFromPrice(
  price: { eenheid: PrijsEenheid; amountCents: number },
  urenPerWeek: number | null,
): number | null {
  if (price.eenheid === 'maand') return price.amountCents;
  if (urenPerWeek === null) return null;
  return Math.round(price.amountCents * urenPerWeek * WEEKS_PER_MONTH);
}

/* ---------- the beschikking ---------- */

export const BESCHIKKING_STATUSES = [
  'aangevraagd',
  'toegekend',
  'afgewezen',
  'lopend',
  'beeindigd',
] as const;
export type BeschikkingStatus = (typeof BESCHIKKING_STATUSES)[number];
export const BESCHIKKING_STATUS_LABELS: Record<BeschikkingStatus, string> = {
  aangevraagd: 'Aangevraagd',
  toegekend: 'Toegekend',
  afgewezen: 'Afgewezen',
  lopend: 'Lopend',
  beeindigd: 'Beëindigd',
};

/** aangevraagd → toegekend | afgewezen → (toegekend) lopend → beëindigd. A granted one may end before it ran. */
const NEXT_STATUS: Record<BeschikkingStatus, readonly BeschikkingStatus[]> = {
  aangevraagd: ['toegekend', 'afgewezen'],
  toegekend: ['lopend', 'beeindigd'],
  lopend: ['beeindigd'],
  afgewezen: [],
  beeindigd: [],
};
export function canMoveBeschikking(from: BeschikkingStatus, to: BeschikkingStatus): boolean {
  return from === to || NEXT_STATUS[from].includes(to);
}
export function nextBeschikkingStatuses(from: BeschikkingStatus): readonly BeschikkingStatus[] {
  return NEXT_STATUS[from];
}

/** The date each status needs: the request, the decision, the start, the end. */
export const BESCHIKKING_DATE_FIELD: Record<
  BeschikkingStatus,
  'aangevraagdOp' | 'besluitOp' | 'ingangOp' | 'beeindigdOp'
> = {
  aangevraagd: 'aangevraagdOp',
  toegekend: 'besluitOp',
  afgewezen: 'besluitOp',
  lopend: 'ingangOp',
  beeindigd: 'beeindigdOp',
};

/**
 * The municipality's reference of the beschikking (never the document).
 * Nine digits alone look like a BSN, which Spil never stores.
 */
export const Kenmerk = z
  .string()
  .trim()
  .max(40)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ./_-]*$/, 'Alleen letters, cijfers, spatie en . / _ -')
  .refine((v) => !/^\d{9}$/.test(v.replace(/\D/g, '')) || /[A-Za-z]/.test(v), {
    message: 'Dit lijkt een BSN; gebruik het kenmerk van de gemeente',
  });

export const Beschikking = z.object({
  status: z.enum(BESCHIKKING_STATUSES),
  kenmerk: Kenmerk.nullable().default(null),
  aangevraagdOp: IsoDate,
  besluitOp: IsoDate.nullable().default(null),
  ingangOp: IsoDate.nullable().default(null),
  beeindigdOp: IsoDate.nullable().default(null),
});
export type Beschikking = z.infer<typeof Beschikking>;

/** Each status has its date, and the dates follow each other. Returns the offending field or null. */
export function beschikkingProblem(b: Beschikking): { field: string; message: string } | null {
  const need: (keyof Beschikking)[] = [];
  if (b.status !== 'aangevraagd') need.push('besluitOp');
  if (b.status === 'lopend' || b.status === 'beeindigd') need.push('ingangOp');
  if (b.status === 'beeindigd') need.push('beeindigdOp');
  for (const f of need)
    if (!b[f]) return { field: f, message: 'Vul de datum in die bij deze status hoort' };
  // A granted beschikking that ended before it ran has no start date.
  const order = [b.aangevraagdOp, b.besluitOp, b.ingangOp, b.beeindigdOp];
  const fields = ['aangevraagdOp', 'besluitOp', 'ingangOp', 'beeindigdOp'];
  let last: string | null = null;
  for (let i = 0; i < order.length; i++) {
    const d = order[i];
    if (!d) continue;
    if (last && d < last)
      return { field: fields[i] as string, message: 'Deze datum ligt vóór de vorige stap' };
    last = d;
  }
  return null;
}

/* ---------- requests and answers ---------- */

const Text = (max: number) => z.string().trim().min(1).max(max);
const MAX_MONTHLY_CENTS = 10_000_000; // €100.000 per month
const LinkId = z.string().trim().min(1).max(64);

const VoorzieningFields = z.object({
  soort: z.enum(VOORZIENING_SOORTEN),
  /** Free name when the kind is `overig`, or a sharper name ("Begeleiding thuis, 2 dagdelen"). */
  omschrijving: z.string().trim().max(200).default(''),
  wet: z.enum(WETTEN),
  vorm: z.enum(VORMEN),
  aanbieder: Text(200),
  startOp: IsoDate,
  eindOp: IsoDate.nullable().default(null),
  urenPerWeek: z.number().min(0).max(80).nullable().default(null),
  /** Left empty: filled from the wijkteam's price list. */
  kostenPerMaandCents: z.number().int().min(0).max(MAX_MONTHLY_CENTS).nullable().default(null),
  doelId: LinkId.nullable().default(null),
  actieId: LinkId.nullable().default(null),
  beschikking: Beschikking.nullable().default(null),
});

function checkVoorziening(
  v: {
    startOp?: string;
    eindOp?: string | null;
    vorm?: Vorm;
    wet?: Wet;
    beschikking?: Beschikking | null;
  },
  ctx: z.RefinementCtx,
): void {
  if (v.startOp && v.eindOp && v.eindOp < v.startOp)
    ctx.addIssue({ code: 'custom', path: ['eindOp'], message: 'Het einde ligt vóór de start' });
  if (v.vorm && v.wet && needsBeschikking(v.vorm, v.wet) && v.beschikking === null)
    ctx.addIssue({
      code: 'custom',
      path: ['beschikking'],
      message: 'Zorg in natura en pgb gaan op een beschikking',
    });
  if (v.vorm && !isMaatwerk(v.vorm) && v.beschikking)
    ctx.addIssue({
      code: 'custom',
      path: ['beschikking'],
      message: 'Een algemene voorziening of eigen kracht heeft geen beschikking',
    });
  if (v.beschikking) {
    const p = beschikkingProblem(v.beschikking);
    if (p) ctx.addIssue({ code: 'custom', path: ['beschikking', p.field], message: p.message });
  }
}

export const CreateVoorzieningRequest = VoorzieningFields.superRefine(checkVoorziening);
export type CreateVoorzieningRequest = z.input<typeof CreateVoorzieningRequest>;

/** A change: only the fields sent change. `kostenPerMaandCents: null` fills the cost from the price list again. */
export const UpdateVoorzieningRequest = VoorzieningFields.partial()
  .extend({
    omschrijving: z.string().trim().max(200).optional(),
    eindOp: IsoDate.nullable().optional(),
    urenPerWeek: z.number().min(0).max(80).nullable().optional(),
    kostenPerMaandCents: z.number().int().min(0).max(MAX_MONTHLY_CENTS).nullable().optional(),
    doelId: LinkId.nullable().optional(),
    actieId: LinkId.nullable().optional(),
    beschikking: Beschikking.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'Er is niets te wijzigen' });
export type UpdateVoorzieningRequest = z.input<typeof UpdateVoorzieningRequest>;

export const VoorzieningParams = z.object({ id: z.uuid(), voorzieningId: z.uuid() });

export const VoorzieningDto = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  soort: z.enum(VOORZIENING_SOORTEN),
  omschrijving: z.string(),
  wet: z.enum(WETTEN),
  vorm: z.enum(VORMEN),
  aanbieder: z.string(),
  startOp: z.string(),
  eindOp: z.string().nullable(),
  urenPerWeek: z.number().nullable(),
  kostenPerMaandCents: z.number().int(),
  /** True when the cost came from the price list (and follows the hours). */
  kostenUitPrijslijst: z.boolean(),
  doelId: z.string().nullable(),
  actieId: z.string().nullable(),
  beschikking: Beschikking.nullable(),
  by: PersonRef,
  at: z.string(),
  updatedBy: PersonRef,
  updatedAt: z.string(),
});
export type VoorzieningDto = z.infer<typeof VoorzieningDto>;

/* ---------- the price list per kind ---------- */

export const VoorzieningPriceDto = z.object({
  soort: z.enum(VOORZIENING_SOORTEN),
  label: z.string(),
  eenheid: z.enum(PRIJS_EENHEDEN),
  amountCents: z.number().int(),
  isDefault: z.boolean(),
});
export type VoorzieningPriceDto = z.infer<typeof VoorzieningPriceDto>;

export const UpdateVoorzieningPricesRequest = z.object({
  prices: z
    .array(
      z.object({
        soort: z.enum(VOORZIENING_SOORTEN),
        amountCents: z.number().int().min(0).max(MAX_MONTHLY_CENTS).nullable(),
      }),
    )
    .min(1)
    .max(VOORZIENING_SOORTEN.length)
    .refine((p) => new Set(p.map((x) => x.soort)).size === p.length, {
      message: 'Elke soort één keer',
    }),
});
export type UpdateVoorzieningPricesRequest = z.infer<typeof UpdateVoorzieningPricesRequest>;

/* ---------- budget per household ---------- */

/** Where a voorziening stands on a day: planned, running, ended, or refused. */
export type VoorzieningFase = 'gepland' | 'lopend' | 'beeindigd' | 'afgewezen';
export const VOORZIENING_FASE_LABELS: Record<VoorzieningFase, string> = {
  gepland: 'Gepland',
  lopend: 'Loopt',
  beeindigd: 'Beëindigd',
  afgewezen: 'Afgewezen',
};

type BudgetInput = Pick<
  VoorzieningDto,
  'id' | 'wet' | 'vorm' | 'startOp' | 'eindOp' | 'kostenPerMaandCents' | 'beschikking'
>;

export function voorzieningFase(v: Omit<BudgetInput, 'id'>, today: string): VoorzieningFase {
  const b = v.beschikking;
  if (b?.status === 'afgewezen') return 'afgewezen';
  if (b?.status === 'beeindigd' || (v.eindOp !== null && v.eindOp < today)) return 'beeindigd';
  if (v.startOp > today || b?.status === 'aangevraagd' || b?.status === 'toegekend')
    return 'gepland';
  return 'lopend';
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}
/** Days from `a` to `b` (b − a). */
export function daysFrom(a: string, b: string): number {
  return dayNumber(b) - dayNumber(a);
}
function addDays(iso: string, days: number): string {
  return new Date((dayNumber(iso) + days) * 86_400_000).toISOString().slice(0, 10);
}

/** A voorziening without an end date counts for one year from its start in the trajectory's cost. */
export const OPEN_END_DAYS = 365;

/**
 * The cost of a voorziening over its whole term: monthly cost × 12 × days / 365,
 * the days counted from start to end inclusive (one year when it has no end).
 * The last day of a beschikking that ended early is its end.
 */
export function termCostCents(v: Omit<BudgetInput, 'id' | 'wet' | 'vorm'>): number {
  if (v.beschikking?.status === 'afgewezen') return 0;
  const end =
    v.beschikking?.status === 'beeindigd' && v.beschikking.beeindigdOp
      ? v.eindOp && v.eindOp < v.beschikking.beeindigdOp
        ? v.eindOp
        : v.beschikking.beeindigdOp
      : v.eindOp;
  const days = end === null ? OPEN_END_DAYS : Math.max(0, daysFrom(v.startOp, end) + 1);
  return Math.round((v.kostenPerMaandCents * 12 * days) / 365);
}

export const BudgetLine = z.object({
  perMaandCents: z.number().int(),
  perJaarCents: z.number().int(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const BUDGET_WARNINGS = ['zonder-vervolg', 'beschikking-wacht'] as const;
/** A warning as data; the client words it (dates in Dutch). */
export const BudgetWarning = z.object({
  kind: z.enum(BUDGET_WARNINGS),
  voorzieningId: z.uuid(),
  /** The voorziening's label. */
  voorziening: z.string(),
  /** `beschikking-wacht`: days waited so far. */
  dagen: z.number().int().nullable(),
  /** `zonder-vervolg`: the last day, and whether it has passed. */
  eindOp: z.string().nullable(),
  beeindigd: z.boolean(),
  /** `zonder-vervolg`: the open doel's title. */
  doel: z.string().nullable(),
});
export type BudgetWarning = z.infer<typeof BudgetWarning>;

export const HouseholdBudgetDto = z.object({
  householdId: z.uuid(),
  today: z.string(),
  /** Running now, and planned (requested, granted, or starting later). Per year = per month × 12. */
  lopend: BudgetLine,
  gepland: BudgetLine,
  perWet: z.array(z.object({ wet: z.enum(WETTEN), lopend: BudgetLine, gepland: BudgetLine })),
  /** Cost of all support over its term (not refused), against the Effectencalculator's avoided costs. */
  kostenInzetCents: z.number().int(),
  vermedenKostenCents: z.number().int().nullable(),
  /** Avoided minus support; null while there is no effect estimate. */
  nettoEffectCents: z.number().int().nullable(),
  /** Share of the monthly cost (running + planned) in algemene voorzieningen and eigen kracht, 0..1; null when nothing costs. */
  aandeelLicht: z.number().nullable(),
  warnings: z.array(BudgetWarning),
  /** The setting: days a beschikking may wait for a decision. */
  maxWachtDagen: z.number().int(),
});
export type HouseholdBudgetDto = z.infer<typeof HouseholdBudgetDto>;

/** A voorziening ending within this many days, or ended, wants a follow-up while its doel is open. */
export const FOLLOW_UP_HORIZON_DAYS = 30;

function line(items: readonly { kostenPerMaandCents: number }[]): BudgetLine {
  const perMaandCents = items.reduce((s, v) => s + v.kostenPerMaandCents, 0);
  return { perMaandCents, perJaarCents: perMaandCents * 12 };
}

/** The doel a voorziening serves: its own link, or the doel of the action it serves. */
export function doelOf(
  v: { doelId: string | null; actieId: string | null },
  acties: readonly Pick<Actie, 'id' | 'doelId'>[],
): string | null {
  if (v.doelId) return v.doelId;
  if (!v.actieId) return null;
  return acties.find((a) => a.id === v.actieId)?.doelId ?? null;
}

/**
 * A doel is still open while the household is open and the doel has no
 * actions yet or at least one open action (DOMAIN: open, bezig, geblokkeerd).
 */
export function isDoelOpen(
  doelId: string,
  plan: {
    doelen: readonly Pick<Doel, 'id'>[];
    acties: readonly Pick<Actie, 'doelId' | 'status'>[];
  },
): boolean {
  if (!plan.doelen.some((d) => d.id === doelId)) return false;
  const own = plan.acties.filter((a) => a.doelId === doelId);
  return own.length === 0 || own.some((a) => isOpenStatus(a.status));
}

export interface BudgetInputs {
  householdId: string;
  today: string;
  voorzieningen: readonly (BudgetInput & { doelId: string | null; actieId: string | null })[];
  plan: {
    doelen: readonly Pick<Doel, 'id' | 'titel'>[];
    acties: readonly Pick<Actie, 'id' | 'doelId' | 'status'>[];
  };
  householdClosed: boolean;
  vermedenKostenCents: number | null;
  maxWachtDagen: number;
  labelOf: (id: string) => string;
}

/** The household's budget: pure, so the figures are tested against hand-computed cases. */
export function householdBudget(i: BudgetInputs): HouseholdBudgetDto {
  const withFase = i.voorzieningen.map((v) => ({ v, fase: voorzieningFase(v, i.today) }));
  const of = (f: VoorzieningFase, wet?: Wet) =>
    withFase.filter((x) => x.fase === f && (!wet || x.v.wet === wet)).map((x) => x.v);
  const lopend = line(of('lopend'));
  const gepland = line(of('gepland'));
  const perWet = WETTEN.map((wet) => ({
    wet,
    lopend: line(of('lopend', wet)),
    gepland: line(of('gepland', wet)),
  })).filter((w) => w.lopend.perMaandCents > 0 || w.gepland.perMaandCents > 0);
  const kostenInzetCents = i.voorzieningen.reduce((s, v) => s + termCostCents(v), 0);
  const current = [...of('lopend'), ...of('gepland')];
  const total = current.reduce((s, v) => s + v.kostenPerMaandCents, 0);
  const light = current
    .filter((v) => isLightForm(v.vorm))
    .reduce((s, v) => s + v.kostenPerMaandCents, 0);

  const warnings: BudgetWarning[] = [];
  for (const { v, fase } of withFase) {
    const b = v.beschikking;
    if (b?.status === 'aangevraagd') {
      const waited = daysFrom(b.aangevraagdOp, i.today);
      if (waited > i.maxWachtDagen)
        warnings.push({
          kind: 'beschikking-wacht',
          voorzieningId: v.id,
          voorziening: i.labelOf(v.id),
          dagen: waited,
          eindOp: null,
          beeindigd: false,
          doel: null,
        });
    }
    if (i.householdClosed || fase === 'afgewezen') continue;
    const end = endOf(v);
    if (end === null || end > addDays(i.today, FOLLOW_UP_HORIZON_DAYS)) continue;
    const doel = doelOf(v, i.plan.acties);
    if (!doel || !isDoelOpen(doel, i.plan)) continue;
    const followUp = withFase.some(
      (o) =>
        o.v.id !== v.id &&
        o.fase !== 'afgewezen' &&
        o.fase !== 'beeindigd' &&
        doelOf(o.v, i.plan.acties) === doel &&
        (endOf(o.v) === null || (endOf(o.v) as string) > end),
    );
    if (!followUp) {
      warnings.push({
        kind: 'zonder-vervolg',
        voorzieningId: v.id,
        voorziening: i.labelOf(v.id),
        dagen: null,
        eindOp: end,
        beeindigd: end < i.today,
        doel: i.plan.doelen.find((d) => d.id === doel)?.titel ?? null,
      });
    }
  }
  return {
    householdId: i.householdId,
    today: i.today,
    lopend,
    gepland,
    perWet,
    kostenInzetCents,
    vermedenKostenCents: i.vermedenKostenCents,
    nettoEffectCents:
      i.vermedenKostenCents === null ? null : i.vermedenKostenCents - kostenInzetCents,
    aandeelLicht: total === 0 ? null : light / total,
    warnings,
    maxWachtDagen: i.maxWachtDagen,
  };
}

type EndInput = {
  eindOp: string | null;
  beschikking: { status: BeschikkingStatus; beeindigdOp: string | null } | null;
};
/** The last day of a voorziening: its end date, or the day its beschikking ended. */
function endOf(v: EndInput): string | null {
  const b = v.beschikking;
  if (b?.status === 'beeindigd' && b.beeindigdOp) return b.beeindigdOp;
  return v.eindOp;
}

/** Label for a voorziening: its own description or its kind's label. */
export function voorzieningLabel(v: { soort: VoorzieningSoort; omschrijving: string }): string {
  return v.omschrijving || VOORZIENING_SOORT_DEFAULTS[v.soort].label;
}

/** Whether a voorziening counts in a month (YYYY-MM): it runs at least one day of it and was not refused. */
export function activeInMonth(v: EndInput & { startOp: string }, month: string): boolean {
  if (v.beschikking?.status === 'afgewezen') return false;
  const first = `${month}-01`;
  const last = addDays(`${nextMonth(month)}-01`, -1);
  const end = endOf(v);
  return v.startOp <= last && (end === null || end >= first);
}

export function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/* ---------- for the inwoner (Mijn plan) ---------- */

/** One kind of help in plain words: what, who gives it, until when. Amounts only when the municipality shows them. */
export const MijnHulpItem = z.object({
  id: z.uuid(),
  /** The kind in words ("Huishoudelijke hulp"); for `overig` the team's own description. */
  wat: z.string(),
  /** The team's own words about it, shown under the sentence (empty when none). */
  omschrijving: z.string(),
  /** `wat` is a common noun that may start a clause in lower case. */
  watIsSoort: z.boolean(),
  wie: z.string(),
  vanaf: z.string(),
  tot: z.string().nullable(),
  /** `loopt` now; `komt` (requested, granted or starting later); `gestopt`. Refused help is left out. */
  stand: z.enum(['loopt', 'komt', 'gestopt']),
  /** Waiting for the municipality's decision. */
  wachtOpBesluit: z.boolean(),
  urenPerWeek: z.number().nullable(),
  bedragPerMaandCents: z.number().int().nullable(),
});
export type MijnHulpItem = z.infer<typeof MijnHulpItem>;
export const MijnHulpDto = z.object({
  toontBedragen: z.boolean(),
  items: z.array(MijnHulpItem),
});
export type MijnHulpDto = z.infer<typeof MijnHulpDto>;

/** The doelen and acties of the plan a voorziening may serve (for the form). */
export const VoorzieningLinksDto = z.object({
  doelen: z.array(z.object({ id: z.string(), titel: z.string() })),
  acties: z.array(z.object({ id: z.string(), titel: z.string(), doelId: z.string().nullable() })),
});
export type VoorzieningLinksDto = z.infer<typeof VoorzieningLinksDto>;

/* ---------- in the KPI dashboard ---------- */

/**
 * Costs of voorzieningen in the wijkteam over the period: a voorziening
 * counts its monthly cost in every month it runs at least one day
 * (refused ones never). Per law, per wijk, per month, and the substitution
 * figure (seed 003): the share in algemene voorzieningen and eigen kracht
 * against maatwerk (zorg in natura and pgb).
 */
export const KpiVoorzieningenDto = z.object({
  totalCents: z.number().int(),
  households: z.number().int(),
  byWet: z.array(z.object({ wet: z.enum(WETTEN), totalCents: z.number().int() })),
  byWijk: z.array(z.object({ wijk: z.string(), totalCents: z.number().int() })),
  byMonth: z.array(
    z.object({
      month: z.string(),
      totalCents: z.number().int(),
      lichtCents: z.number().int(),
      /** Share of that month's cost in light forms, 0..1; null when nothing cost. */
      aandeelLicht: z.number().nullable(),
    }),
  ),
  substitutie: z.object({
    lichtCents: z.number().int(),
    maatwerkCents: z.number().int(),
    aandeelLicht: z.number().nullable(),
    lichtAantal: z.number().int(),
    maatwerkAantal: z.number().int(),
  }),
});
export type KpiVoorzieningenDto = z.infer<typeof KpiVoorzieningenDto>;
