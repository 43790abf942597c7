/**
 * The KPIs as pure functions over the facts of one wijkteam, so the rules
 * are tested without a database. Periods are calendar days in the Dutch
 * time zone, `from` and `to` inclusive.
 *
 *  - phase and colour: households registered up to `to`, as they are now;
 *  - time to regie: households registered in the period;
 *  - escalations started: escalation date in the period; open: now;
 *  - ZRM change: members whose evaluatie scores were given in the period;
 *  - costs avoided: estimates saved in the period;
 *  - voorzieningen: the monthly cost of each month of the period in which it
 *    runs at least one day (without a period: the last twelve months).
 */
import {
  AVOIDED_EVENTS,
  type AvoidedEvent,
  average,
  type Colour,
  COLOURS,
  ESCALATION_TARGETS,
  type EscalationTarget,
  type KpiDto,
  type KpiQuery,
  type KpiVoorzieningenDto,
  activeInMonth,
  type BeschikkingStatus,
  isLightForm,
  type Vorm,
  type Wet,
  WETTEN,
  LEVENSDOMEINEN,
  type Levensdomein,
  median,
  type Phase,
  PHASES,
} from '@spil/shared';
import { todayInNl } from '../proces/people';

export interface HouseholdFact {
  id: string;
  wijk: string;
  phase: Phase;
  createdAt: Date;
  colour: Colour | null;
  firstRegieAt: Date | null;
}
export interface EscalationFact {
  householdId: string;
  target: EscalationTarget;
  date: string;
  closedAt: Date | null;
}
/** Intake and evaluatie score of one member on one domain. */
export interface ZrmPairFact {
  householdId: string;
  memberId: string;
  domain: Levensdomein;
  intake: number;
  evaluatie: number;
  evaluatedAt: Date;
}
export interface EffectFact {
  householdId: string;
  totalCents: number;
  events: { event: AvoidedEvent; count: number; unitCents: number }[];
  estimatedAt: Date;
}
export interface VoorzieningFact {
  householdId: string;
  wet: Wet;
  vorm: Vorm;
  startOp: string;
  eindOp: string | null;
  kostenPerMaandCents: number;
  status: BeschikkingStatus | null;
  beeindigdOp: string | null;
}
export interface KpiFacts {
  wijkteam: string;
  households: HouseholdFact[];
  escalations: EscalationFact[];
  zrm: ZrmPairFact[];
  effects: EffectFact[];
  /** Household ids of open actions past their due date; null when unknown. */
  overdueActions: string[] | null;
  voorzieningen: VoorzieningFact[];
}

const DAY = 86_400_000;

function inPeriod(day: string, q: KpiQuery): boolean {
  return (!q.from || day >= q.from) && (!q.to || day <= q.to);
}

export function computeKpis(facts: KpiFacts, q: KpiQuery, now = new Date()): KpiDto {
  const scope = facts.households.filter((h) => !q.wijk || h.wijk === q.wijk);
  const inScope = new Set(scope.map((h) => h.id));
  const registered = scope.filter((h) => !q.to || todayInNl(h.createdAt) <= q.to);

  const byPhase = PHASES.map((phase) => ({
    phase,
    count: registered.filter((h) => h.phase === phase).length,
  }));
  const byColour = [...COLOURS, 'geen' as const].map((colour) => ({
    colour,
    count: registered.filter((h) => (h.colour ?? 'geen') === colour).length,
  }));

  const newInPeriod = scope.filter((h) => inPeriod(todayInNl(h.createdAt), q));
  const regieDays = newInPeriod
    .filter((h) => h.firstRegieAt)
    .map((h) => Math.max(0, ((h.firstRegieAt as Date).getTime() - h.createdAt.getTime()) / DAY));

  const escalations = facts.escalations.filter((e) => inScope.has(e.householdId));
  const started = escalations.filter((e) => inPeriod(e.date, q));

  const zrm = facts.zrm.filter(
    (z) => inScope.has(z.householdId) && inPeriod(todayInNl(z.evaluatedAt), q),
  );
  const zrmChange = LEVENSDOMEINEN.map((domain) => {
    const rows = zrm.filter((z) => z.domain === domain);
    const avg = average(rows.map((z) => z.evaluatie - z.intake));
    return {
      domain,
      averageChange: avg === null ? null : round(avg, 2),
      members: new Set(rows.map((z) => z.memberId)).size,
    };
  });

  const effects = facts.effects.filter(
    (e) => inScope.has(e.householdId) && inPeriod(todayInNl(e.estimatedAt), q),
  );
  const byEvent = AVOIDED_EVENTS.map((event) => ({
    event,
    totalCents: sum(
      effects.flatMap((e) =>
        e.events.filter((x) => x.event === event).map((x) => x.count * x.unitCents),
      ),
    ),
  })).filter((x) => x.totalCents > 0);
  const months = new Map<string, number>();
  for (const e of effects) {
    const month = todayInNl(e.estimatedAt).slice(0, 7);
    months.set(month, (months.get(month) ?? 0) + e.totalCents);
  }

  return {
    wijkteam: facts.wijkteam,
    filters: { wijk: q.wijk ?? null, from: q.from ?? null, to: q.to ?? null },
    wijken: [...new Set(facts.households.map((h) => h.wijk))].sort((a, b) =>
      a.localeCompare(b, 'nl'),
    ),
    households: registered.length,
    byPhase,
    byColour,
    timeToRegie: {
      averageDays: nullableRound(average(regieDays), 1),
      medianDays: nullableRound(median(regieDays), 1),
      withRegie: regieDays.length,
      withoutRegie: newInPeriod.length - regieDays.length,
    },
    overdueActions:
      facts.overdueActions === null
        ? null
        : facts.overdueActions.filter((id) => inScope.has(id)).length,
    escalations: {
      open: escalations.filter((e) => e.closedAt === null).length,
      started: started.length,
      byTarget: ESCALATION_TARGETS.map((target) => ({
        target,
        count: started.filter((e) => e.target === target).length,
      })),
    },
    zrmChange,
    costsAvoided: {
      totalCents: sum(effects.map((e) => e.totalCents)),
      households: new Set(effects.map((e) => e.householdId)).size,
      byEvent,
      byMonth: monthRange(months, q, todayInNl(now).slice(0, 7)).map((month) => ({
        month,
        totalCents: months.get(month) ?? 0,
      })),
    },
    voorzieningen: voorzieningenKpi(
      facts.voorzieningen.filter((v) => inScope.has(v.householdId)),
      new Map(scope.map((h) => [h.id, h.wijk])),
      q,
      todayInNl(now).slice(0, 7),
    ),
  };
}

/** The months of the period (without one: the last twelve), at most the last 36. */
export function periodMonths(q: KpiQuery, thisMonth: string): string[] {
  const end = q.to?.slice(0, 7) ?? thisMonth;
  const start = q.from?.slice(0, 7) ?? addMonths(end, -11);
  const out: string[] = [];
  for (let m = start; m <= end; m = addMonths(m, 1)) out.push(m);
  return out.slice(-36);
}

export function voorzieningenKpi(
  facts: VoorzieningFact[],
  wijkOf: Map<string, string>,
  q: KpiQuery,
  thisMonth: string,
): KpiVoorzieningenDto {
  const months = periodMonths(q, thisMonth);
  const rows = facts.map((v) => {
    const beschikking = v.status === null ? null : { status: v.status, beeindigdOp: v.beeindigdOp };
    const active = months.filter((m) =>
      activeInMonth({ startOp: v.startOp, eindOp: v.eindOp, beschikking }, m),
    );
    return { v, active, cost: active.length * v.kostenPerMaandCents };
  });
  const counted = rows.filter((r) => r.active.length > 0);
  const total = (xs: typeof rows) => sum(xs.map((r) => r.cost));
  const licht = counted.filter((r) => isLightForm(r.v.vorm));
  const maatwerk = counted.filter((r) => !isLightForm(r.v.vorm));
  const lichtCents = total(licht);
  const maatwerkCents = total(maatwerk);
  const wijken = [...new Set(counted.map((r) => wijkOf.get(r.v.householdId) ?? ''))].sort((a, b) =>
    a.localeCompare(b, 'nl'),
  );
  return {
    totalCents: total(counted),
    households: new Set(counted.map((r) => r.v.householdId)).size,
    byWet: WETTEN.map((wet) => ({
      wet,
      totalCents: total(counted.filter((r) => r.v.wet === wet)),
    })).filter((x) => x.totalCents > 0),
    byWijk: wijken.map((wijk) => ({
      wijk,
      totalCents: total(counted.filter((r) => wijkOf.get(r.v.householdId) === wijk)),
    })),
    byMonth: months.map((month) => {
      const inMonth = counted.filter((r) => r.active.includes(month));
      const all = sum(inMonth.map((r) => r.v.kostenPerMaandCents));
      const light = sum(
        inMonth.filter((r) => isLightForm(r.v.vorm)).map((r) => r.v.kostenPerMaandCents),
      );
      return {
        month,
        totalCents: all,
        lichtCents: light,
        aandeelLicht: all === 0 ? null : round(light / all, 4),
      };
    }),
    substitutie: {
      lichtCents,
      maatwerkCents,
      aandeelLicht:
        lichtCents + maatwerkCents === 0
          ? null
          : round(lichtCents / (lichtCents + maatwerkCents), 4),
      lichtAantal: licht.length,
      maatwerkAantal: maatwerk.length,
    },
  };
}

function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The months to show: every month of the period, with the months without
 * estimates as zero, so the chart shows the course. Without a start, at
 * least the last six months; a range above three years shows only months
 * with estimates.
 */
function monthRange(months: Map<string, number>, q: KpiQuery, thisMonth: string): string[] {
  const withData = [...months.keys()].sort();
  const end = [q.to?.slice(0, 7) ?? thisMonth, withData.at(-1) ?? ''].sort().at(-1) as string;
  const sixBack = addMonths(end, -5);
  const first = withData[0] ?? end;
  const start = q.from?.slice(0, 7) ?? (first < sixBack ? first : sixBack);
  const out: string[] = [];
  for (let m = start; m <= end && out.length <= 36; m = addMonths(m, 1)) out.push(m);
  return out.length > 36 ? withData : out;
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
function nullableRound(x: number | null, digits: number): number | null {
  return x === null ? null : round(x, digits);
}
