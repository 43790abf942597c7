/**
 * Collab figures: the confirmation latency (from a local edit until the
 * `plan:stored` state vector on socket.io covers it, i.e. until "opgeslagen"
 * may show) for one editor and for ten editors typing on one plan, and the
 * open time of a plan with 10,000 updates of history, before and after
 * compaction. The server runs as a child process, as `pnpm start` runs it.
 *
 *   node -r @swc-node/register test/bench/confirm-latency.ts
 *
 * Env: BENCH_DATABASE=embedded|postgres (embedded; postgres uses
 * TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_RATE edits per second per editor (5), BENCH_SECONDS per phase (15),
 * BENCH_HISTORY updates in the long history (10000), BENCH_NODE_ARGS extra
 * node arguments for the server (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client as PgClient } from 'pg';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { planText } from './workload';

const SERVER_DIR = resolve(__dirname, '../../server');
const num = (k: string, d: number) => Number(process.env[k] ?? d);
const RATE = num('BENCH_RATE', 5);
const SECONDS = num('BENCH_SECONDS', 15);
const HISTORY = num('BENCH_HISTORY', 10_000);
const DATABASE = process.env.BENCH_DATABASE === 'postgres' ? 'postgres' : 'embedded';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

interface Server {
  url: string;
  ws: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      REQUIRE_2FA: 'off',
      CLIENT_DIST: '',
    },
    stdio: ['ignore', 'ignore', process.env.BENCH_VERBOSE ? 'inherit' : 'ignore'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).status === 200) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error('server did not start');
    await sleep(200);
  }
  return {
    url,
    ws: url.replace(/^http/, 'ws'),
    child,
    stop: () =>
      new Promise<void>((res) => {
        if (child.exitCode !== null) return res();
        child.once('exit', () => res());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 20_000).unref();
      }),
  };
}

async function login(url: string, key: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `${key}@demo.spil.test`, password: 'spil-demo' }),
  });
  if (r.status !== 200) throw new Error(`login ${key}: ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function householdId(url: string, token: string, name: string): Promise<string> {
  const r = await fetch(`${url}/api/households`, { headers: { authorization: `Bearer ${token}` } });
  const list = (await r.json()) as { id: string; displayName: string }[];
  const h = list.find((x) => x.displayName === name);
  if (!h) throw new Error(`household ${name} not found`);
  return h.id;
}

function wsWithToken(token: string): typeof globalThis.WebSocket {
  class Authed extends WebSocket {
    constructor(u: string | URL, protocols?: string | string[]) {
      super(u, protocols, { headers: { authorization: `Bearer ${token}` } });
    }
  }
  return Authed as unknown as typeof globalThis.WebSocket;
}

async function whenSynced(p: WebsocketProvider, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!p.synced) {
    if (Date.now() > deadline) throw new Error('not synced');
    await sleep(2);
  }
}

function randomKeystroke(doc: Y.Doc): void {
  const t = planText(doc);
  t.insert(Math.floor(Math.random() * (t.length + 1)), 'x');
}

class Editor {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly latencies: number[] = [];
  private socket: Socket | null = null;
  private readonly pending: { clock: number; t0: number }[] = [];

  constructor(
    private readonly server: Server,
    private readonly token: string,
    private readonly docName: string,
  ) {
    this.provider = new WebsocketProvider(`${server.ws}/collab`, docName, this.doc, {
      WebSocketPolyfill: wsWithToken(token),
      disableBc: true,
    });
  }

  async ready(): Promise<void> {
    await whenSynced(this.provider);
    const socket = io(`${this.server.url}/events`, {
      auth: { token: this.token },
      transports: ['websocket'],
      forceNew: true,
    });
    this.socket = socket;
    socket.on('plan:stored', (p: { docName: string; stateVector: string }) => {
      if (p.docName !== this.docName) return;
      const stored =
        Y.decodeStateVector(Buffer.from(p.stateVector, 'base64')).get(this.doc.clientID) ?? 0;
      const now = performance.now();
      while (this.pending.length > 0 && (this.pending[0] as { clock: number }).clock <= stored) {
        this.latencies.push(now - (this.pending.shift() as { t0: number }).t0);
      }
    });
    await new Promise<void>((res, rej) => {
      socket.once('connect', () => res());
      socket.once('connect_error', rej);
    });
    for (let i = 0; i < 50; i++) {
      const ack = (await socket.emitWithAck('plan:subscribe', { docName: this.docName })) as {
        data?: unknown;
      };
      if (ack.data) return;
      await sleep(100);
    }
    throw new Error('plan:subscribe failed');
  }

  /** One edit (by default a keystroke at a random place), timed until it is confirmed. */
  edit(change: (doc: Y.Doc) => void = randomKeystroke): void {
    change(this.doc);
    this.pending.push({
      clock: Y.getState(this.doc.store, this.doc.clientID),
      t0: performance.now(),
    });
  }

  get unconfirmed(): number {
    return this.pending.length;
  }

  destroy(): void {
    this.socket?.close();
    this.provider.destroy();
    this.doc.destroy();
  }
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
}

async function typing(
  server: Server,
  tokens: string[],
  docName: string,
  editors: number,
): Promise<{ p50: number; p95: number; max: number; n: number; lost: number }> {
  const list = Array.from(
    { length: editors },
    (_, i) => new Editor(server, tokens[i % tokens.length] as string, docName),
  );
  try {
    await Promise.all(list.map((e) => e.ready()));
    const end = Date.now() + SECONDS * 1000;
    await Promise.all(
      list.map(async (e, i) => {
        await sleep((i * 1000) / RATE / editors); // spread the editors over the interval
        while (Date.now() < end) {
          e.edit();
          await sleep(1000 / RATE);
        }
      }),
    );
    const deadline = Date.now() + 20_000;
    while (list.some((e) => e.unconfirmed > 0) && Date.now() < deadline) await sleep(20);
    const all = list.flatMap((e) => e.latencies);
    return {
      p50: pct(all, 50),
      p95: pct(all, 95),
      max: Math.max(...all),
      n: all.length,
      lost: list.reduce((s, e) => s + e.unconfirmed, 0),
    };
  } finally {
    for (const e of list) e.destroy();
  }
}

async function openTime(
  server: Server,
  token: string,
  docName: string,
): Promise<{ ms: number; length: number }> {
  const doc = new Y.Doc();
  const t0 = performance.now();
  const p = new WebsocketProvider(`${server.ws}/collab`, docName, doc, {
    WebSocketPolyfill: wsWithToken(token),
    disableBc: true,
  });
  try {
    await whenSynced(p);
    return { ms: performance.now() - t0, length: doc.getText('history').length };
  } finally {
    p.destroy();
    doc.destroy();
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'spil-bench-'));
  let dbName: string | null = null;
  const admin = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const env: Record<string, string> = {
    AUTH_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
  };
  if (DATABASE === 'postgres') {
    dbName = `spil_bench_${randomBytes(4).toString('hex')}`;
    const c = new PgClient({ connectionString: admin });
    await c.connect();
    await c.query(`CREATE DATABASE ${dbName}`);
    await c.end();
    const u = new URL(admin);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  }
  const rows: string[] = [];
  let server = await startServer({ ...env, COLLAB_COMPACT_AFTER: '1000000' });
  try {
    const tokens = await Promise.all(
      ['huisarts', 'maatschappelijk-werker', 'poh-jeugd', 'jeugdconsulent'].map((k) =>
        login(server.url, k),
      ),
    );
    const bakker = await householdId(server.url, tokens[0] as string, 'Gezin Bakker');
    const jansen = await householdId(server.url, tokens[0] as string, 'Huishouden Jansen');

    const one = await typing(server, tokens, bakker, 1);
    rows.push(
      `| confirmation, 1 editor (${RATE}/s) | ${one.p50.toFixed(1)} | ${one.p95.toFixed(1)} | ${one.max.toFixed(1)} | ${one.n} edits, ${one.lost} unconfirmed |`,
    );
    const ten = await typing(server, tokens, bakker, 10);
    rows.push(
      `| confirmation, 10 editors on one plan (${RATE}/s each) | ${ten.p50.toFixed(1)} | ${ten.p95.toFixed(1)} | ${ten.max.toFixed(1)} | ${ten.n} edits, ${ten.lost} unconfirmed |`,
    );

    // A long history: HISTORY separate updates through the socket, as many keystrokes would leave them.
    const history = `${jansen}:werk`;
    const writer = new Editor(server, tokens[0] as string, history);
    await writer.ready();
    for (let i = 0; i < HISTORY; i++) {
      writer.edit((doc) => {
        const text = doc.getText('history');
        text.insert(text.length, String.fromCharCode(97 + (i % 26)));
      });
      if (i % 200 === 199) while (writer.unconfirmed > 2000) await sleep(5);
      if (i % 500 === 499) await sleep(1);
    }
    const deadline = Date.now() + 120_000;
    while (writer.unconfirmed > 0 && Date.now() < deadline) await sleep(20);
    writer.destroy();
    await sleep(1000); // the document leaves memory after its last client
    const cold = await openTime(server, tokens[0] as string, history);
    if (cold.length !== HISTORY)
      throw new Error(`history has ${cold.length} characters, expected ${HISTORY}`);
    rows.push(`| open, ${HISTORY}-update log, not in memory | ${cold.ms.toFixed(1)} | | | |`);

    // Restart with compaction on: the first open compacts in the background; open again afterwards.
    await server.stop();
    server = await startServer(env);
    const token = await login(server.url, 'huisarts');
    const restart = await openTime(server, token, history);
    rows.push(
      `| open, ${HISTORY}-update log, right after a restart | ${restart.ms.toFixed(1)} | | | |`,
    );
    await sleep(5000);
    const compacted = await openTime(server, token, history);
    if (compacted.length !== HISTORY)
      throw new Error(`after compaction ${compacted.length} characters, expected ${HISTORY}`);
    rows.push(`| open, same plan after compaction (snapshot) | ${compacted.ms.toFixed(1)} | | | |`);
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
    if (dbName) {
      const c = new PgClient({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    }
  }
  console.log(`\nCollab figures (${DATABASE} database, Node ${process.version}), in ms:\n`);
  console.log('| measure | p50 | p95 | max | samples |');
  console.log('|---|---|---|---|---|');
  for (const r of rows) console.log(r);
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
