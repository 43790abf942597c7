/**
 * Servers that keep their database across restarts: in-process (graceful
 * stop) or as a child process (kill -9). Embedded kind: a DATA_DIR on disk;
 * postgres kind: a database of its own on TEST_DATABASE_URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSpil, type SpilInstance } from '../../server/src/bootstrap';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from '../support/database';

export interface PersistentStore {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export async function persistentStore(
  kind: DatabaseKind,
  extra: Record<string, string> = {},
): Promise<PersistentStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spil-collab-'));
  let db: TestDatabase | null = null;
  if (kind === 'postgres') db = await createTestDatabase('postgres');
  return {
    env: {
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      AUTH_SECRET: randomBytes(32).toString('hex'),
      DATA_DIR: dataDir,
      DEMO_DATA: 'true',
      LOG_LEVEL: 'warn',
      CLIENT_DIST: '',
      // Tests log in with the demo passwords alone; the second factor has tests of its own.
      REQUIRE_2FA: 'off',
      ...(db ? { DATABASE_URL: db.url } : {}),
      ...extra,
    },
    async cleanup() {
      await db?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface RunningServer {
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/** In this process, on the store's database. */
export async function startInProcess(
  store: PersistentStore,
): Promise<RunningServer & { spil: SpilInstance }> {
  const spil = await startSpil({ env: { ...store.env, PORT: '0' }, inMemoryDatabase: false });
  return { spil, url: spil.url, wsUrl: spil.url.replace(/^http/, 'ws'), stop: () => spil.close() };
}

const SERVER_DIR = resolve(__dirname, '../../server');

/** `node -r @swc-node/register src/main.ts` in server/, as `pnpm start` runs it. */
export async function startChild(
  store: PersistentStore,
  timeoutMs = 90_000,
): Promise<RunningServer & { child: ChildProcess; kill9(): Promise<void> }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, ...store.env, LOG_LEVEL: 'log', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output.slice(-3000)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /Spil draait op http:\/\/localhost:(\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it listened:\n${output.slice(-3000)}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(t);
    },
  };
}
