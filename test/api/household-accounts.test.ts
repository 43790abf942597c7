import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorDto, HouseholdSummaryDto, InviteResponse } from '@spil/shared';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('accounts for the household on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => s?.stop());

  function codeOf(inv: InviteResponse): string {
    return inv.activationPath.split('code=')[1] ?? '';
  }

  it('lets the demo naaste log in and see only the inwoner’s household', async () => {
    const { token } = await loginAs(s.url, 'naaste');
    const list = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', { token });
    expect(list.body.map((h) => [h.displayName, h.myRole])).toEqual([['Gezin Bakker', 'naaste']]);
    const visser = await householdByName(s, 'Gezin Visser');
    expect((await api(s.url, 'GET', `/api/households/${visser.id}`, { token })).status).toBe(404);
  });

  it('invites a naaste with the inwoner’s consent; the account works once activated, tied to that household only', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker'); // regiehouder
    const noConsent = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/uitnodigingen`,
      {
        token: mw.token,
        body: { name: 'Ria Bakker', email: 'ria@example.test', role: 'naaste', relation: 'oma' },
      },
    );
    expect(noConsent.status).toBe(409);
    expect(noConsent.body.code).toBe('invite.needs_consent');

    const inv = await api<InviteResponse>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/uitnodigingen`,
      {
        token: mw.token,
        body: {
          name: 'Ria Bakker',
          email: 'ria@example.test',
          role: 'naaste',
          relation: 'oma',
          inwonerToestemming: true,
        },
      },
    );
    expect(inv.status).toBe(201);
    // Not active before activation.
    expect(
      (
        await api(s.url, 'POST', '/api/auth/login', {
          body: { email: 'ria@example.test', password: 'een-lang-wachtwoord' },
        })
      ).status,
    ).toBe(401);
    const weak = await api<ErrorDto>(s.url, 'POST', '/api/auth/activeren', {
      body: { token: codeOf(inv.body), password: 'kort' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.field).toBe('password');
    const ok = await api(s.url, 'POST', '/api/auth/activeren', {
      body: { token: codeOf(inv.body), password: 'een-lang-wachtwoord' },
    });
    expect(ok.status).toBe(200);
    const reuse = await api<ErrorDto>(s.url, 'POST', '/api/auth/activeren', {
      body: { token: codeOf(inv.body), password: 'nog-een-wachtwoord' },
    });
    expect(reuse.status).toBe(400);
    expect(reuse.body.code).toBe('invite.invalid_token');

    const ria = await loginAs(s.url, 'ria@example.test', 'een-lang-wachtwoord');
    const list = await api<HouseholdSummaryDto[]>(s.url, 'GET', '/api/households', {
      token: ria.token,
    });
    expect(list.body.map((h) => [h.displayName, h.myRole])).toEqual([['Gezin Bakker', 'naaste']]);
  });

  it('lets the inwoner invite a naaste, but not a professional who is not regiehouder', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const inwoner = await loginAs(s.url, 'inwoner');
    const byInwoner = await api(s.url, 'POST', `/api/households/${bakker.id}/uitnodigingen`, {
      token: inwoner.token,
      body: {
        name: 'Buurman Fictief',
        email: 'buurman@example.test',
        role: 'naaste',
        relation: 'buurman',
      },
    });
    expect(byInwoner.status).toBe(201);
    const inwonerAsInwoner = await api(
      s.url,
      'POST',
      `/api/households/${bakker.id}/uitnodigingen`,
      {
        token: inwoner.token,
        body: { name: 'Iemand', email: 'iemand@example.test', role: 'inwoner' },
      },
    );
    expect(inwonerAsInwoner.status).toBe(403);
    const huisarts = await loginAs(s.url, 'huisarts');
    const byLid = await api(s.url, 'POST', `/api/households/${bakker.id}/uitnodigingen`, {
      token: huisarts.token,
      body: {
        name: 'Iemand',
        email: 'iemand2@example.test',
        role: 'naaste',
        inwonerToestemming: true,
      },
    });
    expect(byLid.status).toBe(403);
    const taken = await api<ErrorDto>(s.url, 'POST', `/api/households/${bakker.id}/uitnodigingen`, {
      token: inwoner.token,
      body: { name: 'Dubbel', email: 'huisarts@demo.spil.test', role: 'naaste' },
    });
    expect(taken.status).toBe(409);
  });
});
