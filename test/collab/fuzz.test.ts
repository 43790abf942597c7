/**
 * Fuzz: thousands of random and mutated frames from authenticated
 * connections (an editor and a meelezer). The server must stay up and keep
 * answering, and two other users keep editing together meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import { PlanDoc } from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, notesOf, synced } from './helpers';

/** mulberry32: a small seeded PRNG, so a failing run can be repeated with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frame(type: number, sub: number | null, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, type);
  if (sub !== null) encoding.writeVarUint(e, sub);
  encoding.writeVarUint8Array(e, payload);
  return encoding.toUint8Array(e);
}

const FRAMES = 3000;

describe.each(databaseKinds())('fuzzing the collab endpoint on %s', (kind) => {
  let s: TestServer;
  let bakker: string;
  let editorToken: string;
  let readerToken: string;
  const clients: Client[] = [];

  beforeAll(async () => {
    s = await startTestServer(kind);
    bakker = (await householdByName(s, 'Gezin Bakker')).id;
    editorToken = (await loginAs(s.url, 'huisarts')).token;
    readerToken = (await loginAs(s.url, 'wmo-consulent')).token;
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await s?.stop();
  });

  it('survives random and mutated frames while others keep working', async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
    console.log(`[fuzz ${kind}] seed ${seed} (repeat with FUZZ_SEED=${seed})`);
    const rnd = prng(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const bytes = (n: number) => Uint8Array.from({ length: n }, () => int(256));

    const collab = s.app.get(CollabService);
    const a = connect(s.wsUrl, (await loginAs(s.url, 'maatschappelijk-werker')).token, bakker);
    const b = connect(s.wsUrl, (await loginAs(s.url, 'poh-jeugd')).token, bakker);
    clients.push(a, b);
    await Promise.all([synced(a), synced(b)]);

    // A corpus of valid messages against the current plan, to mutate.
    const base = await collab.readDoc(bakker);
    const corpus: Uint8Array[] = [];
    const local = new Y.Doc();
    Y.applyUpdate(local, Y.encodeStateAsUpdate(base));
    local.on('update', (u: Uint8Array) => corpus.push(u));
    const plan = new PlanDoc(local);
    for (let i = 0; i < 20; i++) {
      notesOf(local).insert(int(notesOf(local).length + 1), `fuzz ${i} `);
      if (i % 4 === 0) plan.addActie({ titel: `Fuzzactie ${i}` });
      if (i % 5 === 0) local.getMap('huishouden').set(`k${i}`, i);
      if (i % 6 === 0) local.getMap('server').set('regie', null);
    }
    corpus.push(
      Y.encodeStateAsUpdate(local),
      Y.encodeStateAsUpdate(local, Y.encodeStateVector(base)),
    );
    const aw = new Awareness(local);
    aw.setLocalState({ cursor: { anchor: 1 }, user: { name: 'x' } });
    const awarenessUpdate = encodeAwarenessUpdate(aw, [local.clientID]);
    aw.destroy();

    const mutate = (src: Uint8Array): Uint8Array => {
      const out = Array.from(src);
      const n = 1 + int(4);
      for (let i = 0; i < n; i++) {
        const at = int(out.length + 1);
        switch (int(6)) {
          case 0:
            if (out.length) out[at % out.length] = int(256);
            break;
          case 1:
            out.splice(at, 0, ...bytes(1 + int(8)));
            break;
          case 2:
            out.splice(at, 1 + int(8));
            break;
          case 3:
            out.splice(at, 0, 0xff, 0xff, 0xff, 0xff, 0x0f); // a huge varint count
            break;
          case 4:
            out.length = Math.min(out.length, at);
            break;
          default:
            if (out.length)
              out[at % out.length] = ((out[at % out.length] as number) ^ (1 << int(8))) & 0xff;
        }
      }
      return Uint8Array.from(out);
    };
    const pick = <T>(xs: T[]): T => xs[int(xs.length)] as T;
    const nextFrame = (): Uint8Array => {
      switch (int(10)) {
        case 0:
          return bytes(int(300));
        case 1:
          return frame(0, int(3), bytes(int(200)));
        case 2:
          return frame(0, 0, mutate(Y.encodeStateVector(base)));
        case 3:
          return frame(1, null, mutate(awarenessUpdate));
        case 4:
          return mutate(frame(0, 2, pick(corpus)));
        case 5:
          return frame(0, 2, pick(corpus));
        default:
          return frame(0, int(2) + 1, mutate(pick(corpus)));
      }
    };

    // Fuzzing connections: reopened whenever the server closes one.
    type Fuzzer = { ws: WebSocket | null; token: string; opening: Promise<WebSocket> | null };
    const fuzzers: Fuzzer[] = [editorToken, editorToken, editorToken, readerToken].map((token) => ({
      ws: null,
      token,
      opening: null,
    }));
    const closeCodes = new Map<number, number>();
    const openFuzzer = (f: Fuzzer): Promise<WebSocket> => {
      if (f.ws && f.ws.readyState === WebSocket.OPEN) return Promise.resolve(f.ws);
      f.opening ??= new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(`${s.wsUrl}/collab/${bakker}`, {
          headers: { authorization: `Bearer ${f.token}` },
        });
        ws.on('open', () => {
          f.ws = ws;
          f.opening = null;
          resolve(ws);
        });
        ws.on('close', (code) => {
          closeCodes.set(code, (closeCodes.get(code) ?? 0) + 1);
          if (f.ws === ws) f.ws = null;
        });
        ws.on('error', (e) => {
          f.opening = null;
          reject(e);
        });
      });
      return f.opening;
    };

    // Meanwhile the two real users keep editing; every marker must arrive.
    const markers: string[] = [];
    let editing = true;
    const editor = (async () => {
      for (let i = 0; editing; i++) {
        const m = `<${i}>`;
        markers.push(m);
        notesOf(a.doc).insert(0, m);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const started = Date.now();
    for (let i = 0; i < FRAMES; i++) {
      const f = fuzzers[i % fuzzers.length] as Fuzzer;
      const ws = await openFuzzer(f);
      if (ws.readyState === WebSocket.OPEN) ws.send(nextFrame());
      // Now and then let the server catch up, as a real client would have to.
      if (i % 25 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    console.log(
      `[fuzz ${kind}] ${FRAMES} frames in ${Date.now() - started} ms; closes by code ${JSON.stringify([...closeCodes])}`,
    );

    // Still answering, and the real users are unaffected.
    expect((await fetch(`${s.url}/api/health`)).status).toBe(200);
    editing = false;
    await editor;
    await eventually(() => {
      const text = notesOf(b.doc).toJSON();
      for (const m of markers) expect(text).toContain(m);
    }, 20_000);
    notesOf(b.doc).insert(0, 'na het fuzzen ');
    await eventually(() => expect(notesOf(a.doc).toJSON()).toContain('na het fuzzen'), 10_000);
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
    for (const f of fuzzers) f.ws?.terminate();
    // The stored plan still loads and holds what the real users wrote.
    await eventually(
      async () => expect(notesOf(await collab.readDoc(bakker)).toJSON()).toContain('na het fuzzen'),
      10_000,
    );
    // A newcomer gets the same document as the others.
    const c = connect(s.wsUrl, editorToken, bakker);
    clients.push(c);
    await synced(c);
    await eventually(() => expect(notesOf(c.doc).toJSON()).toBe(notesOf(a.doc).toJSON()), 10_000);
  });
});
