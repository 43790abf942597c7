import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type {
  AuditEventDto,
  ErrorDto,
  HandoverDto,
  HandoverHistoryEntryDto,
  HouseholdDto,
  NotificationDto,
  RegieDetailDto,
  RegieOverzichtDto,
} from '@spil/shared';
import { addToTeam, createUser, householdByName } from '../factories';
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

  type Login = Awaited<ReturnType<typeof loginAs>>;

  /**
   * A household of its own, so these tests depend on no other: the
   * regiehouder (who offers), the colleague the offer goes to and a third
   * lid, each a new made-up professional.
   */
  async function handoverSetup(): Promise<{
    household: HouseholdDto;
    coord: Login;
    holder: Login;
    receiver: Login;
    third: Login;
  }> {
    const coord = await loginAs(s.url, 'coordinator');
    const created = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `R-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Intrekfictief',
        wijk: 'Testwijk',
      },
    });
    expect(created.status).toBe(201);
    const people: Login[] = [];
    for (const name of ['Anouk Aanbieder', 'Bram Ontvanger', 'Cor Derde']) {
      const u = await createUser(s, { name });
      await addToTeam(s, created.body.id, u.id, 'lid');
      people.push(await loginAs(s.url, u.email, u.password));
    }
    const [holder, receiver, third] = people as [Login, Login, Login];
    const assigned = await api<RegieDetailDto>(
      s.url,
      'PUT',
      `/api/households/${created.body.id}/regie`,
      { token: coord.token, body: { userId: holder.user.id, reason: 'Start van de casus' } },
    );
    expect(assigned.body.current?.userId).toBe(holder.user.id);
    return { household: created.body, coord, holder, receiver, third };
  }

  function offer(householdId: string, from: Login, to: Login) {
    return api<HandoverDto>(s.url, 'POST', `/api/households/${householdId}/regie/overdracht`, {
      token: from.token,
      body: { userId: to.user.id, reason: 'Bram kent het gezin beter' },
    });
  }

  function withdraw(householdId: string, handoverId: string, by: Login, reason?: string) {
    return api<RegieDetailDto & ErrorDto>(
      s.url,
      'POST',
      `/api/households/${householdId}/regie/overdracht/${handoverId}/intrekken`,
      { token: by.token, body: reason === undefined ? {} : { reason } },
    );
  }

  it('withdraws an open offer by the one who made it: history, audit, a live notification, and the receiver can no longer accept', async () => {
    const { household, coord, holder, receiver, third } = await handoverSetup();
    const base = `/api/households/${household.id}/regie`;
    const socket = await connect(receiver.token);
    const received: NotificationDto[] = [];
    socket.on('notification:new', (n: NotificationDto) => received.push(n));

    const offered = await offer(household.id, holder, receiver);
    expect(offered.status).toBe(201);
    await eventually(() => expect(received.map((n) => n.kind)).toEqual(['overdracht']));
    const before = await api<RegieDetailDto>(s.url, 'GET', base, { token: coord.token });
    expect(before.body.openHandover?.id).toBe(offered.body.id);

    // Neither a third lid nor the receiver may withdraw it; nothing changes.
    for (const who of [third, receiver]) {
      const refused = await withdraw(household.id, offered.body.id, who, 'Niet aan mij');
      expect([refused.status, refused.body.code]).toEqual([403, 'regie.handover_not_offerer']);
    }
    const unchanged = await api<RegieDetailDto>(s.url, 'GET', base, { token: coord.token });
    expect(unchanged.body).toEqual(before.body);

    const unknown = await withdraw(household.id, randomUUID(), holder);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'regie.handover_not_found']);
    const tooLong = await withdraw(household.id, offered.body.id, holder, 'x'.repeat(501));
    expect([tooLong.status, tooLong.body.field]).toEqual([400, 'reason']);

    const done = await withdraw(household.id, offered.body.id, holder, '  Toch zelf verder  ');
    expect(done.status).toBe(200);
    expect(done.body.openHandover).toBeNull();
    expect(done.body.current?.userId).toBe(holder.user.id);
    expect(done.body.history).toEqual(before.body.history);

    // The receiver is told, live and in the list, with the reason.
    await eventually(() => expect(received).toHaveLength(2));
    expect(received[1]).toMatchObject({
      kind: 'overdracht',
      householdId: household.id,
      title:
        'Anouk Aanbieder heeft het aanbod ingetrokken om de regie over Gezin Intrekfictief over te nemen',
      body: 'Toch zelf verder',
    });
    const list = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
      token: receiver.token,
    });
    expect(list.body.map((n) => n.title)).toContain(received[1]?.title);

    // The receiver can no longer accept or decline it, and it cannot be withdrawn twice.
    for (const what of ['accepteren', 'weigeren']) {
      const late = await api<ErrorDto>(
        s.url,
        'POST',
        `${base}/overdracht/${offered.body.id}/${what}`,
        { token: receiver.token },
      );
      expect([late.status, late.body.code]).toEqual([404, 'regie.handover_not_found']);
    }
    const twice = await withdraw(household.id, offered.body.id, holder);
    expect([twice.status, twice.body.code]).toEqual([409, 'regie.handover_closed']);
    const after = await api<RegieDetailDto>(s.url, 'GET', base, { token: receiver.token });
    expect(after.body.current?.userId).toBe(holder.user.id);
    expect(after.body.openHandover).toBeNull();

    // History: who withdrew it, when and why.
    const history = await api<HandoverHistoryEntryDto[]>(s.url, 'GET', `${base}/overdracht`, {
      token: third.token,
    });
    expect(history.status).toBe(200);
    expect(history.body).toHaveLength(1);
    expect(history.body[0]).toMatchObject({
      id: offered.body.id,
      fromName: 'Anouk Aanbieder',
      toName: 'Bram Ontvanger',
      status: 'ingetrokken',
      decidedById: holder.user.id,
      decidedByName: 'Anouk Aanbieder',
      decisionReason: 'Toch zelf verder',
    });
    expect(Date.parse(history.body[0]?.decidedAt ?? '')).toBeGreaterThanOrEqual(
      Date.parse(history.body[0]?.createdAt ?? ''),
    );

    // The audit log has the withdrawal, and the refused attempts.
    const audit = await api<AuditEventDto[]>(
      s.url,
      'GET',
      `/api/audit?householdId=${household.id}&limit=100`,
      { token: coord.token },
    );
    const withdrawals = audit.body.filter(
      (e) => e.detail?.route === 'POST /api/households/:id/regie/overdracht/:handoverId/intrekken',
    );
    expect(withdrawals.map((e) => [e.userId, e.outcome, e.part])).toEqual(
      expect.arrayContaining([
        [holder.user.id, 'success', 'regie'],
        [third.user.id, 'refused', 'regie'],
        [receiver.user.id, 'refused', 'regie'],
      ]),
    );
    expect(withdrawals.filter((e) => e.outcome === 'success')).toHaveLength(1);
  });

  it('lets the coördinator withdraw an offer, telling both, and refuses (409) to withdraw an answered one', async () => {
    const { household, coord, holder, receiver } = await handoverSetup();
    const base = `/api/households/${household.id}/regie`;
    const holderSocket = await connect(holder.token);
    const toHolder: NotificationDto[] = [];
    holderSocket.on('notification:new', (n: NotificationDto) => toHolder.push(n));

    const first = await offer(household.id, holder, receiver);
    const byCoord = await withdraw(household.id, first.body.id, coord);
    expect(byCoord.status).toBe(200);
    expect(byCoord.body.openHandover).toBeNull();
    await eventually(() =>
      expect(toHolder.map((n) => n.title)).toContain(
        'Ingrid Vermeer heeft jouw aanbod van de regie over Gezin Intrekfictief ingetrokken',
      ),
    );
    const receiverList = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
      token: receiver.token,
    });
    expect(receiverList.body.map((n) => n.title)).toContain(
      'Ingrid Vermeer heeft het aanbod ingetrokken om de regie over Gezin Intrekfictief over te nemen',
    );

    // A declined and an accepted offer stay as they were.
    const second = await offer(household.id, holder, receiver);
    await api(s.url, 'POST', `${base}/overdracht/${second.body.id}/weigeren`, {
      token: receiver.token,
    });
    const third = await offer(household.id, holder, receiver);
    const accepted = await api<RegieDetailDto>(
      s.url,
      'POST',
      `${base}/overdracht/${third.body.id}/accepteren`,
      { token: receiver.token },
    );
    expect(accepted.body.current?.userId).toBe(receiver.user.id);
    for (const [id, by] of [
      [second.body.id, holder],
      [third.body.id, holder],
      [third.body.id, coord],
    ] as const) {
      const late = await withdraw(household.id, id, by, 'Te laat');
      expect([late.status, late.body.code]).toEqual([409, 'regie.handover_closed']);
    }
    const after = await api<RegieDetailDto>(s.url, 'GET', base, { token: coord.token });
    expect(after.body.current?.userId).toBe(receiver.user.id);

    const history = await api<HandoverHistoryEntryDto[]>(s.url, 'GET', `${base}/overdracht`, {
      token: coord.token,
    });
    expect(history.body.map((h) => [h.status, h.decidedByName, h.decisionReason])).toEqual([
      ['geaccepteerd', 'Bram Ontvanger', null],
      ['geweigerd', 'Bram Ontvanger', null],
      ['ingetrokken', 'Ingrid Vermeer', null],
    ]);
  });
});
