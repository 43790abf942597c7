/**
 * The collab endpoint with stock y-websocket providers: sync, who may connect,
 * who may write what, awareness, live mirroring of team and regie, and
 * connections cut when access ends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { randomUUID } from 'node:crypto';
import { PlanDoc, personColor } from '@spil/shared';
import { CollabService, type RejectedUpdate } from '../../server/src/collab/collab.service';
import { DomainEvents } from '../../server/src/common/domain-events';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { TeamMembershipEntity } from '../../server/src/modules/households/household.entity';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import {
  type Client,
  connect,
  coversOwnEdits,
  followStored,
  notesOf,
  notesTextOf,
  rawConnect,
  synced,
} from './helpers';

type Login = Awaited<ReturnType<typeof loginAs>>;

function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

describe.each(databaseKinds())('collab on %s', (kind) => {
  let s: TestServer;
  let collab: CollabService;
  let bakker: string;
  let jansen: string;
  let visser: string;
  const logins = new Map<string, Login>();
  const clients: Client[] = [];
  const rejected: RejectedUpdate[] = [];

  const as = (key: string): Login => logins.get(key) as Login;
  const open = (
    key: string | null,
    docName: string,
    opts: { headers?: Record<string, string> } = {},
  ): Client => {
    const c = connect(s.wsUrl, key ? as(key).token : null, docName, opts);
    clients.push(c);
    return c;
  };
  const rowsOf = async (docName: string, userId: string): Promise<number> => {
    const r = await dataSourceOf(s).query<{ n: string }[]>(
      'SELECT count(*) AS n FROM plan_update WHERE doc_name = $1 AND user_id = $2',
      [docName, userId],
    );
    return Number(r[0]?.n ?? 0);
  };

  beforeAll(async () => {
    s = await startTestServer(kind);
    collab = s.app.get(CollabService);
    collab.onRejected((e) => {
      rejected.push(e);
    });
    bakker = (await householdByName(s, 'Gezin Bakker')).id;
    jansen = (await householdByName(s, 'Huishouden Jansen')).id;
    visser = (await householdByName(s, 'Gezin Visser')).id;
    for (const key of [
      'huisarts',
      'maatschappelijk-werker',
      'wmo-consulent',
      'inwoner',
      'poh-jeugd',
      'coordinator',
    ]) {
      logins.set(key, await loginAs(s.url, key));
    }
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('lets two stock providers converge and confirms storage through plan:stored', async () => {
    const a = open('huisarts', bakker);
    const b = open('maatschappelijk-werker', bakker);
    const follow = await followStored(s.url, as('huisarts').token, bakker);
    try {
      await Promise.all([synced(a), synced(b)]);
      // The seeded plan and the server-owned part arrive with the first sync.
      expect(new PlanDoc(a.doc).acties().length).toBeGreaterThan(0);
      expect(new PlanDoc(a.doc).regie()?.name).toBe('Johan Kuipers');
      expect(new PlanDoc(a.doc).team().map((t) => t.role)).toContain('meelezer');

      notesOf(a.doc).insert(0, 'Afspraak met school gemaakt. ');
      notesOf(b.doc).insert(0, 'Huur is betaald. ');
      new PlanDoc(b.doc).addDoel({
        titel: 'Samen koken op woensdag',
        domein: 'huiselijke-relaties',
      });
      await eventually(() => {
        expect(notesTextOf(a.doc)).toBe(notesTextOf(b.doc));
        expect(notesTextOf(a.doc)).toContain('Afspraak met school gemaakt.');
        expect(notesTextOf(a.doc)).toContain('Huur is betaald.');
        expect(new PlanDoc(a.doc).doelen().map((d) => d.titel)).toContain(
          'Samen koken op woensdag',
        );
      }, 10_000);
      await eventually(() => {
        expect(coversOwnEdits(follow.stored.at(-1), a.doc)).toBe(true);
        expect(coversOwnEdits(follow.stored.at(-1), b.doc)).toBe(true);
      }, 10_000);
      const stored = await collab.readDoc(bakker);
      expect(notesTextOf(stored)).toBe(notesTextOf(a.doc));
    } finally {
      follow.close();
    }
  });

  it('refuses a non-member with 4403 before any document byte', async () => {
    const r = await rawConnect(`${s.wsUrl}/collab/${visser}`, {
      authorization: `Bearer ${as('huisarts').token}`,
    });
    expect(r.code).toBe(4403);
    expect(r.messages).toHaveLength(0);
    // The stock client stops retrying.
    const c = open('huisarts', visser);
    await eventually(() => expect(c.closes).toContain(4403), 10_000);
    await new Promise((res) => setTimeout(res, 800));
    expect(c.closes.filter((x) => x === 4403)).toHaveLength(1);
    expect(c.provider.shouldConnect).toBe(false);
  });

  it('refuses unknown, malformed and off-limits documents with 4403', async () => {
    const bearer = { authorization: `Bearer ${as('huisarts').token}` };
    for (const path of [
      '',
      'geen-uuid',
      `${bakker}:onbekend`,
      `${bakker}:medisch:x`,
      randomUUID(),
      `${randomUUID()}:medisch`,
    ]) {
      const r = await rawConnect(`${s.wsUrl}/collab/${path}`, bearer).catch((e: unknown) => {
        throw new Error(`${path}: ${String(e)}`);
      });
      expect(r.code, path).toBe(4403);
      expect(r.messages, path).toHaveLength(0);
    }
    // The medical document is for the medical domain (and whom a consent covers: not so at Jansen); the working notes never for the household.
    const social = await rawConnect(`${s.wsUrl}/collab/${jansen}:medisch`, {
      authorization: `Bearer ${as('wmo-consulent').token}`,
    });
    expect(social.code).toBe(4403);
    expect(social.messages).toHaveLength(0);
    const inwoner = await rawConnect(`${s.wsUrl}/collab/${bakker}:werk`, {
      authorization: `Bearer ${as('inwoner').token}`,
    });
    expect(inwoner.code).toBe(4403);
    // ...and the huisarts may open it, and it is a document of its own.
    const medisch = open('huisarts', `${bakker}:medisch`);
    await synced(medisch);
    expect(medisch.doc.getMap('acties').size).toBe(0);
  });

  it('refuses missing or bad credentials with 4401', async () => {
    const none = await rawConnect(`${s.wsUrl}/collab/${bakker}`, {});
    expect(none.code).toBe(4401);
    expect(none.messages).toHaveLength(0);
    const bad = await rawConnect(`${s.wsUrl}/collab/${bakker}`, {
      authorization: 'Bearer not.a.token',
    });
    expect(bad.code).toBe(4401);
    const c = open(null, bakker);
    await eventually(() => expect(c.closes).toContain(4401), 10_000);
    expect(c.provider.shouldConnect).toBe(false);
  });

  it('accepts the session cookie only from an allowed Origin', async () => {
    const cookie = as('huisarts').cookie;
    const noOrigin = await rawConnect(`${s.wsUrl}/collab/${bakker}`, { cookie });
    expect(noOrigin.code).toBe(4403);
    expect(noOrigin.messages).toHaveLength(0);
    const evil = await rawConnect(`${s.wsUrl}/collab/${bakker}`, {
      cookie,
      origin: 'https://evil.example',
    });
    expect(evil.code).toBe(4403);
    expect(evil.messages).toHaveLength(0);
    const c = open(null, bakker, {
      headers: { cookie, origin: s.config.ALLOWED_ORIGINS[0] as string },
    });
    await synced(c);
    expect(new PlanDoc(c.doc).acties().length).toBeGreaterThan(0);
  });

  it("neither stores nor relays a meelezer's change", async () => {
    const reader = open('wmo-consulent', bakker);
    const editor = open('huisarts', bakker);
    await Promise.all([synced(reader), synced(editor)]);
    const before = rejected.length;
    notesOf(reader.doc).insert(0, 'MEELEZER WAS HIER ');
    new PlanDoc(reader.doc).addActie({ titel: 'Actie van een meelezer' });
    await eventually(
      () => expect(rejected.slice(before).some((r) => r.reason === 'read_only')).toBe(true),
      10_000,
    );
    // A later edit of the editor does arrive, so the reader's change would have had time to arrive too.
    notesOf(editor.doc).insert(0, 'na de meelezer ');
    await eventually(() => expect(notesTextOf(reader.doc)).toContain('na de meelezer'), 10_000);
    expect(notesTextOf(editor.doc)).not.toContain('MEELEZER');
    expect(new PlanDoc(editor.doc).acties().map((a) => a.titel)).not.toContain(
      'Actie van een meelezer',
    );
    expect(await rowsOf(bakker, as('wmo-consulent').user.id)).toBe(0);
    const stored = await collab.readDoc(bakker);
    expect(notesTextOf(stored)).not.toContain('MEELEZER');
    const event = rejected.slice(before).find((r) => r.reason === 'read_only') as RejectedUpdate;
    expect(event.userId).toBe(as('wmo-consulent').user.id);
    expect(event.docName).toBe(bakker);
  });

  it('rejects a client update that touches the server root, whole', async () => {
    const a = open('huisarts', bakker);
    const b = open('maatschappelijk-werker', bakker);
    await Promise.all([synced(a), synced(b)]);
    const before = rejected.length;
    a.doc.transact(() => {
      a.doc.getMap('server').set('regie', {
        userId: as('huisarts').user.id,
        name: 'Pieter Hendriks',
        since: new Date().toISOString(),
      });
      notesOf(a.doc).insert(0, 'SAMEN MET SERVER ');
    });
    await eventually(
      () => expect(rejected.slice(before).map((r) => r.reason)).toContain('server_root'),
      10_000,
    );
    notesOf(b.doc).insert(0, 'daarna ');
    await eventually(() => expect(notesTextOf(a.doc)).toContain('daarna'), 10_000);
    expect(new PlanDoc(b.doc).regie()?.name).toBe('Johan Kuipers');
    expect(notesTextOf(b.doc)).not.toContain('SAMEN MET SERVER');
    const stored = await collab.readDoc(bakker);
    expect(new PlanDoc(stored).regie()?.name).toBe('Johan Kuipers');
    expect(notesTextOf(stored)).not.toContain('SAMEN MET SERVER');

    // Deleting a server-owned entry is touching it too (a raw update built against the stored state).
    const copy = await collab.readDoc(bakker);
    const sv = Y.encodeStateVector(copy);
    copy.getMap('server').delete('team');
    const del = Y.encodeStateAsUpdate(copy, sv);
    const mark = rejected.length;
    const raw = await new Promise<number>((resolve) => {
      void import('ws').then(({ WebSocket }) => {
        const ws = new WebSocket(`${s.wsUrl}/collab/${bakker}`, {
          headers: { authorization: `Bearer ${as('huisarts').token}` },
        });
        ws.on('open', () => ws.send(syncUpdateFrame(del)));
        ws.on('error', () => undefined);
        void eventually(() => expect(rejected.length).toBeGreaterThan(mark), 10_000).then(() => {
          ws.close();
          resolve(rejected.length - mark);
        });
      });
    });
    expect(raw).toBe(1);
    expect(rejected.at(-1)?.reason).toBe('server_root');
    expect(new PlanDoc(await collab.readDoc(bakker)).team().length).toBeGreaterThan(0);
  });

  it('lets the inwoner write only the household root', async () => {
    const inwoner = open('inwoner', bakker);
    const prof = open('maatschappelijk-werker', bakker);
    await Promise.all([synced(inwoner), synced(prof)]);
    const before = rejected.length;
    const sandra = logins.get('inwoner')!.user;
    new PlanDoc(inwoner.doc).addReactie({
      tekst: 'Dank jullie wel, dinsdag lukt.',
      auteurId: sandra.id,
      auteurNaam: sandra.name,
    });
    await eventually(
      () =>
        expect(new PlanDoc(prof.doc).reacties().map((r) => r.tekst)).toContain(
          'Dank jullie wel, dinsdag lukt.',
        ),
      10_000,
    );
    new PlanDoc(inwoner.doc).addActie({ titel: 'Door inwoner bedacht' });
    await eventually(
      () => expect(rejected.slice(before).map((r) => r.reason)).toContain('root_not_writable'),
      10_000,
    );
    expect(new PlanDoc(prof.doc).acties().map((a) => a.titel)).not.toContain(
      'Door inwoner bedacht',
    );
  });

  it('relays awareness with the logged-in name and only for the connection’s own client id', async () => {
    const a = open('huisarts', bakker);
    const b = open('maatschappelijk-werker', bakker);
    await Promise.all([synced(a), synced(b)]);
    a.provider.awareness.setLocalState({
      user: { name: 'Iemand anders', color: '#000000' },
      cursor: { anchor: 3 },
    });
    await eventually(() => {
      const seen = b.provider.awareness.getStates().get(a.doc.clientID) as
        { user: { name: string; color: string }; cursor: unknown } | undefined;
      expect(seen?.user.name).toBe('Pieter Hendriks');
      // The server's colour for the logged-in user, the one the client uses for its own chip.
      expect(seen?.user.color).toBe(personColor(logins.get('huisarts')!.user.id));
      expect(seen?.cursor).toEqual({ anchor: 3 });
    }, 10_000);
    // A forged state for b's client id from a's connection is dropped.
    const forged = new Map<number, Record<string, unknown>>([
      [b.doc.clientID, { user: { name: 'Vals' }, cursor: null }],
    ]);
    const { encodeAwarenessUpdate, Awareness } = await import('y-protocols/awareness');
    const fake = new Awareness(new Y.Doc());
    fake.states = forged;
    fake.meta.set(b.doc.clientID, { clock: 999, lastUpdated: Date.now() });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(e, encodeAwarenessUpdate(fake, [b.doc.clientID]));
    a.provider.ws?.send(encoding.toUint8Array(e));
    fake.destroy();
    await new Promise((r) => setTimeout(r, 500));
    const own = b.provider.awareness.getLocalState() as { user?: { name: string } } | null;
    expect(own?.user?.name).not.toBe('Vals');
    expect(
      (
        a.provider.awareness.getStates().get(b.doc.clientID) as
          { user?: { name: string } } | undefined
      )?.user?.name,
    ).not.toBe('Vals');
    // Leaving removes the state for the others.
    a.provider.disconnect();
    await eventually(
      () => expect(b.provider.awareness.getStates().has(a.doc.clientID)).toBe(false),
      10_000,
    );
  });

  it('mirrors team and regie changes into open plans', async () => {
    const a = open('maatschappelijk-werker', jansen);
    const b = open('huisarts', jansen);
    await Promise.all([synced(a), synced(b)]);
    const newcomer = await createUser(s, {
      name: 'Nieuw Teamlid',
      discipline: 'schuldhulpverlener',
    });
    await addToTeam(s, jansen, newcomer.id, 'lid');
    s.app.get(DomainEvents).publish('team.changed', { householdId: jansen });
    await eventually(() => {
      for (const c of [a, b])
        expect(new PlanDoc(c.doc).team().map((t) => t.name)).toContain('Nieuw Teamlid');
    }, 5_000);
    expect(new PlanDoc(await collab.readDoc(jansen)).team().map((t) => t.name)).toContain(
      'Nieuw Teamlid',
    );
    // Unchanged facts add nothing to the log.
    const count = async () =>
      Number(
        (
          await dataSourceOf(s).query<{ n: string }[]>(
            'SELECT count(*) AS n FROM plan_update WHERE doc_name = $1 AND user_id IS NULL',
            [jansen],
          )
        )[0]?.n,
      );
    const rows = await count();
    s.app.get(DomainEvents).publish('regie.changed', { householdId: jansen });
    await new Promise((r) => setTimeout(r, 500));
    expect(await count()).toBe(rows);
  });

  it('closes a removed member with 4403 and an ended session with 4401', async () => {
    const member = await createUser(s, { name: 'Tijdelijk Lid' });
    await addToTeam(s, jansen, member.id, 'lid');
    const login = await loginAs(s.url, member.email, member.password);
    const c = connect(s.wsUrl, login.token, jansen);
    clients.push(c);
    await synced(c);
    const del = await api(s.url, 'DELETE', `/api/households/${jansen}/team/${member.id}`, {
      token: as('coordinator').token,
    });
    expect(del.status).toBeLessThan(300);
    await eventually(() => expect(c.closes).toContain(4403), 5_000);
    expect(c.provider.shouldConnect).toBe(false);

    const session = await loginAs(s.url, 'poh-jeugd');
    const d = connect(s.wsUrl, session.token, bakker);
    clients.push(d);
    await synced(d);
    const out = await api(s.url, 'POST', '/api/auth/logout', { token: session.token });
    expect(out.status).toBeLessThan(300);
    await eventually(() => expect(d.closes).toContain(4401), 5_000);
  });

  it('re-checks access on consent.changed and closes who may no longer read', async () => {
    const member = await createUser(s, { name: 'Ander Lid' });
    await addToTeam(s, jansen, member.id, 'lid');
    const login = await loginAs(s.url, member.email, member.password);
    const c = connect(s.wsUrl, login.token, jansen);
    clients.push(c);
    await synced(c);
    await dataSourceOf(s)
      .getRepository(TeamMembershipEntity)
      .update({ householdId: jansen, userId: member.id }, { endedAt: new Date() });
    s.app.get(DomainEvents).publish('consent.changed', { householdId: jansen });
    await eventually(() => expect(c.closes).toContain(4403), 5_000);
  });

  it('applies server-side changes through withDoc: stored, relayed, hooked', async () => {
    const a = open('huisarts', bakker);
    await synced(a);
    const seen: string[] = [];
    const roots: (string[] | null)[] = [];
    const off = collab.onStored((docName, _doc, touched) => {
      seen.push(docName);
      if (docName === bakker) roots.push(touched ? [...touched].sort() : null);
    });
    try {
      let id = '';
      const changed = await collab.withDoc(bakker, (doc) => {
        id = new PlanDoc(doc).addActie({ titel: 'Door de server toegevoegd' });
      });
      expect(changed).toBe(true);
      expect(seen).toContain(bakker);
      // A server change names no roots (any may have changed) ...
      expect(roots).toEqual([null]);
      // ... a client's names those its checks found: typing in a levensdomein touches that root only.
      new PlanDoc(a.doc).setDomein('financien', { zorgen: 'Huurachterstand' });
      await eventually(() => expect(roots).toEqual([null, ['domeinen']]), 5_000);
      await eventually(
        () => expect(new PlanDoc(a.doc).actie(id)?.titel).toBe('Door de server toegevoegd'),
        5_000,
      );
      expect(new PlanDoc(await collab.readDoc(bakker)).actie(id)?.titel).toBe(
        'Door de server toegevoegd',
      );
      expect(await collab.withDoc(bakker, () => undefined)).toBe(false);
      // On a document nobody has open, too: loaded, changed, stored, unloaded.
      const changedClosed = await collab.withDoc(`${visser}:werk`, (doc) =>
        doc.getMap('notities').set('x', 1),
      );
      expect(changedClosed).toBe(true);
      expect((await collab.readDoc(`${visser}:werk`)).getMap('notities').get('x')).toBe(1);
    } finally {
      off();
    }
  });

  it('closes the connections of a disabled account with 4401', async () => {
    const member = await createUser(s, { name: 'Straks Uitgeschakeld' });
    await addToTeam(s, jansen, member.id, 'lid');
    const login = await loginAs(s.url, member.email, member.password);
    const c = connect(s.wsUrl, login.token, jansen);
    clients.push(c);
    await synced(c);
    await s.app.get(AuthService).disableUser(member.id);
    await eventually(() => expect(c.closes).toContain(4401), 5_000);
  });

  it('closes a message above the limit with 1009 and a malformed one with 4400, leaving others alone', async () => {
    const bystander = open('maatschappelijk-werker', bakker);
    await synced(bystander);
    const big = new Uint8Array(s.config.COLLAB_MAX_MESSAGE_BYTES + 1024);
    const tooBig = await rawConnect(
      `${s.wsUrl}/collab/${bakker}`,
      { authorization: `Bearer ${as('huisarts').token}` },
      [big],
    );
    expect(tooBig.code).toBe(1009);
    const garbage = await rawConnect(
      `${s.wsUrl}/collab/${bakker}`,
      { authorization: `Bearer ${as('huisarts').token}` },
      [new Uint8Array([0, 7, 1, 2, 3])],
    );
    expect(garbage.code).toBe(4400);
    notesOf(bystander.doc).insert(0, 'nog steeds hier ');
    const check = open('huisarts', bakker);
    await synced(check);
    await eventually(() => expect(notesTextOf(check.doc)).toContain('nog steeds hier'), 10_000);
  });

  it('answers queryAwareness and serves the stored state to a raw client', async () => {
    const a = open('huisarts', bakker);
    await synced(a);
    a.provider.awareness.setLocalState({ cursor: null });
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 3);
    const r = await new Promise<number[]>((resolve) => {
      void import('ws').then(({ WebSocket }) => {
        const types: number[] = [];
        const ws = new WebSocket(`${s.wsUrl}/collab/${bakker}`, {
          headers: { authorization: `Bearer ${as('maatschappelijk-werker').token}` },
        });
        ws.on('open', () => ws.send(encoding.toUint8Array(e)));
        ws.on('message', (data: Buffer) => {
          types.push(decoding.readVarUint(decoding.createDecoder(new Uint8Array(data))));
          if (types.filter((t) => t === 1).length >= 1) {
            ws.close();
            resolve(types);
          }
        });
        ws.on('error', () => undefined);
      });
    });
    expect(r[0]).toBe(0); // the server's sync step 1 comes first
    expect(r).toContain(1);
  });
});
