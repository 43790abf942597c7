import { describe, expect, it } from 'vitest';
import {
  activeInMonth,
  canMoveBeschikking,
  CreateVoorzieningRequest,
  householdBudget,
  type BudgetInputs,
  Kenmerk,
  monthlyCostFromPrice,
  termCostCents,
  voorzieningFase,
} from './voorzieningen';

const H = '00000000-0000-4000-8000-000000000001';
const id = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, '0')}`;
const TODAY = '2026-12-07';

type V = BudgetInputs['voorzieningen'][number];
function v(n: number, over: Partial<V>): V {
  return {
    id: id(n),
    wet: 'wmo',
    vorm: 'zin',
    startOp: '2026-01-01',
    eindOp: null,
    kostenPerMaandCents: 0,
    beschikking: null,
    doelId: null,
    actieId: null,
    ...over,
  };
}
const lopend = (aangevraagdOp: string, ingangOp: string) => ({
  status: 'lopend' as const,
  kenmerk: 'WMO-2026-0001',
  aangevraagdOp,
  besluitOp: aangevraagdOp,
  ingangOp,
  beeindigdOp: null,
});

function budget(voorzieningen: V[], over: Partial<BudgetInputs> = {}) {
  return householdBudget({
    householdId: H,
    today: TODAY,
    voorzieningen,
    plan: { doelen: [], acties: [] },
    householdClosed: false,
    vermedenKostenCents: null,
    maxWachtDagen: 56,
    labelOf: () => 'Voorziening',
    ...over,
  });
}

describe('cost from the price list', () => {
  it('hours per week × price per hour × 52/12', () => {
    // 3 h × €30 × 52 / 12 = €390,00
    expect(monthlyCostFromPrice({ eenheid: 'uur', amountCents: 3000 }, 3)).toBe(39_000);
    // 1,5 h × €65 × 52 / 12 = €422,50
    expect(monthlyCostFromPrice({ eenheid: 'uur', amountCents: 6500 }, 1.5)).toBe(42_250);
    expect(monthlyCostFromPrice({ eenheid: 'uur', amountCents: 6500 }, null)).toBeNull();
    expect(monthlyCostFromPrice({ eenheid: 'maand', amountCents: 80_000 }, null)).toBe(80_000);
  });
});

describe('beschikking', () => {
  it('moves aangevraagd → toegekend | afgewezen → lopend → beëindigd and never back', () => {
    expect(canMoveBeschikking('aangevraagd', 'toegekend')).toBe(true);
    expect(canMoveBeschikking('aangevraagd', 'afgewezen')).toBe(true);
    expect(canMoveBeschikking('toegekend', 'lopend')).toBe(true);
    expect(canMoveBeschikking('lopend', 'beeindigd')).toBe(true);
    expect(canMoveBeschikking('aangevraagd', 'lopend')).toBe(false);
    expect(canMoveBeschikking('afgewezen', 'toegekend')).toBe(false);
    expect(canMoveBeschikking('beeindigd', 'lopend')).toBe(false);
    expect(canMoveBeschikking('lopend', 'aangevraagd')).toBe(false);
  });

  it('names the missing date and refuses a BSN as the kenmerk', () => {
    const r = CreateVoorzieningRequest.safeParse({
      soort: 'begeleiding',
      wet: 'wmo',
      vorm: 'zin',
      aanbieder: 'Zorggroep De Linde',
      startOp: '2026-01-01',
      beschikking: { status: 'lopend', aangevraagdOp: '2025-12-01', besluitOp: '2025-12-10' },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['beschikking', 'ingangOp']);
    expect(Kenmerk.safeParse('123456782').success).toBe(false);
    expect(Kenmerk.safeParse('WMO-2026-0042').success).toBe(true);
  });

  it('wants a beschikking for zorg in natura and none for eigen kracht', () => {
    const base = { soort: 'begeleiding', wet: 'wmo', aanbieder: 'X', startOp: '2026-01-01' };
    expect(
      CreateVoorzieningRequest.safeParse({ ...base, vorm: 'zin' }).error?.issues[0]?.path,
    ).toEqual(['beschikking']);
    expect(CreateVoorzieningRequest.safeParse({ ...base, vorm: 'eigen-kracht' }).success).toBe(
      true,
    );
  });
});

describe('phase of a voorziening', () => {
  it('follows the beschikking and the dates', () => {
    expect(voorzieningFase(v(1, { beschikking: lopend('2025-12-01', '2026-01-01') }), TODAY)).toBe(
      'lopend',
    );
    expect(voorzieningFase(v(1, { startOp: '2027-01-01' }), TODAY)).toBe('gepland');
    expect(voorzieningFase(v(1, { eindOp: '2026-12-06' }), TODAY)).toBe('beeindigd');
    expect(voorzieningFase(v(1, { eindOp: '2026-12-07' }), TODAY)).toBe('lopend');
    expect(
      voorzieningFase(
        v(1, {
          beschikking: {
            status: 'aangevraagd',
            kenmerk: null,
            aangevraagdOp: '2026-11-01',
            besluitOp: null,
            ingangOp: null,
            beeindigdOp: null,
          },
        }),
        TODAY,
      ),
    ).toBe('gepland');
  });

  it('counts in a month when it runs one day of it', () => {
    const x = { startOp: '2026-03-31', eindOp: '2026-05-01', beschikking: null };
    expect(activeInMonth(x, '2026-02')).toBe(false);
    expect(activeInMonth(x, '2026-03')).toBe(true);
    expect(activeInMonth(x, '2026-05')).toBe(true);
    expect(activeInMonth(x, '2026-06')).toBe(false);
  });
});

describe('household budget and net effect (hand-computed)', () => {
  // Huishoudelijke hulp, 3 h/week at €30: €390 a month, running all year.
  const hh = v(1, {
    kostenPerMaandCents: 39_000,
    startOp: '2026-01-01',
    eindOp: '2026-12-31',
    beschikking: lopend('2025-12-01', '2026-01-01'),
  });
  // Ambulante jeugdhulp €780 a month, requested, decision pending: planned.
  const jeugd = v(2, {
    wet: 'jeugdwet',
    kostenPerMaandCents: 78_000,
    startOp: '2027-01-01',
    eindOp: '2027-03-31',
    beschikking: {
      status: 'aangevraagd',
      kenmerk: null,
      aangevraagdOp: '2026-09-01',
      besluitOp: null,
      ingangOp: null,
      beeindigdOp: null,
    },
  });
  // Inloop, an algemene voorziening at €40 a month, no end date.
  const inloop = v(3, { vorm: 'algemeen', kostenPerMaandCents: 4_000, startOp: '2026-06-01' });
  // Refused: costs nothing anywhere.
  const geweigerd = v(4, {
    kostenPerMaandCents: 99_999,
    beschikking: {
      status: 'afgewezen',
      kenmerk: null,
      aangevraagdOp: '2026-02-01',
      besluitOp: '2026-03-01',
      ingangOp: null,
      beeindigdOp: null,
    },
  });

  it('sums running and planned per month and per year, per law', () => {
    const b = budget([hh, jeugd, inloop, geweigerd]);
    // running: 390 + 40 = €430 a month, €5.160 a year
    expect(b.lopend).toEqual({ perMaandCents: 43_000, perJaarCents: 516_000 });
    // planned: the jeugdhulp, €780 a month, €9.360 a year
    expect(b.gepland).toEqual({ perMaandCents: 78_000, perJaarCents: 936_000 });
    expect(b.perWet).toEqual([
      {
        wet: 'wmo',
        lopend: { perMaandCents: 43_000, perJaarCents: 516_000 },
        gepland: { perMaandCents: 0, perJaarCents: 0 },
      },
      {
        wet: 'jeugdwet',
        lopend: { perMaandCents: 0, perJaarCents: 0 },
        gepland: { perMaandCents: 78_000, perJaarCents: 936_000 },
      },
    ]);
    // light share of the monthly cost: 40 / (390 + 40 + 780) = 40 / 1210
    expect(b.aandeelLicht).toBeCloseTo(4_000 / 121_000, 10);
  });

  it('sets the cost over the term against the avoided costs', () => {
    // hh: 365 days → 390 × 12 = €4.680,00
    expect(termCostCents(hh)).toBe(468_000);
    // jeugd: 2027-01-01..2027-03-31 = 90 days → 780 × 12 × 90 / 365 = €2.307,95 (230 794,5 → 230 795 cents)
    expect(termCostCents(jeugd)).toBe(230_795);
    // inloop without end: one year → 40 × 12 = €480
    expect(termCostCents(inloop)).toBe(48_000);
    expect(termCostCents(geweigerd)).toBe(0);
    // avoided: one huisuitzetting, €25.000
    const b = budget([hh, jeugd, inloop, geweigerd], { vermedenKostenCents: 2_500_000 });
    expect(b.kostenInzetCents).toBe(468_000 + 230_795 + 48_000);
    expect(b.nettoEffectCents).toBe(2_500_000 - 746_795);
    expect(budget([hh]).nettoEffectCents).toBeNull();
  });

  it('warns when a beschikking waits longer than the setting', () => {
    // 2026-09-01 → 2026-12-07: 97 days
    const w = budget([jeugd]).warnings;
    expect(w).toHaveLength(1);
    expect(w[0]).toMatchObject({ kind: 'beschikking-wacht', voorzieningId: jeugd.id });
    expect(w[0]?.dagen).toBe(97);
    expect(budget([jeugd], { maxWachtDagen: 97 }).warnings).toEqual([]);
  });

  it('warns when a voorziening ends without follow-up while its doel is open', () => {
    const plan = {
      doelen: [{ id: 'd1', titel: 'Huis op orde' }],
      acties: [
        { id: 'a1', doelId: 'd1', status: 'open' as const },
        { id: 'a2', doelId: 'd2', status: 'gereed' as const },
      ],
    };
    // Linked through action a1 to doel d1 (open); ends in 24 days.
    const ending = v(5, { actieId: 'a1', eindOp: '2026-12-31', kostenPerMaandCents: 10_000 });
    const w = budget([ending], { plan }).warnings;
    expect(w.map((x) => x.kind)).toEqual(['zonder-vervolg']);
    expect(w[0]).toMatchObject({ doel: 'Huis op orde', eindOp: '2026-12-31', beeindigd: false });
    // A follow-up for the same doel that runs on: no warning.
    const next = v(6, { doelId: 'd1', startOp: '2027-01-01', eindOp: '2027-06-30' });
    expect(budget([ending, next], { plan }).warnings).toEqual([]);
    // Ends later than the horizon (30 days): no warning yet.
    expect(budget([{ ...ending, eindOp: '2027-01-07' }], { plan }).warnings).toEqual([]);
    // The doel is done (all its actions gereed), or the household is closed: no warning.
    const done = { ...plan, acties: [{ id: 'a1', doelId: 'd1', status: 'gereed' as const }] };
    expect(budget([ending], { plan: done }).warnings).toEqual([]);
    expect(budget([ending], { plan, householdClosed: true }).warnings).toEqual([]);
  });
});
