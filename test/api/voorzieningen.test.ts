/**
 * Voorzieningen, beschikkingen and the household budget over the real API:
 * who may read and change them (as for other household data), validation
 * errors that name the field, the price list filling the cost, beschikking
 * steps, the budget with its net effect and warnings, Mijn plan, audit and
 * the inzage export.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ErrorDto,
  type HouseholdBudgetDto,
  type HouseholdDto,
  type MijnHulpDto,
  type VoorzieningDto,
  type VoorzieningPriceDto,
} from '@spil/shared';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../server/src/common/plan-documents.port';
import { AuditService } from '../../server/src/modules/audit/audit.service';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

describe.each(databaseKinds())('voorzieningen on %s', (kind) => {
  let s: TestServer;
  let coord: Awaited<ReturnType<typeof loginAs>>;
  let mw: Awaited<ReturnType<typeof loginAs>>;
  let wmo: Awaited<ReturnType<typeof loginAs>>;
  let huisarts: Awaited<ReturnType<typeof loginAs>>;
  let inwoner: Awaited<ReturnType<typeof loginAs>>;
  let h: HouseholdDto;
  let doelId = '';
  let actieId = '';

  beforeAll(async () => {
    s = await startTestServer(kind);
    coord = await loginAs(s.url, 'coordinator');
    mw = await loginAs(s.url, 'maatschappelijk-werker');
    wmo = await loginAs(s.url, 'wmo-consulent');
    huisarts = await loginAs(s.url, 'huisarts');
    inwoner = await loginAs(s.url, 'inwoner');
    // A fresh household: the maatschappelijk werker is lid, the Wmo-consulent meelezer, the huisarts not on it.
    const res = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `V-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Voorzieningfictief',
        wijk: 'Testwijk',
        members: [{ firstName: 'Robin', birthYear: 1984, relation: 'ouder' }],
      },
    });
    expect(res.status).toBe(201);
    h = res.body;
    await addToTeam(s, h.id, mw.user.id, 'lid');
    await addToTeam(s, h.id, wmo.user.id, 'meelezer');
    await s.app.get<PlanDocuments>(PLAN_DOCUMENTS).change(h.id, (plan) => {
      doelId = plan.addDoel({ titel: 'Het huishouden loopt weer' });
      actieId = plan.addActie({ titel: 'Hulp in huis regelen', doelId });
    });
  });
  afterAll(async () => {
    await s?.stop();
  });

  const path = () => `/api/households/${h.id}/voorzieningen`;
  const hulp = {
    soort: 'huishoudelijke-hulp',
    wet: 'wmo',
    vorm: 'zin',
    aanbieder: 'Thuiszorg Fictief',
    startOp: daysAgo(60),
    urenPerWeek: 3,
    beschikking: {
      status: 'lopend',
      kenmerk: 'WMO-2026-0101',
      aangevraagdOp: daysAgo(90),
      besluitOp: daysAgo(70),
      ingangOp: daysAgo(60),
    },
  };

  it('a lid records a voorziening linked to an action; the cost comes from the price list', async () => {
    const res = await api<VoorzieningDto>(s.url, 'POST', path(), {
      token: mw.token,
      body: { ...hulp, actieId },
    });
    expect(res.status).toBe(201);
    // €30 an hour × 3 hours × 52 / 12 = €390
    expect(res.body).toMatchObject({
      kostenPerMaandCents: 39_000,
      kostenUitPrijslijst: true,
      actieId,
      beschikking: { status: 'lopend', kenmerk: 'WMO-2026-0101' },
      by: { userId: mw.user.id },
    });
    // More hours: the cost follows the price list.
    const more = await api<VoorzieningDto>(s.url, 'PATCH', `${path()}/${res.body.id}`, {
      token: mw.token,
      body: { urenPerWeek: 4 },
    });
    expect(more.status).toBe(200);
    expect(more.body.kostenPerMaandCents).toBe(52_000);
  });

  it('names the field in validation errors', async () => {
    const cases: [unknown, string][] = [
      [{ ...hulp, aanbieder: '' }, 'aanbieder'],
      [{ ...hulp, wet: 'awbz' }, 'wet'],
      [{ ...hulp, eindOp: daysAgo(61) }, 'eindOp'],
      [{ ...hulp, beschikking: null }, 'beschikking'],
      [{ ...hulp, beschikking: { ...hulp.beschikking, ingangOp: null } }, 'beschikking.ingangOp'],
      [
        { ...hulp, beschikking: { ...hulp.beschikking, kenmerk: '123456782' } },
        'beschikking.kenmerk',
      ],
      [{ ...hulp, urenPerWeek: null }, 'urenPerWeek'],
      [{ ...hulp, kostenPerMaandCents: -5 }, 'kostenPerMaandCents'],
      [{ ...hulp, doelId: 'bestaat-niet' }, 'doelId'],
      [{ ...hulp, actieId: 'bestaat-niet' }, 'actieId'],
    ];
    for (const [body, field] of cases) {
      const res = await api<ErrorDto>(s.url, 'POST', path(), { token: mw.token, body });
      expect(res.status, field).toBe(400);
      expect(res.body.field, field).toBe(field);
      expect(res.body.message).toContain(field);
    }
  });

  it('moves a beschikking only forward, each step with its date', async () => {
    const created = await api<VoorzieningDto>(s.url, 'POST', path(), {
      token: coord.token,
      body: {
        soort: 'begeleiding',
        wet: 'wmo',
        vorm: 'pgb',
        aanbieder: 'Begeleiding Fictief',
        startOp: daysAgo(-14),
        kostenPerMaandCents: 60_000,
        doelId,
        beschikking: { status: 'aangevraagd', aangevraagdOp: daysAgo(10) },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.kostenUitPrijslijst).toBe(false);
    const url = `${path()}/${created.body.id}`;
    const b = created.body.beschikking;
    const skip = await api<ErrorDto>(s.url, 'PATCH', url, {
      token: mw.token,
      body: {
        beschikking: { ...b, status: 'lopend', besluitOp: daysAgo(1), ingangOp: daysAgo(0) },
      },
    });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({
      code: 'voorziening.beschikking_step',
      field: 'beschikking.status',
    });
    const noDate = await api<ErrorDto>(s.url, 'PATCH', url, {
      token: mw.token,
      body: { beschikking: { ...b, status: 'toegekend' } },
    });
    expect(noDate.status).toBe(400);
    expect(noDate.body.field).toBe('beschikking.besluitOp');
    const granted = await api<VoorzieningDto>(s.url, 'PATCH', url, {
      token: mw.token,
      body: { beschikking: { ...b, status: 'toegekend', besluitOp: daysAgo(1), kenmerk: 'PGB-7' } },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.beschikking).toMatchObject({ status: 'toegekend', kenmerk: 'PGB-7' });
    const back = await api<ErrorDto>(s.url, 'PATCH', url, {
      token: mw.token,
      body: { beschikking: { ...granted.body.beschikking, status: 'aangevraagd' } },
    });
    expect(back.status).toBe(409);
  });

  it('lets the meelezer read and not change; the huisarts off the team gets 404; the inwoner reads only Mijn plan', async () => {
    const read = await api<VoorzieningDto[]>(s.url, 'GET', path(), { token: wmo.token });
    expect(read.status).toBe(200);
    expect(read.body.length).toBeGreaterThanOrEqual(2);
    const write = await api(s.url, 'POST', path(), { token: wmo.token, body: hulp });
    expect(write.status).toBe(403);
    const id = read.body[0]?.id as string;
    expect(
      (await api(s.url, 'PATCH', `${path()}/${id}`, { token: wmo.token, body: { aanbieder: 'X' } }))
        .status,
    ).toBe(403);
    expect((await api(s.url, 'DELETE', `${path()}/${id}`, { token: wmo.token })).status).toBe(403);
    for (const p of [path(), `/api/households/${h.id}/budget`, `/api/households/${h.id}/mijn-hulp`])
      expect((await api(s.url, 'GET', p, { token: huisarts.token })).status, p).toBe(404);
    expect((await api(s.url, 'POST', path(), { token: huisarts.token, body: hulp })).status).toBe(
      404,
    );

    // The inwoner of Gezin Bakker: not this household at all; on their own, plain words only.
    expect((await api(s.url, 'GET', path(), { token: inwoner.token })).status).toBe(404);
    const bakker = await householdByName(s, 'Gezin Bakker');
    expect(
      (
        await api(s.url, 'GET', `/api/households/${bakker.id}/voorzieningen`, {
          token: inwoner.token,
        })
      ).status,
    ).toBe(403);
    const mine = await api<MijnHulpDto>(s.url, 'GET', `/api/households/${bakker.id}/mijn-hulp`, {
      token: inwoner.token,
    });
    expect(mine.status).toBe(200);
    expect(mine.body.toontBedragen).toBe(false);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((i) => i.bedragPerMaandCents === null)).toBe(true);
  });

  it('refuses a removed member, another wijkteam’s coördinator and a caller without a token', async () => {
    const leaver = await createUser(s);
    await addToTeam(s, h.id, leaver.id, 'lid');
    const left = await loginAs(s.url, leaver.email, leaver.password);
    expect((await api(s.url, 'GET', path(), { token: left.token })).status).toBe(200);
    const removed = await api(s.url, 'DELETE', `/api/households/${h.id}/team/${leaver.id}`, {
      token: coord.token,
    });
    expect(removed.status).toBeLessThan(300);
    const wt = await dataSourceOf(s).query<{ id: string }[]>(
      `INSERT INTO wijkteam (name, wijk) VALUES ($1, 'Elders') RETURNING id`,
      [`Wijkteam Elders ${randomUUID().slice(0, 8)}`],
    );
    const elders = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      wijkteamId: wt[0]?.id ?? null,
    });
    const other = await loginAs(s.url, elders.email, elders.password);
    for (const token of [left.token, other.token]) {
      expect((await api(s.url, 'GET', path(), { token })).status).toBe(404);
      expect((await api(s.url, 'GET', `/api/households/${h.id}/budget`, { token })).status).toBe(
        404,
      );
      expect((await api(s.url, 'POST', path(), { token, body: hulp })).status).toBe(404);
    }
    expect((await api(s.url, 'GET', path())).status).toBe(401);
    expect((await api(s.url, 'POST', path(), { body: hulp })).status).toBe(401);
  });

  it('gives one budget with the net effect and warns about a beschikking that waits too long', async () => {
    const waiting = await api<VoorzieningDto>(s.url, 'POST', path(), {
      token: mw.token,
      body: {
        soort: 'ambulante-jeugdhulp',
        wet: 'jeugdwet',
        vorm: 'zin',
        aanbieder: 'Jeugdhulp Fictief',
        startOp: daysAgo(-30),
        urenPerWeek: 2,
        beschikking: { status: 'aangevraagd', aangevraagdOp: daysAgo(80) },
      },
    });
    expect(waiting.status).toBe(201);
    await api(s.url, 'PUT', `/api/households/${h.id}/effects`, {
      token: mw.token,
      body: {
        course: 'Zonder hulp was het huishouden vastgelopen.',
        events: [{ event: 'schuldsanering', count: 1 }],
      },
    });
    const res = await api<HouseholdBudgetDto>(s.url, 'GET', `/api/households/${h.id}/budget`, {
      token: wmo.token,
    });
    expect(res.status).toBe(200);
    const list = (await api<VoorzieningDto[]>(s.url, 'GET', path(), { token: mw.token })).body;
    const running = list.filter((v) => v.beschikking?.status === 'lopend');
    const planned = list.filter(
      (v) => v.beschikking && ['aangevraagd', 'toegekend'].includes(v.beschikking.status),
    );
    const sum = (xs: VoorzieningDto[]) => xs.reduce((n, v) => n + v.kostenPerMaandCents, 0);
    expect(res.body.lopend.perMaandCents).toBe(sum(running));
    expect(res.body.gepland.perMaandCents).toBe(sum(planned));
    expect(res.body.gepland.perJaarCents).toBe(sum(planned) * 12);
    expect(res.body.vermedenKostenCents).toBe(600_000);
    expect(res.body.nettoEffectCents).toBe(600_000 - res.body.kostenInzetCents);
    expect(res.body.warnings).toContainEqual(
      expect.objectContaining({ kind: 'beschikking-wacht', voorzieningId: waiting.body.id }),
    );
  });

  it('lets the coördinator set prices for the wijkteam, which fill new voorzieningen', async () => {
    const put = await api<VoorzieningPriceDto[]>(s.url, 'PUT', '/api/voorzieningen/prijzen', {
      token: coord.token,
      body: { prices: [{ soort: 'dagbesteding', amountCents: 95_000 }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.find((p) => p.soort === 'dagbesteding')).toMatchObject({
      amountCents: 95_000,
      isDefault: false,
    });
    expect(
      (
        await api(s.url, 'PUT', '/api/voorzieningen/prijzen', {
          token: mw.token,
          body: { prices: [{ soort: 'dagbesteding', amountCents: 1 }] },
        })
      ).status,
    ).toBe(403);
    const dag = await api<VoorzieningDto>(s.url, 'POST', path(), {
      token: mw.token,
      body: {
        soort: 'dagbesteding',
        wet: 'wmo',
        vorm: 'zin',
        aanbieder: 'Dagcentrum Fictief',
        startOp: daysAgo(5),
        beschikking: {
          status: 'lopend',
          aangevraagdOp: daysAgo(40),
          besluitOp: daysAgo(20),
          ingangOp: daysAgo(5),
        },
      },
    });
    expect(dag.body.kostenPerMaandCents).toBe(95_000);
    await api(s.url, 'PUT', '/api/voorzieningen/prijzen', {
      token: coord.token,
      body: { prices: [{ soort: 'dagbesteding', amountCents: null }] },
    });
  });

  it('audits every change and read, and puts the voorzieningen in the inzage export', async () => {
    const created = await api<VoorzieningDto>(s.url, 'POST', path(), {
      token: mw.token,
      body: {
        soort: 'mantelzorg-netwerk',
        wet: 'overig',
        vorm: 'eigen-kracht',
        aanbieder: 'Buurvrouw',
        startOp: daysAgo(3),
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.kostenPerMaandCents).toBe(0);
    const del = await api(s.url, 'DELETE', `${path()}/${created.body.id}`, { token: mw.token });
    expect(del.status).toBe(204);
    await s.app.get(AuditService).flush();
    const log = await api<{ event: string; userId: string }[]>(
      s.url,
      'GET',
      `/api/audit?householdId=${h.id}`,
      { token: coord.token },
    );
    const events = log.body.filter((e) => e.userId === mw.user.id).map((e) => e.event);
    expect(events).toEqual(
      expect.arrayContaining([
        'voorzieningen.create',
        'voorzieningen.update',
        'voorzieningen.delete',
      ]),
    );
    const exp = await api<{ sections: Record<string, unknown> }>(
      s.url,
      'GET',
      `/api/households/${h.id}/export`,
      { token: coord.token },
    );
    expect(exp.status).toBe(200);
    const listed = exp.body.sections.voorzieningen as VoorzieningDto[];
    expect(listed.map((v) => v.aanbieder)).toContain('Thuiszorg Fictief');

    // The FHIR bundle: a ServiceRequest per voorziening with the provider as performer, validated on export.
    const fhir = await api<{
      entry: { resource: { resourceType: string; performer?: { display: string }[] } }[];
    }>(s.url, 'GET', `/api/households/${h.id}/fhir`, { token: mw.token });
    expect(fhir.status).toBe(200);
    const requests = fhir.body.entry.filter((e) => e.resource.resourceType === 'ServiceRequest');
    expect(requests.map((e) => e.resource.performer?.[0]?.display)).toContain('Thuiszorg Fictief');
  });
});

describe('the municipality’s settings', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('embedded', {
      env: { MIJN_PLAN_SHOW_AMOUNTS: 'true', BESCHIKKING_MAX_WAIT_DAYS: '90' },
    });
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('shows amounts in Mijn plan when chosen, and warns only after the set waiting time', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const inwoner = await loginAs(s.url, 'inwoner');
    const mine = await api<MijnHulpDto>(s.url, 'GET', `/api/households/${bakker.id}/mijn-hulp`, {
      token: inwoner.token,
    });
    expect(mine.body.toontBedragen).toBe(true);
    expect(mine.body.items.some((i) => (i.bedragPerMaandCents ?? 0) > 0)).toBe(true);
    // The demo's beschikking has waited 63 days: within 90, so no warning; the one ending without follow-up stays.
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const budget = await api<HouseholdBudgetDto>(
      s.url,
      'GET',
      `/api/households/${bakker.id}/budget`,
      {
        token: mw.token,
      },
    );
    expect(budget.body.maxWachtDagen).toBe(90);
    expect(budget.body.warnings.map((w) => w.kind)).toEqual(['zonder-vervolg']);
  });
});
