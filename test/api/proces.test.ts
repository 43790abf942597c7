/**
 * The process around a household over the real API: quickscan and colour
 * timeline, escalations, ZRM, evaluation with closing and reopening, and the
 * effect calculator, each with who may and may not.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ColourOverviewDto,
  ErrorDto,
  EscalationDto,
  EvaluationOverviewDto,
  HouseholdDto,
  HouseholdEffectsDto,
  EffectPriceDto,
  ZrmScoreDto,
} from '@spil/shared';
import { LEVENSDOMEINEN } from '@spil/shared';
import { addToTeam, householdByName, CALM_QUICKSCAN } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

describe.each(databaseKinds())('proces on %s', (kind) => {
  let s: TestServer;
  let coord: Awaited<ReturnType<typeof loginAs>>;
  let mw: Awaited<ReturnType<typeof loginAs>>;
  let jeugd: Awaited<ReturnType<typeof loginAs>>;
  let huisarts: Awaited<ReturnType<typeof loginAs>>;
  let inwoner: Awaited<ReturnType<typeof loginAs>>;
  let wmo: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    s = await startTestServer(kind);
    coord = await loginAs(s.url, 'coordinator');
    mw = await loginAs(s.url, 'maatschappelijk-werker');
    jeugd = await loginAs(s.url, 'jeugdconsulent');
    huisarts = await loginAs(s.url, 'huisarts');
    inwoner = await loginAs(s.url, 'inwoner');
    wmo = await loginAs(s.url, 'wmo-consulent');
  });
  afterAll(async () => {
    await s?.stop();
  });

  /** A fresh household of the demo wijkteam with the maatschappelijk werker as lid. */
  async function freshHousehold(): Promise<HouseholdDto> {
    const res = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `T-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Testfictief',
        wijk: 'Testwijk',
        members: [
          { firstName: 'Robin', birthYear: 1984, relation: 'ouder' },
          { firstName: 'Mila', birthYear: 2014, relation: 'kind' },
        ],
      },
    });
    expect(res.status).toBe(201);
    await addToTeam(s, res.body.id, mw.user.id, 'lid');
    return res.body;
  }

  it('loads the demo: a closed household with quickscan, escalation, ZRM at intake and evaluatie, evaluation and effects', async () => {
    const mulder = await householdByName(s, 'Gezin Mulder');
    expect(mulder.phase).toBe('afgesloten');
    const colour = await api<ColourOverviewDto>(
      s.url,
      'GET',
      `/api/households/${mulder.id}/colour`,
      { token: mw.token },
    );
    expect(colour.status).toBe(200);
    expect(colour.body.history.map((h) => [h.kind, h.colour])).toEqual([
      ['quickscan', 'rood'],
      ['afschalen', 'oranje'],
      ['afschalen', 'groen'],
    ]);
    expect(colour.body.current).toBe('groen');
    expect(colour.body.quickscan?.reasons[0]).toMatch(/Onveiligheid/);

    const zrm = await api<ZrmScoreDto[]>(s.url, 'GET', `/api/households/${mulder.id}/zrm`, {
      token: mw.token,
    });
    const moments = new Set(zrm.body.map((z) => z.moment));
    expect(moments).toEqual(new Set(['intake', 'tussentijds', 'evaluatie']));
    expect(zrm.body.every((z) => z.matrixVersion === 'ZRM-2017')).toBe(true);

    const ev = await api<EvaluationOverviewDto>(
      s.url,
      'GET',
      `/api/households/${mulder.id}/evaluation`,
      { token: mw.token },
    );
    expect(ev.body.evaluations).toHaveLength(1);
    expect(ev.body.evaluations[0]?.goals.map((g) => g.result)).toContain('deels');
    expect(ev.body.closures.map((c) => c.kind)).toEqual(['gesloten']);

    const esc = await api<EscalationDto[]>(
      s.url,
      'GET',
      `/api/households/${mulder.id}/escalations`,
      { token: mw.token },
    );
    expect(esc.body.map((e) => [e.target, e.open])).toEqual([['zorg-en-veiligheidshuis', false]]);

    const eff = await api<HouseholdEffectsDto>(
      s.url,
      'GET',
      `/api/households/${mulder.id}/effects`,
      { token: mw.token },
    );
    expect(eff.body.estimate?.totalCents).toBe(2_250_000 + 3_000_000 + 600_000);

    const jansen = await householdByName(s, 'Huishouden Jansen');
    const open = await api<EscalationDto[]>(
      s.url,
      'GET',
      `/api/households/${jansen.id}/escalations`,
      { token: wmo.token },
    );
    expect(open.body.filter((e) => e.open)).toHaveLength(1);
  });

  it('records a quickscan with reasons, moves the phase on, and keeps opschalen and afschalen with reason, who and when', async () => {
    const h = await freshHousehold();
    const scan = await api<ColourOverviewDto>(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: {
        answers: { ...CALM_QUICKSCAN, kinderen: 'zorgen', eigenKracht: 'deels' },
        note: 'Eerste gesprek thuis',
      },
    });
    expect(scan.status).toBe(201);
    expect(scan.body.current).toBe('oranje');
    expect(scan.body.quickscan?.reasons).toEqual([
      'Zorgen over de ontwikkeling van kinderen',
      'Eigen kracht is beperkt',
    ]);
    expect(scan.body.quickscan?.by.name).toBe('Johan Kuipers');
    const after = await api<HouseholdDto>(s.url, 'GET', `/api/households/${h.id}`, {
      token: mw.token,
    });
    expect(after.body.phase).toBe('vraaganalyse');

    const same = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mw.token,
      body: { colour: 'oranje', reason: 'Geen verandering' },
    });
    expect([same.status, same.body.code]).toEqual([409, 'colour.unchanged']);

    const up = await api<ColourOverviewDto>(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mw.token,
      body: { colour: 'rood', reason: 'Melding van school over blauwe plekken' },
    });
    expect(up.status).toBe(201);
    const down = await api<ColourOverviewDto>(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: coord.token,
      body: { colour: 'groen', reason: 'Veiligheid geborgd, gezin redt zich' },
    });
    expect(down.body.current).toBe('groen');
    expect(down.body.history.map((c) => [c.kind, c.previous, c.colour, c.by.name])).toEqual([
      ['quickscan', null, 'oranje', 'Johan Kuipers'],
      ['opschalen', 'oranje', 'rood', 'Johan Kuipers'],
      ['afschalen', 'rood', 'groen', 'Ingrid Vermeer'],
    ]);
    expect(down.body.history[1]?.reason).toBe('Melding van school over blauwe plekken');
    for (const c of down.body.history) expect(Date.parse(c.at)).not.toBeNaN();
  });

  it('refuses a colour change before any quickscan and validates quickscan answers', async () => {
    const h = await freshHousehold();
    const early = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mw.token,
      body: { colour: 'rood', reason: 'Zorgen' },
    });
    expect([early.status, early.body.code]).toEqual([409, 'colour.quickscan_required']);
    const { crisis: _omit, ...incomplete } = CALM_QUICKSCAN;
    const bad = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: incomplete },
    });
    expect([bad.status, bad.body.code, bad.body.field]).toEqual([
      400,
      'validation.invalid',
      'answers.crisis',
    ]);
    const unknown = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: { ...CALM_QUICKSCAN, veiligheid: 'misschien' } },
    });
    expect(unknown.status).toBe(400);
    const extra = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: { ...CALM_QUICKSCAN, onbekendVeld: 'ja' } },
    });
    expect(extra.status).toBe(400);
  });

  it('escalates only from rood, shows the escalation until it is closed with an outcome', async () => {
    const h = await freshHousehold();
    await api(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: CALM_QUICKSCAN },
    });
    const body = {
      target: 'veilig-thuis',
      date: daysAgo(0),
      reason: 'Vermoeden van kindermishandeling',
      contact: 'Veilig Thuis, dienstdoende',
    };
    const notRed = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/escalations`, {
      token: mw.token,
      body,
    });
    expect([notRed.status, notRed.body.code]).toEqual([409, 'escalation.requires_rood']);

    await api(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mw.token,
      body: { colour: 'rood', reason: 'Nieuwe melding' },
    });
    const created = await api<EscalationDto>(s.url, 'POST', `/api/households/${h.id}/escalations`, {
      token: mw.token,
      body,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      target: 'veilig-thuis',
      date: daysAgo(0),
      open: true,
      outcome: null,
    });

    const noOutcome = await api<ErrorDto>(
      s.url,
      'PATCH',
      `/api/households/${h.id}/escalations/${created.body.id}`,
      {
        token: mw.token,
        body: { close: true },
      },
    );
    expect([noOutcome.status, noOutcome.body.code]).toEqual([400, 'escalation.outcome_required']);
    const empty = await api<ErrorDto>(
      s.url,
      'PATCH',
      `/api/households/${h.id}/escalations/${created.body.id}`,
      { token: mw.token, body: {} },
    );
    expect(empty.status).toBe(400);

    const closed = await api<EscalationDto>(
      s.url,
      'PATCH',
      `/api/households/${h.id}/escalations/${created.body.id}`,
      {
        token: mw.token,
        body: { outcome: 'Veilig Thuis doet onderzoek; wijkteam blijft betrokken', close: true },
      },
    );
    expect(closed.status).toBe(200);
    expect(closed.body.open).toBe(false);
    expect(closed.body.closedBy?.name).toBe('Johan Kuipers');
    const again = await api<ErrorDto>(
      s.url,
      'PATCH',
      `/api/households/${h.id}/escalations/${created.body.id}`,
      {
        token: mw.token,
        body: { outcome: 'Iets anders' },
      },
    );
    expect([again.status, again.body.code]).toEqual([409, 'escalation.closed']);

    const other = await freshHousehold();
    const wrongHousehold = await api<ErrorDto>(
      s.url,
      'PATCH',
      `/api/households/${other.id}/escalations/${created.body.id}`,
      {
        token: mw.token,
        body: { outcome: 'x' },
      },
    );
    expect([wrongHousehold.status, wrongHousehold.body.code]).toEqual([
      404,
      'escalation.not_found',
    ]);
  });

  it('stores ZRM scores with the matrix version, flags information older than 30 days, and checks the member', async () => {
    const h = await freshHousehold();
    const [robin] = h.members;
    const res = await api<ZrmScoreDto[]>(s.url, 'POST', `/api/households/${h.id}/zrm`, {
      token: mw.token,
      body: {
        memberId: robin?.id,
        moment: 'intake',
        scores: [
          { domain: 'financien', score: 2, infoDate: daysAgo(2) },
          {
            domain: 'huisvesting',
            score: 3,
            infoDate: daysAgo(45),
            note: 'Uit het aanmeldformulier',
          },
        ],
      },
    });
    expect(res.status).toBe(201);
    const byDomain = Object.fromEntries(res.body.map((z) => [z.domain, z]));
    expect(byDomain.financien).toMatchObject({
      score: 2,
      matrixVersion: 'ZRM-2017',
      stale: false,
      moment: 'intake',
    });
    expect(byDomain.huisvesting).toMatchObject({
      score: 3,
      stale: true,
      note: 'Uit het aanmeldformulier',
      infoDate: daysAgo(45),
    });

    // A new score for the same moment and domain supersedes the old one.
    await api(s.url, 'POST', `/api/households/${h.id}/zrm`, {
      token: mw.token,
      body: {
        memberId: robin?.id,
        moment: 'intake',
        scores: [{ domain: 'financien', score: 1, infoDate: daysAgo(0) }],
      },
    });
    const list = await api<ZrmScoreDto[]>(s.url, 'GET', `/api/households/${h.id}/zrm`, {
      token: mw.token,
    });
    expect(list.body.filter((z) => z.domain === 'financien').map((z) => z.score)).toEqual([1]);

    const bads: [unknown, number, string][] = [
      [
        {
          memberId: robin?.id,
          moment: 'intake',
          scores: [{ domain: 'financien', score: 6, infoDate: daysAgo(1) }],
        },
        400,
        'validation.invalid',
      ],
      [
        {
          memberId: robin?.id,
          moment: 'start',
          scores: [{ domain: 'financien', score: 3, infoDate: daysAgo(1) }],
        },
        400,
        'validation.invalid',
      ],
      [
        {
          memberId: robin?.id,
          moment: 'intake',
          scores: [{ domain: 'financien', score: 3, infoDate: daysAgo(-3) }],
        },
        400,
        'zrm.info_date_future',
      ],
      [
        {
          memberId: randomUUID(),
          moment: 'intake',
          scores: [{ domain: 'financien', score: 3, infoDate: daysAgo(1) }],
        },
        404,
        'zrm.member_not_found',
      ],
      [
        {
          memberId: robin?.id,
          moment: 'intake',
          scores: [
            { domain: 'adl', score: 3, infoDate: daysAgo(1) },
            { domain: 'adl', score: 4, infoDate: daysAgo(1) },
          ],
        },
        400,
        'validation.invalid',
      ],
    ];
    for (const [body, status, code] of bads) {
      const r = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/zrm`, {
        token: mw.token,
        body,
      });
      expect([r.status, r.body.code]).toEqual([status, code]);
    }
  });

  it('evaluates, closes the household, refuses changes while closed, and reopens with a reason', async () => {
    const h = await freshHousehold();
    const [robin, mila] = h.members;
    const evaluation = {
      goals: [
        { goalId: 'doel-1', title: 'Schulden in beeld', result: 'behaald' },
        {
          goalId: 'doel-2',
          title: 'Mila gaat naar de sportclub',
          result: 'niet',
          note: 'Wachtlijst',
        },
      ],
      residentView: 'Het gaat beter; ik weet nu waar ik terecht kan.',
    };
    const noZrm = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/evaluation`, {
      token: coord.token,
      body: evaluation,
    });
    expect([noZrm.status, noZrm.body.code]).toEqual([409, 'evaluation.zrm_required']);

    const notManager = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/evaluation`, {
      token: mw.token,
      body: evaluation,
    });
    expect(notManager.status).toBe(403);

    const done = await api<EvaluationOverviewDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/evaluation`,
      {
        token: coord.token,
        body: {
          ...evaluation,
          collaboration: 'Goede afstemming met school',
          zrm: [
            {
              memberId: robin?.id,
              scores: LEVENSDOMEINEN.map((domain) => ({ domain, score: 4, infoDate: daysAgo(1) })),
            },
            {
              memberId: mila?.id,
              scores: [{ domain: 'tijdsbesteding', score: 5, infoDate: daysAgo(1) }],
            },
          ],
        },
      },
    );
    expect(done.status).toBe(201);
    expect(done.body.phase).toBe('afgesloten');
    expect(done.body.evaluations[0]?.goals.map((g) => [g.goalId, g.result, g.note])).toEqual([
      ['doel-1', 'behaald', ''],
      ['doel-2', 'niet', 'Wachtlijst'],
    ]);
    expect(done.body.closures.map((c) => [c.kind, c.evaluationId])).toEqual([
      ['gesloten', done.body.evaluations[0]?.id],
    ]);
    const zrm = await api<ZrmScoreDto[]>(s.url, 'GET', `/api/households/${h.id}/zrm`, {
      token: mw.token,
    });
    expect(zrm.body.filter((z) => z.moment === 'evaluatie')).toHaveLength(
      LEVENSDOMEINEN.length + 1,
    );

    const closedScan = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: CALM_QUICKSCAN },
    });
    expect([closedScan.status, closedScan.body.code]).toEqual([409, 'proces.household_closed']);
    const twice = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/evaluation`, {
      token: coord.token,
      body: evaluation,
    });
    expect(twice.body.code).toBe('proces.household_closed');

    const reopenBad = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: coord.token,
      body: {},
    });
    expect(reopenBad.status).toBe(400);
    const reopenMw = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: mw.token,
      body: { reason: 'Terugval' },
    });
    expect(reopenMw.status).toBe(403);
    const reopenStranger = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: jeugd.token,
      body: { reason: 'Terugval' },
    });
    expect(reopenStranger.status).toBe(404);
    const reopened = await api<EvaluationOverviewDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/reopen`,
      {
        token: coord.token,
        body: { reason: 'Nieuwe huurachterstand', phase: 'vraaganalyse' },
      },
    );
    expect(reopened.status).toBe(201);
    expect(reopened.body.phase).toBe('vraaganalyse');
    expect(reopened.body.closures.map((c) => [c.kind, c.reason])).toEqual([
      ['gesloten', 'Afgesloten na de evaluatie'],
      ['heropend', 'Nieuwe huurachterstand'],
    ]);
    const notClosed = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: coord.token,
      body: { reason: 'Nog eens' },
    });
    expect([notClosed.status, notClosed.body.code]).toEqual([409, 'proces.household_not_closed']);
  });

  it('calculates avoided costs from the region’s price list, fixed at saving', async () => {
    const h = await freshHousehold();
    const prices = await api<EffectPriceDto[]>(s.url, 'GET', '/api/effects/prices', {
      token: mw.token,
    });
    expect(prices.status).toBe(200);
    expect(prices.body.find((p) => p.event === 'huisuitzetting')).toMatchObject({
      amountCents: 2_250_000,
      isDefault: false,
    });
    expect(prices.body.find((p) => p.event === 'crisisopname')).toMatchObject({ isDefault: true });

    const forbidden = await api(s.url, 'PUT', '/api/effects/prices', {
      token: mw.token,
      body: { prices: [{ event: 'crisisopname', amountCents: 1 }] },
    });
    expect(forbidden.status).toBe(403);
    const inwonerPrices = await api(s.url, 'GET', '/api/effects/prices', { token: inwoner.token });
    expect(inwonerPrices.status).toBe(403);

    const saved = await api<HouseholdEffectsDto>(s.url, 'PUT', `/api/households/${h.id}/effects`, {
      token: mw.token,
      body: {
        course: 'Zonder hulp was het gezin uit huis gezet.',
        events: [
          { event: 'huisuitzetting', count: 1 },
          { event: 'extra-huisartsenzorg', count: 3, note: 'Spanningsklachten' },
        ],
      },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.estimate?.totalCents).toBe(2_250_000 + 3 * 50_000);
    expect(saved.body.estimate?.events.map((e) => [e.event, e.unitCents, e.totalCents])).toEqual([
      ['huisuitzetting', 2_250_000, 2_250_000],
      ['extra-huisartsenzorg', 50_000, 150_000],
    ]);

    // A later price change leaves the saved estimate as it was, until it is saved again.
    const changed = await api<EffectPriceDto[]>(s.url, 'PUT', '/api/effects/prices', {
      token: coord.token,
      body: { prices: [{ event: 'extra-huisartsenzorg', amountCents: 60_000 }] },
    });
    expect(changed.body.find((p) => p.event === 'extra-huisartsenzorg')).toMatchObject({
      amountCents: 60_000,
      isDefault: false,
    });
    const kept = await api<HouseholdEffectsDto>(s.url, 'GET', `/api/households/${h.id}/effects`, {
      token: mw.token,
    });
    expect(kept.body.estimate?.totalCents).toBe(2_250_000 + 3 * 50_000);
    const reset = await api<EffectPriceDto[]>(s.url, 'PUT', '/api/effects/prices', {
      token: coord.token,
      body: { prices: [{ event: 'extra-huisartsenzorg', amountCents: null }] },
    });
    expect(reset.body.find((p) => p.event === 'extra-huisartsenzorg')).toMatchObject({
      amountCents: 50_000,
      isDefault: true,
    });

    const dup = await api<ErrorDto>(s.url, 'PUT', `/api/households/${h.id}/effects`, {
      token: mw.token,
      body: {
        events: [
          { event: 'detentie', count: 1 },
          { event: 'detentie', count: 2 },
        ],
      },
    });
    expect(dup.status).toBe(400);
  });

  it('answers 404 for a household the caller may not see and 403 for a role that may not', async () => {
    const visser = await householdByName(s, 'Gezin Visser');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const unknown = randomUUID();
    // huisarts is not on Visser's team
    for (const [method, path, body] of [
      ['GET', `/api/households/${visser.id}/colour`, undefined],
      ['POST', `/api/households/${visser.id}/quickscan`, { answers: CALM_QUICKSCAN }],
      ['GET', `/api/households/${visser.id}/escalations`, undefined],
      ['GET', `/api/households/${visser.id}/zrm`, undefined],
      ['GET', `/api/households/${visser.id}/evaluation`, undefined],
      ['GET', `/api/households/${visser.id}/effects`, undefined],
      ['GET', `/api/households/${unknown}/colour`, undefined],
    ] as const) {
      const r = await api<ErrorDto>(s.url, method, path, { token: huisarts.token, body });
      expect([path, r.status, r.body.code]).toEqual([path, 404, 'household.not_found']);
    }
    // the inwoner sees their own ZRM and evaluation, not the professionals' working information
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}/zrm`, { token: inwoner.token }))
        .status,
    ).toBe(200);
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}/evaluation`, { token: inwoner.token }))
        .status,
    ).toBe(200);
    for (const path of ['colour', 'escalations', 'effects']) {
      const r = await api(s.url, 'GET', `/api/households/${bakker.id}/${path}`, {
        token: inwoner.token,
      });
      expect([path, r.status]).toEqual([path, 403]);
    }
    // the wmo-consulent is meelezer on Bakker: reads, never writes
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}/colour`, { token: wmo.token })).status,
    ).toBe(200);
    const member = (
      await api<HouseholdDto>(s.url, 'GET', `/api/households/${bakker.id}`, { token: wmo.token })
    ).body.members[0];
    const writes = [
      ['POST', 'quickscan', { answers: CALM_QUICKSCAN }],
      ['POST', 'colour', { colour: 'rood', reason: 'x' }],
      [
        'POST',
        'zrm',
        {
          memberId: member?.id,
          moment: 'intake',
          scores: [{ domain: 'adl', score: 3, infoDate: daysAgo(1) }],
        },
      ],
      [
        'POST',
        'escalations',
        { target: 'expertiseteam', date: daysAgo(0), reason: 'x', contact: 'y' },
      ],
      ['PUT', 'effects', { events: [] }],
      ['POST', 'evaluation', { goals: [], residentView: 'x' }],
    ] as const;
    for (const token of [wmo.token, inwoner.token]) {
      for (const [method, path, body] of writes) {
        const r = await api<ErrorDto>(s.url, method, `/api/households/${bakker.id}/${path}`, {
          token,
          body,
        });
        expect([path, r.status, r.body.code]).toEqual([path, 403, 'auth.forbidden']);
      }
    }
    const noLogin = await api(s.url, 'GET', `/api/households/${bakker.id}/colour`);
    expect(noLogin.status).toBe(401);
  });
});
