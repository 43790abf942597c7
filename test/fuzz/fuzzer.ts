/**
 * A protocol fuzzer for the two WebSocket channels: raw socket.io
 * (Engine.IO v4 / socket.io v5 frames on `/socket.io/`) and the y-websocket
 * protocol on `/collab/<doc>`. Many short connections, each sending a run of
 * generated frames (well-formed, subtly wrong and plain garbage), then a
 * probe: the connection must either answer the probe or have been closed by
 * the server. A connection that does neither is a hang. Meanwhile a watcher
 * (another user, both channels and REST) must keep working.
 *
 * Deterministic for a seed: a failing run is replayed with the same seed.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';

export type Rng = () => number;

/** mulberry32 */
export function prng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;
const chance = (rng: Rng, p: number) => rng() < p;

const NASTY_STRINGS = [
  '',
  ' ',
  'null',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\ud800',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  "'; DROP TABLE audit_event; --",
  '__proto__',
  'constructor',
  '{"$ne":null}',
  'a'.repeat(81),
  'a'.repeat(5000),
  '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01',
  '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01:medisch',
  '0b7e8a36-3f5e-4c55-9a53-1d2f2b4c9e01:werk:x',
  '0B7E8A36-3F5E-4C55-9A53-1D2F2B4C9E01',
];

function randomString(rng: Rng, max = 40): string {
  if (chance(rng, 0.3)) return pick(rng, NASTY_STRINGS);
  const n = int(rng, 0, max);
  let s = '';
  for (let i = 0; i < n; i++)
    s += String.fromCharCode(chance(rng, 0.9) ? int(rng, 32, 126) : int(rng, 0, 0xffff));
  return s;
}

export function randomJson(rng: Rng, depth = 0): unknown {
  const r = rng();
  if (depth > 3 || r < 0.35) {
    return pick(rng, [
      null,
      true,
      false,
      0,
      -1,
      1e308,
      -0,
      3.14,
      int(rng, -1e9, 1e9),
      randomString(rng),
    ] as const);
  }
  if (r < 0.6) return Array.from({ length: int(rng, 0, 5) }, () => randomJson(rng, depth + 1));
  // Own properties only, `__proto__` included (as JSON.parse makes them), never a changed prototype.
  const o: Record<string, unknown> = {};
  for (let i = int(rng, 0, 5); i > 0; i--) {
    const key = chance(rng, 0.5)
      ? pick(rng, ['docName', '__proto__', 'constructor', 'token', 'id'])
      : randomString(rng, 10);
    Object.defineProperty(o, key, {
      value: randomJson(rng, depth + 1),
      enumerable: true,
      configurable: true,
      writable: true,
    });
  }
  return o;
}

function mutateText(rng: Rng, s: string): string {
  const ops = int(rng, 1, 4);
  let out = s;
  for (let i = 0; i < ops; i++) {
    const at = int(rng, 0, out.length);
    const op = int(rng, 0, 2);
    if (op === 0) out = out.slice(0, at) + String.fromCharCode(int(rng, 0, 255)) + out.slice(at);
    else if (op === 1) out = out.slice(0, at) + out.slice(at + 1);
    else
      out =
        out.slice(0, at) +
        pick(rng, ['[', ']', '{', '}', '"', ',', '-', '/', '4', '2']) +
        out.slice(at + 1);
  }
  return out;
}

function mutateBytes(rng: Rng, b: Uint8Array): Uint8Array {
  const out = Array.from(b);
  const ops = int(rng, 1, 6);
  for (let i = 0; i < ops; i++) {
    const op = int(rng, 0, 4);
    const at = int(rng, 0, Math.max(0, out.length - 1));
    if (op === 0 && out.length > 0) out[at] = int(rng, 0, 255);
    else if (op === 1) out.splice(at, int(rng, 1, 8));
    else if (op === 2)
      out.splice(at, 0, ...Array.from({ length: int(rng, 1, 8) }, () => int(rng, 0, 255)));
    else if (op === 3) out.length = int(rng, 0, out.length);
    else out.push(...Array.from({ length: int(rng, 1, 16) }, () => 0xff));
  }
  return Uint8Array.from(out);
}

function randomBytes(rng: Rng, max = 64): Uint8Array {
  return Uint8Array.from({ length: int(rng, 0, max) }, () => int(rng, 0, 255));
}

/** A generated frame; `fatal` when the server must close the connection for it. */
interface Frame {
  data: string | Uint8Array;
  /** A binary attachment sent right after (socket.io binary events). */
  then?: Uint8Array;
  /** A well-formed sync step 1: the server answers it with exactly one step 2. */
  step1?: true;
  fatal?: 'close' | '1009' | '4400';
}

/* ---------- socket.io ---------- */

const PROBE_ACK = 424242;

function socketFrame(rng: Rng, docNames: string[]): Frame {
  const r = rng();
  const docName = () => (chance(rng, 0.6) ? pick(rng, docNames) : randomString(rng, 90));
  const ack = () => (chance(rng, 0.5) ? String(int(rng, 0, 99999)) : '');
  if (r < 0.35)
    return {
      data: `42/events,${ack()}${JSON.stringify(['plan:subscribe', chance(rng, 0.5) ? { docName: docName() } : randomJson(rng)])}`,
    };
  if (r < 0.5)
    return {
      data: `42/events,${ack()}${JSON.stringify(['plan:unsubscribe', chance(rng, 0.5) ? { docName: docName() } : randomJson(rng)])}`,
    };
  if (r < 0.6)
    return {
      data: `42/events,${ack()}${JSON.stringify([randomString(rng, 20), randomJson(rng), randomJson(rng)].slice(0, int(rng, 1, 3)))}`,
    };
  if (r < 0.65)
    return { data: `42/events,${ack()}${JSON.stringify([int(rng, -5, 5), randomJson(rng)])}` };
  if (r < 0.9)
    return { data: `43/events,${int(rng, 0, 99999)}${JSON.stringify([randomJson(rng)])}` };
  if (r < 0.74) return { data: `40/${pick(rng, ['other', 'admin', 'x', '%2e%2e'])},` };
  if (r < 0.8) return { data: pick(rng, ['3', '6']) };
  if (r < 0.86) {
    return {
      data: `451-/events,${ack()}${JSON.stringify(['plan:subscribe', { docName: { _placeholder: true, num: 0 } }])}`,
      then: randomBytes(rng, 256),
    };
  }
  if (r < 0.72) {
    // A valid frame, mutated.
    const valid = `42/events,${ack()}${JSON.stringify(['plan:subscribe', { docName: docName() }])}`;
    return { data: mutateText(rng, valid) };
  }
  if (r < 0.97)
    return {
      data: `42/events,${JSON.stringify(['plan:subscribe', { docName: 'x'.repeat(int(rng, 70, 2000)) }])}`,
    };
  // Garbage that must close the connection.
  const fatal: Frame[] = [
    { data: '42/events,["plan:subscribe",{', fatal: 'close' },
    { data: `${pick(rng, ['7', '8', '9'])}${randomString(rng, 10)}`, fatal: 'close' },
    { data: `4${pick(rng, ['7', '8', '9'])}/events,[]`, fatal: 'close' },
    { data: '42/events,"nope"', fatal: 'close' },
    { data: '42/events,[]', fatal: 'close' },
    { data: '', fatal: 'close' },
    { data: '4', fatal: 'close' },
    { data: randomBytes(rng, 32), fatal: 'close' },
    { data: '4100-/events,["plan:subscribe"]', fatal: 'close' },
    { data: '42/events,["disconnect"]', fatal: 'close' },
  ];
  if (r < 0.9995) return pick(rng, fatal);
  return {
    data: `42/events,${JSON.stringify(['plan:subscribe', { docName: 'y'.repeat(70 * 1024) }])}`,
    fatal: '1009',
  };
}

/* ---------- collab ---------- */

const ROOTS = [
  'acties',
  'huishouden',
  'server',
  'situatie',
  'doelen',
  'meta',
  'domeinen',
  'fuzz',
  'notities',
];

/** A collab frame; `wellFormed` keeps to frames a correct client could send (the server may still refuse what they ask). */
function collabFrame(
  rng: Rng,
  doc: Y.Doc,
  awareness: awarenessProtocol.Awareness,
  wellFormed = false,
): Frame {
  const r = wellFormed ? pick(rng, [0.05, 0.3, 0.3, 0.3, 0.6, 0.75]) : rng();
  const e = encoding.createEncoder();
  if (r < 0.12) {
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
    return { data: encoding.toUint8Array(e), step1: true };
  }
  if (r < 0.15) {
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint8Array(e, randomBytes(rng, 40));
    return { data: encoding.toUint8Array(e) };
  }
  if (r < 0.55) {
    // A real update on a local copy: often refused (roots, roles), sometimes stored.
    let update: Uint8Array | null = null;
    const grab = (u: Uint8Array) => (update = u);
    doc.on('update', grab);
    try {
      doc.transact(() => {
        const root = pick(rng, ROOTS);
        const kind = int(rng, 0, 3);
        if (kind === 0)
          doc
            .getMap(root)
            .set(
              randomString(rng, 8) || 'k',
              JSON.parse(JSON.stringify(randomJson(rng)) ?? 'null') as never,
            );
        else if (kind === 1)
          doc
            .getMap(root)
            .set(`m${int(rng, 0, 20)}`, new Y.Map<unknown>([['titel', randomString(rng, 30)]]));
        else if (kind === 2) doc.getArray(`${root}-lijst`).insert(0, [randomString(rng, 20)]);
        else doc.getText(`${root}-tekst`).insert(0, randomString(rng, 30));
      });
    } catch {
      /* a value Yjs itself refuses: send whatever was captured, or an empty update */
    }
    doc.off('update', grab);
    const u: Uint8Array = update ?? new Uint8Array([0, 0]);
    encoding.writeVarUint(e, 0);
    if (chance(rng, 0.8)) syncProtocol.writeUpdate(e, u);
    else syncProtocol.writeSyncStep2(e, doc, Y.encodeStateVector(new Y.Doc()));
    const bytes = encoding.toUint8Array(e);
    return { data: !wellFormed && chance(rng, 0.25) ? mutateBytes(rng, bytes) : bytes };
  }
  if (r < 0.72) {
    awareness.setLocalState(
      !wellFormed && chance(rng, 0.8)
        ? (randomJson(rng) as Record<string, unknown>)
        : { user: { name: randomString(rng, 20) }, cursor: randomJson(rng) },
    );
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint8Array(
      e,
      awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
    );
    const bytes = encoding.toUint8Array(e);
    return { data: !wellFormed && chance(rng, 0.3) ? mutateBytes(rng, bytes) : bytes };
  }
  if (r < 0.78) return { data: Uint8Array.from([3]) };
  if (r < 0.8) return { data: Uint8Array.from([2, ...randomBytes(rng, 16)]) };
  if (r < 0.85) {
    encoding.writeVarUint(e, int(rng, 4, 100_000));
    return { data: Uint8Array.from([...encoding.toUint8Array(e), ...randomBytes(rng, 32)]) };
  }
  if (r < 0.88) return { data: randomBytes(rng, 128) };
  if (r < 0.9) return { data: Uint8Array.from([0, 0, ...Array.from({ length: 12 }, () => 0xff)]) };
  if (r < 0.96) return { data: new Uint8Array(0) };
  if (r < 0.9998) return { data: randomString(rng, 40) || 'x', fatal: '4400' };
  return { data: new Uint8Array(1024 * 1024 + int(rng, 1, 1024)), fatal: '1009' };
}

/* ---------- sessions ---------- */

export interface FuzzTarget {
  url: string;
  wsUrl: string;
  /** Valid tokens (roles with various rights) and invalid ones. */
  goodTokens: string[];
  badTokens: string[];
  /** Documents to aim at: allowed, forbidden and nonexistent. */
  docNames: string[];
}

export interface FuzzOptions extends FuzzTarget {
  frames: number;
  seed: number;
  /** Share of the frames for collab (the rest goes to socket.io). */
  collabShare?: number;
  /** Parallel connections per channel. */
  concurrency?: number;
  /** Time a connection may take to answer the probe or be closed, in ms. */
  probeTimeoutMs?: number;
  /** Runs while fuzzing; throws when another user's connection stopped working. */
  watch?: () => Promise<void>;
  progress?: (s: FuzzStats) => void;
}

export interface ChannelStats {
  frames: number;
  connections: number;
  /** The server closed the connection. */
  closed: number;
  /** The connection answered its probe. */
  answered: number;
  closeCodes: Record<string, number>;
  /** socket.io handshakes refused with connect_error (the client then closes). */
  refusedHandshakes: number;
  /** Longest wait for a probe's answer or close, in ms. */
  slowestProbeMs: number;
}

export interface FuzzStats {
  seed: number;
  socket: ChannelStats;
  collab: ChannelStats;
  /** Connections that neither answered the probe nor were closed. */
  hangs: string[];
  /** Connections that sent a frame the server must close for, and were not closed (for that reason). */
  unclosedFatal: string[];
  watcherFailures: string[];
  watcherChecks: number;
  durationMs: number;
  /** What each session is waiting for right now (for a stuck run: `progress` can print it). */
  waiting: Map<string, string>;
}

const emptyChannel = (): ChannelStats => ({
  frames: 0,
  connections: 0,
  closed: 0,
  answered: 0,
  closeCodes: {},
  refusedHandshakes: 0,
  slowestProbeMs: 0,
});

function openSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<{
  ws: WebSocket;
  texts: string[];
  closed: Promise<number>;
  onText: (f: (t: string) => void) => void;
  /** The upgrade got no answer at all within the time out (the socket was then cut). */
  upgradeHung: boolean;
}> {
  const ws = new WebSocket(url, { headers });
  const texts: string[] = [];
  const listeners: ((t: string) => void)[] = [];
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => undefined);
  ws.on('message', (d: Buffer, isBinary: boolean) => {
    const t = isBinary ? '' : d.toString();
    if (!isBinary) texts.push(t);
    for (const l of listeners) l(isBinary ? `\u0001${d.toString('latin1')}` : t);
  });
  return new Promise((resolve) => {
    let upgradeHung = false;
    const timer = setTimeout(() => {
      upgradeHung = true;
      ws.terminate();
    }, 15_000);
    const done = () => {
      clearTimeout(timer);
      resolve({ ws, texts, closed, onText: (f) => listeners.push(f), upgradeHung });
    };
    ws.once('open', done);
    ws.once('close', done);
  });
}

const tick = () => new Promise<void>((r) => setImmediate(r));

async function waitFor<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const t = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), ms)));
  try {
    return await Promise.race([p, t]);
  } finally {
    clearTimeout(timer);
  }
}

async function socketSession(
  rng: Rng,
  o: FuzzOptions,
  budget: number,
  stats: FuzzStats,
  id: string,
): Promise<number> {
  const st = stats.socket;
  st.connections++;
  const wait = (what: string) => stats.waiting.set(id, `${what} since ${new Date().toISOString()}`);
  wait('socket.io upgrade');
  const s = await openSocket(`${o.wsUrl}/socket.io/?EIO=4&transport=websocket`);
  if (s.upgradeHung)
    stats.hangs.push(`socket.io ${id}: the upgrade was neither accepted nor refused`);
  let sent = 0;
  let fatal: Frame['fatal'] | undefined;
  const send = (data: string | Uint8Array) => {
    if (s.ws.readyState !== WebSocket.OPEN) return false;
    s.ws.send(data);
    sent++;
    return true;
  };
  s.onText((t) => {
    if (t === '2') s.ws.send('3');
  });
  const token = chance(rng, 0.9) ? pick(rng, o.goodTokens) : pick(rng, o.badTokens);
  send(`40/events,${JSON.stringify({ token })}`);
  // Wait until authenticated (an answered probe) or refused (connect_error, or closed).
  let refused = false;
  const ready = new Promise<boolean>((resolve) => {
    const probe = () =>
      send(
        `42/events,1${JSON.stringify(['plan:unsubscribe', { docName: pick(rng, o.docNames) }])}`,
      );
    let probes = 0;
    s.onText((t) => {
      if (t.startsWith('40/events,')) probe();
      // connect_error: socket.io refuses the namespace but leaves the connection to the client (or its connectTimeout).
      else if (t.startsWith('44/events,')) {
        refused = true;
        resolve(false);
      } else if (t.startsWith('43/events,1[')) {
        if (t.includes('"data"')) resolve(true);
        else setTimeout(probe, 20);
        wait(`socket.io handshake, probe ${++probes} answered`);
      }
    });
    void s.closed.then(() => resolve(false));
  });
  wait('socket.io handshake');
  const ok = await waitFor(ready, 15_000);
  if (ok === true) {
    const n = Math.min(budget, int(rng, 5, 200));
    for (let i = 0; i < n && s.ws.readyState === WebSocket.OPEN; i++) {
      const f = socketFrame(rng, o.docNames);
      wait(`frame ${i} of ${n}`);
      if (send(f.data) && f.fatal && !fatal) fatal = f.fatal;
      if (f.then) send(f.then);
      if (i % 8 === 7) await tick();
    }
    // The probe: answered, or the server closed the connection.
    const answered = new Promise<'answered'>((resolve) =>
      s.onText((t) => {
        if (t.startsWith(`43/events,${PROBE_ACK}[`)) resolve('answered');
      }),
    );
    send(
      `42/events,${PROBE_ACK}${JSON.stringify(['plan:unsubscribe', { docName: pick(rng, o.docNames) }])}`,
    );
    wait('probe');
    const asked = Date.now();
    const r = await waitFor(
      Promise.race([answered, s.closed.then((c) => `closed ${c}`)]),
      o.probeTimeoutMs ?? 60_000,
    );
    st.slowestProbeMs = Math.max(st.slowestProbeMs, Date.now() - asked);
    if (r === 'timeout')
      stats.hangs.push(`socket.io ${id}: no answer and not closed after ${sent} frames`);
    else if (r === 'answered') {
      st.answered++;
      if (fatal)
        stats.unclosedFatal.push(`socket.io ${id}: sent a ${fatal} frame but still answers`);
    }
  } else if (ok === 'timeout')
    stats.hangs.push(`socket.io ${id}: handshake neither accepted nor refused`);
  else if (refused) st.refusedHandshakes++;
  if (s.ws.readyState === WebSocket.CLOSED || s.ws.readyState === WebSocket.CLOSING) {
    wait('the close to complete');
    const code = await s.closed;
    st.closed++;
    st.closeCodes[code] = (st.closeCodes[code] ?? 0) + 1;
  } else {
    s.ws.close();
    await waitFor(s.closed, 2000);
  }
  st.frames += sent;
  stats.waiting.delete(id);
  return sent;
}

async function collabSession(
  rng: Rng,
  o: FuzzOptions,
  budget: number,
  stats: FuzzStats,
  id: string,
): Promise<number> {
  const st = stats.collab;
  st.connections++;
  const token = chance(rng, 0.92) ? pick(rng, o.goodTokens) : pick(rng, o.badTokens);
  // Mostly the first document (one the good tokens may open), so frames reach the protocol handlers.
  const docName = chance(rng, 0.7)
    ? (o.docNames[0] as string)
    : chance(rng, 0.9)
      ? pick(rng, o.docNames)
      : Array.from(randomBytes(rng, 60), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  const wait = (what: string) => stats.waiting.set(id, `${what} since ${new Date().toISOString()}`);
  wait('collab upgrade');
  const s = await openSocket(`${o.wsUrl}/collab/${docName}`, { authorization: `Bearer ${token}` });
  if (s.upgradeHung)
    stats.hangs.push(
      `collab ${id}: the upgrade of ${docName.slice(0, 60)} was neither accepted nor refused`,
    );
  const doc = new Y.Doc();
  const awareness = new awarenessProtocol.Awareness(doc);
  // A third of the sessions behave like a correct client that asks for things it may not do: it must stay connected.
  const wellFormed = chance(rng, 0.33);
  let sent = 0;
  let fatal: Frame['fatal'] | undefined;
  let step2 = 0;
  s.onText((t) => {
    if (!t.startsWith('\u0001')) return;
    const bytes = Buffer.from(t.slice(1), 'latin1');
    if (bytes[0] === 0 && bytes[1] === 1) step2++;
    if (bytes[0] === 0 && (bytes[1] === 1 || bytes[1] === 2)) {
      try {
        const d = decoding.createDecoder(new Uint8Array(bytes));
        decoding.readVarUint(d);
        syncProtocol.readSyncMessage(d, encoding.createEncoder(), doc, 'server');
      } catch {
        /* the server's own frames are well-formed; a failure here would show in the probe */
      }
    }
  });
  /** Sync step 1 → step 2: answered, closed, or a hang. */
  // Replies still owed: one step 2 per well-formed step 1 sent. The probe's own reply is the last one.
  let owed = 0;
  const probe = async (): Promise<string> => {
    if (s.ws.readyState !== WebSocket.OPEN) return 'closed';
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
    s.ws.send(encoding.toUint8Array(e));
    const target = ++owed;
    const answered = new Promise<'answered'>((resolve) => {
      const check = () => {
        if (step2 >= target) resolve('answered');
      };
      s.onText(check);
      check();
    });
    wait('probe');
    const asked = Date.now();
    const r = await waitFor(
      Promise.race([answered, s.closed.then((c) => `closed ${c}`)]),
      o.probeTimeoutMs ?? 60_000,
    );
    st.slowestProbeMs = Math.max(st.slowestProbeMs, Date.now() - asked);
    if (r !== 'answered') return r;
    // A close the server sent before it read the probe is on its way: give it a moment to arrive.
    await new Promise((resolve) => setTimeout(resolve, 30));
    return s.ws.readyState === WebSocket.OPEN ? 'answered' : 'closed';
  };
  // Most sessions wait until they are let in; the others send at once, while the server still checks them.
  if ((wellFormed || chance(rng, 0.5)) && (await probe()) === 'timeout') {
    stats.hangs.push(`collab ${id}: never let in nor refused`);
  }
  const n = Math.min(budget, int(rng, 5, 200));
  for (let i = 0; i < n && s.ws.readyState === WebSocket.OPEN; i++) {
    const f = collabFrame(rng, doc, awareness, wellFormed);
    s.ws.send(f.data);
    sent++;
    if (f.step1) owed++;
    if (f.fatal && !fatal) fatal = f.fatal;
    if (i % 8 === 7) await tick();
  }
  if (s.ws.readyState === WebSocket.OPEN) {
    const r = await probe();
    if (r === 'timeout')
      stats.hangs.push(`collab ${id}: no answer and not closed after ${sent} frames`);
    else if (r === 'answered') {
      st.answered++;
      if (fatal) stats.unclosedFatal.push(`collab ${id}: sent a ${fatal} frame but still answers`);
    }
  }
  if (s.ws.readyState === WebSocket.CLOSED || s.ws.readyState === WebSocket.CLOSING) {
    wait('the close to complete');
    const code = await s.closed;
    st.closed++;
    st.closeCodes[code] = (st.closeCodes[code] ?? 0) + 1;
  } else {
    s.ws.close();
    await waitFor(s.closed, 2000);
  }
  awareness.destroy();
  doc.destroy();
  st.frames += sent;
  stats.waiting.delete(id);
  return sent;
}

/** Fuzz both channels until `frames` frames were sent; never throws for what the server does, only reports. */
export async function runFuzz(o: FuzzOptions): Promise<FuzzStats> {
  const started = Date.now();
  const stats: FuzzStats = {
    seed: o.seed,
    socket: emptyChannel(),
    collab: emptyChannel(),
    hangs: [],
    unclosedFatal: [],
    watcherFailures: [],
    watcherChecks: 0,
    durationMs: 0,
    waiting: new Map(),
  };
  const collabBudget = Math.round(o.frames * (o.collabShare ?? 0.4));
  const socketBudget = o.frames - collabBudget;
  const concurrency = o.concurrency ?? 6;
  let stop = false;
  const watcher = (async () => {
    while (!stop && o.watch) {
      try {
        stats.waiting.set('watcher', `check since ${new Date().toISOString()}`);
        await o.watch();
        stats.waiting.delete('watcher');
      } catch (e) {
        stats.watcherFailures.push(e instanceof Error ? e.message : String(e));
      }
      stats.watcherChecks++;
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  const lane = async (channel: 'socket' | 'collab', laneNo: number, budget: number) => {
    const rng = prng(o.seed * 1000 + laneNo * 7 + (channel === 'collab' ? 1 : 0));
    let left = budget;
    let k = 0;
    let idle = 0;
    while (left > 0) {
      const id = `${o.seed}/${channel}/${laneNo}/${k++}`;
      const sent =
        channel === 'socket'
          ? await socketSession(rng, o, left, stats, id)
          : await collabSession(rng, o, left, stats, id);
      left -= sent;
      // Refused before a single frame (a bad token, a forbidden document): fine now and then, not forever.
      idle = sent === 0 ? idle + 1 : 0;
      if (idle > 500)
        throw new Error(`${channel} lane ${laneNo}: 500 connections in a row took no frame`);
      if (k % 50 === 0) o.progress?.(stats);
    }
  };
  const lanes: Promise<void>[] = [];
  for (let i = 0; i < concurrency; i++) {
    lanes.push(lane('socket', i, Math.ceil(socketBudget / concurrency)));
    lanes.push(lane('collab', i, Math.ceil(collabBudget / concurrency)));
  }
  const ticker = setInterval(() => o.progress?.(stats), 10_000);
  try {
    await Promise.all(lanes);
  } finally {
    clearInterval(ticker);
    stop = true;
    await watcher;
  }
  stats.durationMs = Date.now() - started;
  return stats;
}

export function summary(s: FuzzStats): string {
  const ch = (name: string, c: ChannelStats) =>
    `${name}: ${c.frames} frames over ${c.connections} connections (${c.closed} closed by the server, ${c.refusedHandshakes ? `${c.refusedHandshakes} handshakes refused, ` : ''}${c.answered} answered the probe; close codes ${JSON.stringify(c.closeCodes)}; slowest probe ${c.slowestProbeMs} ms)`;
  return [
    `fuzz seed ${s.seed}: ${s.socket.frames + s.collab.frames} frames in ${(s.durationMs / 1000).toFixed(1)} s`,
    ch('socket.io', s.socket),
    ch('collab', s.collab),
    `hangs ${s.hangs.length}, fatal frames not closed ${s.unclosedFatal.length}, watcher ${s.watcherChecks} checks / ${s.watcherFailures.length} failures`,
  ].join('\n  ');
}
