/** The workloads: fan-out of live edits, opening a plan with a long history, idle connections. */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { percentile, rssBytes, sampleProcesses } from './proc';
import type { Target } from './targets';

type Polyfill = NonNullable<
  ConstructorParameters<typeof WebsocketProvider>[3]
>['WebSocketPolyfill'];

function polyfill(headers: Record<string, string>): Polyfill {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  } as unknown as Polyfill;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The workloads write into real parts of the plan (a plan accepts only its own
 * roots): fan-out edits are entries of `doelen` (a Y.Map each, carrying the send
 * time), typing goes into a free-text field, the zorgen of levensdomein justitie.
 * Spil creates that field when it migrates a plan; against the reference server
 * the first writer creates it.
 */
export function planText(doc: Y.Doc): Y.Text {
  const domeinen = doc.getMap<unknown>('domeinen');
  let entry = domeinen.get('justitie');
  if (!(entry instanceof Y.Map)) {
    entry = new Y.Map<unknown>();
    domeinen.set('justitie', entry);
  }
  const m = entry as Y.Map<unknown>;
  let text = m.get('zorgen');
  if (!(text instanceof Y.Text)) {
    text = new Y.Text();
    m.set('zorgen', text);
  }
  return text as Y.Text;
}

/** A fan-out edit: a new entry of `doelen` with the send time. */
function benchEntry(sentAt: number): Y.Map<unknown> {
  return new Y.Map<unknown>([['verzonden', sentAt]]);
}
function sentAtOf(entry: unknown): number | undefined {
  if (!(entry instanceof Y.Map)) return undefined;
  const t = (entry as Y.Map<unknown>).get('verzonden');
  return typeof t === 'number' ? t : undefined;
}

export interface FanoutSpec {
  plans: number;
  clientsPerPlan: number;
  editsPerSecond: number;
  seconds: number;
}

export interface FanoutResult {
  target: string;
  p50: number;
  p95: number;
  p99: number;
  sent: number;
  delivered: number;
  expected: number;
  deliveredPerSecond: number;
  cpu: number;
  peakRssMb: number;
}

interface Client {
  provider: WebsocketProvider;
  doc: Y.Doc;
}

function connect(target: Target, url: string, room: string, waitSync: boolean): Promise<Client> {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(url, room, doc, {
    WebSocketPolyfill: polyfill(target.headers),
    disableBc: true,
    maxBackoffTime: 1000,
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${target.name}: no ${waitSync ? 'sync' : 'connection'} for ${room}`)),
      30_000,
    );
    const done = () => {
      clearTimeout(timer);
      resolve({ provider, doc });
    };
    if (waitSync) provider.once('sync', (s: boolean) => s && done());
    else provider.on('status', (e: { status: string }) => e.status === 'connected' && done());
  });
}

/**
 * D plans × C clients, each client making R edits per second for S seconds.
 * An edit adds an entry to the plan's `doelen` holding the send time; every
 * other client of the plan measures the delay when the entry arrives.
 */
export async function fanout(
  target: Target,
  spec: FanoutSpec,
  urls: string[] = [target.serverUrl],
  /** Called with every client's document before it edits (stored-latency.ts). */
  onDoc?: (room: string, doc: Y.Doc) => void,
): Promise<FanoutResult> {
  const rooms = await target.rooms(spec.plans);
  const relay = target.name.startsWith('raw');
  const clients: Client[][] = [];
  const latencies: number[] = [];
  let sent = 0;
  for (const [d, room] of rooms.entries()) {
    const group: Client[] = [];
    for (let c = 0; c < spec.clientsPerPlan; c++) {
      // Round-robin over the given servers (cross-instance runs pass two).
      group.push(
        await connect(
          target,
          urls[(d * spec.clientsPerPlan + c) % urls.length] as string,
          room,
          !relay,
        ),
      );
    }
    clients.push(group);
    if (onDoc) for (const c of group) onDoc(room, c.doc);
  }
  for (const group of clients) {
    for (const { doc } of group) {
      doc.getMap<unknown>('doelen').observe((e, tr) => {
        if (tr.local) return;
        const now = performance.now();
        for (const key of e.keysChanged as Set<string>) {
          const t = sentAtOf(e.target.get(key));
          if (t !== undefined) latencies.push(now - t);
        }
      });
    }
  }
  await sleep(500);
  const sampler = sampleProcesses(target.pids);
  const started = performance.now();
  const interval = 1000 / spec.editsPerSecond;
  const timers: NodeJS.Timeout[] = [];
  for (const group of clients) {
    for (const [i, { doc }] of group.entries()) {
      let seq = 0;
      const tick = () => {
        doc
          .getMap<unknown>('doelen')
          .set(`${doc.clientID}:${seq++}`, benchEntry(performance.now()));
        sent++;
      };
      // Spread the clients' ticks over the interval.
      timers.push(
        setTimeout(
          () => timers.push(setInterval(tick, interval)),
          (i * interval) / group.length + Math.random() * 5,
        ),
      );
    }
  }
  await sleep(spec.seconds * 1000);
  for (const t of timers) clearInterval(t);
  const elapsed = (performance.now() - started) / 1000;
  await sleep(1500); // let the last edits arrive
  const proc = sampler.stop();
  for (const group of clients)
    for (const { provider, doc } of group) {
      provider.destroy();
      doc.destroy();
    }
  latencies.sort((a, b) => a - b);
  const expected = sent * (spec.clientsPerPlan - 1);
  return {
    target: target.name,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    sent,
    delivered: latencies.length,
    expected,
    deliveredPerSecond: latencies.length / elapsed,
    cpu: proc.cpu,
    peakRssMb: proc.peakRss / 1024 / 1024,
  };
}

/** Write `updates` separate edits to one plan, let it leave memory, then time a fresh client's sync. */
export async function openTime(
  target: Target,
  updates: number,
): Promise<{ writeMs: number; openMs: number[] }> {
  const [room] = await target.rooms(1);
  const writer = await connect(target, target.serverUrl, room as string, true);
  const text = planText(writer.doc);
  const t0 = performance.now();
  for (let i = 0; i < updates; i++) {
    text.insert(text.length, 'x');
    if (i % 200 === 199) await sleep(1); // let the socket drain: separate updates, as typing makes them
  }
  // Wait until a second client sees all of it: then the server has stored and relayed everything.
  const check = await connect(target, target.serverUrl, room as string, true);
  while (planText(check.doc).length < updates) await sleep(20);
  const writeMs = performance.now() - t0;
  check.provider.destroy();
  writer.provider.destroy();
  await sleep(1500); // the plan leaves memory after its last client
  const openMs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const c = await connect(target, target.serverUrl, room as string, true);
    openMs.push(performance.now() - t);
    if (planText(c.doc).length < updates) throw new Error('opened incomplete');
    c.provider.destroy();
    await sleep(1500);
  }
  return { writeMs, openMs };
}

/** Open `count` idle connections (each does the sync handshake) and report the server's memory per connection. */
export async function idleConnections(
  target: Target,
  count: number,
  plans = 10,
): Promise<{ open: number; synced: number; syncedMs: number; bytesPerConnection: number }> {
  const rooms = await target.rooms(plans);
  const pid = target.pids[0] as number;
  await sleep(500);
  const before = rssBytes(pid);
  const sockets: WebSocket[] = [];
  const step1 = (() => {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    syncProtocol.writeSyncStep1(enc, new Y.Doc());
    return encoding.toUint8Array(enc);
  })();
  // All at once, as after a restart behind a load balancer: each is synced when the server's
  // answer to its sync step 1 (a sync step 2) has arrived.
  const started = performance.now();
  let synced = 0;
  await Promise.all(
    Array.from({ length: count }, (_, i) => {
      const ws = new WebSocket(`${target.serverUrl}/${rooms[i % rooms.length]}`, {
        headers: target.headers,
      });
      sockets.push(ws);
      return new Promise<void>((res) => {
        const timer = setTimeout(res, 60_000);
        ws.once('open', () => ws.send(step1));
        ws.on('message', (data: Buffer) => {
          if (data[0] === 0 && data[1] === 1) {
            synced++;
            clearTimeout(timer);
            res();
          }
        });
        ws.once('error', () => res());
        ws.once('close', () => res());
      });
    }),
  );
  const syncedMs = performance.now() - started;
  await sleep(3000);
  const open = sockets.filter((s) => s.readyState === WebSocket.OPEN).length;
  const after = rssBytes(pid);
  for (const s of sockets) s.terminate();
  return { open, synced, syncedMs, bytesPerConnection: open ? (after - before) / open : NaN };
}
