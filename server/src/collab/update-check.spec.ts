import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkUpdate, type WriteRules } from './update-check';

const rules = (write: WriteRules['write'], reservedClient = 1): WriteRules => ({
  write,
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
    const own = change(client, () => client.getMap('huishouden').set('r2', 'graag'));
    expect(check(server, own, rules('household'))).toEqual({ kind: 'ok', roots: ['huishouden'] });
    expect(check(server, own, rules('none'))).toEqual({ kind: 'rejected', reason: 'read_only' });
    const { server: s2, client: c2 } = setup();
    const other = change(c2, () => c2.getText('notes').insert(0, 'x'));
    expect(check(s2, other, rules('household'))).toEqual({
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
