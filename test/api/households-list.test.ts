import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { ErrorDto, HouseholdSummaryDto, WieDoetWatDto } from '@spil/shared';
import { createUser, dataSourceOf } from '../factories';
import { seedCaseload } from '../factories/caseload';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('GET /api/households at scale on %s', (kind) => {
  let s: TestServer;
  let coordinator: string;
  let prof: { id: string; email: string; password: string };
  let other: { id: string };
  let ids: string[];
  const P = 'Zoek';

  beforeAll(async () => {
    s = await startTestServer(kind);
    coordinator = (await loginAs(s.url, 'coordinator')).token;
    const ds = dataSourceOf(s);
    const [row] = await ds.query<{ wijkteam_id: string }[]>(
      `SELECT wijkteam_id FROM app_user WHERE email = 'coordinator@demo.spil.test'`,
    );
    const wijkteamId = row?.wijkteam_id ?? '';
    prof = await createUser(s, { name: 'Lijst Prof' });
    other = await createUser(s, { name: 'Andere Prof' });
    // 30 households; prof owns the even ones (on their team), other the odd ones.
    ids = await seedCaseload(ds, {
      wijkteamId,
      households: 30,
      actionsPerHousehold: 2,
      professionals: [prof.id, other.id],
      prefix: P,
    });
    // Household 3 is rood with an open escalation; household 4 oranje.
    const [h3, h4] = [ids[2], ids[3]];
    for (const [h, colour] of [
      [h3, 'rood'],
      [h4, 'oranje'],
    ] as const)
      await ds.query(
        `INSERT INTO colour_change (id, household_id, colour, kind, reason, changed_by, changed_at)
         VALUES ($1, $2, $3, 'quickscan', 'test', $4, now())`,
        [randomUUID(), h, colour, prof.id],
      );
    await ds.query(
      `INSERT INTO escalation (id, household_id, target, date, reason, contact, created_by, created_at)
       VALUES ($1, $2, 'veilig-thuis', '2026-01-01', 'test', 'test', $3, now())`,
      [randomUUID(), h3, prof.id],
    );
    await ds.query(`UPDATE household_member SET first_name = 'Quirijn' WHERE household_id = $1`, [
      ids[6],
    ]);
  });
  afterAll(async () => s?.stop());

  const list = (token: string, query: string) =>
    api<HouseholdSummaryDto[]>(s.url, 'GET', `/api/households?${query}`, { token });

  it('searches on the server, sorts names naturally and pages with the total in X-Total-Count', async () => {
    const page1 = await list(coordinator, `q=${P}&limit=12`);
    expect(page1.status).toBe(200);
    expect(Array.isArray(page1.body)).toBe(true);
    expect(page1.headers.get('x-total-count')).toBe('30');
    const numbers = page1.body.map((h) => Number(h.reference.split('-')[1]));
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    const page3 = await list(coordinator, `q=${P}&limit=12&offset=24`);
    expect(page3.body.map((h) => Number(h.reference.split('-')[1]))).toEqual([
      25, 26, 27, 28, 29, 30,
    ]);
    expect(page3.headers.get('x-total-count')).toBe('30');
    const past = await list(coordinator, `q=${P}&limit=12&offset=60`);
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-total-count')).toBe('30');
  });

  it('finds a household by reference, wijk and the first name of a member; % is text', async () => {
    expect((await list(coordinator, `q=${P}-17`)).body.map((h) => h.reference)).toEqual([
      `${P}-17`,
    ]);
    expect((await list(coordinator, 'q=quirijn')).body.map((h) => h.id)).toEqual([ids[6]]);
    const wijk = await list(coordinator, `q=Haventje`);
    expect(wijk.body.length).toBeGreaterThan(0);
    expect(wijk.body.every((h) => h.wijk === 'Haventje')).toBe(true);
    expect((await list(coordinator, 'q=%25')).body).toEqual([]);
  });

  it('filters on phase, colour, regiehouder, overdue actions and open escalations', async () => {
    const uitvoering = await list(coordinator, `q=${P}&phase=uitvoering`);
    expect(uitvoering.body.length).toBeGreaterThan(0);
    expect(uitvoering.body.every((h) => h.phase === 'uitvoering')).toBe(true);

    const rood = await list(coordinator, `q=${P}&colour=rood`);
    expect(rood.body.map((h) => h.id)).toEqual([ids[2]]);
    expect(rood.body[0]?.colour).toBe('rood');
    expect(rood.body[0]?.openEscalation).toBe(true);
    expect((await list(coordinator, `q=${P}&colour=geen`)).headers.get('x-total-count')).toBe('28');

    const esc = await list(coordinator, `q=${P}&escalation=true`);
    expect(esc.body.map((h) => h.id)).toEqual([ids[2]]);

    const noRegie = await list(coordinator, `q=${P}&regiehouder=geen`);
    expect(noRegie.body.map((h) => Number(h.reference.split('-')[1]))).toEqual([
      5, 10, 15, 20, 25, 30,
    ]);
    const byProf = await list(coordinator, `q=${P}&regiehouder=${prof.id}`);
    expect(byProf.body.every((h) => h.regie?.userId === prof.id)).toBe(true);
    expect(byProf.headers.get('x-total-count')).toBe('12'); // even numbers without 10, 20, 30

    const overdue = await list(coordinator, `q=${P}&overdue=true`);
    expect(overdue.body.length).toBeGreaterThan(0);
    expect(overdue.body.every((h) => (h.overdueActions ?? 0) > 0)).toBe(true);
    const notOverdue = await list(coordinator, `q=${P}&overdue=false`);
    expect(notOverdue.body.every((h) => h.overdueActions === 0)).toBe(true);
    expect(overdue.body.length + notOverdue.body.length).toBe(30);
  });

  it('sorts by phase and by last activity', async () => {
    const byPhase = (await list(coordinator, `q=${P}&sort=fase`)).body.map((h) => h.phase);
    const order = ['aangemeld', 'quickscan', 'vraaganalyse', 'plan', 'uitvoering', 'evaluatie'];
    expect(byPhase).toEqual([...byPhase].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    const byActivity = (await list(coordinator, `q=${P}&sort=activiteit`)).body.map(
      (h) => h.lastActivity ?? '',
    );
    expect(byActivity).toEqual([...byActivity].sort().reverse());
    // The colour changes of just now are the latest activity.
    expect(
      new Set((await list(coordinator, `q=${P}&sort=activiteit&limit=2`)).body.map((h) => h.id)),
    ).toEqual(new Set([ids[2], ids[3]]));
  });

  it('keeps need-to-know in the query: a professional finds only the households of their teams', async () => {
    const { token } = await loginAs(s.url, prof.email, prof.password);
    const mine = await list(token, `q=${P}&limit=100`);
    expect(mine.headers.get('x-total-count')).toBe('15');
    expect(mine.body.every((h) => h.myRole === 'lid')).toBe(true);
    expect(mine.body.every((h) => Number(h.reference.split('-')[1]) % 2 === 0)).toBe(true);
    // The demo huisarts sees none of them.
    const huisarts = (await loginAs(s.url, 'huisarts')).token;
    expect((await list(huisarts, `q=${P}`)).body).toEqual([]);
    // The coördinator: scope=mine is their own teams only (none of these).
    expect((await list(coordinator, `q=${P}&scope=mine`)).body).toEqual([]);
  });

  it('without parameters answers every visible household, as before', async () => {
    const all = await list(coordinator, '');
    expect(all.body.length).toBe(Number(all.headers.get('x-total-count')));
    expect(all.body.length).toBeGreaterThanOrEqual(34);
  });

  it('never shows the household’s own people its process: no colour or escalation, nor a filter on them', async () => {
    const { token } = await loginAs(s.url, 'inwoner');
    const own = await list(token, '');
    expect(own.body.map((h) => h.displayName)).toEqual(['Gezin Bakker']);
    expect(own.body[0]).not.toHaveProperty('colour');
    expect(own.body[0]).not.toHaveProperty('openEscalation');
    // A filter on the process is ignored, so it cannot tell whether there is an escalation.
    for (const q of ['escalation=true', 'escalation=false', 'colour=rood', 'colour=geen'])
      expect((await list(token, q)).body.map((h) => h.displayName)).toEqual(['Gezin Bakker']);
  });

  it('gives wie doet wat per household with the same search and paging', async () => {
    const res = await api<WieDoetWatDto[]>(
      s.url,
      'GET',
      `/api/me/wie-doet-wat?q=${P}&limit=5&offset=5`,
      {
        token: coordinator,
      },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-total-count')).toBe('30');
    expect(res.body.map((h) => h.reference)).toEqual([6, 7, 8, 9, 10].map((n) => `${P}-${n}`));
    expect(res.body.every((h) => h.actions.length === 2)).toBe(true);
    const { token } = await loginAs(s.url, 'huisarts');
    const none = await api<WieDoetWatDto[]>(s.url, 'GET', `/api/me/wie-doet-wat?q=${P}`, { token });
    expect(none.body).toEqual([]);
  });

  it('refuses a bad parameter with 400 naming it', async () => {
    const bad = await api<ErrorDto>(s.url, 'GET', '/api/households?limit=5000', {
      token: coordinator,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('limit');
    const phase = await api<ErrorDto>(s.url, 'GET', '/api/households?phase=weg', {
      token: coordinator,
    });
    expect(phase.body.field).toBe('phase');
  });

  it('documents the query parameters and the X-Total-Count header in OpenAPI', async () => {
    const doc = await api<{
      paths: Record<
        string,
        {
          get?: {
            parameters?: { name: string }[];
            responses: Record<string, { headers?: object }>;
          };
        }
      >;
    }>(s.url, 'GET', '/api/docs-json');
    const get = doc.body.paths['/api/households']?.get;
    expect(get?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'q',
        'phase',
        'colour',
        'regiehouder',
        'scope',
        'overdue',
        'escalation',
        'sort',
        'limit',
        'offset',
      ]),
    );
    expect(get?.responses['200']?.headers).toHaveProperty('X-Total-Count');
  });
});
