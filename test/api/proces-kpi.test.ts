/**
 * The coördinator's dashboard over the real API: KPIs from the demo data,
 * filters, CSV export, and scoping to the coördinator's own wijkteam.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorDto, KpiDto } from '@spil/shared';
import { WijkteamEntity } from '../../server/src/modules/users/user.entity';
import { createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('KPI dashboard on %s', (kind) => {
  let s: TestServer;
  let coord: Awaited<ReturnType<typeof loginAs>>;

  beforeAll(async () => {
    s = await startTestServer(kind);
    coord = await loginAs(s.url, 'coordinator');
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('shows real numbers on the demo data', async () => {
    const res = await api<KpiDto>(s.url, 'GET', '/api/kpi', { token: coord.token });
    expect(res.status).toBe(200);
    const k = res.body;
    expect(k.wijkteam).toBe('Wijkteam Spilwijk-Oost');
    expect(k.households).toBeGreaterThanOrEqual(4);
    expect(k.byPhase.find((p) => p.phase === 'afgesloten')?.count).toBeGreaterThanOrEqual(1);
    for (const colour of ['groen', 'oranje', 'rood', 'geen'] as const) {
      expect(k.byColour.find((c) => c.colour === colour)?.count, colour).toBeGreaterThanOrEqual(1);
    }
    expect(k.timeToRegie.withRegie).toBeGreaterThanOrEqual(3);
    expect(k.timeToRegie.averageDays).toBeGreaterThan(0);
    expect(k.escalations.open).toBeGreaterThanOrEqual(1);
    expect(typeof k.overdueActions).toBe('number');
    // Anouk Mulder: financiën 1 at intake, 4 at evaluatie
    expect(k.zrmChange.find((z) => z.domain === 'financien')?.averageChange).toBe(3);
    expect(k.costsAvoided.totalCents).toBeGreaterThanOrEqual(5_850_000);
    expect(k.costsAvoided.byMonth.length).toBeGreaterThanOrEqual(1);
    expect(k.wijken).toEqual(expect.arrayContaining(['Oosterpark', 'Schildersbuurt']));
  });

  it('filters by wijk and period, and refuses a period that ends before it starts', async () => {
    const oost = await api<KpiDto>(s.url, 'GET', '/api/kpi?wijk=Oosterpark', {
      token: coord.token,
    });
    expect(oost.body.filters.wijk).toBe('Oosterpark');
    expect(oost.body.households).toBe(2);
    const future = await api<KpiDto>(s.url, 'GET', '/api/kpi?from=2099-01-01', {
      token: coord.token,
    });
    expect(future.body.costsAvoided.totalCents).toBe(0);
    expect(future.body.timeToRegie.withRegie).toBe(0);
    const past = await api<KpiDto>(s.url, 'GET', '/api/kpi?to=2000-01-01', { token: coord.token });
    expect(past.body.households).toBe(0);
    const bad = await api<ErrorDto>(s.url, 'GET', '/api/kpi?from=2026-05-01&to=2026-04-01', {
      token: coord.token,
    });
    expect([bad.status, bad.body.field]).toEqual([400, 'from']);
    const notADate = await api<ErrorDto>(s.url, 'GET', '/api/kpi?from=gisteren', {
      token: coord.token,
    });
    expect(notADate.status).toBe(400);
  });

  it('exports the KPIs as Dutch CSV', async () => {
    const res = await fetch(`${s.url}/api/kpi/export.csv?wijk=Schildersbuurt`, {
      headers: { authorization: `Bearer ${coord.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="spil-kpi-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Indicator;Categorie;Waarde\r\n');
    expect(text).toContain('Filter wijk;;Schildersbuurt');
    expect(text).toMatch(/Vermeden maatschappelijke kosten \(euro\);totaal;\d+,\d{2}/);
  });

  it('is for coördinators only, and only for their own wijkteam', async () => {
    for (const key of ['maatschappelijk-werker', 'huisarts', 'inwoner']) {
      const { token } = await loginAs(s.url, key);
      expect((await api(s.url, 'GET', '/api/kpi', { token })).status, key).toBe(403);
      expect((await api(s.url, 'GET', '/api/kpi/export.csv', { token })).status, key).toBe(403);
    }
    expect((await api(s.url, 'GET', '/api/kpi')).status).toBe(401);

    const ds = dataSourceOf(s);
    const other = await ds
      .getRepository(WijkteamEntity)
      .save(ds.getRepository(WijkteamEntity).create({ name: 'Wijkteam Elders', wijk: 'Elders' }));
    const otherCoord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      wijkteamId: other.id,
      name: 'Coördinator Fictief',
    });
    const { token } = await loginAs(s.url, otherCoord.email, otherCoord.password);
    const k = await api<KpiDto>(s.url, 'GET', '/api/kpi', { token });
    expect(k.status).toBe(200);
    expect(k.body.wijkteam).toBe('Wijkteam Elders');
    expect(k.body.households).toBe(0);
    expect(k.body.costsAvoided.totalCents).toBe(0);
    expect(k.body.wijken).toEqual([]);
    const mulder = await householdByName(s, 'Gezin Mulder');
    const hidden = await api<ErrorDto>(s.url, 'GET', `/api/households/${mulder.id}/evaluation`, {
      token,
    });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'household.not_found']);
  });
});
