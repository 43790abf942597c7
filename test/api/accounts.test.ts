import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import type {
  AccountDto,
  ErrorDto,
  LoginResponse,
  RecoveryCodesDto,
  TotpEnrolmentDto,
} from '@spil/shared';
import { io } from 'socket.io-client';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { openEvents } from './casus-helpers';
import { RawCollab } from './collab-client';
import { createBeheerder } from '../../server/src/modules/users/first-beheerder';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import type { TestServer } from '../support/server';
import { linkIn, startServerWithSmtp, type TestSmtp } from '../support/smtp';

const codeOf = (link: string) => link.split('#code=')[1] ?? '';

async function login(url: string, email: string, password: string) {
  return api<LoginResponse & ErrorDto>(url, 'POST', '/api/auth/login', {
    body: { email, password },
  });
}

describe.each(databaseKinds())('accounts and beheer on %s', (kind) => {
  let s: TestServer;
  let smtp: TestSmtp;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ server: s, smtp, stop } = await startServerWithSmtp(kind, { REQUIRE_2FA: 'staff' }));
  });
  afterAll(() => stop?.());

  async function auditEvents(event: string): Promise<{ detail: Record<string, unknown> }[]> {
    // Records reach the chain through the writer's queue: give it a moment.
    await new Promise((r) => setTimeout(r, 300));
    const rows: { detail: string | null }[] = await dataSourceOf(s).query(
      `SELECT detail FROM audit_event WHERE event = $1`,
      [event],
    );
    return rows.map((r) => ({ detail: JSON.parse(r.detail ?? '{}') as Record<string, unknown> }));
  }

  /** Enrol an authenticator app for the session's person: its secret and the recovery codes. */
  async function enrolApp(token: string) {
    const enrol = await api<TotpEnrolmentDto>(s.url, 'POST', '/api/auth/second-factor/enrol', {
      token,
    });
    const secret = enrol.body.secret;
    const confirm = await api<RecoveryCodesDto>(s.url, 'POST', '/api/auth/second-factor/confirm', {
      token,
      body: { code: await generate({ secret }) },
    });
    expect(confirm.status).toBe(200);
    expect(confirm.body.recoveryCodes).toHaveLength(10);
    return { secret, recoveryCodes: confirm.body.recoveryCodes };
  }

  /** A staff login under REQUIRE_2FA=staff: enrol on first use; returns a full token and the secret. */
  async function staffLogin(email: string, password: string, secret?: string) {
    const res = await login(s.url, email, password);
    expect(res.status).toBe(200);
    const token = res.body.accessToken;
    if (!secret) {
      expect(res.body.secondFactor).toBe('enrol');
      secret = (await enrolApp(token)).secret;
    } else {
      expect(res.body.secondFactor).toBe('code');
    }
    return { token, secret };
  }

  it('a beheerder invites a professional by e-mail; the single-use link sets the password; every step is audited', async () => {
    const beheerder = await createUser(s, { systemRole: 'beheerder', wijkteamId: null });
    const { token } = await staffLogin(beheerder.email, beheerder.password);
    const wijkteams = await api<{ id: string; name: string }[]>(
      s.url,
      'GET',
      '/api/beheer/wijkteams',
      {
        token,
      },
    );
    const wt = wijkteams.body[0]!;
    const org = await api<{ id: string }>(s.url, 'POST', '/api/beheer/organisations', {
      token,
      body: { name: `Thuiszorg Test ${kind}` },
    });
    expect(org.status).toBe(201);
    const email = `nieuw-${kind}@example.test`;
    const invite = await api<{ userId: string }>(s.url, 'POST', '/api/beheer/accounts', {
      token,
      body: {
        name: 'Noor Testvrouw',
        email,
        discipline: 'wijkverpleegkundige',
        domain: 'medisch',
        organisation: `Thuiszorg Test ${kind}`,
        systemRole: 'professional',
        wijkteamId: wt.id,
      },
    });
    expect(invite.status).toBe(201);
    const mail = await smtp.next(email);
    expect(mail.subject).toBe('Uitnodiging voor Spil');
    expect(mail.text).not.toContain('Noor');
    const link = linkIn(mail);
    expect(link.startsWith(`${s.url}/wachtwoord-instellen#code=`)).toBe(true);

    // Inactive until the link is used.
    expect((await login(s.url, email, 'een-nieuw-wachtwoord')).status).toBe(401);
    const set = await api(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
      body: { token: codeOf(link), password: 'een-nieuw-wachtwoord' },
    });
    expect(set.status).toBe(200);
    const again = await api<ErrorDto>(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
      body: { token: codeOf(link), password: 'nog-een-wachtwoord' },
    });
    expect(again.body.code).toBe('auth.invalid_link');
    const ok = await login(s.url, email, 'een-nieuw-wachtwoord');
    expect(ok.status).toBe(200);
    // A professional needs no second factor under `staff`.
    expect(ok.body.secondFactor).toBe('none');

    const list = await api<AccountDto[]>(s.url, 'GET', '/api/beheer/accounts', { token });
    expect(list.body.find((a) => a.email === email)).toMatchObject({
      active: true,
      invited: false,
    });
    expect(
      (await auditEvents('beheer.account_invited')).some(
        (r) => r.detail.accountId === invite.body.userId,
      ),
    ).toBe(true);
    expect((await auditEvents('account.activated')).length).toBeGreaterThan(0);
  });

  it('a coördinator manages only their own wijkteam; a role change and a deactivation end the sessions; history stays', async () => {
    const coord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      password: 'coordinator-pw-1',
    });
    const { token } = await staffLogin(coord.email, 'coordinator-pw-1');
    const other = await createUser(s, { wijkteamId: null });
    const colleague = await createUser(s, { wijkteamId: coord.wijkteamId });
    const colleagueLogin = await loginAs(s.url, colleague.email, colleague.password);

    expect(
      (await api(s.url, 'POST', `/api/beheer/accounts/${other.id}/deactivate`, { token })).status,
    ).toBe(404);
    const beheerder = await api<ErrorDto>(s.url, 'PATCH', `/api/beheer/accounts/${colleague.id}`, {
      token,
      body: { systemRole: 'beheerder' },
    });
    expect(beheerder.status).toBe(403);

    const promoted = await api<AccountDto>(s.url, 'PATCH', `/api/beheer/accounts/${colleague.id}`, {
      token,
      body: { systemRole: 'coordinator' },
    });
    expect(promoted.body.systemRole).toBe('coordinator');
    expect((await api(s.url, 'GET', '/api/auth/me', { token: colleagueLogin.token })).status).toBe(
      401,
    );

    const deact = await api(s.url, 'POST', `/api/beheer/accounts/${colleague.id}/deactivate`, {
      token,
    });
    expect(deact.status).toBe(204);
    expect((await login(s.url, colleague.email, colleague.password)).status).toBe(401);
    const rows: unknown = await dataSourceOf(s).query(`SELECT active FROM app_user WHERE id = $1`, [
      colleague.id,
    ]);
    expect(rows).toEqual([{ active: false }]);
    expect(
      (await auditEvents('beheer.account_deactivated')).some(
        (r) => r.detail.accountId === colleague.id,
      ),
    ).toBe(true);
  });

  it('password reset: the same answer for a known and an unknown address; a single-use link; rate-limited per address', async () => {
    const user = await createUser(s);
    const known = await api<{ message: string }>(s.url, 'POST', '/api/auth/password-reset', {
      body: { email: user.email },
    });
    const unknown = await api<{ message: string }>(s.url, 'POST', '/api/auth/password-reset', {
      body: { email: `niemand-${kind}@example.test` },
    });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(unknown.body).toEqual(known.body);
    const mail = await smtp.next(user.email);
    expect(mail.text).not.toContain(user.name);
    await expect(smtp.next(`niemand-${kind}@example.test`, 500)).rejects.toThrow();

    const code = codeOf(linkIn(mail));
    expect(
      (
        await api(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
          body: { token: code, password: 'hersteld-wachtwoord' },
        })
      ).status,
    ).toBe(200);
    expect((await login(s.url, user.email, user.password)).status).toBe(401);
    expect((await login(s.url, user.email, 'hersteld-wachtwoord')).status).toBe(200);
    expect(
      (
        await api(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
          body: { token: code, password: 'nog-eens-anders' },
        })
      ).status,
    ).toBe(400);

    // Three links an hour per address; the fourth request answers the same and sends nothing.
    for (let i = 0; i < 2; i++) {
      await api(s.url, 'POST', '/api/auth/password-reset', { body: { email: user.email } });
      await smtp.next(user.email);
    }
    const before = smtp.mails.filter((m) => m.to.includes(user.email)).length;
    expect(before).toBe(3);
    const fourth = await api(s.url, 'POST', '/api/auth/password-reset', {
      body: { email: user.email },
    });
    expect(fourth.body).toEqual(known.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.mails.filter((m) => m.to.includes(user.email)).length).toBe(before);
  });

  it('changes the own password: the old one stops working and other sessions end', async () => {
    const user = await createUser(s);
    const a = await loginAs(s.url, user.email, user.password);
    const b = await loginAs(s.url, user.email, user.password);
    const wrong = await api<ErrorDto>(s.url, 'POST', '/api/auth/password', {
      token: a.token,
      body: { currentPassword: 'fout', newPassword: 'een-heel-nieuw-wachtwoord' },
    });
    expect(wrong.body.code).toBe('auth.wrong_password');
    const ok = await api(s.url, 'POST', '/api/auth/password', {
      token: a.token,
      body: { currentPassword: user.password, newPassword: 'een-heel-nieuw-wachtwoord' },
    });
    expect(ok.status).toBe(204);
    expect((await api(s.url, 'GET', '/api/auth/me', { token: a.token })).status).toBe(200);
    expect((await api(s.url, 'GET', '/api/auth/me', { token: b.token })).status).toBe(401);
    expect((await login(s.url, user.email, 'een-heel-nieuw-wachtwoord')).status).toBe(200);
  });

  it('REQUIRE_2FA=staff: a coördinator with only a password reads nothing until the code; recovery codes work once', async () => {
    const coord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      password: 'coordinator-pw-2',
    });
    const first = await login(s.url, coord.email, 'coordinator-pw-2');
    expect(first.body.secondFactor).toBe('enrol');
    const pending = first.body.accessToken;
    const refused = await api<ErrorDto>(s.url, 'GET', '/api/households', { token: pending });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('auth.second_factor_required');
    expect((await api(s.url, 'GET', '/api/audit', { token: pending })).status).toBe(401);
    // Nor live connections.
    const socket = io(`${s.url}/events`, {
      auth: { token: pending },
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
    });
    const refusedSocket = await new Promise<boolean>((resolve) => {
      socket.once('connect', () => resolve(false));
      socket.once('connect_error', () => resolve(true));
    });
    socket.close();
    expect(refusedSocket).toBe(true);
    const bakker = await householdByName(s, 'Gezin Bakker');
    const collab = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, pending);
    expect(await collab.roundTrip()).not.toBe('synced');

    const enrol = await api<TotpEnrolmentDto>(s.url, 'POST', '/api/auth/second-factor/enrol', {
      token: pending,
    });
    expect(enrol.body.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrol.body.qr).toMatch(/^data:image\/svg\+xml;base64,/);
    const bad = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/confirm', {
      token: pending,
      body: { code: '000000' },
    });
    expect(bad.body.code).toBe('auth.second_factor_invalid');
    const secret = enrol.body.secret;
    const codes = await api<RecoveryCodesDto>(s.url, 'POST', '/api/auth/second-factor/confirm', {
      token: pending,
      body: { code: await generate({ secret }) },
    });
    expect(codes.status).toBe(200);
    expect((await api(s.url, 'GET', '/api/households', { token: pending })).status).toBe(200);

    // Next login: the code is asked; a recovery code works once.
    const second = await login(s.url, coord.email, 'coordinator-pw-2');
    expect(second.body.secondFactor).toBe('code');
    const recovery = codes.body.recoveryCodes[0]!;
    expect(
      (
        await api(s.url, 'POST', '/api/auth/second-factor/verify', {
          token: second.body.accessToken,
          body: { code: recovery },
        })
      ).status,
    ).toBe(204);
    const third = await login(s.url, coord.email, 'coordinator-pw-2');
    const reused = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/verify', {
      token: third.body.accessToken,
      body: { code: recovery },
    });
    expect(reused.body.code).toBe('auth.second_factor_invalid');
    expect((await auditEvents('auth.second_factor_enrolled')).length).toBeGreaterThan(0);
    expect((await auditEvents('auth.second_factor')).length).toBeGreaterThanOrEqual(2);
  });

  it('deactivation closes that person’s live connections (socket.io and collab) within 1 s', async () => {
    const coord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      password: 'coordinator-pw-3',
    });
    const { token } = await staffLogin(coord.email, 'coordinator-pw-3');
    const colleague = await createUser(s, { wijkteamId: coord.wijkteamId });
    const bakker = await householdByName(s, 'Gezin Bakker');
    await addToTeam(s, bakker.id, colleague.id, 'lid');
    const their = await loginAs(s.url, colleague.email, colleague.password);

    const events = openEvents(s, their.token);
    await events.connected;
    const collab = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, their.token);
    expect(await collab.roundTrip()).toBe('synced');

    const start = Date.now();
    let socketClosedAt = 0;
    events.socket.once('disconnect', () => (socketClosedAt = Date.now()));
    const res = await api(s.url, 'POST', `/api/beheer/accounts/${colleague.id}/deactivate`, {
      token,
    });
    expect(res.status).toBe(204);
    await eventually(() => {
      expect(socketClosedAt).toBeGreaterThan(0);
      expect(collab.closeCode).not.toBeNull();
    }, 2000);
    const collabClosedAt = Date.now();
    expect(socketClosedAt - start).toBeLessThan(1000);
    expect(collabClosedAt - start).toBeLessThan(1000);
    events.close();
  });

  it('the first beheerder (pnpm beheerder:create) chooses a password with the link and must enrol a second factor', async () => {
    const email = `eerste-beheerder-${kind}@gemeente.example`;
    const { code } = await createBeheerder(
      dataSourceOf(s),
      { email, name: 'Eerste Beheerder', organisation: 'Gemeente' },
      72,
    );
    expect((await login(s.url, email, 'beheerder-wachtwoord')).status).toBe(401);
    const set = await api(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
      body: { token: code, password: 'beheerder-wachtwoord' },
    });
    expect(set.status).toBe(200);
    const { token } = await staffLogin(email, 'beheerder-wachtwoord');
    const accounts = await api<AccountDto[]>(s.url, 'GET', '/api/beheer/accounts', { token });
    expect(accounts.status).toBe(200);
    expect(accounts.body.some((a) => a.email === email && a.systemRole === 'beheerder')).toBe(true);
  });

  it('documents POST /api/auth/password-reset in the OpenAPI', async () => {
    const doc = await api<{ paths: Record<string, Record<string, unknown>> }>(
      s.url,
      'GET',
      '/api/docs-json',
    );
    expect(Object.keys(doc.body.paths['/api/auth/password-reset'] ?? {})).toEqual(['post']);
  });

  it('the demo has a beheerder and the organisations of the demo professionals', async () => {
    const { token } = await staffLogin('beheerder@demo.spil.test', 'spil-demo');
    const orgs = await api<{ name: string }[]>(s.url, 'GET', '/api/beheer/organisations', {
      token,
    });
    expect(orgs.body.length).toBeGreaterThan(1);
    const accounts = await api<AccountDto[]>(s.url, 'GET', '/api/beheer/accounts', { token });
    expect(accounts.body.some((a) => a.email === 'coordinator@demo.spil.test')).toBe(true);
  });

  it('invites again an account that is not active: the old link stops working, the new one (re)activates', async () => {
    const coord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      password: 'coordinator-pw-4',
    });
    const { token } = await staffLogin(coord.email, 'coordinator-pw-4');
    const email = `opnieuw-${kind}@example.test`;
    const invite = await api<{ userId: string }>(s.url, 'POST', '/api/beheer/accounts', {
      token,
      body: {
        name: 'Olga Opnieuw',
        email,
        discipline: 'jeugdconsulent',
        domain: 'sociaal',
        organisation: 'Gemeente',
        systemRole: 'professional',
      },
    });
    const first = codeOf(linkIn(await smtp.next(email)));
    const again = await api(
      s.url,
      'POST',
      `/api/beheer/accounts/${invite.body.userId}/invite-again`,
      {
        token,
      },
    );
    expect(again.status).toBe(201);
    const second = codeOf(linkIn(await smtp.next(email)));
    const old = await api<ErrorDto>(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
      body: { token: first, password: 'olga-wachtwoord' },
    });
    expect(old.body.code).toBe('auth.invalid_link');
    expect(
      (
        await api(s.url, 'POST', '/api/auth/wachtwoord-instellen', {
          body: { token: second, password: 'olga-wachtwoord' },
        })
      ).status,
    ).toBe(200);
    expect((await login(s.url, email, 'olga-wachtwoord')).status).toBe(200);
    const active = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/beheer/accounts/${invite.body.userId}/invite-again`,
      { token },
    );
    expect(active.body.code).toBe('beheer.already_active');
  });

  it('a beheerder renames a wijkteam and an organisation (its accounts follow); a coördinator only their own wijkteam; names checked; audited by id', async () => {
    const beheerder = await createUser(s, { systemRole: 'beheerder', wijkteamId: null });
    const { token } = await staffLogin(beheerder.email, beheerder.password);
    const put = (path: string, body: unknown, t = token) =>
      api<ErrorDto & { id: string; name: string; wijk: string }>(s.url, 'PUT', path, {
        token: t,
        body,
      });
    const wt = await api<{ id: string }>(s.url, 'POST', '/api/beheer/wijkteams', {
      token,
      body: { name: `Wijkteam Noord ${kind}`, wijk: 'Noord' },
    });
    expect(wt.status).toBe(201);
    const other = await api<{ id: string }>(s.url, 'POST', '/api/beheer/wijkteams', {
      token,
      body: { name: `Wijkteam Zuid ${kind}`, wijk: 'Zuid' },
    });
    const renamed = await put(`/api/beheer/wijkteams/${wt.body.id}`, {
      name: `Wijkteam Noord-West ${kind}`,
      wijk: 'Noord-West',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: `Wijkteam Noord-West ${kind}`, wijk: 'Noord-West' });
    expect(
      (await put(`/api/beheer/wijkteams/${wt.body.id}`, { name: 'N', wijk: 'Noord' })).body.code,
    ).toBe('validation.invalid');
    expect(
      (
        await put(`/api/beheer/wijkteams/${wt.body.id}`, {
          name: `Wijkteam Zuid ${kind}`,
          wijk: 'Noord',
        })
      ).body.code,
    ).toBe('beheer.name_taken');

    const org = await api<{ id: string }>(s.url, 'POST', '/api/beheer/organisations', {
      token,
      body: { name: `Buurtzorg Oud ${kind}` },
    });
    const member = await createUser(s, { organisation: `Buurtzorg Oud ${kind}` });
    const orgRenamed = await put(`/api/beheer/organisations/${org.body.id}`, {
      name: `Buurtzorg Nieuw ${kind}`,
    });
    expect(orgRenamed.status).toBe(200);
    expect(orgRenamed.body.name).toBe(`Buurtzorg Nieuw ${kind}`);
    const [row] = await dataSourceOf(s).query<{ organisation: string }[]>(
      `SELECT organisation FROM app_user WHERE id = $1`,
      [member.id],
    );
    expect(row?.organisation).toBe(`Buurtzorg Nieuw ${kind}`);
    expect((await put(`/api/beheer/organisations/${org.body.id}`, { name: ' ' })).body.code).toBe(
      'validation.invalid',
    );

    // A coördinator renames their own wijkteam, not another, and no organisation.
    const coord = await createUser(s, {
      systemRole: 'coordinator',
      discipline: 'coordinator',
      wijkteamId: wt.body.id,
    });
    const c = await staffLogin(coord.email, coord.password);
    expect(
      (
        await put(
          `/api/beheer/wijkteams/${wt.body.id}`,
          { name: `Wijkteam NW ${kind}`, wijk: 'NW' },
          c.token,
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await put(
          `/api/beheer/wijkteams/${other.body.id}`,
          { name: `Van mij ${kind}`, wijk: 'Zuid' },
          c.token,
        )
      ).body.code,
    ).toBe('beheer.not_found');
    expect(
      (await put(`/api/beheer/organisations/${org.body.id}`, { name: `Van mij ${kind}` }, c.token))
        .status,
    ).toBe(403);

    const updated = await auditEvents('beheer.wijkteam_updated');
    expect(updated.filter((r) => r.detail.wijkteamId === wt.body.id)).toHaveLength(2);
    const orgEvents = await auditEvents('beheer.organisation_renamed');
    expect(orgEvents.filter((r) => r.detail.organisationId === org.body.id)).toHaveLength(1);
    const details = JSON.stringify([...updated, ...orgEvents]);
    for (const name of ['Noord', 'Buurtzorg', 'NW']) expect(details).not.toContain(name);
  });

  it('the own second factor: new recovery codes and turning it off ask a current code; not off when REQUIRE_2FA requires it', async () => {
    /** A professional (optional under `staff`) with the factor on; returns a full session and the secret. */
    async function withFactor(password: string) {
      const pro = await createUser(s, { password });
      const res = await login(s.url, pro.email, password);
      expect(res.body.secondFactor).toBe('none');
      const token = res.body.accessToken;
      const { secret, recoveryCodes } = await enrolApp(token);
      return { pro, token, secret, oldCodes: recoveryCodes };
    }
    /** The code of the next 30-second step: the one just used does not work twice. */
    const nextCode = (secret: string) =>
      generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const settings = async (token: string) =>
      (
        await api<{ secondFactor: boolean; recoveryCodesLeft: number }>(
          s.url,
          'GET',
          '/api/auth/settings',
          { token },
        )
      ).body;

    // New recovery codes: shown once, the old ones stop working.
    const a = await withFactor('pro-pw-renew-1');
    const wrong = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/recovery-codes', {
      token: a.token,
      body: { code: '000000' },
    });
    expect(wrong.body.code).toBe('auth.second_factor_invalid');
    const used = await nextCode(a.secret);
    const renewed = await api<RecoveryCodesDto>(
      s.url,
      'POST',
      '/api/auth/second-factor/recovery-codes',
      { token: a.token, body: { code: used } },
    );
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    expect(renewed.body.recoveryCodes).not.toContain(a.oldCodes[0]);
    expect((await settings(a.token)).recoveryCodesLeft).toBe(10);
    // The same code does not work a second time (turning off is refused with it).
    const replay = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/disable', {
      token: a.token,
      body: { code: used },
    });
    expect(replay.body.code).toBe('auth.second_factor_invalid');
    expect((await settings(a.token)).secondFactor).toBe(true);
    const next = await login(s.url, a.pro.email, 'pro-pw-renew-1');
    expect(next.body.secondFactor).toBe('code');
    const verify = (code: string) =>
      api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/verify', {
        token: next.body.accessToken,
        body: { code },
      });
    expect((await verify(a.oldCodes[0]!)).body.code).toBe('auth.second_factor_invalid');
    expect((await verify(renewed.body.recoveryCodes[0]!)).status).toBe(204);

    // Turning it off: the next login asks the password only.
    const b = await withFactor('pro-pw-off-1');
    const bad = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/disable', {
      token: b.token,
      body: { code: '123456' },
    });
    expect(bad.body.code).toBe('auth.second_factor_invalid');
    const off = await api(s.url, 'POST', '/api/auth/second-factor/disable', {
      token: b.token,
      body: { code: await nextCode(b.secret) },
    });
    expect(off.status).toBe(204);
    expect(await settings(b.token)).toMatchObject({ secondFactor: false, recoveryCodesLeft: 0 });
    const plain = await login(s.url, b.pro.email, 'pro-pw-off-1');
    expect(plain.body.secondFactor).toBe('none');
    expect(
      (await api(s.url, 'GET', '/api/households', { token: plain.body.accessToken })).status,
    ).toBe(200);

    // A coördinator under `staff` cannot turn it off, whatever the code.
    const coord = await createUser(s, { systemRole: 'coordinator', discipline: 'coordinator' });
    const c = await staffLogin(coord.email, coord.password);
    const refused = await api<ErrorDto>(s.url, 'POST', '/api/auth/second-factor/disable', {
      token: c.token,
      body: { code: await nextCode(c.secret) },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('auth.second_factor_required_by_policy');
    expect((await settings(c.token)).secondFactor).toBe(true);

    expect((await auditEvents('auth.second_factor_disabled')).length).toBeGreaterThan(0);
    expect((await auditEvents('auth.recovery_codes_renewed')).length).toBeGreaterThan(0);
  });
});
