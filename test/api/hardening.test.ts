/**
 * Hardening against bad input: security headers, the Origin allowlist on
 * every upgrade, rate limits on login, REST and socket messages, size
 * limits, authorisation checked per socket message, refused handshakes that
 * do not linger, and the client address behind a proxy (TRUST_PROXY).
 */
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import type { ErrorDto } from '@spil/shared';
import { addToTeam, createUser, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { auditRows, ds } from './accountability-helpers';
import { RawCollab } from './collab-client';

function connectSocket(
  url: string,
  opts: { token?: string; headers?: Record<string, string> },
): Socket {
  return io(`${url}/events`, {
    auth: opts.token ? { token: opts.token } : {},
    extraHeaders: opts.headers,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
}

/**
 * An engine.io WebSocket spoken by hand, frames as text. socket.io-client
 * closes its own connection after a refused handshake; this one does what
 * any other client may do: nothing, and never answer a ping.
 */
async function rawEngine(wsUrl: string): Promise<{ ws: WebSocket; frames: string[] }> {
  const ws = new WebSocket(`${wsUrl}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  ws.on('message', (d: Buffer) => frames.push(d.toString()));
  ws.on('error', () => undefined);
  await new Promise((r) => ws.once('open', r));
  await eventually(() => expect(frames[0]).toMatch(/^0\{/));
  return { ws, frames };
}

/** 'live' once a message is acknowledged with data; 'refused' when the server disconnects it. */
async function socketState(socket: Socket, docName: string): Promise<'live' | 'refused'> {
  const refused = new Promise<'refused'>((resolve) => {
    socket.on('disconnect', () => resolve('refused'));
    socket.on('connect_error', () => resolve('refused'));
  });
  const live = eventually(
    async () => {
      if (!socket.connected) throw new Error('not connected');
      const ack = (await socket.timeout(2000).emitWithAck('plan:unsubscribe', { docName })) as {
        data?: unknown;
      };
      if (!ack.data) throw new Error('not yet');
    },
    5000,
    50,
  ).then(() => 'live' as const);
  return Promise.race([live, refused]);
}

describe.each(databaseKinds())('hardening on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, {
      env: {
        RATE_LIMIT_USER_PER_MINUTE: '40',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '60',
        RATE_LIMIT_LOGIN_PER_MINUTE: '12',
        RATE_LIMIT_SOCKET_PER_SECOND: '20',
        RETENTION_CHECK_SECONDS: '0',
      },
    });
  });
  afterAll(async () => s?.stop());

  it('sends security headers', async () => {
    const res = await fetch(`${s.url}/api/health`);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('limits REST requests per user, answers 429 with Retry-After, audits the first refusal only, and leaves others alone', async () => {
    const a = await loginAs(s.url, 'huisarts');
    const b = await loginAs(s.url, 'coordinator');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 60 && !limited; i++) {
      const r = await fetch(`${s.url}/api/households/${bakker.id}`, {
        headers: { authorization: `Bearer ${a.token}` },
      });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    expect(statuses.slice(0, 40).every((x) => x === 200)).toBe(true);
    expect(limited).not.toBeNull();
    expect(limited!.headers.get('retry-after')).toBe('60');
    expect(((await limited!.json()) as ErrorDto).code).toBe('rate.limited');
    for (let i = 0; i < 5; i++)
      await fetch(`${s.url}/api/households/${bakker.id}`, {
        headers: { authorization: `Bearer ${a.token}` },
      });
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: b.token })).status,
    ).toBe(200);
    expect((await api(s.url, 'GET', '/api/health')).status).toBe(200);
    await eventually(async () => {
      const refusals = await auditRows(
        s,
        "household_id = $1 AND outcome = 'refused' AND detail LIKE '%429%'",
        [bakker.id],
      );
      expect(refusals.length).toBe(1);
    });
  });

  it('limits requests without a valid token, and login attempts, per address', async () => {
    const logins: number[] = [];
    for (let i = 0; i < 20; i++) {
      logins.push(
        (
          await api(s.url, 'POST', '/api/auth/login', {
            body: { email: `niemand${i}@example.test`, password: 'x' },
          })
        ).status,
      );
    }
    // Two logins were made above; the login budget is 12 per minute.
    expect(logins.slice(0, 9).every((x) => x === 401)).toBe(true);
    expect(logins).toContain(429);
    const anonymous: number[] = [];
    for (let i = 0; i < 80; i++)
      anonymous.push((await api(s.url, 'GET', '/api/households')).status);
    expect(anonymous[0]).toBe(401);
    expect(anonymous).toContain(429);
    // A forged token is anonymous for the limiter: it cannot buy a fresh budget.
    const forged = await api(s.url, 'GET', '/api/households', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA',
    });
    expect(forged.status).toBe(429);
  });

  it('refuses input holding U+0000 with a clear error that names the field, and stores nothing', async () => {
    // From an address of its own (loopback is a trusted proxy): the login budget of 127.0.0.1 is spent above.
    const from = { 'x-forwarded-for': '203.0.113.80' };
    const login = async (key: string, password = 'spil-demo') =>
      api<{ accessToken: string; user: { id: string } } & ErrorDto>(
        s.url,
        'POST',
        '/api/auth/login',
        {
          body: { email: `${key}@demo.spil.test`, password },
          headers: from,
        },
      );
    const refused = await login('huisarts', 'spil-demo\u0000');
    expect([refused.status, refused.body.code, refused.body.field]).toEqual([
      400,
      'validation.invalid',
      'password',
    ]);
    const coord = (await login('coordinator')).body;
    const mw = (await login('maatschappelijk-werker')).body;
    const bakker = await householdByName(s, 'Gezin Bakker');
    const regie = () =>
      api<{ current: unknown }>(s.url, 'GET', `/api/households/${bakker.id}/regie`, {
        token: coord.accessToken,
      });
    const before = await regie();
    expect(before.status).toBe(200);
    const put = await api<ErrorDto>(s.url, 'PUT', `/api/households/${bakker.id}/regie`, {
      token: coord.accessToken,
      body: { userId: mw.user.id, reason: 'Nieuwe\u0000 regiehouder' },
    });
    expect([put.status, put.body.code, put.body.field]).toEqual([
      400,
      'validation.invalid',
      'reason',
    ]);
    expect(put.body.message).toMatch(/reason/);
    expect((await regie()).body).toEqual(before.body);
  });

  it('refuses a body above 256 kB', async () => {
    const { token } = await loginAs(s.url, 'coordinator').catch(() => ({ token: '' }));
    const res = await api<ErrorDto>(s.url, 'POST', '/api/households', {
      token: token || undefined,
      rawBody: JSON.stringify({
        reference: 'SPW-BIG',
        displayName: 'x'.repeat(300 * 1024),
        wijk: 'x',
      }),
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload.too_large');
  });
});

describe('hardening of the live channels (embedded database)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('embedded', {
      env: { RATE_LIMIT_SOCKET_PER_SECOND: '20', RETENTION_CHECK_SECONDS: '0' },
    });
  });
  afterAll(async () => s?.stop());

  it('checks the Origin on every socket.io and collab upgrade', async () => {
    const { token, cookie } = await loginAs(s.url, 'huisarts');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const evil = 'https://evil.example';
    const cases: [
      string,
      { token?: string; headers?: Record<string, string> },
      'live' | 'refused',
    ][] = [
      ['cookie, own origin', { headers: { cookie, origin: s.url } }, 'live'],
      ['cookie, foreign origin', { headers: { cookie, origin: evil } }, 'refused'],
      ['cookie, no origin', { headers: { cookie } }, 'refused'],
      ['token, foreign origin', { token, headers: { origin: evil } }, 'refused'],
      ['token, no origin', { token }, 'live'],
    ];
    for (const [name, opts, expected] of cases) {
      const socket = connectSocket(s.url, opts);
      expect(await socketState(socket, bakker.id), name).toBe(expected);
      socket.close();
    }
    const collab = async (headers: Record<string, string>) => {
      const c = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, null, headers);
      const r = await c.roundTrip();
      c.close();
      return r;
    };
    expect(await collab({ cookie, origin: s.url })).toBe('synced');
    expect(await collab({ cookie, origin: evil })).toBe(4403);
    expect(await collab({ cookie })).toBe(4403);
  });

  it('closes a socket.io connection that floods messages; another user is unaffected', async () => {
    const flooder = await loginAs(s.url, 'huisarts');
    const other = await loginAs(s.url, 'maatschappelijk-werker');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const a = connectSocket(s.url, { token: flooder.token });
    const b = connectSocket(s.url, { token: other.token });
    expect(await socketState(a, bakker.id)).toBe('live');
    expect(await socketState(b, bakker.id)).toBe('live');
    const gone = new Promise<string>((resolve) => a.on('disconnect', (reason) => resolve(reason)));
    for (let i = 0; i < 200; i++) a.emit('plan:unsubscribe', { docName: bakker.id });
    expect(await gone).toBe('io server disconnect');
    const ack = (await b.timeout(2000).emitWithAck('plan:subscribe', { docName: bakker.id })) as {
      data?: unknown;
    };
    expect(ack.data).toBeDefined();
    a.close();
    b.close();
    await eventually(async () => {
      const rows = await auditRows(
        s,
        "channel = 'socket' AND user_id = $1 AND detail LIKE '%rate.limited%'",
        [flooder.user.id],
      );
      expect(rows.length).toBe(1);
    });
  });

  it('closes a socket.io frame above 64 kB and a collab message above 1 MiB', async () => {
    const { token } = await loginAs(s.url, 'huisarts');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const ws = new WebSocket(`${s.wsUrl}/socket.io/?EIO=4&transport=websocket`);
    const code = new Promise<number>((resolve) => ws.on('close', (c) => resolve(c)));
    await new Promise((r) => ws.on('open', r));
    ws.send(`40/events,${JSON.stringify({ token })}`);
    ws.send(`42/events,${JSON.stringify(['plan:subscribe', { docName: 'x'.repeat(70 * 1024) }])}`);
    expect(await code).toBe(1009);
    const c = new RawCollab(`${s.wsUrl}/collab/${bakker.id}`, token);
    expect(await c.roundTrip()).toBe('synced');
    c.send(new Uint8Array(1024 * 1024 + 1));
    expect(await c.closed()).toBe(1009);
  });

  it('closes the connection of a refused socket.io handshake at once, not at the ping timeout', async () => {
    const { token } = await loginAs(s.url, 'huisarts');
    const bakker = await householdByName(s, 'Gezin Bakker');
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.AAAA';
    const attempts: [string, string, RegExp][] = [
      ['no token', '40/events,{}', /^44\/events,\{"message":"auth\.required"/],
      ['forged token', `40/events,${JSON.stringify({ token: forged })}`, /^44\/events,/],
      ['the main namespace', '40', /^44\{"message":"Invalid namespace"/],
    ];
    for (const [name, connect, refusal] of attempts) {
      const { ws, frames } = await rawEngine(s.wsUrl);
      ws.send(connect);
      await eventually(() =>
        expect(
          frames.some((f) => refusal.test(f)),
          name,
        ).toBe(true),
      );
      // socket.io would keep it open until the ping timeout (some 45 s); it is closed right after connect_error.
      await eventually(() => expect(ws.readyState, name).toBe(WebSocket.CLOSED));
    }
    // A logged-in client on the same kind of connection stays connected and is answered.
    const { ws, frames } = await rawEngine(s.wsUrl);
    ws.send(`40/events,${JSON.stringify({ token })}`);
    await eventually(() => expect(frames.some((f) => f.startsWith('40/events,{"sid"'))).toBe(true));
    ws.send(`42/events,1${JSON.stringify(['plan:unsubscribe', { docName: bakker.id }])}`);
    await eventually(() =>
      expect(frames.some((f) => f.startsWith('43/events,1[{"data"'))).toBe(true),
    );
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
  });

  it('authorises every socket message, not only the connection', async () => {
    const user = await createUser(s);
    const bakker = await householdByName(s, 'Gezin Bakker');
    await addToTeam(s, bakker.id, user.id, 'lid');
    const { token } = await loginAs(s.url, user.email, user.password);
    const socket = connectSocket(s.url, { token });
    expect(await socketState(socket, bakker.id)).toBe('live');
    const subscribe = async () =>
      (await socket.timeout(2000).emitWithAck('plan:subscribe', { docName: bakker.id })) as {
        data?: unknown;
        error?: { code: string };
      };
    expect((await subscribe()).data).toBeDefined();
    // Membership ended behind the gateway's back (no event): the next message is refused all the same.
    await ds(s).query(
      'UPDATE team_membership SET ended_at = now() WHERE household_id = $1 AND user_id = $2 AND ended_at IS NULL',
      [bakker.id, user.id],
    );
    expect((await subscribe()).error?.code).toBe('household.not_found');
    // The session ended behind its back too: within a second, the next message closes the connection.
    await ds(s).query('UPDATE session SET ended_at = now() WHERE user_id = $1', [user.id]);
    const gone = new Promise<void>((resolve) => socket.on('disconnect', () => resolve()));
    await new Promise((r) => setTimeout(r, 1100));
    socket.emit('plan:unsubscribe', { docName: bakker.id });
    await gone;
    expect(socket.connected).toBe(false);
  });
});

/** A non-loopback address of this machine: a peer that the default TRUST_PROXY (loopback) does not trust. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i?.family === 'IPv4' && !i.internal)?.address;

describe.runIf(lanAddress)('the client address behind a proxy (TRUST_PROXY)', () => {
  const forwarded = '203.0.113.7';

  it.each([
    ['unset: a peer that is not trusted cannot name another address', {}, false],
    ['set to the peer: its X-Forwarded-For names the client', { TRUST_PROXY: lanAddress! }, true],
  ] as const)('%s', async (_name, env, trusted) => {
    const s = await startTestServer('embedded', {
      env: {
        HOST: lanAddress!,
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5',
        RETENTION_CHECK_SECONDS: '0',
        ...env,
      },
    });
    try {
      const base = `http://${lanAddress}:${s.port}`;
      const headers = { 'x-forwarded-for': forwarded };
      const client = trusted ? forwarded : lanAddress;
      const bakker = await householdByName(s, 'Gezin Bakker');
      // Refused on each channel: a login, a collab upgrade, a socket.io handshake.
      const login = await api(base, 'POST', '/api/auth/login', {
        body: { email: 'niemand@example.test', password: 'x' },
        headers,
      });
      expect(login.status).toBe(401);
      const collab = new RawCollab(
        `ws://${lanAddress}:${s.port}/collab/${bakker.id}`,
        null,
        headers,
      );
      expect(await collab.roundTrip()).toBe(4401);
      collab.close();
      const socket = io(`${base}/events`, {
        extraHeaders: headers,
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      await new Promise<void>((resolve) => socket.once('connect_error', () => resolve()));
      socket.close();
      await eventually(async () => {
        const rows = await auditRows(
          s,
          "outcome = 'refused' AND event IN ('auth.login', 'plan.read', 'events.connect')",
        );
        expect(rows.map((r) => `${r.channel} ${r.source_address}`).sort()).toEqual([
          `collab ${client}`,
          `rest ${client}`,
          `socket ${client}`,
        ]);
      });
      // The per-address REST limit (5 a minute; the login above took one): each request names another address.
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const r = await api(base, 'GET', '/api/households', {
          headers: { 'x-forwarded-for': `203.0.113.${20 + i}` },
        });
        statuses.push(r.status);
      }
      expect(statuses.includes(429)).toBe(!trusted);
    } finally {
      await s.stop();
    }
  });
});
