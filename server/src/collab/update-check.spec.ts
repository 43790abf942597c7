import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import { checkUpdate, type WriteRules } from './update-check';

const INWONER = 'user-inwoner';
const NAASTE = 'user-naaste';

const rules = (write: 'all' | 'none', reservedClient = 1): WriteRules => ({
  write,
  householdRoots: ['huishouden'],
  serverRoot: 'server',
  reservedClient,
});
/** The rules of a household member's connection. */
const household = (authorId: string, reservedClient = 1): WriteRules => ({
  write: 'household',
  authorId,
  householdRoots: ['huishouden'],
  serverRoot: 'server',
  reservedClient,
});

/** A server doc with some content, and a client replica in sync with it. */
function setup(): { server: Y.Doc; client: Y.Doc } {
  const server = new Y.Doc();
  server.transact(() => {
    server.getMap('server').set('team', [{ userId: 'u1' }]);
    server.getText('notes').insert(0, 'hallo');
    const actie = new Y.Map<unknown>();
    server.getMap('acties').set('a1', actie);
    actie.set('titel', 'Bellen');
    server.getMap('huishouden').set('r1', 'ok');
  });
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return { server, client };
}

/** A prelim entry of the household root with these fields. */
function entry(fields: Record<string, unknown>): Y.Map<unknown> {
  return new Y.Map<unknown>(Object.entries(fields));
}

/** What the client changes in `fn`, as one update. */
function change(client: Y.Doc, fn: () => void): Uint8Array {
  const sv = Y.encodeStateVector(client);
  client.transact(fn);
  return Y.encodeStateAsUpdate(client, sv);
}

function check(server: Y.Doc, update: Uint8Array, r: WriteRules) {
  return checkUpdate(server, Y.decodeUpdate(update), r);
}

describe('checkUpdate', () => {
  it('names the roots an update writes, through nested types and origins', () => {
    const { server, client } = setup();
    const u = change(client, () => {
      (client.getMap('acties').get('a1') as Y.Map<unknown>).set('status', 'bezig');
      client.getText('notes').insert(5, ' daar');
    });
    expect(check(server, u, rules('all'))).toEqual({
      kind: 'ok',
      roots: expect.arrayContaining(['acties', 'notes']) as unknown,
    });
  });

  it('rejects anything touching the server root, including a deletion', () => {
    const { server, client } = setup();
    expect(
      check(
        server,
        change(client, () => client.getMap('server').set('regie', null)),
        rules('all'),
      ),
    ).toEqual({
      kind: 'rejected',
      reason: 'server_root',
    });
    const { server: s2, client: c2 } = setup();
    expect(
      check(
        s2,
        change(c2, () => c2.getMap('server').delete('team')),
        rules('all'),
      ),
    ).toEqual({
      kind: 'rejected',
      reason: 'server_root',
    });
  });

  it('lets a household connection write only its own root, and a read-only one nothing', () => {
    const { server, client } = setup();
    const own = change(client, () =>
      client.getMap('huishouden').set('r2', entry({ auteurId: INWONER, tekst: 'graag' })),
    );
    expect(check(server, own, household(INWONER))).toEqual({ kind: 'ok', roots: ['huishouden'] });
    expect(check(server, own, rules('none'))).toEqual({ kind: 'rejected', reason: 'read_only' });
    const { server: s2, client: c2 } = setup();
    const other = change(c2, () => c2.getText('notes').insert(0, 'x'));
    expect(check(s2, other, household(INWONER))).toEqual({
      kind: 'rejected',
      reason: 'root_not_writable',
    });
  });

  it('treats what the server already has as a no-op, also for a read-only connection', () => {
    const { server, client } = setup();
    server.getMap('server').set('team', []); // deletes the old value on the server
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    // A stock client's sync step 2: everything the server lacks (nothing) and the full delete set.
    const step2 = Y.encodeStateAsUpdate(client, Y.encodeStateVector(server));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expect(check(server, step2, rules('none'))).toEqual({ kind: 'noop' });
  });

  it('rejects gaps, unknown references and structs under the server’s client id', () => {
    const { server, client } = setup();
    const first = change(client, () => client.getText('notes').insert(0, 'a'));
    const second = change(client, () => client.getText('notes').insert(1, 'b'));
    // The second without the first would stay pending forever.
    expect(check(server, second, rules('all'))).toEqual({ kind: 'rejected', reason: 'gap' });
    expect(check(server, first, rules('all')).kind).toBe('ok');

    const stranger = new Y.Doc();
    stranger.getText('notes').insert(0, 'x');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(stranger));
    const dependent = change(other, () => other.getText('notes').insert(1, 'y'));
    expect(check(server, dependent, rules('all'))).toEqual({
      kind: 'rejected',
      reason: 'unresolvable',
    });

    const { server: s3, client: c3 } = setup();
    c3.clientID = 77;
    const reserved = change(c3, () => c3.getText('notes').insert(0, 'z'));
    expect(check(s3, reserved, rules('all', 77))).toEqual({
      kind: 'rejected',
      reason: 'reserved_client',
    });
  });

  it('resolves a chain of own structs without recursion', () => {
    const { server, client } = setup();
    const u = change(client, () => {
      const text = client.getText('notes');
      for (let i = 0; i < 20_000; i++) text.insert(i % 3 === 0 ? 0 : text.length, 'x');
    });
    expect(check(server, u, rules('all'))).toEqual({ kind: 'ok', roots: ['notes'] });
  });
});

/* ---------- the household's own entries ---------- */

const INWONER_CLIENT = 101;
const NAASTE_CLIENT = 202;

/** A replica of `server` with its own client id. */
function replica(server: Y.Doc, clientID?: number): Y.Doc {
  const d = new Y.Doc();
  Y.applyUpdate(d, Y.encodeStateAsUpdate(server));
  // After the sync: Yjs would pick a new id if a remote update brought structs under its own.
  if (clientID !== undefined) d.clientID = clientID;
  return d;
}

/** What `fn` changes on a fresh replica of `server`, as one update. */
function by(server: Y.Doc, fn: (d: Y.Doc, plan: PlanDoc) => void, clientID?: number): Uint8Array {
  const d = replica(server, clientID);
  return change(d, () => fn(d, new PlanDoc(d)));
}

function entryIn(doc: Y.Doc, id: string): Y.Map<unknown> {
  const m = doc.getMap('huishouden').get(id);
  if (!(m instanceof Y.Map)) throw new Error(`no entry ${id}`);
  return m as Y.Map<unknown>;
}

/** Check, and store what is accepted. */
function submit(server: Y.Doc, update: Uint8Array, r: WriteRules) {
  const result = check(server, update, r);
  if (result.kind === 'ok') Y.applyUpdate(server, update);
  return result;
}

const OK = { kind: 'ok', roots: ['huishouden'] };
const NOT_OWN = { kind: 'rejected', reason: 'not_own_entry' };

/**
 * A plan with the household's part: an own action and a reaction of the
 * inwoner (written from client 101), an own action of the naaste (client
 * 202), each with a text field, and a value of no one.
 */
function planWithEntries(): {
  server: Y.Doc;
  inwonerActie: string;
  reactie: string;
  naasteActie: string;
} {
  const server = new Y.Doc();
  server.getMap('server').set('team', [{ userId: 'u1' }]);
  server.getMap('acties').set('a1', new Y.Map<unknown>([['titel', 'Bellen']]));
  server.getMap('huishouden').set('los', 'van niemand');
  let inwonerActie = '';
  let reactie = '';
  let naasteActie = '';
  Y.applyUpdate(
    server,
    by(
      server,
      (d, plan) => {
        inwonerActie = plan.addEigenActie({
          tekst: 'Post openen',
          auteurId: INWONER,
          auteurNaam: 'Sandra',
        });
        reactie = plan.addReactie({
          tekst: 'Dank jullie',
          auteurId: INWONER,
          auteurNaam: 'Sandra',
        });
        entryIn(d, inwonerActie).set('notitie', new Y.Text('abcdef'));
      },
      INWONER_CLIENT,
    ),
  );
  Y.applyUpdate(
    server,
    by(
      server,
      (d, plan) => {
        naasteActie = plan.addEigenActie({
          tekst: 'Meerijden',
          auteurId: NAASTE,
          auteurNaam: 'Anouk',
        });
        entryIn(d, naasteActie).set('notitie', new Y.Text('uvwxyz'));
      },
      NAASTE_CLIENT,
    ),
  );
  return { server, inwonerActie, reactie, naasteActie };
}

describe('checkUpdate: a household member writes only their own entries', () => {
  it('lets them create, change and delete their own entries', () => {
    const { server, inwonerActie, reactie } = planWithEntries();
    let id = '';
    expect(
      submit(
        server,
        by(server, (_d, plan) => {
          id = plan.addEigenActie({ tekst: 'Boodschappen', auteurId: NAASTE, auteurNaam: 'Anouk' });
        }),
        household(NAASTE),
      ),
    ).toEqual(OK);
    expect(
      submit(
        server,
        by(server, (_d, plan) =>
          plan.addReactie({
            tekst: 'Goed zo',
            actieId: inwonerActie,
            auteurId: NAASTE,
            auteurNaam: 'Anouk',
          }),
        ),
        household(NAASTE),
      ),
    ).toEqual(OK);
    const edits: ((d: Y.Doc, plan: PlanDoc) => void)[] = [
      (_d, plan) => plan.setEigenActieGedaan(id, true),
      (d) => entryIn(d, id).set('tekst', 'Boodschappen doen'),
      (d) => entryIn(d, id).set('auteurId', NAASTE),
      (d) => entryIn(d, id).delete('wieHelpt'),
      (d) => entryIn(d, id).set('lijst', new Y.Text('melk')),
      (d) => (entryIn(d, id).get('lijst') as Y.Text).insert(4, ', brood'),
      // Replacing one's own entry under its own key.
      (d) =>
        d
          .getMap('huishouden')
          .set(id, entry({ soort: 'actie', tekst: 'Opnieuw', auteurId: NAASTE })),
      (d) => d.getMap('huishouden').delete(id),
    ];
    for (const edit of edits)
      expect(submit(server, by(server, edit), household(NAASTE))).toEqual(OK);
    expect(server.getMap('huishouden').has(id)).toBe(false);
    // The inwoner's own, from a client id the naaste used before (client ids are not identities).
    const own: ((d: Y.Doc, plan: PlanDoc) => void)[] = [
      (_d, plan) => plan.setEigenActieGedaan(inwonerActie, true),
      (d) => (entryIn(d, inwonerActie).get('notitie') as Y.Text).insert(3, '-'),
      (d) => d.getMap('huishouden').delete(reactie),
    ];
    for (const edit of own)
      expect(submit(server, by(server, edit, NAASTE_CLIENT), household(INWONER))).toEqual(OK);
    expect(entryIn(server, inwonerActie).get('gedaan')).toBe(true);
  });

  it('refuses a change inside another member’s entry; a professional may make it', () => {
    const { server, inwonerActie, reactie } = planWithEntries();
    const edits: ((d: Y.Doc, plan: PlanDoc) => void)[] = [
      (_d, plan) => plan.setEigenActieGedaan(inwonerActie, true),
      (d) => entryIn(d, inwonerActie).set('tekst', 'Gekaapt'),
      (d) => entryIn(d, reactie).set('tekst', 'Gekaapt'),
      (d) => entryIn(d, inwonerActie).set('nieuw', 'veld'),
      (d) => entryIn(d, inwonerActie).set('sub', new Y.Map<unknown>([['a', 1]])),
      (d) => (entryIn(d, inwonerActie).get('notitie') as Y.Text).insert(2, 'XX'),
      (d) => (entryIn(d, inwonerActie).get('notitie') as Y.Text).insert(6, 'XX'),
      (d) => (entryIn(d, inwonerActie).get('notitie') as Y.Text).format(0, 2, { bold: true }),
    ];
    for (const edit of edits) {
      // From the naaste's own client, and from the inwoner's client id: neither makes it theirs.
      for (const clientID of [undefined, INWONER_CLIENT]) {
        const u = by(server, edit, clientID);
        expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
        expect(check(server, u, rules('all')).kind).toBe('ok');
      }
    }
  });

  it('refuses deleting another member’s entry, a part of it, or a value of no one', () => {
    const { server, inwonerActie, reactie } = planWithEntries();
    const deletes: ((d: Y.Doc) => void)[] = [
      (d) => d.getMap('huishouden').delete(inwonerActie),
      (d) => d.getMap('huishouden').delete(reactie),
      (d) => entryIn(d, inwonerActie).delete('tekst'),
      (d) => entryIn(d, inwonerActie).delete('auteurId'),
      (d) => (entryIn(d, inwonerActie).get('notitie') as Y.Text).delete(1, 2),
      (d) => d.getMap('huishouden').delete('los'),
    ];
    for (const del of deletes) {
      const u = by(server, del);
      expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
      expect(check(server, u, rules('all')).kind).toBe('ok');
    }
  });

  it('refuses replacing another member’s entry under its key, whether or not the client knew it', () => {
    const { server, inwonerActie } = planWithEntries();
    const mine = () =>
      entry({ soort: 'actie', tekst: 'Van mij nu', auteurId: NAASTE, auteurNaam: 'Anouk' });
    // From a replica that has the entry (the new value names it as its origin)...
    for (const clientID of [1_000, 2 ** 30]) {
      const u = by(server, (d) => d.getMap('huishouden').set(inwonerActie, mine()), clientID);
      expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
    }
    // ... and from one that never saw it (no origin: Yjs orders the two values by client id).
    for (const clientID of [1, 2 ** 30]) {
      const blind = new Y.Doc();
      blind.clientID = clientID + 7;
      const u = change(blind, () => blind.getMap('huishouden').set(inwonerActie, mine()));
      expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
      expect(check(server, u, rules('all')).kind).toBe('ok');
    }
    // A value of no one is not free either.
    expect(
      check(
        server,
        by(server, (d) => d.getMap('huishouden').set('los', mine())),
        household(NAASTE),
      ),
    ).toEqual(NOT_OWN);
    // A key whose entry its writer deleted is free again.
    expect(
      submit(
        server,
        by(server, (d) => d.getMap('huishouden').delete(inwonerActie)),
        household(INWONER),
      ),
    ).toEqual(OK);
    expect(
      check(
        server,
        by(server, (d) => d.getMap('huishouden').set(inwonerActie, mine())),
        household(NAASTE),
      ),
    ).toEqual(OK);
  });

  it('refuses a new entry that does not name the writer as its author', () => {
    const { server } = planWithEntries();
    const creates: ((d: Y.Doc, plan: PlanDoc) => void)[] = [
      (_d, plan) =>
        plan.addEigenActie({ tekst: 'Namens Sandra', auteurId: INWONER, auteurNaam: 'Sandra' }),
      (_d, plan) =>
        plan.addReactie({ tekst: 'Namens Sandra', auteurId: INWONER, auteurNaam: 'Sandra' }),
      (d) => d.getMap('huishouden').set('k1', entry({ soort: 'reactie', tekst: 'zonder auteur' })),
      (d) => d.getMap('huishouden').set('k2', entry({ tekst: 'leeg', auteurId: '' })),
      (d) => d.getMap('huishouden').set('k3', entry({ tekst: 'getal', auteurId: 42 })),
      (d) => d.getMap('huishouden').set('k4', entry({ tekst: 'lijst', auteurId: [NAASTE] })),
      (d) =>
        d.getMap('huishouden').set('k5', entry({ tekst: 'tekst', auteurId: new Y.Text(NAASTE) })),
      (d) => d.getMap('huishouden').set('k6', 'geen entry'),
      (d) => d.getMap('huishouden').set('k7', new Y.Text('geen entry')),
      (d) => d.getMap('huishouden').set('k8', new Y.Array<unknown>()),
      // Named the writer first and someone else after, in one update.
      (d) =>
        d.transact(() => {
          const m = entry({ soort: 'actie', tekst: 'eerst', auteurId: NAASTE });
          d.getMap('huishouden').set('k9', m);
          m.set('auteurId', INWONER);
        }),
      // An author given in a nested map, not the entry's own.
      (d) =>
        d
          .getMap('huishouden')
          .set('k10', entry({ tekst: 'genest', sub: entry({ auteurId: NAASTE }) })),
    ];
    for (const create of creates) {
      const u = by(server, create);
      expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
      expect(check(server, u, rules('all')).kind).toBe('ok');
    }
  });

  it('refuses changing the author of an own entry to anyone else', () => {
    const { server, inwonerActie } = planWithEntries();
    for (const value of [NAASTE, '', null, 7, { id: INWONER }]) {
      const u = by(server, (d) => entryIn(d, inwonerActie).set('auteurId', value));
      expect(check(server, u, household(INWONER))).toEqual(NOT_OWN);
    }
    expect(
      check(
        server,
        by(server, (d) => entryIn(d, inwonerActie).set('auteurId', INWONER)),
        household(INWONER),
      ),
    ).toEqual(OK);
    // And then the naaste still cannot touch it.
    expect(
      check(
        server,
        by(server, (d) => entryIn(d, inwonerActie).set('auteurId', NAASTE)),
        household(NAASTE),
      ),
    ).toEqual(NOT_OWN);
  });

  it('refuses an update that mixes an own and another’s entry, all or nothing', () => {
    const { server, inwonerActie, naasteActie } = planWithEntries();
    const mixes: ((d: Y.Doc, plan: PlanDoc) => void)[] = [
      (d, plan) => {
        plan.addReactie({ tekst: 'eigen', auteurId: NAASTE, auteurNaam: 'Anouk' });
        entryIn(d, inwonerActie).set('tekst', 'Gekaapt');
      },
      (d) => {
        entryIn(d, naasteActie).set('tekst', 'eigen');
        d.getMap('huishouden').delete(inwonerActie);
      },
      (_d, plan) => {
        plan.setEigenActieGedaan(naasteActie, true);
        plan.setEigenActieGedaan(inwonerActie, true);
      },
    ];
    for (const mix of mixes) {
      const before = Y.encodeStateVector(server);
      expect(submit(server, by(server, mix), household(NAASTE))).toEqual(NOT_OWN);
      expect(Y.encodeStateVector(server)).toEqual(before);
    }
    // A change in another root is refused for that root, before any entry.
    const both = by(server, (d) => {
      entryIn(d, inwonerActie).set('tekst', 'Gekaapt');
      d.getMap('acties').set('a2', 'x');
    });
    expect(check(server, both, household(NAASTE))).toEqual({
      kind: 'rejected',
      reason: 'root_not_writable',
    });
  });
});

/* ---------- crafted updates: structs edited after decoding ---------- */

/** The decoded update and its one item that matches `pick`. */
function decodedWith(
  update: Uint8Array,
  pick: (item: Y.Item) => boolean,
): { decoded: ReturnType<typeof Y.decodeUpdate>; item: Y.Item } {
  const decoded = Y.decodeUpdate(update);
  const items = decoded.structs.filter((s): s is Y.Item => s instanceof Y.Item && pick(s));
  expect(items).toHaveLength(1);
  return { decoded, item: items[0] as Y.Item };
}

/** The first item of the text field `notitie` of an entry. */
function notitieStart(doc: Y.Doc, id: string): Y.Item {
  return (entryIn(doc, id).get('notitie') as Y.Text)._start as Y.Item;
}

describe('checkUpdate: crafted updates against the household’s entries', () => {
  it('refuses an item whose left neighbour is in one entry and right neighbour in another', () => {
    const { server, inwonerActie, naasteActie } = planWithEntries();
    const u = by(server, (d) => (entryIn(d, naasteActie).get('notitie') as Y.Text).insert(3, '!'));
    const isInsert = (i: Y.Item) => i.content instanceof Y.ContentString;
    // As sent: between two of the naaste's own characters.
    expect(checkUpdate(server, decodedWith(u, isInsert).decoded, household(NAASTE))).toEqual(OK);

    const foreign = notitieStart(server, inwonerActie);
    const right = decodedWith(u, isInsert);
    right.item.rightOrigin = Y.createID(foreign.id.client, foreign.id.clock + 2);
    expect(checkUpdate(server, right.decoded, household(NAASTE))).toEqual(NOT_OWN);
    expect(checkUpdate(server, right.decoded, rules('all')).kind).toBe('ok');

    const left = decodedWith(u, isInsert);
    left.item.origin = Y.createID(foreign.id.client, foreign.id.clock + 2);
    expect(checkUpdate(server, left.decoded, household(NAASTE))).toEqual(NOT_OWN);

    // Both neighbours in the naaste's own entry, but another place in it: still fine.
    const mine = notitieStart(server, naasteActie);
    const shifted = decodedWith(u, isInsert);
    shifted.item.origin = Y.createID(mine.id.client, mine.id.clock);
    shifted.item.rightOrigin = Y.createID(mine.id.client, mine.id.clock + 1);
    expect(checkUpdate(server, shifted.decoded, household(NAASTE))).toEqual(OK);
  });

  it('refuses a new top-level value whose origin is another’s entry (it takes that key)', () => {
    const { server, inwonerActie, naasteActie } = planWithEntries();
    const u = by(server, (_d, plan) =>
      plan.addReactie({ tekst: 'nieuw', auteurId: NAASTE, auteurNaam: 'Anouk' }),
    );
    const isTop = (i: Y.Item) => (i.parent as unknown) === 'huishouden';
    const steal = decodedWith(u, isTop);
    const target = server.getMap('huishouden')._map.get(inwonerActie) as Y.Item;
    steal.item.parent = null;
    steal.item.parentSub = null;
    steal.item.origin = target.id;
    expect(checkUpdate(server, steal.decoded, household(NAASTE))).toEqual(NOT_OWN);
    // Its right origin alone decides the same way.
    const right = decodedWith(u, isTop);
    right.item.parent = null;
    right.item.parentSub = null;
    right.item.rightOrigin = target.id;
    expect(checkUpdate(server, right.decoded, household(NAASTE))).toEqual(NOT_OWN);
    // Taking the key of one's own entry that way is a replacement, and fine.
    const replace = decodedWith(u, isTop);
    replace.item.parent = null;
    replace.item.parentSub = null;
    replace.item.origin = (server.getMap('huishouden')._map.get(naasteActie) as Y.Item).id;
    expect(checkUpdate(server, replace.decoded, household(NAASTE))).toEqual(OK);
  });

  it('refuses an item placed into another’s entry by an explicit parent id, or a field written by an own origin there', () => {
    const { server, inwonerActie } = planWithEntries();
    const u = by(server, (_d, plan) =>
      plan.addReactie({ tekst: 'nieuw', auteurId: NAASTE, auteurNaam: 'Anouk' }),
    );
    const target = server.getMap('huishouden')._map.get(inwonerActie) as Y.Item;
    // A field of the new entry, moved into the inwoner's by its parent id.
    const moved = decodedWith(u, (i) => i.parentSub === 'tekst');
    moved.item.parent = target.id;
    expect(checkUpdate(server, moved.decoded, household(NAASTE))).toEqual(NOT_OWN);
    // The new entry's `auteurId`, moved into the inwoner's: both lose their author.
    const author = decodedWith(u, (i) => i.parentSub === 'auteurId');
    author.item.parent = target.id;
    expect(checkUpdate(server, author.decoded, household(NAASTE))).toEqual(NOT_OWN);
  });

  it('refuses a top-level item without a key, and one that is partly known and continues another’s entry', () => {
    const { server, naasteActie } = planWithEntries();
    // A Y.Map with its own author, as a list item of the root map instead of under a key.
    const topLevel = (key: string | null) =>
      ({
        structs: [
          new Y.Item(
            Y.createID(999, 0),
            null,
            null,
            null,
            null,
            // A root is named by its key in a decoded update.
            'huishouden' as unknown as Y.ID,
            key,
            new Y.ContentType(new Y.Map<unknown>()),
          ),
          new Y.Item(
            Y.createID(999, 1),
            null,
            null,
            null,
            null,
            Y.createID(999, 0),
            'auteurId',
            new Y.ContentAny([NAASTE]),
          ),
        ],
        ds: Y.createDeleteSet(),
      }) as unknown as ReturnType<typeof Y.decodeUpdate>;
    expect(checkUpdate(server, topLevel(null), household(NAASTE))).toEqual(NOT_OWN);
    expect(checkUpdate(server, topLevel('sleutel'), household(NAASTE))).toEqual(OK);

    // A struct of the inwoner's client that starts at its last known clock (a field of the inwoner's
    // entry) and goes on: Yjs integrates the rest after that field and deletes it.
    const naasteField = entryIn(server, naasteActie)._map.get('wieHelpt') as Y.Item;
    const partly = (client: number) =>
      ({
        structs: [
          new Y.Item(
            Y.createID(client, Y.getState(server.store, client) - 1),
            null,
            naasteField.id,
            null,
            null,
            null,
            null,
            new Y.ContentAny(['x', 'y']),
          ),
        ],
        ds: Y.createDeleteSet(),
      }) as unknown as ReturnType<typeof Y.decodeUpdate>;
    expect(checkUpdate(server, partly(INWONER_CLIENT), household(NAASTE))).toEqual(NOT_OWN);
    // The same after the naaste's own last struct (in their own entry) is theirs to write.
    expect(checkUpdate(server, partly(NAASTE_CLIENT), household(NAASTE))).toEqual(OK);
  });

  it('lets a change to an entry that was deleted meanwhile through: it becomes garbage and touches nothing', () => {
    const { server, inwonerActie } = planWithEntries();
    // The naaste's replica still has the inwoner's action; the inwoner deletes it on the server.
    const stale = replica(server);
    Y.applyUpdate(
      server,
      by(server, (d) => d.getMap('huishouden').delete(inwonerActie)),
    );
    expect(server.getMap('huishouden').has(inwonerActie)).toBe(false);
    const u = change(stale, () => entryIn(stale, inwonerActie).set('tekst', 'GEKAAPT'));
    const result = submit(server, u, household(NAASTE));
    expect(result).toEqual({ kind: 'ok', roots: [] });
    expect(JSON.stringify(server.toJSON())).not.toContain('GEKAAPT');
    // Likewise a struct that names the garbage-collected entry as its parent.
    const target = server.getMap('huishouden')._map.get(inwonerActie) as Y.Item;
    expect(target.content).toBeInstanceOf(Y.ContentDeleted);
    const orphan = {
      structs: [
        new Y.Item(
          Y.createID(4242, 0),
          null,
          null,
          null,
          null,
          target.id,
          'tekst',
          new Y.ContentAny(['x']),
        ),
      ],
      ds: Y.createDeleteSet(),
    } as unknown as ReturnType<typeof Y.decodeUpdate>;
    expect(checkUpdate(server, orphan, household(NAASTE))).toEqual({ kind: 'ok', roots: [] });
  });

  it('accepts an entry created and deleted offline at a free key, but not at another’s', () => {
    const { server, inwonerActie } = planWithEntries();
    const offline = (key: string) => {
      const d = replica(server);
      const sv = Y.encodeStateVector(server);
      d.getMap('huishouden').set(
        key,
        entry({ soort: 'actie', tekst: 'toch niet', auteurId: NAASTE }),
      );
      d.getMap('huishouden').delete(key);
      return Y.encodeStateAsUpdate(d, sv);
    };
    const free = offline('vrij');
    const top = Y.decodeUpdate(free).structs.find(
      (s) => s instanceof Y.Item && (s.parent as unknown) === 'huishouden',
    ) as Y.Item;
    expect(top.content).toBeInstanceOf(Y.ContentDeleted);
    expect(check(server, free, household(NAASTE))).toEqual(OK);
    expect(check(server, offline(inwonerActie), household(NAASTE))).toEqual(NOT_OWN);
  });

  it('walks deep entries without recursion, in the store and in the update', () => {
    const { server, inwonerActie } = planWithEntries();
    const depth = 30_000;
    // The inwoner nests maps deep inside their own entry, in one update.
    const deep = by(server, (d) => {
      let m = entryIn(d, inwonerActie);
      for (let i = 0; i < depth; i++) {
        const c = new Y.Map<unknown>();
        m.set('in', c);
        m = c;
      }
      m.set('bodem', 'inwoner');
    });
    expect(submit(server, deep, household(INWONER))).toEqual(OK);
    const bottom = (d: Y.Doc) => {
      let m = entryIn(d, inwonerActie);
      while (m.get('in') instanceof Y.Map) m = m.get('in') as Y.Map<unknown>;
      return m;
    };
    expect(bottom(server).get('bodem')).toBe('inwoner');
    // The naaste, at the bottom of the stored chain.
    const u = by(server, (d) => bottom(d).set('bodem', 'naaste'));
    expect(check(server, u, household(NAASTE))).toEqual(NOT_OWN);
    expect(check(server, u, household(INWONER))).toEqual(OK);
  });
});

/* ---------- a property: random members doing random things ---------- */

/** mulberry32: a small seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('checkUpdate: random changes by the inwoner, a naaste and a professional', () => {
  const MEMBERS = [INWONER, NAASTE] as const;
  const PROF = 'user-prof';

  it.each([1, 2, 3, 4, 5, 6])('accepts exactly what the writer may do (seed %i)', (seed) => {
    const rnd = random(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const server = new Y.Doc();
    const keys: string[] = [];
    const authorOf = (key: string): unknown => {
      const m = server.getMap('huishouden').get(key);
      return m instanceof Y.Map ? (m as Y.Map<unknown>).get('auteurId') : undefined;
    };
    let accepted = 0;
    let refused = 0;
    for (let step = 0; step < 80; step++) {
      const actor = rnd() < 0.2 ? PROF : pick(MEMBERS);
      const live = keys.filter((k) => server.getMap('huishouden').has(k));
      const op =
        live.length === 0
          ? 'create'
          : pick(['create', 'set', 'setAuthor', 'deleteField', 'deleteEntry', 'replace'] as const);
      const key = op === 'create' ? `e${step}` : pick(live);
      const claimed = rnd() < 0.75 ? actor : pick([...MEMBERS, PROF]);
      const owner = authorOf(key);
      const d = replica(server, 1 + Math.floor(rnd() * 2 ** 30));
      if (op === 'deleteField' && !entryIn(d, key).has('tekst')) continue;
      const u = change(d, () => {
        const root = d.getMap('huishouden');
        if (op === 'create' || op === 'replace')
          root.set(key, entry({ soort: 'actie', tekst: `${actor} ${step}`, auteurId: claimed }));
        else if (op === 'set') entryIn(d, key).set('tekst', `${actor} ${step}`);
        else if (op === 'setAuthor') entryIn(d, key).set('auteurId', claimed);
        else if (op === 'deleteField') entryIn(d, key).delete('tekst');
        else root.delete(key);
      });
      const r = actor === PROF ? rules('all') : household(actor);
      const allowed =
        actor === PROF ||
        (op === 'create'
          ? claimed === actor
          : owner === actor && (op === 'setAuthor' || op === 'replace' ? claimed === actor : true));
      const result = submit(server, u, r);
      expect(
        result,
        `${actor} ${op} ${key} as ${String(claimed)} (owner ${String(owner)})`,
      ).toEqual(allowed ? OK : NOT_OWN);
      if (allowed) accepted++;
      else refused++;
      if (op === 'create') keys.push(key);
    }
    expect(accepted).toBeGreaterThan(10);
    expect(refused).toBeGreaterThan(5);
    // What is stored: every entry a member wrote names its writer.
    for (const key of keys) {
      const m = server.getMap('huishouden').get(key);
      if (!(m instanceof Y.Map)) continue;
      const tekst = (m as Y.Map<unknown>).get('tekst');
      const author = (m as Y.Map<unknown>).get('auteurId');
      if (typeof tekst === 'string' && !tekst.startsWith(PROF) && author !== PROF)
        expect(tekst.startsWith(String(author)), `${key}: ${tekst} by ${String(author)}`).toBe(
          true,
        );
    }
  });
});
