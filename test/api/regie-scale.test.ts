import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BulkAssignRegieResult,
  ErrorDto,
  RegieHouseholdRowDto,
  RegieOverzichtDto,
} from '@spil/shared';
import { createUser, dataSourceOf } from '../factories';
import { seedCaseload } from '../factories/caseload';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('Regie op regie at scale on %s', (kind) => {
  let s: TestServer;
  let coordinator: string;
  let old: string[];
  let fresh: string[];
  let a: { id: string };
  let b: { id: string };

  beforeAll(async () => {
    s = await startTestServer(kind, { env: { STALLED_AFTER_DAYS: '10' } });
    coordinator = (await loginAs(s.url, 'coordinator')).token;
    const ds = dataSourceOf(s);
    const [c] = await ds.query<{ wijkteam_id: string }[]>(
      `SELECT wijkteam_id FROM app_user WHERE email = 'coordinator@demo.spil.test'`,
    );
    a = await createUser(s, { name: 'Regie Een' });
    b = await createUser(s, { name: 'Regie Twee' });
    const base = {
      wijkteamId: c?.wijkteam_id ?? '',
      actionsPerHousehold: 2,
      professionals: [a.id, b.id],
    };
    old = await seedCaseload(ds, { ...base, households: 10, prefix: 'Lang' });
    fresh = await seedCaseload(ds, {
      ...base,
      households: 10,
      prefix: 'Vers',
      registeredAgoMs: 60_000,
    });
    // Every household in uitvoering with open actions; terugkoppeling long ago on all of them.
    await ds.query(`UPDATE household SET phase = 'uitvoering' WHERE id = ANY($1::uuid[])`, [
      [...old, ...fresh],
    ]);
    await ds.query(
      `UPDATE plan_action SET status = 'open', last_update_at = now() - interval '30 days' WHERE household_id = ANY($1::uuid[])`,
      [[...old, ...fresh]],
    );
    // Lang 1 had terugkoppeling yesterday; Lang 2 has no open actions.
    await ds.query(
      `UPDATE plan_action SET last_update_at = now() - interval '1 day' WHERE household_id = $1`,
      [old[0]],
    );
    await ds.query(`UPDATE plan_action SET status = 'gereed' WHERE household_id = $1`, [old[1]]);
  });
  afterAll(async () => s?.stop());

  const rows = (query: string) =>
    api<RegieHouseholdRowDto[]>(s.url, 'GET', `/api/regie/huishoudens?${query}`, {
      token: coordinator,
    });

  it('calls vastgelopen only what is in uitvoering with open actions and no terugkoppeling for the set days, never a household registered since', async () => {
    const stalled = await rows('q=Lang&vastgelopen=true&limit=50');
    expect(stalled.status).toBe(200);
    expect(stalled.body.map((r) => r.household.id).sort()).toEqual(old.slice(2).sort());
    expect(stalled.body.every((r) => r.stalled)).toBe(true);
    expect((await rows('q=Vers&vastgelopen=true')).body).toEqual([]);
    const all = await rows('q=Vers&limit=50');
    expect(all.body).toHaveLength(10);
    expect(all.body.some((r) => r.stalled)).toBe(false);
    // The setting (10 days) is the default; a longer period asked for finds none.
    expect((await rows('q=Lang&vastgelopen=true&stalledDays=60')).body).toEqual([]);
    const overview = await api<RegieOverzichtDto>(s.url, 'GET', '/api/regie/overzicht', {
      token: coordinator,
    });
    expect(overview.body.stalledDays).toBe(10);
    const names = overview.body.stalled.map((h) => h.name);
    expect(names.filter((n) => n.startsWith('Vers'))).toEqual([]);
    expect(names.filter((n) => n.startsWith('Lang')).length).toBe(8);
    // The page asks for the first rows only, with the counts of all.
    const short = await api<RegieOverzichtDto>(s.url, 'GET', '/api/regie/overzicht?listLimit=3', {
      token: coordinator,
    });
    expect(short.body.stalled).toHaveLength(3);
    expect(short.body.counts?.stalled).toBe(overview.body.stalled.length);
    expect(short.body.counts?.withoutRegie).toBe(overview.body.withoutRegie.length);
    expect(short.body.counts?.overdue).toBe(overview.body.overdue.length);
    expect(short.body.overdue.length).toBeLessThanOrEqual(3);
  });

  it('pages with X-Total-Count and lists who can hold regie per row', async () => {
    const page = await rows('q=Lang&limit=4&offset=4');
    expect(page.headers.get('x-total-count')).toBe('10');
    expect(page.body.map((r) => r.household.displayName)).toEqual([
      'Lang 5',
      'Lang 6',
      'Lang 7',
      'Lang 8',
    ]);
    for (const r of page.body) expect(r.candidates.map((c) => c.userId)).toHaveLength(1);
  });

  it('assigns regie over several households with one reason; a household where the professional is no lid is refused', async () => {
    // Professional a is on the team of the even households only.
    const even = [old[1], old[3], old[5]] as string[];
    const odd = old[0] as string;
    const res = await api<BulkAssignRegieResult>(s.url, 'POST', '/api/regie/toewijzen', {
      token: coordinator,
      body: { householdIds: [...even, odd], userId: a.id, reason: 'Verdeling na teamoverleg' },
    });
    expect(res.status).toBe(200);
    expect(res.body.assigned.sort()).toEqual([...even].sort());
    expect(res.body.refused.map((r) => r.householdId)).toEqual([odd]);
    const after = await rows(`q=Lang&regiehouder=${a.id}&limit=50`);
    expect(after.body.map((r) => r.household.id)).toEqual(expect.arrayContaining(even));
    const huisarts = (await loginAs(s.url, 'huisarts')).token;
    const refused = await api<ErrorDto>(s.url, 'POST', '/api/regie/toewijzen', {
      token: huisarts,
      body: { householdIds: even, userId: a.id, reason: 'Niet van mij' },
    });
    expect(refused.status).toBe(403);
    expect((await api(s.url, 'GET', '/api/regie/huishoudens', { token: huisarts })).status).toBe(
      403,
    );
  });
});
