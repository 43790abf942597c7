/**
 * The process of a household reaches other open screens live: a colour
 * change, an escalation and a phase change send `proces:changed` on
 * socket.io to the users who may see that part of the household, and to
 * nobody else (need to know).
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EscalationDto, HouseholdDto, ProcesChanged } from '@spil/shared';
import { addToTeam, createUser, CALM_QUICKSCAN } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

/** Long enough for an event that was sent at the same moment as one that arrived. */
const SETTLE_MS = 300;

describe.each(databaseKinds())('proces:changed on %s', (kind) => {
  let s: TestServer;
  const sockets: Socket[] = [];
  type Login = Awaited<ReturnType<typeof loginAs>>;
  let coord: Login;
  let mw: Login;
  let outsider: Login;

  beforeAll(async () => {
    s = await startTestServer(kind);
    coord = await loginAs(s.url, 'coordinator');
    mw = await loginAs(s.url, 'maatschappelijk-werker');
    // A professional of the same wijkteam who is on other teams, not on these households.
    outsider = await loginAs(s.url, 'huisarts');
  });
  afterAll(async () => {
    for (const so of sockets) so.disconnect();
    await s?.stop();
  });

  /** A socket that records every `proces:changed` it gets. */
  async function listen(token: string): Promise<ProcesChanged[]> {
    const so = io(`${s.url}/events`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(so);
    const got: ProcesChanged[] = [];
    so.on('proces:changed', (e: ProcesChanged) => got.push(e));
    await new Promise<void>((resolve, reject) => {
      so.once('connect', () => resolve());
      so.once('connect_error', reject);
    });
    return got;
  }

  async function freshHousehold(phase?: 'afgesloten'): Promise<HouseholdDto> {
    const res = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `L-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Livefictief',
        wijk: 'Testwijk',
        ...(phase ? { phase } : {}),
      },
    });
    expect(res.status).toBe(201);
    await addToTeam(s, res.body.id, mw.user.id, 'lid');
    return res.body;
  }

  /** A made-up person on the household's team with the given role, logged in. */
  async function member(householdId: string, role: 'lid' | 'meelezer' | 'inwoner'): Promise<Login> {
    const u = await createUser(s, {
      name: role === 'inwoner' ? 'Robin Livefictief' : 'Kim Collega',
      ...(role === 'inwoner' ? { systemRole: 'inwoner', wijkteamId: null } : {}),
    });
    await addToTeam(s, householdId, u.id, role);
    return loginAs(s.url, u.email, u.password);
  }

  it('tells the team and the coördinator of a colour change and an escalation, and nobody outside the team', async () => {
    const h = await freshHousehold();
    const colleague = await member(h.id, 'meelezer');
    const inwoner = await member(h.id, 'inwoner');
    const atColleague = await listen(colleague.token);
    const atCoord = await listen(coord.token);
    const atInwoner = await listen(inwoner.token);
    const atOutsider = await listen(outsider.token);
    const mine = (got: ProcesChanged[]) =>
      got.filter((e) => e.householdId === h.id).map((e) => e.what);

    // The first quickscan gives a colour and moves the phase on.
    const scan = await api(s.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mw.token,
      body: { answers: CALM_QUICKSCAN },
    });
    expect(scan.status).toBe(201);
    await eventually(() => expect(mine(atColleague)).toEqual(['kleur', 'fase']));
    await eventually(() => expect(mine(atCoord)).toEqual(['kleur', 'fase']));
    // The inwoner does not see the colour, only the phase of their own household.
    await eventually(() => expect(mine(atInwoner)).toEqual(['fase']));

    const rood = await api(s.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mw.token,
      body: { colour: 'rood', reason: 'Nieuwe melding' },
    });
    expect(rood.status).toBe(201);
    await eventually(() => expect(mine(atColleague)).toEqual(['kleur', 'fase', 'kleur']));

    const escalation = await api<EscalationDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/escalations`,
      {
        token: mw.token,
        body: {
          target: 'veilig-thuis',
          date: new Date().toISOString().slice(0, 10),
          reason: 'Vermoeden van kindermishandeling',
          contact: 'Veilig Thuis, dienstdoende',
        },
      },
    );
    expect(escalation.status).toBe(201);
    await eventually(() =>
      expect(mine(atColleague)).toEqual(['kleur', 'fase', 'kleur', 'escalatie']),
    );
    const closed = await api(
      s.url,
      'PATCH',
      `/api/households/${h.id}/escalations/${escalation.body.id}`,
      { token: mw.token, body: { outcome: 'Veilig Thuis doet onderzoek', close: true } },
    );
    expect(closed.status).toBe(200);
    await eventually(() =>
      expect(mine(atColleague)).toEqual(['kleur', 'fase', 'kleur', 'escalatie', 'escalatie']),
    );
    await eventually(() =>
      expect(mine(atCoord)).toEqual(['kleur', 'fase', 'kleur', 'escalatie', 'escalatie']),
    );

    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(atOutsider).toEqual([]);
    expect(mine(atInwoner)).toEqual(['fase']);
    // The event says what changed, never the new value.
    expect(atColleague.every((e) => Object.keys(e).sort().join() === 'householdId,what')).toBe(
      true,
    );
  });

  it('stops telling someone who left the team, and tells the whole team when a household is reopened', async () => {
    const h = await freshHousehold('afgesloten');
    const colleague = await member(h.id, 'lid');
    const inwoner = await member(h.id, 'inwoner');
    const leaver = await member(h.id, 'meelezer');
    const atColleague = await listen(colleague.token);
    const atInwoner = await listen(inwoner.token);
    const atLeaver = await listen(leaver.token);
    const atOutsider = await listen(outsider.token);

    const removed = await api(s.url, 'DELETE', `/api/households/${h.id}/team/${leaver.user.id}`, {
      token: coord.token,
    });
    expect(removed.status).toBeLessThan(300);

    const reopened = await api(s.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: coord.token,
      body: { reason: 'Nieuwe zorgen over de huur' },
    });
    expect(reopened.status).toBe(201);
    const fase = [{ householdId: h.id, what: 'fase' }];
    await eventually(() => expect(atColleague).toEqual(fase));
    await eventually(() => expect(atInwoner).toEqual(fase));
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    expect(atLeaver).toEqual([]);
    expect(atOutsider).toEqual([]);
  });
});
