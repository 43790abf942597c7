/**
 * The inwoner and naasten in their own plan: they see their own household
 * only, never medical or internal notes (REST, socket.io, collab); their own
 * actions and reactions travel live to the professionals; anything else they
 * send is rejected; a new reaction or own action notifies the regiehouder
 * once, also across a restart.
 */
import { randomUUID } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  type HouseholdExportDto,
  type MeetingDto,
  type MijnPlanDto,
  type NotificationDto,
  PlanDoc,
  setText,
} from '@spil/shared';
import type { SpilInstance } from '../../server/src/bootstrap';
import { CollabService } from '../../server/src/collab/collab.service';
import { type Client, connect, rawConnect, synced } from '../collab/helpers';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { restartableServer, startTestServer, type TestServer } from '../support/server';
import { RawCollab } from './collab-client';
import { captureLogs } from './accountability-helpers';

type Login = Awaited<ReturnType<typeof loginAs>>;

/** A socket.io `/events` client whose authentication is done (a subscribe was acknowledged). */
async function eventsSocket(url: string, token: string, docName: string): Promise<Socket> {
  const socket = io(`${url}/events`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  await eventually(
    async () => {
      const ack = (await socket.timeout(10_000).emitWithAck('plan:subscribe', { docName })) as {
        data?: unknown;
      };
      if (!ack.data) throw new Error(`plan:subscribe not acknowledged: ${JSON.stringify(ack)}`);
    },
    10_000,
    100,
  );
  return socket;
}

function notificationsWith(list: NotificationDto[], text: string): NotificationDto[] {
  return list.filter((n) => n.body.includes(text) || n.title.includes(text));
}

describe.each(databaseKinds())('the household in their own plan on %s', (kind) => {
  let s: TestServer;
  let bakker: string;
  let visser: string;
  let jansen: string;
  let inwoner: Login;
  let naaste: Login;
  let mw: Login;
  let huisarts: Login;
  const clients: Client[] = [];
  const sockets: Socket[] = [];
  const open = (token: string, docName: string) => {
    const c = connect(s.wsUrl, token, docName);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    s = await startTestServer(kind);
    [bakker, visser, jansen] = (
      await Promise.all(
        ['Gezin Bakker', 'Gezin Visser', 'Huishouden Jansen'].map((n) => householdByName(s, n)),
      )
    ).map((h) => h.id) as [string, string, string];
    [inwoner, naaste, mw, huisarts] = (await Promise.all(
      ['inwoner', 'naaste', 'maatschappelijk-werker', 'huisarts'].map((k) => loginAs(s.url, k)),
    )) as [Login, Login, Login, Login];
  });
  afterAll(async () => {
    for (const c of clients) c.destroy();
    for (const so of sockets) so.disconnect();
    await s?.stop();
  });

  it('answers 404 for every other household, on every route, for the inwoner and the naaste', async () => {
    const routes = [
      '',
      '/team',
      '/meetings',
      '/consents',
      '/regie',
      '/zrm',
      '/export',
      '/fhir',
      '/mijn-plan',
      '/wie-doet-wat',
    ];
    for (const who of [inwoner, naaste]) {
      for (const other of [visser, jansen]) {
        for (const r of routes) {
          const res = await api(s.url, 'GET', `/api/households/${other}${r}`, { token: who.token });
          expect(res.status, `${who.user.name} GET ${r} of another household`).toBe(404);
        }
      }
      const mine = await api<{ id: string }[]>(s.url, 'GET', '/api/households', {
        token: who.token,
      });
      expect(mine.body.map((h) => h.id)).toEqual([bakker]);
    }
  });

  it('gives Mijn plan: who helps and how to reach them, who holds regie, the next overleg they are invited to', async () => {
    const res = await api<MijnPlanDto>(s.url, 'GET', `/api/households/${bakker}/mijn-plan`, {
      token: inwoner.token,
    });
    expect(res.status).toBe(200);
    const plan = res.body;
    expect(plan.householdName).toBe('Gezin Bakker');
    expect(plan.regie).toMatchObject({
      name: mw.user.name,
      phone: expect.any(String) as unknown,
      email: mw.user.email,
    });
    expect(plan.helpers[0]?.userId).toBe(mw.user.id);
    const arts = plan.helpers.find((h) => h.userId === huisarts.user.id);
    expect(arts?.watDoetZe).toMatch(/dokter/i);
    expect(plan.eigenKring.map((p) => [p.name, p.role, p.email])).toEqual(
      expect.arrayContaining([
        [inwoner.user.name, 'inwoner', null],
        [naaste.user.name, 'naaste', null],
      ]),
    );
    // The inwoner is invited to the netwerkberaad, not to the casusoverleg that comes first.
    expect(plan.volgendOverleg).toMatchObject({
      kind: 'netwerkberaad',
      uitleg: expect.stringMatching(/gesprek/i) as unknown,
    });
    expect(plan.volgendOverleg?.wie).toContain('Henk Bakker (opa)');

    const forNaaste = await api<MijnPlanDto>(s.url, 'GET', `/api/households/${bakker}/mijn-plan`, {
      token: naaste.token,
    });
    expect(forNaaste.body.volgendOverleg?.kind).toBe('netwerkberaad');
    const outsider = await loginAs(s.url, 'wijkverpleegkundige');
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker}/mijn-plan`, { token: outsider.token }))
        .status,
    ).toBe(404);
    expect((await api(s.url, 'GET', `/api/households/${bakker}/mijn-plan`, {})).status).toBe(401);
  });

  it('never lets them read medical or internal notes: not over collab, socket.io or REST', async () => {
    const canary = { medisch: `MEDISCH-${randomUUID()}`, werk: `WERK-${randomUUID()}` };
    // The medical domain and the team write their notes, and they are stored.
    const writers = { medisch: huisarts.token, werk: mw.token } as const;
    for (const k of ['medisch', 'werk'] as const) {
      const c = open(writers[k], `${bakker}:${k}`);
      await synced(c);
      c.doc.getText('notities').insert(0, canary[k]);
      const check = open(writers[k], `${bakker}:${k}`);
      await eventually(
        () => expect(check.doc.getText('notities').toJSON()).toContain(canary[k]),
        15_000,
      );
    }

    // Collab: refused with 4403 before any document byte.
    for (const who of [inwoner, naaste]) {
      for (const k of ['medisch', 'werk']) {
        const r = await rawConnect(`${s.wsUrl}/collab/${bakker}:${k}`, {
          authorization: `Bearer ${who.token}`,
        });
        expect(r.code, `${who.user.name} on :${k}`).toBe(4403);
        expect(r.messages).toEqual([]);
      }
    }

    // socket.io: subscribing to them is an error.
    const socket = await eventsSocket(s.url, inwoner.token, bakker);
    sockets.push(socket);
    for (const k of ['medisch', 'werk']) {
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck('plan:subscribe', { docName: `${bakker}:${k}` })) as {
        data?: unknown;
        error?: { code: string };
      };
      expect(ack.data).toBeUndefined();
      expect(ack.error?.code).toBeTruthy();
    }

    // REST: the AVG export leaves the internal documents out; FHIR is for professionals.
    for (const who of [inwoner, naaste]) {
      const exp = await api<HouseholdExportDto>(s.url, 'GET', `/api/households/${bakker}/export`, {
        token: who.token,
      });
      expect(exp.status).toBe(200);
      expect(exp.body.documents.map((d) => d.kind)).toEqual(['plan']);
      const text = JSON.stringify(exp.body);
      expect(text).not.toContain(canary.medisch);
      expect(text).not.toContain(canary.werk);
      const fhir = await api(s.url, 'GET', `/api/households/${bakker}/fhir`, { token: who.token });
      expect(fhir.status).toBeGreaterThanOrEqual(400);
      expect(JSON.stringify(fhir.body)).not.toContain(canary.medisch);
    }

    // Meetings: the MDO of the professionals is not theirs: not listed, 404, and its live notes refused.
    const all = await api<MeetingDto[]>(s.url, 'GET', `/api/households/${bakker}/meetings`, {
      token: mw.token,
    });
    const mdo = all.body.find((m) => m.kind === 'mdo');
    const netwerk = all.body.find((m) => m.kind === 'netwerkberaad');
    expect(mdo && netwerk).toBeTruthy();
    const theirs = await api<MeetingDto[]>(s.url, 'GET', `/api/households/${bakker}/meetings`, {
      token: inwoner.token,
    });
    expect(theirs.body.map((m) => m.kind)).toEqual(['netwerkberaad']);
    expect(
      (
        await api(s.url, 'GET', `/api/households/${bakker}/meetings/${mdo?.id}`, {
          token: naaste.token,
        })
      ).status,
    ).toBe(404);
    const notes = await rawConnect(`${s.wsUrl}/collab/${bakker}:overleg:${mdo?.id}`, {
      authorization: `Bearer ${inwoner.token}`,
    });
    expect(notes.code).toBe(4403);
    expect(notes.messages).toEqual([]);
  });

  it('shows their own action live in the professional’s plan, and its writer ticks it off', async () => {
    const prof = open(mw.token, bakker);
    const mine = open(inwoner.token, bakker);
    const theirs = open(naaste.token, bakker);
    await Promise.all([synced(prof), synced(mine), synced(theirs)]);
    const tekst = `Zelf de huur overmaken ${randomUUID().slice(0, 8)}`;
    const id = new PlanDoc(mine.doc).addEigenActie({
      tekst,
      wieHelpt: 'Anouk',
      auteurId: inwoner.user.id,
      auteurNaam: inwoner.user.name,
    });
    await eventually(
      () => expect(new PlanDoc(prof.doc).eigenActies().find((a) => a.id === id)?.tekst).toBe(tekst),
      15_000,
    );
    await eventually(
      () => expect(new PlanDoc(theirs.doc).eigenActies().some((a) => a.id === id)).toBe(true),
      15_000,
    );
    new PlanDoc(mine.doc).setEigenActieGedaan(id, true);
    await eventually(
      () => expect(new PlanDoc(prof.doc).eigenActies().find((a) => a.id === id)?.gedaan).toBe(true),
      15_000,
    );
    await eventually(
      () =>
        expect(new PlanDoc(theirs.doc).eigenActies().find((a) => a.id === id)?.gedaan).toBe(true),
      15_000,
    );
    // The demo's own part is there too: by Sandra and by Anouk, one of it done, and a reaction.
    const plan = new PlanDoc(prof.doc);
    const demo = plan.eigenActies().filter((a) => a.id !== id);
    expect(new Set(demo.map((a) => a.auteurNaam))).toEqual(
      new Set([inwoner.user.name, naaste.user.name]),
    );
    expect(demo.some((a) => a.gedaan)).toBe(true);
    expect(plan.reacties().length).toBeGreaterThan(0);
  });

  it('rejects a crafted update from their connection that touches anything but their own root: not relayed, not stored', async () => {
    const collab = s.app.get(CollabService);
    const prof = open(mw.token, bakker);
    await synced(prof);
    const regieBefore = JSON.stringify(prof.doc.getMap('server').toJSON());
    const marker = `GEKAAPT-${randomUUID()}`;
    const reasons: string[] = [];
    const off = collab.onRejected((e) => {
      if (e.docName === bakker) reasons.push(e.reason);
    });

    const raw = new RawCollab(`${s.wsUrl}/collab/${bakker}`, inwoner.token);
    /** Each crafted update from a client id of its own, so that none is refused merely for following a refused one. */
    const craft = async (fn: (d: Y.Doc) => void) => {
      raw.doc.clientID = Math.floor(Math.random() * 2 ** 30) + 1;
      raw.edit(fn);
      expect(await raw.roundTrip()).toBe('synced');
    };
    try {
      expect(await raw.roundTrip()).toBe('synced');
      const actieId = new PlanDoc(raw.doc).acties()[0]?.id as string;
      expect(actieId).toBeTruthy();
      await craft((d) =>
        d.getMap('acties').set(randomUUID(), new Y.Map<unknown>([['titel', marker]])),
      );
      await craft((d) =>
        d
          .getMap('server')
          .set('regie', { userId: inwoner.user.id, name: marker, since: new Date().toISOString() }),
      );
      // An existing professional action, changed in place.
      await craft((d) =>
        (d.getMap('acties').get(actieId) as Y.Map<unknown>).set('status', 'gereed'),
      );
      // Its own root and another in one update: all or nothing.
      await craft((d) => {
        d.getMap('huishouden').set(
          randomUUID(),
          new Y.Map<unknown>([
            ['soort', 'reactie'],
            ['tekst', marker],
          ]),
        );
        d.getMap('doelen').set(randomUUID(), new Y.Map<unknown>([['titel', marker]]));
      });
      expect(raw.open).toBe(true);
      expect(raw.receivedText()).not.toContain(marker);
    } finally {
      raw.close();
      off();
    }
    expect(reasons).toEqual([
      'root_not_writable',
      'root_not_writable',
      'root_not_writable',
      'root_not_writable',
    ]);

    // A valid change from the household after them arrives; the crafted ones never did.
    const after = open(naaste.token, bakker);
    await synced(after);
    const okId = new PlanDoc(after.doc).addReactie({
      tekst: 'Alles goed hier',
      auteurId: naaste.user.id,
      auteurNaam: naaste.user.name,
    });
    await eventually(
      () => expect(new PlanDoc(prof.doc).reacties().some((r) => r.id === okId)).toBe(true),
      15_000,
    );
    expect(JSON.stringify(prof.doc.toJSON())).not.toContain(marker);
    expect(JSON.stringify(prof.doc.getMap('server').toJSON())).toBe(regieBefore);
    expect(new PlanDoc(prof.doc).acties()[0]?.status).not.toBe('gereed');

    // Stored state, on a fresh connection.
    const fresh = open(huisarts.token, bakker);
    await synced(fresh);
    expect(new PlanDoc(fresh.doc).reacties().some((r) => r.id === okId)).toBe(true);
    const stored = JSON.stringify({
      acties: fresh.doc.getMap('acties').toJSON(),
      doelen: fresh.doc.getMap('doelen').toJSON(),
      huishouden: fresh.doc.getMap('huishouden').toJSON(),
      server: fresh.doc.getMap('server').toJSON(),
    });
    expect(stored).not.toContain(marker);
  });

  it('keeps each member’s entries their own: a naaste’s change to the inwoner’s entry is neither stored nor relayed, the inwoner’s own is', async () => {
    const collab = s.app.get(CollabService);
    const rejections: string[] = [];
    const off = collab.onRejected((e) => {
      if (e.docName === bakker) rejections.push(`${e.userId} ${e.reason}`);
    });
    const refusedNaaste = () => rejections.filter((r) => r === `${naaste.user.id} not_own_entry`);
    try {
      const prof = open(mw.token, bakker);
      const sandra = open(inwoner.token, bakker);
      const anouk = open(naaste.token, bakker);
      await Promise.all([synced(prof), synced(sandra), synced(anouk)]);
      const tekst = `Zelf de woningcorporatie bellen ${randomUUID().slice(0, 8)}`;
      const id = new PlanDoc(sandra.doc).addEigenActie({
        tekst,
        auteurId: inwoner.user.id,
        auteurNaam: inwoner.user.name,
      });
      const entryIn = (doc: Y.Doc) => doc.getMap('huishouden').get(id) as Y.Map<unknown>;
      const stored = (doc: Y.Doc) => new PlanDoc(doc).eigenActies().find((a) => a.id === id);
      await eventually(() => expect(stored(anouk.doc)?.tekst).toBe(tekst), 15_000);

      // The naaste's stock client rewrites the inwoner's action and ticks it off: refused.
      const marker = `GEKAAPT-${randomUUID()}`;
      anouk.doc.transact(() => {
        entryIn(anouk.doc).set('tekst', marker);
        entryIn(anouk.doc).set('gedaan', true);
      });
      await eventually(() => expect(refusedNaaste()).toHaveLength(1), 15_000);
      // From fresh connections: deleting it, and taking its key with an action of the naaste's own.
      const wisser = open(naaste.token, bakker);
      await synced(wisser);
      wisser.doc.getMap('huishouden').delete(id);
      await eventually(() => expect(refusedNaaste()).toHaveLength(2), 15_000);
      const kaper = open(naaste.token, bakker);
      await synced(kaper);
      kaper.doc.getMap('huishouden').set(
        id,
        new Y.Map<unknown>([
          ['soort', 'actie'],
          ['tekst', marker],
          ['auteurId', naaste.user.id],
          ['auteurNaam', naaste.user.name],
          ['aangemaakt', new Date().toISOString()],
        ]),
      );
      await eventually(() => expect(refusedNaaste()).toHaveLength(3), 15_000);

      // The inwoner's own change arrives everywhere, also at a naaste's (whose copy has not diverged).
      const volger = open(naaste.token, bakker);
      await synced(volger);
      expect(stored(volger.doc)).toMatchObject({ tekst, gedaan: false, auteurId: inwoner.user.id });
      const nieuw = `${tekst} (gedaan)`;
      sandra.doc.transact(() => setText(entryIn(sandra.doc), 'tekst', nieuw));
      new PlanDoc(sandra.doc).setEigenActieGedaan(id, true);
      const expected = { tekst: nieuw, gedaan: true, auteurId: inwoner.user.id };
      await eventually(() => expect(stored(prof.doc)).toMatchObject(expected), 15_000);
      await eventually(() => expect(stored(volger.doc)).toMatchObject(expected), 15_000);

      // Stored as the inwoner wrote it, on a fresh connection; the naaste's changes nowhere.
      const fresh = open(huisarts.token, bakker);
      await synced(fresh);
      expect(stored(fresh.doc)).toMatchObject(expected);
      for (const c of [prof, sandra, fresh])
        expect(JSON.stringify(c.doc.getMap('huishouden').toJSON())).not.toContain(marker);
      expect(rejections.filter((r) => r.startsWith(inwoner.user.id))).toEqual([]);
    } finally {
      off();
    }
  });

  it('notifies the regiehouder live, once per reaction or own action', async () => {
    const socket = await eventsSocket(s.url, mw.token, bakker);
    sockets.push(socket);
    const live: NotificationDto[] = [];
    socket.on('notification:new', (n: NotificationDto) => live.push(n));

    const c = open(inwoner.token, bakker);
    await synced(c);
    const plan = new PlanDoc(c.doc);
    const schuldhulp = plan
      .acties()
      .find((a) => a.titel === 'Aanmelden bij de schuldhulpverlening');
    const tekst = `Dank jullie wel ${randomUUID().slice(0, 8)}`;
    plan.addReactie({
      tekst,
      actieId: schuldhulp?.id ?? null,
      auteurId: inwoner.user.id,
      auteurNaam: 'Iemand Anders',
    });
    await eventually(() => expect(notificationsWith(live, tekst)).toHaveLength(1), 15_000);
    const n = notificationsWith(live, tekst)[0] as NotificationDto;
    expect(n).toMatchObject({ kind: 'reactie', householdId: bakker });
    expect(n.title).toBe(
      `${inwoner.user.name} (Gezin Bakker) reageert op de actie “Aanmelden bij de schuldhulpverlening”`,
    );

    // More changes to the plan (ticking off, another entry by the naaste) do not repeat it.
    const eigen = plan.eigenActies().find((a) => a.auteurId === inwoner.user.id);
    if (eigen) plan.setEigenActieGedaan(eigen.id, !eigen.gedaan);
    const n2 = open(naaste.token, bakker);
    await synced(n2);
    const tweede = `Ik rijd mee naar de intake ${randomUUID().slice(0, 8)}`;
    new PlanDoc(n2.doc).addEigenActie({
      tekst: tweede,
      auteurId: naaste.user.id,
      auteurNaam: naaste.user.name,
    });
    await eventually(() => expect(notificationsWith(live, tweede)).toHaveLength(1), 15_000);
    expect(notificationsWith(live, tweede)[0]).toMatchObject({
      kind: 'actie',
      title: `${naaste.user.name} (Gezin Bakker) zet een eigen actie in het plan`,
    });

    const stored = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
      token: mw.token,
    });
    expect(notificationsWith(stored.body, tekst)).toHaveLength(1);
    expect(notificationsWith(live, tekst)).toHaveLength(1);
    // The household itself and other professionals got nothing of it.
    for (const other of [inwoner, naaste, huisarts]) {
      const theirs = await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', {
        token: other.token,
      });
      expect(notificationsWith(theirs.body, tekst)).toEqual([]);
    }
  });

  it('copes with plan text that PostgreSQL cannot store (U+0000) and with stray values in the household root', async () => {
    const socket = await eventsSocket(s.url, mw.token, bakker);
    sockets.push(socket);
    const live: NotificationDto[] = [];
    socket.on('notification:new', (n: NotificationDto) => live.push(n));
    // A stray value in the household's root (a professional's client may write one): readers skip it.
    const prof = open(mw.token, bakker);
    await synced(prof);
    prof.doc.getMap('huishouden').set(`los-${randomUUID().slice(0, 8)}`, null);
    const c = open(inwoner.token, bakker);
    await synced(c);
    const merk = randomUUID().slice(0, 8);
    new PlanDoc(c.doc).addReactie({
      tekst: `Met een nul\u0000teken ${merk}`,
      auteurId: inwoner.user.id,
      auteurNaam: inwoner.user.name,
    });
    // The regiehouder is still told, with the text as it can be stored.
    await eventually(
      () => expect(notificationsWith(live, `Met een nulteken ${merk}`)).toHaveLength(1),
      15_000,
    );
    // An action of the professionals with the same character reaches the read model.
    new PlanDoc(prof.doc).addActie({
      titel: `Actie met\u0000nul ${merk}`,
      eigenaarId: mw.user.id,
    });
    await eventually(async () => {
      const rows = await api<{ titel: string }[]>(s.url, 'GET', '/api/me/actions', {
        token: mw.token,
      });
      expect(rows.body.map((r) => r.titel)).toContain(`Actie metnul ${merk}`);
    }, 15_000);
  });
});

describe.each(databaseKinds())('household notifications across a restart on %s', (kind) => {
  it('does not notify an entry again after a restart, and does notify the next one', async () => {
    const server = await restartableServer(kind);
    const clients: Client[] = [];
    let spil: (SpilInstance & { wsUrl: string }) | null = null;
    const logs = captureLogs();
    try {
      spil = await server.start();
      const bakker = (await householdByName(spil, 'Gezin Bakker')).id;
      const addReaction = async (instance: SpilInstance & { wsUrl: string }, tekst: string) => {
        const inwoner = await loginAs(instance.url, 'inwoner');
        const c = connect(instance.wsUrl, inwoner.token, bakker);
        clients.push(c);
        await synced(c);
        new PlanDoc(c.doc).addReactie({
          tekst,
          auteurId: inwoner.user.id,
          auteurNaam: inwoner.user.name,
        });
      };
      const count = async (instance: SpilInstance, tekst: string) => {
        const mw = await loginAs(instance.url, 'maatschappelijk-werker');
        const list = await api<NotificationDto[]>(instance.url, 'GET', '/api/me/notifications', {
          token: mw.token,
        });
        return notificationsWith(list.body, tekst).length;
      };
      const eerste = `Voor de herstart ${randomUUID().slice(0, 8)}`;
      await addReaction(spil, eerste);
      const first = spil;
      await eventually(async () => expect(await count(first, eerste)).toBe(1), 15_000);
      for (const c of clients.splice(0)) c.destroy();
      await spil.close();
      spil = null;
      // The inwoner left as the server stopped: their edit session was still written to the audit log.
      expect(logs.lines.filter((l) => /Audit (record|append)/.test(l))).toEqual([]);

      spil = await server.start();
      const tweede = `Na de herstart ${randomUUID().slice(0, 8)}`;
      await addReaction(spil, tweede);
      const second = spil;
      await eventually(async () => expect(await count(second, tweede)).toBe(1), 15_000);
      expect(await count(second, eerste)).toBe(1);
      // The demo's own entries were never notified again either: only the seeded notification.
      expect(await count(second, 'Dinsdag kan ik')).toBe(1);
    } finally {
      logs.restore();
      for (const c of clients) c.destroy();
      await spil?.close();
      await server.drop();
    }
  });
});
