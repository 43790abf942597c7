/**
 * Regie, actions and terugkoppeling live: the read model follows the plan,
 * a status update reaches the regiehouder's socket, a regie change reaches
 * open plans.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import {
  PlanDoc,
  type ActionRowDto,
  type ErrorDto,
  type NotificationDto,
  type WieDoetWatDto,
} from '@spil/shared';
import { connect, synced, type Client } from '../collab/helpers';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('actions and terugkoppeling on %s', (kind) => {
  let s: TestServer;
  const clients: Client[] = [];
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.disconnect();
  });
  afterAll(async () => s?.stop());

  function socketFor(token: string): Promise<Socket> {
    const so = io(`${s.url}/events`, {
      auth: { token },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(so);
    return new Promise((resolve, reject) => {
      so.once('connect', () => resolve(so));
      so.once('connect_error', reject);
    });
  }

  async function openPlan(token: string, householdId: string): Promise<Client> {
    const c = connect(s.wsUrl, token, householdId);
    clients.push(c);
    await synced(c);
    return c;
  }

  it('projects an action created in a plan into the owner’s /api/me/actions within two seconds', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const poh = await loginAs(s.url, 'poh-jeugd');
    const plan = await openPlan(mw.token, bakker.id);
    const started = performance.now();
    const id = new PlanDoc(plan.doc).addActie({
      titel: 'Gesprek met Noah over school',
      eigenaarId: poh.user.id,
      deadline: '2026-12-15',
      inschakelen: 'Als Noah niet naar school gaat',
    });
    await eventually(async () => {
      const mine = await api<ActionRowDto[]>(s.url, 'GET', '/api/me/actions', { token: poh.token });
      expect(mine.body.map((a) => a.id)).toContain(id);
    }, 2000);
    console.log(
      `[${kind}] action visible in /api/me/actions after ${Math.round(performance.now() - started)} ms`,
    );
    const mine = await api<ActionRowDto[]>(s.url, 'GET', '/api/me/actions', { token: poh.token });
    const row = mine.body.find((a) => a.id === id);
    expect(row).toMatchObject({
      householdName: 'Gezin Bakker',
      eigenaarNaam: 'Samira El Idrissi',
      zonderEigenaar: false,
      overdue: false,
    });
  });

  it('sends a terugkoppeling from the owner into the plan and to the regiehouder’s socket', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker'); // regiehouder
    const jc = await loginAs(s.url, 'jeugdconsulent');
    const plan = await openPlan(mw.token, bakker.id);
    const id = new PlanDoc(plan.doc).addActie({
      titel: 'Beschikking jeugdhulp aanvragen',
      eigenaarId: jc.user.id,
      deadline: '2026-12-01',
    });
    await eventually(async () => {
      const rows = await api<ActionRowDto[]>(s.url, 'GET', '/api/me/actions', { token: jc.token });
      expect(rows.body.map((a) => a.id)).toContain(id);
    });

    const regieSocket = await socketFor(mw.token);
    const got: { n: NotificationDto; at: number }[] = [];
    regieSocket.on('notification:new', (n: NotificationDto) =>
      got.push({ n, at: performance.now() }),
    );

    const other = await loginAs(s.url, 'huisarts');
    const notOwner = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/acties/${id}/terugkoppeling`,
      {
        token: other.token,
        body: { tekst: 'Ik doe het wel', status: 'bezig' },
      },
    );
    expect(notOwner.status).toBe(403);

    const sentAt = performance.now();
    const res = await api(
      s.url,
      'POST',
      `/api/households/${bakker.id}/acties/${id}/terugkoppeling`,
      {
        token: jc.token,
        body: { tekst: 'Aanvraag ingediend, besluit binnen zes weken', status: 'bezig' },
      },
    );
    expect(res.status).toBe(201);
    await eventually(() => expect(got.some((g) => g.n.kind === 'terugkoppeling')).toBe(true));
    const first = got.find((g) => g.n.kind === 'terugkoppeling');
    console.log(
      `[${kind}] terugkoppeling → regiehouder notification: ${Math.round((first?.at ?? 0) - sentAt)} ms (including the HTTP round trip)`,
    );
    expect(first?.n.body).toBe('Aanvraag ingediend, besluit binnen zes weken');
    // The open plan shows it in the action's history.
    await eventually(() => {
      const actie = new PlanDoc(plan.doc).actie(id);
      expect(actie?.status).toBe('bezig');
      expect(actie?.updates.at(-1)?.tekst).toBe('Aanvraag ingediend, besluit binnen zes weken');
    });
    const view = await api<WieDoetWatDto>(
      s.url,
      'GET',
      `/api/households/${bakker.id}/wie-doet-wat`,
      { token: other.token },
    );
    await eventually(async () => {
      const v = await api<WieDoetWatDto>(
        s.url,
        'GET',
        `/api/households/${bakker.id}/wie-doet-wat`,
        { token: other.token },
      );
      expect(v.body.actions.find((a) => a.id === id)?.laatsteTerugkoppeling?.tekst).toBe(
        'Aanvraag ingediend, besluit binnen zes weken',
      );
    });
    expect(view.body.regie?.name).toBe('Johan Kuipers');

    const bad = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/acties/${id}/terugkoppeling`,
      {
        token: jc.token,
        body: { tekst: '', status: 'klaar' },
      },
    );
    expect(bad.status).toBe(400);
    const missing = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/acties/00000000-0000-4000-8000-000000000000/terugkoppeling`,
      {
        token: jc.token,
        body: { tekst: 'x', status: 'bezig' },
      },
    );
    expect(missing.status).toBe(404);
  });

  it('shows a new regiehouder in an open plan within a second', async () => {
    const jansen = await householdByName(s, 'Huishouden Jansen');
    const huisarts = await loginAs(s.url, 'huisarts');
    const coord = await loginAs(s.url, 'coordinator');
    const plan = await openPlan(huisarts.token, jansen.id);
    const started = performance.now();
    const res = await api(s.url, 'PUT', `/api/households/${jansen.id}/regie`, {
      token: coord.token,
      body: { userId: huisarts.user.id, reason: 'Medische zorg staat voorop' },
    });
    expect(res.status).toBe(200);
    await eventually(
      () => expect(new PlanDoc(plan.doc).regie()?.userId).toBe(huisarts.user.id),
      1000,
    );
    console.log(
      `[${kind}] regie change visible in the open plan after ${Math.round(performance.now() - started)} ms`,
    );
  });

  it('shows the actions of someone who left the team as "zonder eigenaar"', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const wmo = await loginAs(s.url, 'wmo-consulent');
    const coord = await loginAs(s.url, 'coordinator');
    const plan = await openPlan(mw.token, bakker.id);
    const id = new PlanDoc(plan.doc).addActie({
      titel: 'Huishoudelijke hulp regelen',
      eigenaarId: wmo.user.id,
    });
    await eventually(async () => {
      const v = await api<WieDoetWatDto>(
        s.url,
        'GET',
        `/api/households/${bakker.id}/wie-doet-wat`,
        { token: mw.token },
      );
      expect(v.body.actions.find((a) => a.id === id)?.zonderEigenaar).toBe(false);
    });
    expect(
      (
        await api(s.url, 'DELETE', `/api/households/${bakker.id}/team/${wmo.user.id}`, {
          token: coord.token,
        })
      ).status,
    ).toBe(204);
    const v = await api<WieDoetWatDto>(s.url, 'GET', `/api/households/${bakker.id}/wie-doet-wat`, {
      token: mw.token,
    });
    expect(v.body.actions.find((a) => a.id === id)).toMatchObject({
      zonderEigenaar: true,
      eigenaarNaam: null,
    });
  });
});
