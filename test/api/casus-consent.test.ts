import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamDate, ConsentDto, type ErrorDto, shiftDate } from '@spil/shared';
import { DomainEvents } from '../../server/src/common/domain-events';
import { ConsentService } from '../../server/src/modules/consent/consent.service';
import { HouseholdAccessPolicy } from '../../server/src/modules/households/household-access.policy';
import { UserEntity } from '../../server/src/modules/users/user.entity';
import { createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { newHousehold, openDoc } from './casus-helpers';

const today = () => amsterdamDate(new Date());

describe.each(databaseKinds())('consent (toestemming) on %s', (kind) => {
  let s: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    s = await startTestServer(kind);
    coordinator = (await loginAs(s.url, 'coordinator')).token;
  });
  afterAll(async () => s?.stop());

  const body = (over: Record<string, unknown> = {}) => ({
    givenBy: 'inwoner',
    givenByName: 'Kim Testmans',
    informationKinds: ['medisch'],
    sharedWithDomains: ['sociaal'],
    purpose: 'Afstemmen van zorg en ondersteuning',
    validFrom: shiftDate(today(), -1),
    ...over,
  });

  /** A household with a medical lid, a social lid and a social meelezer. */
  async function setup() {
    const arts = await createUser(s, {
      discipline: 'huisarts',
      domain: 'medisch',
      organisation: 'Praktijk Test',
    });
    const mw = await createUser(s, {
      discipline: 'maatschappelijk-werker',
      domain: 'sociaal',
      organisation: 'Wijkteam Test',
    });
    const wmo = await createUser(s, {
      discipline: 'wmo-consulent',
      domain: 'sociaal',
      organisation: 'Gemeente Test',
    });
    const h = await newHousehold(s, coordinator, [
      { userId: arts.id, role: 'lid' },
      { userId: mw.id, role: 'lid' },
      { userId: wmo.id, role: 'meelezer' },
    ]);
    const login = async (u: { email: string; password: string }) =>
      (await loginAs(s.url, u.email, u.password)).token;
    return {
      h,
      arts,
      mw,
      wmo,
      artsToken: await login(arts),
      mwToken: await login(mw),
      wmoToken: await login(wmo),
    };
  }

  it('records who gave consent, what may go where, for what and how long; the team sees it', async () => {
    const { h, artsToken, wmoToken } = await setup();
    const res = await api<ConsentDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body({
        givenBy: 'wettelijk-vertegenwoordiger',
        givenByName: 'Jan Testmans',
        representativeRole: 'ouder met gezag',
        informationKinds: ['medisch', 'opvoeding'],
        sharedWithOrganisations: ['Gemeente Test'],
        validUntil: shiftDate(today(), 365),
      }),
    });
    expect(res.status).toBe(201);
    const c = ConsentDto.parse(res.body);
    expect(c).toMatchObject({
      givenBy: 'wettelijk-vertegenwoordiger',
      representativeRole: 'ouder met gezag',
      informationKinds: ['medisch', 'opvoeding'],
      sharedWithDomains: ['sociaal'],
      sharedWithOrganisations: ['Gemeente Test'],
      status: 'actief',
      withdrawnAt: null,
    });
    const list = await api<ConsentDto[]>(s.url, 'GET', `/api/households/${h.id}/consents`, {
      token: wmoToken,
    });
    expect(list.status).toBe(200);
    expect(list.body.map((x) => x.id)).toEqual([c.id]);
  });

  it('lets only a lid or the coördinator record it, validates, and hides other households', async () => {
    const { h, wmoToken, mwToken } = await setup();
    const meelezer = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: wmoToken,
      body: body(),
    });
    expect(meelezer.status).toBe(403);
    const byCoordinator = await api(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: coordinator,
      body: body(),
    });
    expect(byCoordinator.status).toBe(201);

    const noScope = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: mwToken,
      body: body({ sharedWithDomains: [] }),
    });
    expect(noScope.status).toBe(400);
    expect(noScope.body.field).toBe('sharedWithDomains');
    const backwards = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: mwToken,
      body: body({ validUntil: shiftDate(today(), -10) }),
    });
    expect(backwards.body.field).toBe('validUntil');
    const kind = await api<ErrorDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: mwToken,
      body: body({ informationKinds: ['bsn'] }),
    });
    expect(kind.status).toBe(400);

    const visser = await householdByName(s, 'Gezin Visser');
    const hidden = await api<ErrorDto>(s.url, 'GET', `/api/households/${visser.id}/consents`, {
      token: mwToken,
    });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('household.not_found');
  });

  it('gates the medical notes: medical members always, others only while a consent covers them', async () => {
    const { h, arts, mw, wmo, artsToken, mwToken } = await setup();
    const policy = s.app.get(HouseholdAccessPolicy);
    const users = dataSourceOf(s).getRepository(UserEntity);
    const fresh = (id: string) => users.findOneByOrFail({ id });
    expect(await policy.docAccess(await fresh(arts.id), h.id, 'medisch')).toEqual({
      write: 'all',
      teamRole: 'lid',
    });
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'medisch')).toBeNull();

    const events: string[] = [];
    const off = s.app
      .get(DomainEvents)
      .on('consent.changed', (e) => void events.push(e.householdId));
    // Only the organisation of the Wmo-consulent: the maatschappelijk werker stays out.
    const byOrg = await api<ConsentDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body({ sharedWithDomains: [], sharedWithOrganisations: ['gemeente test'] }),
    });
    expect(byOrg.status).toBe(201);
    expect(events).toEqual([h.id]);
    expect(await policy.docAccess(await fresh(wmo.id), h.id, 'medisch')).toEqual({
      write: 'none',
      teamRole: 'meelezer',
    });
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'medisch')).toBeNull();

    // A consent for other kinds of information, or one that starts tomorrow, opens nothing.
    await api(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body({ informationKinds: ['financien'] }),
    });
    await api(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body({ validFrom: shiftDate(today(), 1) }),
    });
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'medisch')).toBeNull();

    const byDomain = await api<ConsentDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: mwToken,
      body: body(),
    });
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'medisch')).toEqual({
      write: 'none',
      teamRole: 'lid',
    });
    // The household never opens the medical notes, consent or not; neither does the plan's werk document change.
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'werk')).toEqual({
      write: 'all',
      teamRole: 'lid',
    });

    const withdrawn = await api<ConsentDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/consents/${byDomain.body.id}/withdraw`,
      {
        token: mwToken,
        body: { reason: 'Inwoner wil dit niet meer' },
      },
    );
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({
      status: 'ingetrokken',
      withdrawalReason: 'Inwoner wil dit niet meer',
    });
    expect(withdrawn.body.withdrawnByName).toBe(mw.name);
    expect(await policy.docAccess(await fresh(mw.id), h.id, 'medisch')).toBeNull();
    const again = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/consents/${byDomain.body.id}/withdraw`,
      {
        token: mwToken,
        body: {},
      },
    );
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('consent.already_withdrawn');
    const unknown = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/consents/00000000-0000-4000-8000-000000000000/withdraw`,
      {
        token: mwToken,
        body: {},
      },
    );
    expect(unknown.status).toBe(404);
    expect(events.length).toBe(5);
    off();
  });

  it('lets the inwoner see and withdraw their own consent', async () => {
    const inwoner = await loginAs(s.url, 'inwoner');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const own = await api<ConsentDto[]>(s.url, 'GET', `/api/households/${bakker.id}/consents`, {
      token: inwoner.token,
    });
    expect(own.status).toBe(200);
    const demo = own.body.find((c) => c.status === 'actief');
    expect(demo?.sharedWithOrganisations).toEqual(['Wijkteam Spilwijk-Oost']);
    const cannotRecord = await api(s.url, 'POST', `/api/households/${bakker.id}/consents`, {
      token: inwoner.token,
      body: body(),
    });
    expect(cannotRecord.status).toBe(403);
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const extra = await api<ConsentDto>(s.url, 'POST', `/api/households/${bakker.id}/consents`, {
      token: mw.token,
      body: body({ informationKinds: ['financien'], sharedWithDomains: ['medisch'] }),
    });
    const res = await api<ConsentDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/consents/${extra.body.id}/withdraw`,
      {
        token: inwoner.token,
        body: { reason: '' },
      },
    );
    expect(res.status).toBe(200);
    expect(res.body.withdrawnByName).toBe('Sandra Bakker');
    expect(res.body.withdrawalReason).toBeNull();
  });

  it('re-checks access at midnight for consents that start or end with the calendar', async () => {
    const { h, artsToken } = await setup();
    await api(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body({ validFrom: shiftDate(today(), 1) }),
    });
    const seen: string[] = [];
    const off = s.app.get(DomainEvents).on('consent.changed', (e) => void seen.push(e.householdId));
    const tomorrowNoon = new Date(Date.now() + 86_400_000);
    const delivered = await s.app.get(ConsentService).midnight(tomorrowNoon);
    expect(delivered).toContain(h.id);
    expect(seen).toContain(h.id);
    off();
  });

  it('closes a live medical-notes connection when consent is withdrawn', async () => {
    const { h, mwToken, artsToken } = await setup();
    const c = await api<ConsentDto>(s.url, 'POST', `/api/households/${h.id}/consents`, {
      token: artsToken,
      body: body(),
    });
    const arts = openDoc(s, artsToken, `${h.id}:medisch`);
    const reader = openDoc(s, mwToken, `${h.id}:medisch`);
    try {
      await Promise.all([arts.synced, reader.synced]);
      arts.doc
        .getXmlFragment('notities')
        .insert(0, [new (await import('yjs')).XmlText('Medicatie aangepast')]);
      await eventually(() =>
        expect(reader.doc.getXmlFragment('notities').toJSON()).toContain('Medicatie aangepast'),
      );
      const t0 = performance.now();
      const res = await api(
        s.url,
        'POST',
        `/api/households/${h.id}/consents/${c.body.id}/withdraw`,
        { token: artsToken, body: {} },
      );
      expect(res.status).toBe(200);
      const closed = await reader.closed;
      console.log(
        `[measure] consent withdrawn → medical notes closed (${kind}): ${(closed.at - t0).toFixed(1)} ms, code ${closed.code}`,
      );
      expect(closed.code).toBe(4403);
      // The medical member keeps working.
      expect(arts.provider.wsconnected).toBe(true);
    } finally {
      arts.destroy();
      reader.destroy();
    }
  });
});
