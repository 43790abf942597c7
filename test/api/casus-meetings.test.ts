import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as ical from 'node-ical';
import {
  amsterdamDate,
  amsterdamInstant,
  CollaborationEvaluationDto,
  type ErrorDto,
  MeetingDecisionDto,
  MeetingDto,
  PlanDoc,
  shiftDate,
} from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { HouseholdAccessPolicy } from '../../server/src/modules/households/household-access.policy';
import { UserEntity } from '../../server/src/modules/users/user.entity';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { newHousehold, openDoc } from './casus-helpers';

const today = () => amsterdamDate(new Date());

describe.each(databaseKinds())('overlegmomenten on %s', (kind) => {
  let s: TestServer;
  let coordinator: string;
  beforeAll(async () => {
    s = await startTestServer(kind);
    coordinator = (await loginAs(s.url, 'coordinator')).token;
  });
  afterAll(async () => s?.stop());

  async function person(overrides: Parameters<typeof createUser>[1] = {}) {
    const u = await createUser(s, overrides);
    return { ...u, token: (await loginAs(s.url, u.email, u.password)).token };
  }

  /** A household with two leden and a meelezer, and a plan with an overdue action, an open one, a finished one and a doel. */
  async function setup() {
    const johan = await person({ name: 'Johan Testmans', discipline: 'maatschappelijk-werker' });
    const fatma = await person({
      name: 'Fatma Testmans',
      discipline: 'wmo-consulent',
      organisation: 'Gemeente Test',
    });
    const lezer = await person({ name: 'Lezer Testmans', discipline: 'jeugdconsulent' });
    const h = await newHousehold(s, coordinator, [
      { userId: johan.id, role: 'lid' },
      { userId: fatma.id, role: 'lid' },
      { userId: lezer.id, role: 'meelezer' },
    ]);
    const ids: Record<string, string> = {};
    await s.app.get(CollabService).withDoc(h.id, (doc) => {
      const plan = new PlanDoc(doc);
      ids.doel = plan.addDoel({ titel: 'Rust in de financiën', domein: 'financien' });
      ids.overdue = plan.addActie({
        titel: 'Aanmelden schuldhulp',
        eigenaarId: fatma.id,
        deadline: shiftDate(today(), -5),
      });
      ids.open = plan.addActie({
        titel: 'Gesprek school',
        eigenaarId: johan.id,
        deadline: shiftDate(today(), 10),
      });
      ids.done = plan.addActie({ titel: 'Intake', eigenaarId: johan.id, status: 'gereed' });
    });
    return { h, johan, fatma, lezer, ids };
  }

  const plan = (token: string, householdId: string, body: Record<string, unknown>) =>
    api<MeetingDto & ErrorDto>(s.url, 'POST', `/api/households/${householdId}/meetings`, {
      token,
      body: {
        kind: 'mdo',
        date: shiftDate(today(), 7),
        time: '14:30',
        durationMinutes: 60,
        location: 'Wijkcentrum Oost',
        ...body,
      },
    });

  it('plans an overleg with an agenda drafted from the overdue and open actions and the doelen', async () => {
    const { h, johan, fatma, ids } = await setup();
    const res = await plan(johan.token, h.id, {
      inviteeIds: [johan.id, fatma.id],
      naasten: [{ name: 'Oma Testmans', relation: 'grootmoeder' }],
    });
    expect(res.status).toBe(201);
    const m = MeetingDto.parse(res.body);
    expect(m).toMatchObject({
      kind: 'mdo',
      title: 'MDO',
      date: shiftDate(today(), 7),
      time: '14:30',
      durationMinutes: 60,
      status: 'gepland',
      canEdit: true,
      notesDocName: `${h.id}:overleg:${m.id}`,
    });
    expect(m.startsAt).toBe(amsterdamInstant(shiftDate(today(), 7), '14:30').toISOString());
    expect(m.agenda.map((a) => a.refId).filter(Boolean)).toEqual([ids.overdue, ids.open, ids.doel]);
    expect(m.agenda.find((a) => a.refId === ids.overdue)).toMatchObject({
      bron: 'achterstallig',
      titel: 'Achterstallig: Aanmelden schuldhulp',
    });
    expect(m.agenda.find((a) => a.refId === ids.overdue)?.toelichting).toContain('Fatma Testmans');
    expect(m.participants.map((p) => [p.name, p.kind])).toEqual([
      ['Johan Testmans', 'team'],
      ['Fatma Testmans', 'team'],
      ['Oma Testmans', 'naaste'],
    ]);

    // The draft alone, for the planner to edit; and an agenda of one's own is kept as given.
    const draft = await api<unknown[]>(
      s.url,
      'GET',
      `/api/households/${h.id}/meetings/agenda-draft?kind=netwerkberaad`,
      { token: johan.token },
    );
    expect(draft.status).toBe(200);
    expect(draft.body.length).toBe(m.agenda.length);
    const own = await plan(johan.token, h.id, {
      agenda: [{ id: crypto.randomUUID(), titel: 'Alleen dit' }],
    });
    expect(own.body.agenda.map((a) => a.titel)).toEqual(['Alleen dit']);
  });

  it('checks who plans, who is invited and where it is', async () => {
    const { h, johan, lezer } = await setup();
    expect((await plan(lezer.token, h.id, {})).status).toBe(403);
    expect((await plan(coordinator, h.id, {})).status).toBe(201);
    const nowhere = await plan(johan.token, h.id, { location: null });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.field).toBe('location');
    const outsider = await person();
    const stranger = await plan(johan.token, h.id, { inviteeIds: [outsider.id] });
    expect(stranger.status).toBe(409);
    expect(stranger.body.code).toBe('meeting.invitee_not_on_team');
    const visser = await householdByName(s, 'Gezin Visser');
    expect((await plan(johan.token, visser.id, {})).status).toBe(404);
  });

  it('lists upcoming and past overleg per household, and "mijn overleggen" per professional', async () => {
    const { h, johan, fatma } = await setup();
    const future = await plan(johan.token, h.id, { inviteeIds: [johan.id] });
    const earlier = await plan(johan.token, h.id, {
      date: shiftDate(today(), -3),
      inviteeIds: [johan.id, fatma.id],
    });
    const later = await plan(johan.token, h.id, {
      date: shiftDate(today(), 30),
      inviteeIds: [fatma.id],
    });
    const ids = (list: MeetingDto[]) => list.map((m) => m.id);
    const upcoming = await api<MeetingDto[]>(
      s.url,
      'GET',
      `/api/households/${h.id}/meetings?when=upcoming`,
      { token: fatma.token },
    );
    expect(ids(upcoming.body)).toEqual([future.body.id, later.body.id]);
    const past = await api<MeetingDto[]>(
      s.url,
      'GET',
      `/api/households/${h.id}/meetings?when=past`,
      { token: fatma.token },
    );
    expect(ids(past.body)).toEqual([earlier.body.id]);
    const mine = await api<MeetingDto[]>(s.url, 'GET', '/api/me/meetings', { token: fatma.token });
    expect(ids(mine.body)).toEqual([earlier.body.id, later.body.id]);
    expect(mine.body[0]?.householdName).toBe(h.displayName);
    const mineUpcoming = await api<MeetingDto[]>(s.url, 'GET', '/api/me/meetings?when=upcoming', {
      token: johan.token,
    });
    expect(ids(mineUpcoming.body)).toEqual([future.body.id]);

    // Leaving the team takes the household's meetings out of "mijn overleggen".
    await api(s.url, 'DELETE', `/api/households/${h.id}/team/${fatma.id}`, { token: coordinator });
    expect(
      (await api<MeetingDto[]>(s.url, 'GET', '/api/me/meetings', { token: fatma.token })).body,
    ).toEqual([]);
  });

  it('turns a decision into an action in the plan, owned by the right person, in one step', async () => {
    const { h, johan, fatma, lezer } = await setup();
    const m = (await plan(johan.token, h.id, { inviteeIds: [johan.id, fatma.id] })).body;
    const live = openDoc(s, fatma.token, h.id);
    try {
      await live.synced;
      const deadline = shiftDate(today(), 21);
      const res = await api<MeetingDecisionDto>(
        s.url,
        'POST',
        `/api/households/${h.id}/meetings/${m.id}/decisions`,
        {
          token: johan.token,
          body: {
            tekst: 'Budgetcoach inschakelen',
            eigenaarId: fatma.id,
            deadline,
            inschakelen: 'Als de aanvraag vastloopt',
          },
        },
      );
      expect(res.status).toBe(201);
      const d = MeetingDecisionDto.parse(res.body);
      expect(d).toMatchObject({
        tekst: 'Budgetcoach inschakelen',
        eigenaarId: fatma.id,
        eigenaarNaam: 'Fatma Testmans',
        deadline,
        createdByName: 'Johan Testmans',
      });
      expect(d.actieId).toBeTruthy();

      // The open plan of the owner shows it at once; the stored plan has it too.
      await eventually(() =>
        expect(new PlanDoc(live.doc).actie(d.actieId as string)).toMatchObject({
          titel: 'Budgetcoach inschakelen',
          eigenaarId: fatma.id,
          deadline,
          status: 'open',
          inschakelen: 'Als de aanvraag vastloopt',
        }),
      );
      const stored = await s.app.get(CollabService).readDoc(h.id);
      expect(new PlanDoc(stored).actie(d.actieId as string)?.eigenaarId).toBe(fatma.id);
      const meeting = await api<MeetingDto>(
        s.url,
        'GET',
        `/api/households/${h.id}/meetings/${m.id}`,
        { token: fatma.token },
      );
      expect(meeting.body.decisions.map((x) => x.actieId)).toEqual([d.actieId]);
      // The owner hears of it the one way anyone hears of an action given to them (after the projection).
      await eventually(async () => {
        const notified = await api<{ title: string; kind: string; body: string }[]>(
          s.url,
          'GET',
          '/api/me/notifications',
          { token: fatma.token },
        );
        expect(
          notified.body.filter(
            (n) => n.title === `Johan Testmans geeft je een actie (${h.displayName})`,
          ),
        ).toEqual([expect.objectContaining({ kind: 'actie', body: '“Budgetcoach inschakelen”' })]);
      });
    } finally {
      live.destroy();
    }

    const body = { tekst: 'Iets', deadline: shiftDate(today(), 5) };
    // Characters as the plan counts them (an emoji is one): 300 is taken whole, 301 refused in Dutch.
    const lang = 'Budgetcoach 💶' + '💶'.repeat(287);
    expect([...lang].length).toBe(300);
    const decide = (tekst: string) =>
      api<MeetingDecisionDto & ErrorDto>(
        s.url,
        'POST',
        `/api/households/${h.id}/meetings/${m.id}/decisions`,
        { token: johan.token, body: { ...body, tekst, eigenaarId: johan.id } },
      );
    const exact = await decide(lang);
    expect(exact.status).toBe(201);
    const stored2 = new PlanDoc(await s.app.get(CollabService).readDoc(h.id));
    expect(stored2.actie(exact.body.actieId as string)?.titel).toBe(lang);
    const over = await decide(lang + '💶');
    expect(over.status).toBe(400);
    expect(over.body).toMatchObject({
      code: 'validation.invalid',
      field: 'tekst',
      message:
        "Ongeldige invoer bij 'tekst': Het besluit mag hoogstens 300 tekens hebben; nu zijn het er 301.",
    });
    const byMeelezer = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/meetings/${m.id}/decisions`,
      {
        token: lezer.token,
        body: { ...body, eigenaarId: johan.id },
      },
    );
    expect(byMeelezer.status).toBe(403);
    const toMeelezer = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/meetings/${m.id}/decisions`,
      {
        token: johan.token,
        body: { ...body, eigenaarId: lezer.id },
      },
    );
    expect(toMeelezer.status).toBe(409);
    expect(toMeelezer.body).toMatchObject({
      code: 'meeting.owner_not_on_team',
      field: 'eigenaarId',
    });
    await api(s.url, 'DELETE', `/api/households/${h.id}/team/${fatma.id}`, { token: coordinator });
    const toFormer = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/meetings/${m.id}/decisions`,
      {
        token: johan.token,
        body: { ...body, eigenaarId: fatma.id },
      },
    );
    expect(toFormer.status).toBe(409);
    const plan2 = new PlanDoc(await s.app.get(CollabService).readDoc(h.id));
    expect(plan2.acties().filter((a) => a.titel === 'Iets')).toEqual([]);
  });

  it('records attendance, and lets the household see only the overleg they are invited to', async () => {
    const { h, johan, fatma } = await setup();
    const inwoner = await person({
      systemRole: 'inwoner',
      discipline: 'inwoner',
      domain: null,
      wijkteamId: null,
      name: 'Inwoner Testmans',
    });
    await addToTeam(s, h.id, inwoner.id, 'inwoner');
    const netwerk = (
      await plan(johan.token, h.id, {
        kind: 'netwerkberaad',
        inviteeIds: [johan.id, inwoner.id],
        naasten: [{ name: 'Buurvrouw Els', relation: 'buurvrouw' }],
      })
    ).body;
    const mdo = (await plan(johan.token, h.id, { inviteeIds: [johan.id, fatma.id] })).body;

    const byId = Object.fromEntries(netwerk.participants.map((p) => [p.name, p.id]));
    const saved = await api<MeetingDto>(
      s.url,
      'PUT',
      `/api/households/${h.id}/meetings/${netwerk.id}/attendance`,
      {
        token: johan.token,
        body: {
          entries: [
            { participantId: byId['Johan Testmans'], attendance: 'aanwezig' },
            { participantId: byId['Inwoner Testmans'], attendance: 'aanwezig' },
            { participantId: byId['Buurvrouw Els'], attendance: 'afgemeld' },
          ],
        },
      },
    );
    expect(saved.status).toBe(200);
    expect(saved.body.participants.map((p) => [p.name, p.attendance])).toEqual([
      ['Johan Testmans', 'aanwezig'],
      ['Inwoner Testmans', 'aanwezig'],
      ['Buurvrouw Els', 'afgemeld'],
    ]);
    const wrong = await api<ErrorDto>(
      s.url,
      'PUT',
      `/api/households/${h.id}/meetings/${netwerk.id}/attendance`,
      {
        token: johan.token,
        body: { entries: [{ participantId: mdo.participants[0]?.id, attendance: 'aanwezig' }] },
      },
    );
    expect(wrong.status).toBe(404);
    expect(
      (
        await api(s.url, 'PUT', `/api/households/${h.id}/meetings/${netwerk.id}/attendance`, {
          token: inwoner.token,
          body: { entries: [{ participantId: byId['Johan Testmans'], attendance: 'afwezig' }] },
        })
      ).status,
    ).toBe(403);

    const seen = await api<MeetingDto[]>(s.url, 'GET', `/api/households/${h.id}/meetings`, {
      token: inwoner.token,
    });
    expect(seen.body.map((x) => x.id)).toEqual([netwerk.id]);
    expect(
      (
        await api(s.url, 'GET', `/api/households/${h.id}/meetings/${mdo.id}`, {
          token: inwoner.token,
        })
      ).status,
    ).toBe(404);

    // The notes follow the invitation too (asked with the meeting, as collab and the events gateway should).
    const policy = s.app.get(HouseholdAccessPolicy);
    const user = await dataSourceOf(s)
      .getRepository(UserEntity)
      .findOneByOrFail({ id: inwoner.id });
    expect(await policy.docAccessByName(user, netwerk.notesDocName)).toEqual({
      write: 'none',
      teamRole: 'inwoner',
    });
    expect(await policy.docAccessByName(user, mdo.notesDocName)).toBeNull();
    const johanUser = await dataSourceOf(s)
      .getRepository(UserEntity)
      .findOneByOrFail({ id: johan.id });
    expect(
      await policy.docAccessByName(johanUser, `${h.id}:overleg:${crypto.randomUUID()}`),
    ).toBeNull();
    // Live: the invited inwoner reads the netwerkberaad's notes; the MDO's stay closed to them.
    const invited = openDoc(s, inwoner.token, netwerk.notesDocName);
    const closed = openDoc(s, inwoner.token, mdo.notesDocName);
    try {
      await invited.synced;
      expect((await closed.closed).code).toBe(4403);
    } finally {
      invited.destroy();
      closed.destroy();
    }
  });

  it('reschedules and cancels, and exports ICS that a standard parser reads, per meeting and as a personal feed', async () => {
    const { h, johan, fatma } = await setup();
    const m = (
      await plan(johan.token, h.id, {
        date: '2030-07-01',
        time: '09:15',
        durationMinutes: 90,
        inviteeIds: [johan.id, fatma.id],
      })
    ).body;
    const moved = await api<MeetingDto>(
      s.url,
      'PATCH',
      `/api/households/${h.id}/meetings/${m.id}`,
      {
        token: johan.token,
        body: { date: '2030-12-02', time: '13:00', onlineUrl: 'https://overleg.example.test/abc' },
      },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      date: '2030-12-02',
      time: '13:00',
      startsAt: '2030-12-02T12:00:00.000Z',
      onlineUrl: 'https://overleg.example.test/abc',
    });
    const other = (
      await plan(johan.token, h.id, {
        kind: 'evaluatie',
        date: '2030-07-01',
        time: '09:15',
        inviteeIds: [fatma.id],
      })
    ).body;
    expect(
      (
        await api(s.url, 'PATCH', `/api/households/${h.id}/meetings/${other.id}`, {
          token: johan.token,
          body: { status: 'geannuleerd' },
        })
      ).status,
    ).toBe(200);

    const one = await fetch(`${s.url}/api/households/${h.id}/meetings/${m.id}/ics`, {
      headers: { authorization: `Bearer ${fatma.token}` },
    });
    expect(one.status).toBe(200);
    expect(one.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(one.headers.get('content-disposition')).toMatch(
      /attachment; filename="overleg-.*\.ics"/,
    );
    const parsed = ical.sync.parseICS(await one.text());
    const events = Object.values(parsed).filter((c): c is ical.VEvent => c.type === 'VEVENT');
    expect(events.length).toBe(1);
    const e = events[0] as ical.VEvent;
    expect(e.uid).toBe(`${m.id}@spil`);
    expect(e.start.toISOString()).toBe('2030-12-02T12:00:00.000Z');
    expect(e.end.toISOString()).toBe('2030-12-02T13:30:00.000Z');
    expect(e.start.tz).toBe('Europe/Amsterdam');
    expect(String(e.summary)).toBe(`MDO (${h.reference})`);
    expect(String(e.location)).toBe('Wijkcentrum Oost');
    expect(String(e.description)).toContain(`/huishoudens/${h.id}/overleg/${m.id}`);
    expect(String(e.description)).not.toContain(h.displayName);
    expect(Number(e.sequence)).toBe(1);

    // The personal feed, with the session cookie like any request.
    const { cookie } = await loginAs(s.url, fatma.email, fatma.password);
    const feed = await fetch(`${s.url}/api/me/meetings.ics`, { headers: { cookie } });
    expect(feed.status).toBe(200);
    const feedEvents = Object.values(ical.sync.parseICS(await feed.text())).filter(
      (c): c is ical.VEvent => c.type === 'VEVENT',
    );
    expect(feedEvents.map((x) => x.uid).sort()).toEqual(
      [`${m.id}@spil`, `${other.id}@spil`].sort(),
    );
    expect(feedEvents.find((x) => x.uid === `${other.id}@spil`)?.status).toBe('CANCELLED');
    expect(feedEvents.find((x) => x.uid === `${other.id}@spil`)?.start.toISOString()).toBe(
      '2030-07-01T07:15:00.000Z',
    );

    expect((await fetch(`${s.url}/api/me/meetings.ics`)).status).toBe(401);
    const outsider = await person();
    expect(
      (
        await fetch(`${s.url}/api/households/${h.id}/meetings/${m.id}/ics`, {
          headers: { authorization: `Bearer ${outsider.token}` },
        })
      ).status,
    ).toBe(404);
  });

  it('lets two professionals write the overleg notes live; a meelezer reads along', async () => {
    const { h, johan, fatma, lezer } = await setup();
    const m = (await plan(johan.token, h.id, { inviteeIds: [johan.id, fatma.id] })).body;
    const a = openDoc(s, johan.token, m.notesDocName);
    const b = openDoc(s, fatma.token, m.notesDocName);
    const c = openDoc(s, lezer.token, m.notesDocName);
    try {
      await Promise.all([a.synced, b.synced, c.synced]);
      a.doc.getXmlFragment('notities').insert(0, [new Y.XmlText('Johan: schulden besproken. ')]);
      b.doc.getXmlFragment('notities').insert(0, [new Y.XmlText('Fatma: aanvraag loopt. ')]);
      for (const d of [a, b, c]) {
        await eventually(() => {
          const text = d.doc.getXmlFragment('notities').toJSON();
          expect(text).toContain('Johan: schulden besproken.');
          expect(text).toContain('Fatma: aanvraag loopt.');
        });
      }
      // The meelezer's edits are refused: never relayed, never stored.
      c.doc.getXmlFragment('notities').insert(0, [new Y.XmlText('Lezer schrijft')]);
      await new Promise((r) => setTimeout(r, 300));
      expect(a.doc.getXmlFragment('notities').toJSON()).not.toContain('Lezer schrijft');
      const stored = await s.app.get(CollabService).readDoc(m.notesDocName);
      expect(stored.getXmlFragment('notities').toJSON()).toContain('Fatma: aanvraag loopt.');
      expect(stored.getXmlFragment('notities').toJSON()).not.toContain('Lezer schrijft');
    } finally {
      for (const d of [a, b, c]) d.destroy();
    }
  });

  it('documents every endpoint in OpenAPI', async () => {
    const res = await api<{ paths: Record<string, unknown> }>(s.url, 'GET', '/api/docs-json');
    for (const path of [
      '/api/households/{id}/meetings',
      '/api/households/{id}/meetings/agenda-draft',
      '/api/households/{id}/meetings/{meetingId}',
      '/api/households/{id}/meetings/{meetingId}/attendance',
      '/api/households/{id}/meetings/{meetingId}/decisions',
      '/api/households/{id}/meetings/{meetingId}/ics',
      '/api/me/meetings',
      '/api/me/meetings.ics',
      '/api/households/{id}/consents',
      '/api/households/{id}/consents/{consentId}/withdraw',
      '/api/households/{id}/collaboration-evaluations',
    ]) {
      expect(Object.keys(res.body.paths), path).toContain(path);
    }
  });

  it('keeps an evaluation of the collaboration with the household, for the professionals', async () => {
    const { h, johan, lezer } = await setup();
    const m = (await plan(johan.token, h.id, { date: shiftDate(today(), -1) })).body;
    const res = await api<CollaborationEvaluationDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/collaboration-evaluations`,
      {
        token: lezer.token,
        body: {
          meetingId: m.id,
          moment: 'na-overleg',
          wentWell: 'Korte lijnen',
          toImprove: 'Eerder terugkoppelen',
          score: 4,
        },
      },
    );
    expect(res.status).toBe(201);
    expect(CollaborationEvaluationDto.parse(res.body)).toMatchObject({
      meetingId: m.id,
      authorName: 'Lezer Testmans',
      score: 4,
      agreements: '',
    });
    const list = await api<CollaborationEvaluationDto[]>(
      s.url,
      'GET',
      `/api/households/${h.id}/collaboration-evaluations`,
      { token: johan.token },
    );
    expect(list.body.map((e) => e.id)).toEqual([res.body.id]);
    const empty = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${h.id}/collaboration-evaluations`,
      {
        token: johan.token,
        body: { moment: 'einde-traject', wentWell: '', toImprove: 'x' },
      },
    );
    expect(empty.body.field).toBe('wentWell');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const foreign = await api<ErrorDto>(
      s.url,
      'POST',
      `/api/households/${bakker.id}/collaboration-evaluations`,
      {
        token: (await loginAs(s.url, 'maatschappelijk-werker')).token,
        body: { meetingId: m.id, moment: 'na-overleg', wentWell: 'x', toImprove: 'y' },
      },
    );
    expect(foreign.status).toBe(404);
    const inwoner = await loginAs(s.url, 'inwoner');
    expect(
      (
        await api(s.url, 'GET', `/api/households/${bakker.id}/collaboration-evaluations`, {
          token: inwoner.token,
        })
      ).status,
    ).toBe(403);
    const demo = await api<CollaborationEvaluationDto[]>(
      s.url,
      'GET',
      `/api/households/${bakker.id}/collaboration-evaluations`,
      {
        token: (await loginAs(s.url, 'huisarts')).token,
      },
    );
    expect(demo.body.length).toBeGreaterThanOrEqual(1);
  });
});
