import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { ErrorDto, HouseholdDto, HouseholdSummaryDto, LoginResponse } from '@spil/shared';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { addToTeam, createUser, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const DEMO_KEYS = [
  'coordinator',
  'huisarts',
  'poh-jeugd',
  'wijkverpleegkundige',
  'maatschappelijk-werker',
  'wmo-consulent',
  'jeugdconsulent',
  'inwoner',
];

describe.each(databaseKinds())('foundation on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => s?.stop());

  it('answers health with the database state', async () => {
    const res = await api(s.url, 'GET', '/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('publishes OpenAPI with every endpoint', async () => {
    const res = await api<{ paths: Record<string, unknown> }>(s.url, 'GET', '/api/docs-json');
    expect(res.status).toBe(200);
    for (const path of [
      '/api/auth/login',
      '/api/households',
      '/api/households/{id}',
      '/api/households/{id}/team/{userId}',
      '/api/health',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(path);
    }
    expect((await fetch(`${s.url}/api/docs`)).status).toBe(200);
  });

  it('logs in every demo account with a cookie and a token', async () => {
    for (const key of DEMO_KEYS) {
      const res = await fetch(`${s.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: `${key}@demo.spil.test`, password: 'spil-demo' }),
      });
      expect(res.status, key).toBe(200);
      const body = LoginResponse.parse(await res.json());
      expect(body.user.email).toBe(`${key}@demo.spil.test`);
      const cookie = res.headers.get('set-cookie') ?? '';
      expect(cookie).toMatch(/spil_session=/);
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
    }
  });

  it('refuses a wrong password and a malformed body with a clear error', async () => {
    const wrong = await api<ErrorDto>(s.url, 'POST', '/api/auth/login', {
      body: { email: 'huisarts@demo.spil.test', password: 'fout' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('auth.invalid_credentials');

    const malformed = await api<ErrorDto>(s.url, 'POST', '/api/auth/login', {
      body: { email: 'geen-adres' },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('validation.invalid');
    expect(malformed.body.field).toBe('email');

    const notJson = await api<ErrorDto>(s.url, 'POST', '/api/auth/login', { rawBody: '{"email":' });
    expect(notJson.status).toBe(400);
    expect(notJson.body.code).toBe('validation.invalid');
  });

  it('throttles repeated failed logins', async () => {
    const user = await createUser(s);
    for (let i = 0; i < 5; i++) {
      const r = await api(s.url, 'POST', '/api/auth/login', {
        body: { email: user.email, password: 'fout' },
      });
      expect(r.status).toBe(401);
    }
    const blocked = await api<ErrorDto>(s.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('auth.too_many_attempts');
  });

  it('lists only the huisarts’s households and hides others with 404', async () => {
    const { token } = await loginAs(s.url, 'huisarts');
    const list = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', { token });
    expect(list.status).toBe(200);
    expect(list.body.map((h) => h.displayName).sort()).toEqual([
      'Gezin Bakker',
      'Huishouden Jansen',
    ]);

    const visser = await householdByName(s, 'Gezin Visser');
    const hidden = await api<ErrorDto>(s.url, 'GET', `/api/households/${visser.id}`, { token });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('household.not_found');
    const hiddenTeam = await api(s.url, 'GET', `/api/households/${visser.id}/team`, { token });
    expect(hiddenTeam.status).toBe(404);
    const unknown = await api(
      s.url,
      'GET',
      '/api/households/00000000-0000-4000-8000-000000000000',
      { token },
    );
    expect(unknown.status).toBe(404);
    const badId = await api<ErrorDto>(s.url, 'GET', '/api/households/niet-een-id', { token });
    expect(badId.status).toBe(400);
    expect(badId.body.field).toBe('id');
  });

  it('shows a household with its casus team to a member', async () => {
    const { token } = await loginAs(s.url, 'huisarts');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const res = await api<HouseholdDto>(s.url, 'GET', `/api/households/${bakker.id}`, { token });
    expect(res.status).toBe(200);
    const h = HouseholdDto.parse(res.body);
    expect(h.myRole).toBe('lid');
    expect(h.regie?.name).toBe('Johan Kuipers');
    expect(h.team.find((m) => m.discipline === 'huisarts')?.organisation).toBe(
      'Huisartsenpraktijk De Linde',
    );
    expect(h.team.some((m) => m.role === 'meelezer')).toBe(true);
    expect(h.members.length).toBe(3);
  });

  it('lets the coördinator see every household of the wijkteam, and the inwoner only their own', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const all = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', {
      token: coord.token,
    });
    expect(all.body.length).toBeGreaterThanOrEqual(3);
    const inwoner = await loginAs(s.url, 'inwoner');
    const own = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', {
      token: inwoner.token,
    });
    expect(own.body.map((h) => h.displayName)).toEqual(['Gezin Bakker']);
  });

  it('refuses an expired, a forged and a missing token, and changes nothing', async () => {
    const { token, user } = await loginAs(s.url, 'huisarts');
    const key = new TextEncoder().encode(s.config.AUTH_SECRET ?? '');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as {
      sid: string;
    };
    const expired = await new SignJWT({ sid: payload.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(key);
    const r1 = await api<ErrorDto>(s.url, 'GET', '/api/households', { token: expired });
    expect(r1.status).toBe(401);
    expect(r1.body.code).toBe('auth.session_expired');

    const forged = await new SignJWT({ sid: payload.sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('x'.repeat(48)));
    const r2 = await api<ErrorDto>(s.url, 'GET', '/api/households', { token: forged });
    expect(r2.status).toBe(401);
    expect(r2.body.code).toBe('auth.required');

    const r3 = await api<ErrorDto>(s.url, 'POST', '/api/households', {
      body: { reference: 'SPW-X-1', displayName: 'X', wijk: 'Y' },
    });
    expect(r3.status).toBe(401);
    const coord = await loginAs(s.url, 'coordinator');
    const list = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', {
      token: coord.token,
    });
    expect(list.body.some((h) => h.reference === 'SPW-X-1')).toBe(false);
  });

  it('ends access at logout and when an account is disabled', async () => {
    const user = await createUser(s);
    const { token } = await loginAs(s.url, user.email, user.password);
    expect((await api(s.url, 'GET', '/api/auth/me', { token })).status).toBe(200);
    expect((await api(s.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
    expect((await api(s.url, 'GET', '/api/auth/me', { token })).status).toBe(401);

    const second = await loginAs(s.url, user.email, user.password);
    await s.app.get(AuthService).disableUser(user.id);
    expect((await api(s.url, 'GET', '/api/auth/me', { token: second.token })).status).toBe(401);
    const again = await api(s.url, 'POST', '/api/auth/login', {
      body: { email: user.email, password: user.password },
    });
    expect(again.status).toBe(401);
  });

  it('refuses a cookie-authenticated change from another origin (CSRF)', async () => {
    const { cookie } = await loginAs(s.url, 'coordinator');
    const body = JSON.stringify({
      reference: 'SPW-CSRF-1',
      displayName: 'Gezin Test',
      wijk: 'Oosterpark',
    });
    const evil = await fetch(`${s.url}/api/households`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body,
    });
    expect(evil.status).toBe(403);
    const own = await fetch(`${s.url}/api/households`, {
      method: 'POST',
      headers: { cookie, origin: s.url, 'content-type': 'application/json' },
      body,
    });
    expect(own.status).toBe(201);
  });

  it('lets the coördinator register a household and manage its team; others may not', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const created = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: 'SPW-2026-0900',
        displayName: 'Gezin Testmans',
        wijk: 'Oosterpark',
        members: [{ firstName: 'Kim', birthYear: 1990, relation: 'moeder' }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const dup = await api<ErrorDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: { reference: 'SPW-2026-0900', displayName: 'Ander', wijk: 'Oosterpark' },
    });
    expect(dup.status).toBe(409);

    const prof = await createUser(s);
    const added = await api(s.url, 'POST', `/api/households/${id}/team`, {
      token: coord.token,
      body: { userId: prof.id, role: 'lid' },
    });
    expect(added.status).toBe(201);
    const profLogin = await loginAs(s.url, prof.email, prof.password);
    expect(
      (await api(s.url, 'GET', `/api/households/${id}`, { token: profLogin.token })).status,
    ).toBe(200);

    // A member who is not regiehouder cannot change the team.
    const other = await createUser(s);
    const attempt = await api<ErrorDto>(s.url, 'POST', `/api/households/${id}/team`, {
      token: profLogin.token,
      body: { userId: other.id, role: 'lid' },
    });
    expect(attempt.status).toBe(403);

    const patched = await api(s.url, 'PATCH', `/api/households/${id}/team/${prof.id}`, {
      token: coord.token,
      body: { role: 'meelezer' },
    });
    expect(patched.status).toBe(200);
    const badRole = await api<ErrorDto>(s.url, 'PATCH', `/api/households/${id}/team/${prof.id}`, {
      token: coord.token,
      body: { role: 'baas' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.field).toBe('role');

    expect(
      (await api(s.url, 'DELETE', `/api/households/${id}/team/${prof.id}`, { token: coord.token }))
        .status,
    ).toBe(204);
    expect(
      (await api(s.url, 'GET', `/api/households/${id}`, { token: profLogin.token })).status,
    ).toBe(404);
  });

  it('does not let a professional register a household', async () => {
    const { token } = await loginAs(s.url, 'huisarts');
    const res = await api<ErrorDto>(s.url, 'POST', '/api/households', {
      token,
      body: { reference: 'SPW-2026-0901', displayName: 'Gezin X', wijk: 'Oosterpark' },
    });
    expect(res.status).toBe(403);
  });

  it('keeps a member added by a factory visible only to them', async () => {
    const prof = await createUser(s);
    const visser = await householdByName(s, 'Gezin Visser');
    await addToTeam(s, visser.id, prof.id, 'meelezer');
    const { token } = await loginAs(s.url, prof.email, prof.password);
    const list = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', { token });
    expect(list.body.map((h) => h.displayName)).toEqual(['Gezin Visser']);
    expect(list.body[0]?.myRole).toBe('meelezer');
  });
});
