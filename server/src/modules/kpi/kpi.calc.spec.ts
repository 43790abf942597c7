import { describe, expect, it } from 'vitest';
import { computeKpis, type KpiFacts } from './kpi.calc';
import { kpiCsv } from './kpi.csv';

const d = (iso: string) => new Date(iso);

const FACTS: KpiFacts = {
  wijkteam: 'Wijkteam Test',
  households: [
    {
      id: 'h1',
      wijk: 'Oost',
      phase: 'uitvoering',
      createdAt: d('2026-01-05T09:00:00Z'),
      colour: 'oranje',
      firstRegieAt: d('2026-01-09T09:00:00Z'),
    },
    {
      id: 'h2',
      wijk: 'Oost',
      phase: 'afgesloten',
      createdAt: d('2026-02-01T09:00:00Z'),
      colour: 'groen',
      firstRegieAt: d('2026-02-03T09:00:00Z'),
    },
    {
      id: 'h3',
      wijk: 'West',
      phase: 'aangemeld',
      createdAt: d('2026-03-01T09:00:00Z'),
      colour: null,
      firstRegieAt: null,
    },
    {
      id: 'h4',
      wijk: 'West',
      phase: 'plan',
      createdAt: d('2026-02-10T09:00:00Z'),
      colour: 'rood',
      firstRegieAt: d('2026-02-20T09:00:00Z'),
    },
  ],
  escalations: [
    { householdId: 'h4', target: 'veilig-thuis', date: '2026-02-21', closedAt: null },
    {
      householdId: 'h2',
      target: 'expertiseteam',
      date: '2026-02-02',
      closedAt: d('2026-02-15T09:00:00Z'),
    },
  ],
  zrm: [
    {
      householdId: 'h2',
      memberId: 'm1',
      domain: 'financien',
      intake: 1,
      evaluatie: 4,
      evaluatedAt: d('2026-03-10T09:00:00Z'),
    },
    {
      householdId: 'h2',
      memberId: 'm2',
      domain: 'financien',
      intake: 2,
      evaluatie: 3,
      evaluatedAt: d('2026-03-10T09:00:00Z'),
    },
    {
      householdId: 'h2',
      memberId: 'm1',
      domain: 'huisvesting',
      intake: 4,
      evaluatie: 3,
      evaluatedAt: d('2026-03-10T09:00:00Z'),
    },
  ],
  effects: [
    {
      householdId: 'h2',
      totalCents: 3_000_000,
      events: [{ event: 'huisuitzetting', count: 1, unitCents: 3_000_000 }],
      estimatedAt: d('2026-03-11T09:00:00Z'),
    },
    {
      householdId: 'h1',
      totalCents: 100_000,
      events: [{ event: 'extra-huisartsenzorg', count: 2, unitCents: 50_000 }],
      estimatedAt: d('2026-01-31T23:30:00Z'),
    },
  ],
  overdueActions: ['h1', 'h1', 'h4'],
  voorzieningen: [
    // h1 (Oost): Wmo zorg in natura, €390 a month, January to March.
    {
      householdId: 'h1',
      wet: 'wmo',
      vorm: 'zin',
      startOp: '2026-01-15',
      eindOp: '2026-03-31',
      kostenPerMaandCents: 39_000,
      status: 'lopend',
      beeindigdOp: null,
    },
    // h1: inloop, an algemene voorziening at €40 a month from February, no end.
    {
      householdId: 'h1',
      wet: 'wmo',
      vorm: 'algemeen',
      startOp: '2026-02-01',
      eindOp: null,
      kostenPerMaandCents: 4_000,
      status: null,
      beeindigdOp: null,
    },
    // h4 (West): Jeugdwet, €780 a month; the beschikking ended on 10 March.
    {
      householdId: 'h4',
      wet: 'jeugdwet',
      vorm: 'zin',
      startOp: '2026-02-20',
      eindOp: '2026-12-31',
      kostenPerMaandCents: 78_000,
      status: 'beeindigd',
      beeindigdOp: '2026-03-10',
    },
    // h3: refused, never counts.
    {
      householdId: 'h3',
      wet: 'wmo',
      vorm: 'pgb',
      startOp: '2026-01-01',
      eindOp: null,
      kostenPerMaandCents: 99_999,
      status: 'afgewezen',
      beeindigdOp: null,
    },
  ],
};

describe('computeKpis', () => {
  it('counts every household of the team without filters', () => {
    const k = computeKpis(FACTS, {});
    expect(k.households).toBe(4);
    expect(k.byPhase.find((p) => p.phase === 'afgesloten')?.count).toBe(1);
    expect(k.byColour).toEqual([
      { colour: 'groen', count: 1 },
      { colour: 'oranje', count: 1 },
      { colour: 'rood', count: 1 },
      { colour: 'geen', count: 1 },
    ]);
    expect(k.timeToRegie).toEqual({
      averageDays: 5.3,
      medianDays: 4,
      withRegie: 3,
      withoutRegie: 1,
    });
    expect(k.overdueActions).toBe(3);
    expect(k.escalations).toEqual({
      open: 1,
      started: 2,
      byTarget: [
        { target: 'veilig-thuis', count: 1 },
        { target: 'zorg-en-veiligheidshuis', count: 0 },
        { target: 'expertiseteam', count: 1 },
      ],
    });
    expect(k.zrmChange.find((z) => z.domain === 'financien')).toEqual({
      domain: 'financien',
      averageChange: 2,
      members: 2,
    });
    expect(k.zrmChange.find((z) => z.domain === 'huisvesting')).toEqual({
      domain: 'huisvesting',
      averageChange: -1,
      members: 1,
    });
    expect(k.zrmChange.find((z) => z.domain === 'adl')).toEqual({
      domain: 'adl',
      averageChange: null,
      members: 0,
    });
    expect(k.costsAvoided.totalCents).toBe(3_100_000);
    expect(k.wijken).toEqual(['Oost', 'West']);
  });

  it('filters by wijk', () => {
    const k = computeKpis(FACTS, { wijk: 'West' });
    expect(k.households).toBe(2);
    expect(k.overdueActions).toBe(1);
    expect(k.escalations.open).toBe(1);
    expect(k.costsAvoided.totalCents).toBe(0);
    expect(k.wijken).toEqual(['Oost', 'West']);
  });

  it('takes periods as whole Dutch calendar days', () => {
    // 2026-01-31T23:30Z is 1 February in Amsterdam
    const feb = computeKpis(FACTS, { from: '2026-02-01', to: '2026-02-28' });
    expect(feb.costsAvoided.byMonth).toEqual([{ month: '2026-02', totalCents: 100_000 }]);
    expect(feb.households).toBe(3);
    expect(feb.timeToRegie.withRegie).toBe(2);
    expect(feb.escalations.started).toBe(2);
    expect(feb.zrmChange.every((z) => z.members === 0)).toBe(true);
  });

  it('shows every month of the period, the empty ones as zero', () => {
    const now = d('2026-04-15T12:00:00Z');
    expect(computeKpis(FACTS, {}, now).costsAvoided.byMonth).toEqual([
      { month: '2025-11', totalCents: 0 },
      { month: '2025-12', totalCents: 0 },
      { month: '2026-01', totalCents: 0 },
      { month: '2026-02', totalCents: 100_000 },
      { month: '2026-03', totalCents: 3_000_000 },
      { month: '2026-04', totalCents: 0 },
    ]);
    expect(
      computeKpis(FACTS, { from: '2026-03-01', to: '2026-05-31' }, now).costsAvoided.byMonth.map(
        (m) => m.month,
      ),
    ).toEqual(['2026-03', '2026-04', '2026-05']);
    const long = computeKpis(FACTS, { from: '2000-01-01' }, now).costsAvoided.byMonth;
    expect(long.map((m) => m.month)).toEqual(['2026-02', '2026-03']);
  });

  it('adds the costs of voorzieningen per law, per wijk and per month, with the substitution figure (hand-computed)', () => {
    const k = computeKpis(FACTS, { from: '2026-01-01', to: '2026-04-30' }).voorzieningen;
    // zin h1: Jan, Feb, Mar = 3 × 390 = 1.170; inloop: Feb, Mar, Apr = 3 × 40 = 120;
    // jeugd h4: Feb, Mar = 2 × 780 = 1.560 (ended 10 March); refused: 0.
    expect(k.totalCents).toBe(117_000 + 12_000 + 156_000);
    expect(k.households).toBe(2);
    expect(k.byWet).toEqual([
      { wet: 'wmo', totalCents: 129_000 },
      { wet: 'jeugdwet', totalCents: 156_000 },
    ]);
    expect(k.byWijk).toEqual([
      { wijk: 'Oost', totalCents: 129_000 },
      { wijk: 'West', totalCents: 156_000 },
    ]);
    expect(k.byMonth.map((m) => [m.month, m.totalCents, m.lichtCents])).toEqual([
      ['2026-01', 39_000, 0],
      ['2026-02', 39_000 + 4_000 + 78_000, 4_000],
      ['2026-03', 39_000 + 4_000 + 78_000, 4_000],
      ['2026-04', 4_000, 4_000],
    ]);
    expect(k.byMonth[3]?.aandeelLicht).toBe(1);
    // light: 120 of 120 + 1.170 + 1.560 = 2.850 → 4,21 %
    expect(k.substitutie).toEqual({
      lichtCents: 12_000,
      maatwerkCents: 273_000,
      aandeelLicht: 0.0421,
      lichtAantal: 1,
      maatwerkAantal: 2,
    });
    // Wijk West only: just the jeugdhulp.
    expect(
      computeKpis(FACTS, { wijk: 'West', from: '2026-01-01', to: '2026-04-30' }).voorzieningen
        .totalCents,
    ).toBe(156_000);
  });

  it('says unknown when overdue actions cannot be counted', () => {
    expect(computeKpis({ ...FACTS, overdueActions: null }, {}).overdueActions).toBeNull();
  });
});

describe('kpiCsv', () => {
  it('writes Dutch CSV: BOM, semicolons, decimal comma, quoted text, no formulas', () => {
    const csv = kpiCsv(
      computeKpis({ ...FACTS, wijkteam: '=HYPERLINK("x";"y")' }, { wijk: 'Oost' }),
    );
    expect(csv.startsWith('\uFEFFIndicator;Categorie;Waarde\r\n')).toBe(true);
    expect(csv).toContain('Vermeden maatschappelijke kosten (euro);totaal;31000,00\r\n');
    expect(csv).toContain('Gemiddelde ZRM-verandering;Huisvesting;-1,00\r\n');
    expect(csv).toContain('Wijkteam;;"\'=HYPERLINK(""x"";""y"")"\r\n');
    expect(csv).toContain('Filter wijk;;Oost\r\n');
    const period = kpiCsv(computeKpis(FACTS, { from: '2026-01-01', to: '2026-04-30' }));
    expect(period).toContain('Kosten voorzieningen per wet (euro);Jeugdwet;1560,00\r\n');
    expect(period).toContain('Kosten voorzieningen per wijk (euro);Oost;1290,00\r\n');
    expect(period).toContain('Kosten voorzieningen per maand (euro);2026-02;1210,00\r\n');
    expect(period).toContain('Substitutie: aandeel lichte ondersteuning (%);van de kosten;4,2\r\n');
  });
});
