/**
 * Property: whatever three editors do, in whatever order their messages
 * arrive, with whatever disconnects in between, every replica and the stored
 * document end up equal and nothing anyone typed is lost.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { CollabService } from '../../server/src/collab/collab.service';
import {
  HouseholdEntity,
  TeamMembershipEntity,
} from '../../server/src/modules/households/household.entity';
import { dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, notesOf, notesTextOf, synced } from './helpers';

type Op =
  | { kind: 'insert'; r: number; at: number; text: string }
  | { kind: 'delete'; r: number; at: number; len: number }
  | { kind: 'set'; r: number; key: string; value: number }
  | { kind: 'unset'; r: number; key: string }
  | { kind: 'disconnect'; r: number }
  | { kind: 'reconnect'; r: number }
  | { kind: 'wait'; ms: number };

const replica = fc.integer({ min: 0, max: 2 });
const key = fc.constantFrom('a', 'b', 'c', 'd');
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      r: replica,
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      text: fc.string({ minLength: 1, maxLength: 6 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      r: replica,
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      len: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      r: replica,
      key,
      value: fc.integer(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unset' as const), r: replica, key }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('disconnect' as const), r: replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reconnect' as const), r: replica }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('wait' as const),
      ms: fc.integer({ min: 0, max: 25 }),
    }),
  },
);

const view = (c: Client) => ({
  text: notesTextOf(c.doc),
  map: c.doc.getMap('doelen').toJSON(),
});

describe.each(databaseKinds())('convergence property on %s', (kind) => {
  let s: TestServer;
  let collab: CollabService;
  let tokens: string[];
  let userIds: string[];
  let wijkteamId: string;

  beforeAll(async () => {
    s = await startTestServer(kind);
    collab = s.app.get(CollabService);
    const logins = await Promise.all(
      ['huisarts', 'maatschappelijk-werker', 'poh-jeugd'].map((k) => loginAs(s.url, k)),
    );
    tokens = logins.map((l) => l.token);
    userIds = logins.map((l) => l.user.id);
    wijkteamId = (await householdByName(s, 'Gezin Bakker')).wijkteamId;
  });
  afterAll(async () => s?.stop());

  /** A household of its own per run: a fresh document. */
  async function freshPlan(): Promise<string> {
    const ds = dataSourceOf(s);
    const h = await ds.getRepository(HouseholdEntity).save(
      ds.getRepository(HouseholdEntity).create({
        reference: `PROP-${randomUUID().slice(0, 8)}`,
        displayName: 'Proefhuishouden',
        wijk: 'Oosterpark',
        phase: 'plan',
        wijkteamId,
      }),
    );
    const repo = ds.getRepository(TeamMembershipEntity);
    await repo.save(
      userIds.map((userId) =>
        repo.create({ householdId: h.id, userId, role: 'lid', since: new Date(), endedAt: null }),
      ),
    );
    return h.id;
  }

  it('ends with every replica and the stored document equal', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 30 }), async (ops) => {
        const docName = await freshPlan();
        const clients = tokens.map((t) => connect(s.wsUrl, t, docName));
        const online = [true, true, true];
        const typed: string[] = [];
        try {
          await Promise.all(clients.map((c) => synced(c)));
          for (const o of ops) {
            if (o.kind === 'wait') {
              await new Promise((r) => setTimeout(r, o.ms));
              continue;
            }
            const c = clients[o.r] as Client;
            const text = notesOf(c.doc);
            switch (o.kind) {
              case 'insert': {
                // A unique marker per insert, so a lost edit is visible in the end.
                const marker = `[${typed.length}]`;
                typed.push(marker);
                // Never inside another marker: a marker split by a later insert is still all
                // there, but no longer readable as one. (A concurrent insert cannot split it:
                // each marker is one item, and nobody inserts into an item they have not seen.)
                const str = text.toJSON();
                let at = Math.floor(o.at * str.length);
                for (const m of str.matchAll(/\[\d+\]/g))
                  if (at > m.index && at < m.index + m[0].length) at = m.index + m[0].length;
                text.insert(at, marker + o.text.replace(/[[\]]/g, ''));
                break;
              }
              case 'delete': {
                // Delete only plain characters, never a marker.
                const str = text.toJSON();
                const at = Math.floor(o.at * str.length);
                let len = 0;
                while (
                  len < o.len &&
                  at + len < str.length &&
                  !/[[\]0-9]/.test(str[at + len] as string)
                )
                  len++;
                if (len > 0) text.delete(at, len);
                break;
              }
              case 'set':
                c.doc.getMap('doelen').set(o.key, o.value);
                break;
              case 'unset':
                c.doc.getMap('doelen').delete(o.key);
                break;
              case 'disconnect':
                if (online[o.r]) c.provider.disconnect();
                online[o.r] = false;
                break;
              case 'reconnect':
                if (!online[o.r]) c.provider.connect();
                online[o.r] = true;
                break;
            }
            if (Math.random() < 0.3) await new Promise((r) => setImmediate(r));
          }
          clients.forEach((c, i) => {
            if (!online[i]) c.provider.connect();
          });
          await Promise.all(clients.map((c) => synced(c)));
          await eventually(
            async () => {
              const [a, b, c] = clients.map(view);
              expect(b).toEqual(a);
              expect(c).toEqual(a);
              const stored = await collab.readDoc(docName);
              expect({
                text: notesTextOf(stored),
                map: stored.getMap('doelen').toJSON(),
              }).toEqual(a);
            },
            15_000,
            50,
          );
          const final = view(clients[0] as Client).text;
          for (const m of typed) expect(final).toContain(m);
        } finally {
          for (const c of clients) c.destroy();
        }
      }),
      { numRuns: 8, endOnFailure: true },
    );
  });
});
