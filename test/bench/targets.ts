/** The servers a benchmark runs against, each in a child process of its own. */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../support/database';

export const ROOT = resolve(__dirname, '../..');

export interface Target {
  name: string;
  /** ws://host:port/prefix, to which the room is appended (y-websocket's serverUrl). */
  serverUrl: string;
  httpUrl: string;
  /** Processes whose CPU and memory count for this target. */
  pids: number[];
  /** Headers each WebSocket sends (auth). */
  headers: Record<string, string>;
  /** Room names for `count` plans. */
  rooms(count: number): Promise<string[]>;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

async function waitFor(url: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not come up`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((res) => {
    child.once('exit', () => res());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });
}

function spawnNode(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (d: Buffer) => {
    if (process.env.BENCH_VERBOSE) process.stderr.write(d);
  });
  return child;
}

async function json<T>(
  url: string,
  init: { method?: string; token?: string; body?: unknown } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const res = await fetch(url, {
    method: init.method ?? 'GET',
    headers,
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The node flags of Spil's production start (`server/package.json` "start"): one place for them. */
function productionNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'server/package.json'), 'utf8')) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));
}

export interface SpilOptions {
  name: string;
  database: 'embedded' | 'postgres';
  /** Share this database and Redis with another instance (cross-instance runs). */
  shared?: { db: TestDatabase; redisUrl: string; secret: string };
  demo?: boolean;
}

/** Spil with the embedded database or a fresh PostgreSQL database, demo data loaded. */
export async function startSpil(
  opts: SpilOptions,
): Promise<Target & { secret: string; db: TestDatabase | null }> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'spil-bench-'));
  const db =
    opts.shared?.db ?? (opts.database === 'postgres' ? await createTestDatabase('postgres') : null);
  const secret = opts.shared?.secret ?? randomBytes(32).toString('hex');
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    AUTH_SECRET: secret,
    DEMO_DATA: opts.demo === false ? 'false' : 'true',
    LOG_LEVEL: 'warn',
    CLIENT_DIST: '',
    INSTANCE_ID: opts.name,
    NODE_ENV: 'production',
    // The open-time workload writes 10,000 updates on one connection as fast as it can, far
    // above what an editor sends; the per-connection message limit would (rightly) close it.
    COLLAB_RATE_LIMIT_BURST: '1000000',
    REQUIRE_2FA: 'off',
    ...(db ? { DATABASE_URL: db.url } : {}),
    ...(opts.shared ? { REDIS_URL: opts.shared.redisUrl } : {}),
  };
  // Spil's node flags as its production start has them (server/package.json "start", ADR 019),
  // then BENCH_NODE_ARGS: extra node arguments, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const nodeArgs = [
    ...productionNodeFlags(),
    ...(process.env.BENCH_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  // The compiled server, as production runs it (docker/Dockerfile: node dist/main.js); `pnpm bench` builds it first.
  const main = join(ROOT, 'server/dist/main.js');
  if (!existsSync(main)) throw new Error('server/dist/main.js is missing: run pnpm build first');
  const child = spawnNode([...nodeArgs, main], env);
  const httpUrl = `http://127.0.0.1:${port}`;
  await waitFor(`${httpUrl}/api/health`, child);
  const login = async (key: string) =>
    json<{ accessToken: string; user: { id: string } }>(`${httpUrl}/api/auth/login`, {
      method: 'POST',
      body: { email: `${key}@demo.spil.test`, password: 'spil-demo' },
    });
  const member = await login('maatschappelijk-werker');
  return {
    name: opts.name,
    serverUrl: `ws://127.0.0.1:${port}/collab`,
    httpUrl,
    pids: [child.pid as number],
    headers: { authorization: `Bearer ${member.accessToken}` },
    secret,
    db,
    async rooms(count) {
      const coord = await login('coordinator');
      const existing = await json<{ id: string; reference: string }[]>(
        `${httpUrl}/api/households`,
        { token: coord.accessToken },
      );
      const bench = existing.filter((h) => h.reference.startsWith('BENCH-')).map((h) => h.id);
      for (let i = bench.length; i < count; i++) {
        const h = await json<{ id: string }>(`${httpUrl}/api/households`, {
          method: 'POST',
          token: coord.accessToken,
          body: { reference: `BENCH-${i}`, displayName: `Benchhuishouden ${i}`, wijk: 'Benchwijk' },
        });
        await json(`${httpUrl}/api/households/${h.id}/team`, {
          method: 'POST',
          token: coord.accessToken,
          body: { userId: member.user.id, role: 'lid' },
        });
        bench.push(h.id);
      }
      return bench.slice(0, count);
    },
    async stop() {
      await stopChild(child);
      if (db && !opts.shared) await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The reference server, @y/websocket-server 0.1.1, in memory only. */
export async function startReference(): Promise<Target> {
  const port = await freePort();
  const script = require
    .resolve('@y/websocket-server/package.json')
    .replace(/package\.json$/, 'src/server.js');
  const child = spawnNode([script], { PORT: String(port), HOST: '127.0.0.1' });
  await waitFor(`http://127.0.0.1:${port}/`, child);
  return {
    name: 'reference (@y/websocket-server, memory)',
    serverUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    pids: [child.pid as number],
    headers: {},
    rooms: async (n) => Array.from({ length: n }, (_, i) => `bench-${i}`),
    stop: () => stopChild(child),
  };
}

/** A bare relay: the transport's limit on this machine. */
export async function startRelay(): Promise<Target> {
  const port = await freePort();
  const child = spawnNode(['-r', '@swc-node/register', 'test/bench/relay.ts'], {
    PORT: String(port),
  });
  await waitFor(`http://127.0.0.1:${port}/`, child);
  return {
    name: 'raw WebSocket relay',
    serverUrl: `ws://127.0.0.1:${port}`,
    httpUrl: `http://127.0.0.1:${port}`,
    pids: [child.pid as number],
    headers: {},
    rooms: async (n) => Array.from({ length: n }, (_, i) => `bench-${i}`),
    stop: () => stopChild(child),
  };
}
