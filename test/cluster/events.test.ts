/**
 * Two instances on one PostgreSQL and one Redis: socket.io events and domain
 * events (revocations, logouts) reach sockets on the other instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { io, type Socket } from 'socket.io-client';
import type { NotificationDto } from '@spil/shared';
import { householdByName } from '../factories';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const redisUrl = process.env.TEST_REDIS_URL;
const pgUrl = process.env.TEST_DATABASE_URL;

describe.runIf(redisUrl && pgUrl)('two instances through Redis', () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const secret = randomBytes(32).toString('hex');
    // Each test run gets its own key space through its own database name: the channel names are shared,
    // but instance ids are unique and the payloads carry household ids of this run only.
    a = await startTestServer('postgres', {
      database: db,
      env: {
        AUTH_SECRET: secret,
        REDIS_URL: redisUrl ?? '',
        INSTANCE_ID: `a-${secret.slice(0, 6)}`,
      },
    });
    b = await startTestServer('postgres', {
      database: db,
      demo: false,
      env: {
        AUTH_SECRET: secret,
        REDIS_URL: redisUrl ?? '',
        INSTANCE_ID: `b-${secret.slice(0, 6)}`,
      },
    });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  function connect(url: string, token: string): Promise<Socket> {
    const so = io(`${url}/events`, {
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

  it('reports Redis in health', async () => {
    const res = await api(a.url, 'GET', '/api/health');
    expect(res.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('accepts a token from instance A on instance B and delivers a notification made on A to a socket on B', async () => {
    const coord = await loginAs(a.url, 'coordinator');
    const wv = await loginAs(a.url, 'wijkverpleegkundige');
    const socket = await connect(b.url, wv.token);
    const got: NotificationDto[] = [];
    socket.on('notification:new', (n: NotificationDto) => got.push(n));
    const jansen = await householdByName(a, 'Huishouden Jansen');
    const res = await api(a.url, 'PUT', `/api/households/${jansen.id}/regie`, {
      token: coord.token,
      body: { userId: wv.user.id, reason: 'Over twee instanties' },
    });
    expect(res.status).toBe(200);
    await eventually(() => expect(got.map((n) => n.kind)).toContain('regie'));
  });

  it('closes a socket on B when the session ends on A', async () => {
    const poh = await loginAs(a.url, 'poh-jeugd');
    const socket = await connect(b.url, poh.token);
    const closed = new Promise<void>((r) => socket.once('disconnect', () => r()));
    expect((await api(a.url, 'POST', '/api/auth/logout', { token: poh.token })).status).toBe(204);
    await closed;
    expect(socket.connected).toBe(false);
  });
});
