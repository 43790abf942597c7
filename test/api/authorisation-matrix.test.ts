/**
 * The authorisation matrix: every role (coördinator, regiehouder, lid,
 * meelezer, inwoner, a removed member, someone of another team, a
 * coördinator of another wijkteam, an expired, a forged and no token) ×
 * every action × every channel (REST, socket.io, collab). Each cell has an
 * expected outcome; on top, unique canary strings in each kind of household
 * data must never reach anyone who may not see them, in any response or
 * frame, nor any application log line. Zero leaks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { AuditEventDto } from '@spil/shared';
import * as Y from 'yjs';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../server/src/common/plan-documents.port';
import { addToTeam, createUser } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import {
  type ActorKey,
  auditSettled,
  captureLogs,
  type CanaryHousehold,
  type CanaryKey,
  createCanaryHousehold,
  ds,
  tag,
} from './accountability-helpers';
import { RawCollab } from './collab-client';

const ACTORS: ActorKey[] = [
  'coordinator',
  'regiehouder',
  'huisarts',
  'meelezer',
  'inwoner',
  'removed',
  'outsider',
  'otherCoordinator',
  'expired',
  'forged',
  'anonymous',
];
const READERS = new Set<ActorKey>([
  'coordinator',
  'regiehouder',
  'huisarts',
  'meelezer',
  'inwoner',
]);
const BAD_TOKEN = new Set<ActorKey>(['expired', 'forged', 'anonymous']);
const TEAM_PROFESSIONALS = new Set<ActorKey>(['regiehouder', 'huisarts', 'meelezer']);

/** Which canaries each actor may see at all. Everything else must never reach them. */
function maySee(actor: ActorKey): Set<CanaryKey> {
  const out = new Set<CanaryKey>();
  if (!READERS.has(actor)) return out;
  for (const k of ['household', 'member', 'regie', 'consent', 'account', 'plan'] as const)
    out.add(k);
  if (actor === 'huisarts') out.add('medisch');
  if (TEAM_PROFESSIONALS.has(actor)) out.add('werk');
  if (TEAM_PROFESSIONALS.has(actor) || actor === 'coordinator') {
    out.add('overleg');
    out.add('meeting');
  }
  return out;
}

interface Cell {
  actor: ActorKey;
  channel: 'rest' | 'socket.io' | 'collab' | 'live';
  action: string;
  expected: string;
  actual: string;
}

function restExpected(actor: ActorKey, action: string): string {
  if (BAD_TOKEN.has(actor)) return '401';
  const reader = READERS.has(actor);
  switch (action) {
    case 'list':
      return reader ? '200 listed' : '200 not listed';
    case 'get':
    case 'team':
    case 'regie':
    case 'consents':
      return reader ? '200' : '404';
    case 'addMember':
      return actor === 'coordinator' || actor === 'regiehouder' ? '201' : reader ? '403' : '404';
    case 'patchMember':
      return actor === 'coordinator' || actor === 'regiehouder' ? '200' : reader ? '403' : '404';
    case 'removeMember':
      return actor === 'coordinator' || actor === 'regiehouder' ? '204' : reader ? '403' : '404';
    case 'exportJson':
    case 'exportHtml':
      return actor === 'coordinator' || actor === 'regiehouder' || actor === 'inwoner'
        ? '200'
        : reader
          ? '403'
          : '404';
    case 'audit':
      return actor === 'coordinator' ? '200' : actor === 'otherCoordinator' ? '404' : '403';
    case 'accessLog':
      return actor === 'inwoner' ? '200' : '403';
    default:
      throw new Error(action);
  }
}

function socketExpected(actor: ActorKey, action: string): string {
  if (BAD_TOKEN.has(actor)) return 'refused';
  if (action === 'connect') return 'connected';
  const ok =
    action === 'subscribe plan'
      ? READERS.has(actor)
      : action === 'subscribe medisch'
        ? actor === 'huisarts'
        : TEAM_PROFESSIONALS.has(actor);
  return ok ? 'ok' : 'household.not_found';
}

function collabExpected(actor: ActorKey, action: string): string {
  if (BAD_TOKEN.has(actor)) return '4401';
  const open = {
    'open plan': READERS.has(actor),
    'open medisch': actor === 'huisarts',
    'open werk': TEAM_PROFESSIONALS.has(actor),
  } as Record<string, boolean>;
  if (action.startsWith('open')) return open[action] ? 'synced' : '4403';
  if (!READERS.has(actor)) return '4403';
  if (action === 'write server') return 'rejected';
  if (action === 'write acties')
    return actor === 'regiehouder' || actor === 'huisarts' ? 'applied' : 'rejected';
  return actor === 'regiehouder' || actor === 'huisarts' || actor === 'inwoner'
    ? 'applied'
    : 'rejected';
}

describe.each(databaseKinds())('authorisation matrix on %s', (kind) => {
  let s: TestServer;
  let f: CanaryHousehold;
  const cells: Cell[] = [];
  /** Everything each actor received, over every channel. */
  const received = new Map<ActorKey, string[]>(ACTORS.map((a) => [a, []]));
  let logLines: string[] = [];
  const restore: (() => void)[] = [];
  let targets: Record<'add' | 'patch' | 'remove', string>;

  const saw = (actor: ActorKey, text: string) => received.get(actor)!.push(text);
  const cell = (c: Cell) => cells.push(c);

  beforeAll(async () => {
    // Capture every application log line: they must not carry personal data.
    const captured = captureLogs();
    logLines = captured.lines;
    restore.push(captured.restore);
    s = await startTestServer(kind, {
      env: {
        RATE_LIMIT_USER_PER_MINUTE: '100000',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '100000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
        RETENTION_CHECK_SECONDS: '0',
      },
    });
    f = await createCanaryHousehold(s);
    const add = await createUser(s, { name: 'Doelwit Toevoegen' });
    const patch = await createUser(s, { name: 'Doelwit Wijzigen' });
    const remove = await createUser(s, { name: 'Doelwit Verwijderen' });
    targets = { add: add.id, patch: patch.id, remove: remove.id };
  });
  afterAll(async () => {
    for (const r of restore.reverse()) r();
    await s?.stop();
  });

  /** Put a target back in the state a team action expects before each cell. */
  async function ensureMember(userId: string, present: boolean): Promise<void> {
    const open = await ds(s).query<{ id: string }[]>(
      'SELECT id FROM team_membership WHERE household_id = $1 AND user_id = $2 AND ended_at IS NULL',
      [f.id, userId],
    );
    if (present && open.length === 0) await addToTeam(s, f.id, userId, 'lid');
    if (!present && open.length > 0)
      await ds(s).query('UPDATE team_membership SET ended_at = now() WHERE id = $1', [open[0]!.id]);
  }

  it('REST: every role × every household action', async () => {
    const id = f.id;
    const actions: [
      string,
      (token: string | null) => Promise<{ status: number; text: string; listed?: boolean }>,
    ][] = [
      [
        'list',
        async (token) => {
          const r = await api(s.url, 'GET', '/api/households', { token: token ?? undefined });
          const text = JSON.stringify(r.body);
          return { status: r.status, text, listed: text.includes(id) };
        },
      ],
      ...(['get', 'team', 'regie', 'consents'] as const).map(
        (a) =>
          [
            a,
            async (token: string | null) => {
              const r = await api(
                s.url,
                'GET',
                `/api/households/${id}${a === 'get' ? '' : `/${a}`}`,
                { token: token ?? undefined },
              );
              return { status: r.status, text: JSON.stringify(r.body) };
            },
          ] as [string, (token: string | null) => Promise<{ status: number; text: string }>],
      ),
      [
        'addMember',
        async (token) => {
          await ensureMember(targets.add, false);
          const r = await api(s.url, 'POST', `/api/households/${id}/team`, {
            token: token ?? undefined,
            body: { userId: targets.add, role: 'meelezer' },
          });
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
      [
        'patchMember',
        async (token) => {
          await ensureMember(targets.patch, true);
          const r = await api(s.url, 'PATCH', `/api/households/${id}/team/${targets.patch}`, {
            token: token ?? undefined,
            body: { role: 'meelezer' },
          });
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
      [
        'removeMember',
        async (token) => {
          await ensureMember(targets.remove, true);
          const r = await api(s.url, 'DELETE', `/api/households/${id}/team/${targets.remove}`, {
            token: token ?? undefined,
          });
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
      [
        'exportJson',
        async (token) => {
          const r = await api(s.url, 'GET', `/api/households/${id}/export`, {
            token: token ?? undefined,
          });
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
      [
        'exportHtml',
        async (token) => {
          const r = await fetch(`${s.url}/api/households/${id}/export?format=html`, {
            headers: token ? { authorization: `Bearer ${token}` } : {},
          });
          return { status: r.status, text: await r.text() };
        },
      ],
      [
        'audit',
        async (token) => {
          const r = await api<unknown[]>(s.url, 'GET', `/api/audit?householdId=${id}&limit=5000`, {
            token: token ?? undefined,
          });
          if (r.status === 200) for (const e of r.body) AuditEventDto.parse(e);
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
      [
        'accessLog',
        async (token) => {
          const r = await api(s.url, 'GET', '/api/me/access-log', { token: token ?? undefined });
          return { status: r.status, text: JSON.stringify(r.body) };
        },
      ],
    ];
    for (const actor of ACTORS) {
      for (const [action, run] of actions) {
        const r = await run(f.tokens[actor]);
        saw(actor, r.text);
        const actual =
          action === 'list' && r.status === 200
            ? `${r.status} ${r.listed ? 'listed' : 'not listed'}`
            : String(r.status);
        cell({ actor, channel: 'rest', action, expected: restExpected(actor, action), actual });
      }
    }
  });

  it('socket.io: connect and subscribe, every role', async () => {
    const docs = {
      'subscribe plan': f.id,
      'subscribe medisch': `${f.id}:medisch`,
      'subscribe werk': `${f.id}:werk`,
    };
    for (const actor of ACTORS) {
      const token = f.tokens[actor];
      const socket: Socket = io(`${s.url}/events`, {
        auth: token ? { token } : {},
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      socket.onAny((event: string, ...args: unknown[]) =>
        saw(actor, `${event} ${JSON.stringify(args)}`),
      );
      // The handshake is checked asynchronously: a live socket proves itself with an acknowledged message;
      // a refused one is disconnected by the server.
      const disconnected = new Promise<false>((resolve) => {
        socket.on('disconnect', () => resolve(false));
        socket.on('connect_error', () => resolve(false));
      });
      const proven = eventually(
        async () => {
          if (!socket.connected) throw new Error('not connected');
          const ack = (await socket
            .timeout(2000)
            .emitWithAck('plan:unsubscribe', { docName: f.id })) as { data?: unknown };
          if (!ack.data) throw new Error('not yet');
        },
        5000,
        50,
      ).then(
        () => true,
        () => false,
      );
      const connected = (await Promise.race([proven, disconnected])) && socket.connected;
      cell({
        actor,
        channel: 'socket.io',
        action: 'connect',
        expected: socketExpected(actor, 'connect'),
        actual: connected ? 'connected' : 'refused',
      });
      for (const [action, docName] of Object.entries(docs)) {
        let actual = 'refused';
        if (connected) {
          const ack = (await socket.timeout(5000).emitWithAck('plan:subscribe', { docName })) as {
            data?: unknown;
            error?: { code: string };
          };
          saw(actor, JSON.stringify(ack));
          actual = ack.data ? 'ok' : (ack.error?.code ?? 'no answer');
        }
        cell({
          actor,
          channel: 'socket.io',
          action,
          expected: socketExpected(actor, action),
          actual,
        });
      }
      socket.close();
    }
  });

  it('collab: open each document and write each kind of root, every role', async () => {
    const plans = s.app.get<PlanDocuments>(PLAN_DOCUMENTS);
    for (const actor of ACTORS) {
      const token = f.tokens[actor];
      for (const [action, docName] of [
        ['open plan', f.id],
        ['open medisch', `${f.id}:medisch`],
        ['open werk', `${f.id}:werk`],
      ] as const) {
        const c = new RawCollab(`${s.wsUrl}/collab/${docName}`, token);
        const r = await c.roundTrip();
        saw(actor, c.receivedText());
        saw(actor, JSON.stringify(c.doc.toJSON()));
        cell({
          actor,
          channel: 'collab',
          action,
          expected: collabExpected(actor, action),
          actual: String(r),
        });
        c.close();
      }
      for (const [action, root] of [
        ['write acties', 'acties'],
        ['write huishouden', 'huishouden'],
        ['write server', 'server'],
      ] as const) {
        const marker = `MARKER-${tag()}`;
        const c = new RawCollab(`${s.wsUrl}/collab/${f.id}`, token);
        let actual = String(await c.roundTrip());
        if (actual === 'synced') {
          c.edit((doc) => {
            if (root === 'server')
              doc.getMap(root).set('regie', { userId: marker, name: marker, since: marker });
            else
              doc.getMap(root).set(
                marker,
                new Y.Map<unknown>([
                  ['id', marker],
                  ['titel', new Y.Text(marker)],
                  ['status', 'open'],
                  // A household entry carries its writer: the only one a household member may add.
                  ...(root === 'huishouden'
                    ? [['auteurId', f.userIds[actor] ?? marker] as [string, unknown]]
                    : []),
                ]),
              );
          });
          const after = await c.roundTrip();
          const text = JSON.stringify((await plans.contents(f.id)) ?? {});
          actual =
            after !== 'synced' ? `closed ${after}` : text.includes(marker) ? 'applied' : 'rejected';
        }
        saw(actor, c.receivedText());
        cell({ actor, channel: 'collab', action, expected: collabExpected(actor, action), actual });
        c.close();
      }
    }
  });

  it('live: removal from the team, logout and a disabled account close open connections at once', async () => {
    const scenarios: [string, (userId: string, token: string) => Promise<void>][] = [
      [
        'removed from team',
        async (userId) => {
          expect(
            (
              await api(s.url, 'DELETE', `/api/households/${f.id}/team/${userId}`, {
                token: f.tokens.coordinator,
              })
            ).status,
          ).toBe(204);
        },
      ],
      [
        'logged out',
        async (_userId, token) => {
          expect((await api(s.url, 'POST', '/api/auth/logout', { token })).status).toBe(204);
        },
      ],
      [
        'account disabled',
        async (userId) => {
          await s.app.get(AuthService).disableUser(userId);
        },
      ],
    ];
    for (const [name, act] of scenarios) {
      const user = await createUser(s, { name: `Live ${name}` });
      await addToTeam(s, f.id, user.id, 'lid');
      const { token } = await loginAs(s.url, user.email, user.password);
      const collab = new RawCollab(`${s.wsUrl}/collab/${f.id}`, token);
      expect(await collab.roundTrip()).toBe('synced');
      const socket = io(`${s.url}/events`, {
        auth: { token },
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      const events: string[] = [];
      socket.onAny((e: string) => events.push(e));
      await eventually(
        async () => {
          const ack = (await socket
            .timeout(5000)
            .emitWithAck('plan:subscribe', { docName: f.id })) as { data?: unknown };
          if (!ack.data) throw new Error('not yet');
        },
        5000,
        50,
      );
      await act(user.id, token);
      const code = await collab.closed(5000).catch(() => -1);
      cell({
        actor: 'removed',
        channel: 'live',
        action: `collab ${name}`,
        expected: name === 'removed from team' ? '4403' : '4401',
        actual: String(code),
      });
      let socketState = 'open';
      try {
        await eventually(() => {
          if (name === 'removed from team') {
            if (!events.includes('access:revoked')) throw new Error('not yet');
          } else if (socket.connected) throw new Error('still connected');
        }, 5000);
        socketState = name === 'removed from team' ? 'access:revoked' : 'disconnected';
      } catch {
        /* stays 'open' */
      }
      cell({
        actor: 'removed',
        channel: 'live',
        action: `socket.io ${name}`,
        expected: name === 'removed from team' ? 'access:revoked' : 'disconnected',
        actual: socketState,
      });
      socket.close();
      collab.close();
    }
  });

  it('every cell is as expected', () => {
    const wrong = cells.filter((c) => c.expected !== c.actual);
    const count = (channel: Cell['channel']) => cells.filter((c) => c.channel === channel).length;
    const actions = (channel: Cell['channel']) =>
      new Set(cells.filter((c) => c.channel === channel).map((c) => c.action)).size;
    const grid = count('rest') + count('socket.io') + count('collab');
    console.log(
      `authorisation matrix (${kind}): ${cells.length} cells = ${ACTORS.length} roles × ${actions('rest') + actions('socket.io') + actions('collab')} actions ` +
        `(REST ${actions('rest')}, socket.io ${actions('socket.io')}, collab ${actions('collab')}) = ${grid}, plus ${count('live')} live-revocation cells; ` +
        `${cells.length - wrong.length} as expected, ${wrong.length} not`,
    );
    expect(wrong).toEqual([]);
    expect(cells.length).toBeGreaterThanOrEqual(ACTORS.length * 22);
  });

  it('no canary ever reaches a role that may not see it (zero leaks), and the checks are not vacuous', () => {
    const leaks: string[] = [];
    for (const actor of ACTORS) {
      const text = received.get(actor)!.join('\n');
      const allowed = maySee(actor);
      for (const [key, value] of Object.entries(f.canary) as [CanaryKey, string][]) {
        if (!allowed.has(key) && text.includes(value)) leaks.push(`${key} reached ${actor}`);
      }
    }
    expect(leaks).toEqual([]);
    // Positive controls: the canaries are where they belong, so their absence elsewhere means something.
    const text = (a: ActorKey) => received.get(a)!.join('\n');
    expect(text('huisarts')).toContain(f.canary.medisch);
    expect(text('regiehouder')).toContain(f.canary.werk);
    expect(text('meelezer')).toContain(f.canary.werk);
    expect(text('inwoner')).toContain(f.canary.plan);
    expect(text('coordinator')).toContain(f.canary.household);
    expect(text('regiehouder')).toContain(f.canary.overleg);
  });

  it('keeps personal data and household content out of the application logs', async () => {
    await auditSettled(s);
    const logs = logLines.join('\n');
    const secrets = [
      ...Object.values(f.canary),
      f.inwonerEmail,
      'huisarts@demo.spil.test',
      'Pieter Hendriks',
      'Sandra Bakker',
    ];
    expect(secrets.filter((x) => logs.includes(x))).toEqual([]);
  });
});
