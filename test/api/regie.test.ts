import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type {
  ErrorDto,
  HouseholdDto,
  NotificationDto,
  RegieDetailDto,
  RegieOverzichtDto,
} from '@spil/shared';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

describe.each(databaseKinds())('regie on %s', (kind) => {
  let s: TestServer;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    s = await startTestServer(kind);
  });
  afterAll(async () => {
    for (const so of sockets) so.disconnect();
    await s?.stop();
  });

  function connect(token: string): Promise<Socket> {
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

  it('lets only the coördinator assign regie, and changes nothing otherwise', async () => {
    const jansen = await householdByName(s, 'Huishouden Jansen');
    const huisarts = await loginAs(s.url, 'huisarts');
    const wmo = await loginAs(s.url, 'wmo-consulent');
    const before = await api<RegieDetailDto>(s.url, 'GET', `/api/households/${jansen.id}/regie`, {
      token: huisarts.token,
    });
    expect(before.body.current?.name).toBe('Fatma Yilmaz');

    for (const token of [huisarts.token, wmo.token]) {
      const res = await api<ErrorDto>(s.url, 'PUT', `/api/households/${jansen.id}/regie`, {
        token,
        body: { userId: huisarts.user.id, reason: 'Ik neem het over' },
      });
      expect(res.status).toBe(403);
    }
    const after = await api<RegieDetailDto>(s.url, 'GET', `/api/households/${jansen.id}/regie`, {
      token: huisarts.token,
    });
    expect(after.body).toEqual(before.body);
  });

  it('assigns regie with history, notifies the new regiehouder live, and refuses a meelezer', async () => {
    const jansen = await householdByName(s, 'Huishouden Jansen');
    const coord = await loginAs(s.url, 'coordinator');
    const wv = await loginAs(s.url, 'wijkverpleegkundige');
    const socket = await connect(wv.token);
    const received: NotificationDto[] = [];
    socket.on('notification:new', (n: NotificationDto) => received.push(n));

    const res = await api<RegieDetailDto>(s.url, 'PUT', `/api/households/${jansen.id}/regie`, {
      token: coord.token,
      body: { userId: wv.user.id, reason: 'Zorg thuis staat nu voorop' },
    });
    expect(res.status).toBe(200);
    expect(res.body.current?.name).toBe('Marloes de Groot');
    expect(res.body.history.map((h) => [h.name, h.until === null])).toEqual([
      ['Marloes de Groot', true],
      ['Fatma Yilmaz', false],
    ]);
    expect(res.body.history[0]?.reason).toBe('Zorg thuis staat nu voorop');
    expect(res.body.history[0]?.assignedByName).toBe('Ingrid Vermeer');
    await eventually(() => expect(received.map((n) => n.kind)).toContain('regie'));

    const list = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
      token: wv.token,
    });
    const n = list.body.find((x) => x.kind === 'regie');
    expect(n?.readAt).toBeNull();
    expect(
      (await api(s.url, 'POST', `/api/me/notifications/${n?.id}/read`, { token: wv.token })).status,
    ).toBe(204);
    const again = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
      token: wv.token,
    });
    expect(again.body.find((x) => x.id === n?.id)?.readAt).not.toBeNull();

    const household = await api<HouseholdDto>(s.url, 'GET', `/api/households/${jansen.id}`, {
      token: wv.token,
    });
    expect(household.body.regie?.name).toBe('Marloes de Groot');

    const mw = await loginAs(s.url, 'maatschappelijk-werker'); // meelezer on Jansen
    const refused = await api<ErrorDto>(s.url, 'PUT', `/api/households/${jansen.id}/regie`, {
      token: coord.token,
      body: { userId: mw.user.id, reason: 'Proberen' },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('regie.not_team_member');
  });

  it('validates the body and hides unknown households', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const jansen = await householdByName(s, 'Huishouden Jansen');
    const bad = await api<ErrorDto>(s.url, 'PUT', `/api/households/${jansen.id}/regie`, {
      token: coord.token,
      body: { userId: coord.user.id },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('reason');
    const unknown = await api(
      s.url,
      'PUT',
      '/api/households/00000000-0000-4000-8000-000000000000/regie',
      {
        token: coord.token,
        body: { userId: coord.user.id, reason: 'test' },
      },
    );
    expect(unknown.status).toBe(404);
  });

  it('hands regie over: the regiehouder offers, only the receiver accepts or declines', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const poh = await loginAs(s.url, 'poh-jeugd');
    const jc = await loginAs(s.url, 'jeugdconsulent');

    const notHolder = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht`,
      {
        token: jc.token,
        body: { userId: poh.user.id, reason: 'Graag' },
      },
    );
    expect(notHolder.status).toBe(403);

    const offer = await api<{ id: string; status: string }>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht`,
      {
        token: mw.token,
        body: { userId: jc.user.id, reason: 'Jeugdhulp staat centraal' },
      },
    );
    expect(offer.status).toBe(201);
    const declined = await api<RegieDetailDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht/${offer.body.id}/weigeren`,
      { token: jc.token },
    );
    expect(declined.status).toBe(200);
    expect(declined.body.current?.name).toBe('Johan Kuipers');

    const offer2 = await api<{ id: string }>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht`,
      {
        token: mw.token,
        body: { userId: poh.user.id, reason: 'Zorgen om Noah staan voorop' },
      },
    );
    const wrong = await api(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht/${offer2.body.id}/accepteren`,
      { token: jc.token },
    );
    expect(wrong.status).toBe(403);
    const accepted = await api<RegieDetailDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht/${offer2.body.id}/accepteren`,
      { token: poh.token },
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body.current?.name).toBe('Samira El Idrissi');
    expect(accepted.body.history[0]?.assignedByName).toBe('Johan Kuipers');
    expect(accepted.body.openHandover).toBeNull();
    const twice = await api(
      s.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht/${offer2.body.id}/accepteren`,
      { token: poh.token },
    );
    expect(twice.status).toBe(404);
  });

  it('gives the coördinator "regie op regie" and nobody else', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const res = await api<RegieOverzichtDto>(s.url, 'GET', '/api/regie/overzicht?stalledDays=7', {
      token: coord.token,
    });
    expect(res.status).toBe(200);
    expect(res.body.withoutRegie.map((h) => h.name)).toContain('Gezin Visser');
    expect(res.body.workload.some((w) => w.name === 'Pieter Hendriks')).toBe(true);
    const huisarts = await loginAs(s.url, 'huisarts');
    expect(
      (await api(s.url, 'GET', '/api/regie/overzicht', { token: huisarts.token })).status,
    ).toBe(403);
    const badQuery = await api<ErrorDto>(s.url, 'GET', '/api/regie/overzicht?stalledDays=abc', {
      token: coord.token,
    });
    expect(badQuery.status).toBe(400);
  });
});
