/**
 * Operating Spil: liveness and readiness, health that answers while Redis
 * hangs, draining on the way out, and the Prometheus endpoint (open on
 * loopback, elsewhere only with METRICS_TOKEN).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { connect, createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivenessDto, ReadinessDto } from '@spil/shared';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const TOKEN = 'metrics-token-for-the-test';
/** A server start on a machine under heavy load can take minutes: a generous bound, not a speed test. */
const START_TIMEOUT = 300_000;

/** GET with a generous bound: a check without a timeout would hang, and this fails it. */
async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* metrics are text */
  }
  return { status: res.status, body, text };
}

describe.each(databaseKinds())('health and metrics on %s', (kind) => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(kind, { env: { METRICS_TOKEN: TOKEN } });
  }, START_TIMEOUT);
  afterAll(async () => s?.stop());

  it('answers liveness, readiness and the public health summary', async () => {
    const live = await get(`${s.url}/api/health/live`);
    expect(live.status).toBe(200);
    expect(LivenessDto.parse(live.body)).toEqual({ status: 'ok' });
    const ready = await get(`${s.url}/api/health/ready`);
    expect(ready.status).toBe(200);
    expect(ReadinessDto.parse(ready.body)).toEqual({
      status: 'ok',
      database: 'up',
      migrations: 'done',
      draining: false,
    });
    expect((await get(`${s.url}/api/health`)).body).toEqual({ status: 'ok', database: 'up' });
  });

  it('serves Prometheus text on loopback: process metrics, HTTP by route template and status, socket.io and the pool', async () => {
    const coord = await loginAs(s.url, 'coordinator');
    const bakker = await householdByName(s, 'Gezin Bakker');
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: coord.token })).status,
    ).toBe(200);
    expect((await api(s.url, 'GET', `/api/households/${bakker.id}`)).status).toBe(401);

    const m = await get(`${s.url}/metrics`);
    expect(m.status).toBe(200);
    expect(m.text).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(m.text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    // The route template, never the id.
    expect(m.text).toMatch(
      /^spil_http_request_duration_seconds_count\{method="GET",route="\/api\/households\/:id",status="200"\} [1-9]/m,
    );
    expect(m.text).toMatch(
      /^spil_http_request_duration_seconds_count\{method="GET",route="\/api\/households\/:id",status="401"\} [1-9]/m,
    );
    expect(m.text).not.toContain(bakker.id);
    expect(m.text).toMatch(/^spil_socketio_connections \d+/m);
    expect(m.text).toMatch(
      new RegExp(`^spil_db_pool_connections\\{database="${kind}",state="max"\\} [1-9]`, 'm'),
    );
    expect(m.text).toMatch(new RegExp(`^spil_db_pool_waiting\\{database="${kind}"\\} \\d`, 'm'));
  });

  it('refuses /metrics through a proxy without the token, and serves it with the token', async () => {
    const proxied = { 'x-forwarded-for': '203.0.113.7' };
    expect((await get(`${s.url}/metrics`, proxied)).status).toBe(401);
    expect(
      (await get(`${s.url}/metrics`, { ...proxied, authorization: 'Bearer wrong-token-wrong' }))
        .status,
    ).toBe(401);
    const ok = await get(`${s.url}/metrics`, { ...proxied, authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('spil_http_request_duration_seconds');
  });

  it('echoes the correlation id it was given', async () => {
    const res = await fetch(`${s.url}/api/health/live`, {
      headers: { 'x-correlation-id': 'ops-test-1234' },
    });
    expect(res.headers.get('x-correlation-id')).toBe('ops-test-1234');
  });
});

describe('draining', () => {
  it(
    'fails readiness first, keeps answering liveness, then stops',
    async () => {
      const s = await startTestServer('embedded', {
        demo: false,
        env: { SHUTDOWN_DELAY_SECONDS: '3' },
      });
      try {
        expect((await get(`${s.url}/api/health/ready`)).status).toBe(200);
        const drained = s.drain();
        const ready = await get(`${s.url}/api/health/ready`);
        expect(ready.status).toBe(503);
        expect(ready.body).toMatchObject({ status: 'unavailable', draining: true, database: 'up' });
        expect((await get(`${s.url}/api/health/live`)).status).toBe(200);
        await drained;
        await expect(fetch(`${s.url}/api/health/live`)).rejects.toThrow();
      } finally {
        await s.stop();
      }
    },
    START_TIMEOUT,
  );
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

describe('a hung Redis', () => {
  let redis: ChildProcess;
  let s: TestServer;
  beforeAll(async () => {
    const port = await freePort();
    redis = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const url = `redis://127.0.0.1:${port}`;
    await eventually(
      () =>
        new Promise<void>((resolve, reject) => {
          const sock = connect(port, '127.0.0.1');
          sock.once('connect', () => {
            sock.destroy();
            resolve();
          });
          sock.once('error', reject);
        }),
      20_000,
    );
    s = await startTestServer('embedded', { demo: false, env: { REDIS_URL: url } });
  }, START_TIMEOUT);
  afterAll(async () => {
    redis?.kill('SIGCONT');
    await s?.stop();
    redis?.kill('SIGTERM');
  });

  it('reports redis "down" instead of hanging; the instance stays live and ready, degraded', async () => {
    expect((await get(`${s.url}/api/health`)).body).toEqual({
      status: 'ok',
      database: 'up',
      redis: 'up',
    });
    redis.kill('SIGSTOP');
    try {
      // Every answer comes (get() bounds each one); the status turns to down once the hang is noticed.
      await eventually(async () => {
        const health = await get(`${s.url}/api/health`);
        expect(health.status).toBe(503);
        expect(health.body).toEqual({ status: 'degraded', database: 'up', redis: 'down' });
      }, 30_000);
      expect((await get(`${s.url}/api/health/live`)).status).toBe(200);
      const ready = await get(`${s.url}/api/health/ready`);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'degraded', redis: 'down' });
    } finally {
      redis.kill('SIGCONT');
    }
    await eventually(
      async () => expect((await get(`${s.url}/api/health`)).body).toMatchObject({ redis: 'up' }),
      20_000,
    );
  });
});
