import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { peekSync, StoredTracker, syncStep1Message } from './stored-tracker';

function syncMessage(step: number, payload: Uint8Array): Uint8Array {
  return Uint8Array.from([0, step, payload.length, ...payload].slice(0, 3 + payload.length));
}

/** Enough of y-websocket's provider for the tracker: events, message handlers, a socket that records what is sent. */
class FakeProvider {
  readonly sent: Uint8Array[] = [];
  wsconnected = false;
  ws: { readyState: number; send: (m: Uint8Array) => void } | null = null;
  private readonly handlers = new Map<string, Set<(arg: unknown) => void>>();
  readonly messageHandlers: WebsocketProvider['messageHandlers'] = [];

  constructor(readonly doc: Y.Doc) {
    // Like y-websocket: every local update goes out at once, before anyone else hears of it.
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.wsconnected)
        this.sent.push(Uint8Array.from([0, 2, ...lengthPrefixed(update)]));
    });
    // Like y-websocket: a step 2 or update from the server is applied with the provider as origin.
    this.messageHandlers[0] = (_encoder, decoder) => {
      const peeked = peekSync(decoder.arr, decoder.pos);
      if (peeked && peeked.step !== 0) Y.applyUpdate(doc, peeked.payload, this);
    };
  }
  on(name: string, f: (arg: unknown) => void) {
    if (!this.handlers.has(name)) this.handlers.set(name, new Set());
    this.handlers.get(name)?.add(f);
  }
  off(name: string, f: (arg: unknown) => void) {
    this.handlers.get(name)?.delete(f);
  }
  connect() {
    this.wsconnected = true;
    this.ws = { readyState: 1, send: (m) => this.sent.push(m) };
    for (const f of this.handlers.get('status') ?? []) f({ status: 'connected' });
  }
  disconnect() {
    this.wsconnected = false;
    this.ws = null;
    for (const f of this.handlers.get('status') ?? []) f({ status: 'disconnected' });
  }
  /** A message from the server. */
  receive(bytes: Uint8Array) {
    const handler = this.messageHandlers[0];
    handler?.({} as never, { arr: bytes, pos: 1 }, this as unknown as WebsocketProvider, true, 0);
  }
}

/** The server: a document that holds only what it stored. */
function serverStep1(server: Y.Doc): Uint8Array {
  const sv = Y.encodeStateVector(server);
  return Uint8Array.from([0, 0, sv.length, ...sv]);
}
function serverStep2(server: Y.Doc, clientSv: Uint8Array): Uint8Array {
  const update = Y.encodeStateAsUpdate(server, clientSv);
  const head: number[] = [0, 1];
  let n = update.length;
  while (n > 0x7f) {
    head.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  head.push(n);
  return Uint8Array.from([...head, ...update]);
}

describe('stored tracker wire helpers', () => {
  it('writes a sync step 1 that reads back as the document state vector', () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 300; i++) doc.getText('t').insert(0, 'x');
    const msg = syncStep1Message(doc);
    expect(msg[0]).toBe(0);
    const peeked = peekSync(msg, 1);
    expect(peeked?.step).toBe(0);
    expect([...Y.decodeStateVector(peeked?.payload ?? new Uint8Array())]).toEqual([
      ...Y.decodeStateVector(Y.encodeStateVector(doc)),
    ]);
  });

  it('refuses a truncated message', () => {
    expect(peekSync(Uint8Array.from([0, 5, 1]), 1)).toBeNull();
    expect(peekSync(syncMessage(0, new Uint8Array()).subarray(0, 1), 1)).toBeNull();
  });
});

describe('StoredTracker', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** Connect, exchange the first sync steps, answer the barrier; the server stores what it gets. */
  async function connected() {
    const server = new Y.Doc();
    server.getText('t').insert(0, 'opgeslagen tekst');
    const doc = new Y.Doc();
    const provider = new FakeProvider(doc);
    const tracker = new StoredTracker(doc, provider as unknown as WebsocketProvider);
    const answer = (refuse = false) => {
      // The server answers each of the client's step 1s in order, after storing what came before.
      for (const m of provider.sent.splice(0)) {
        const peeked = peekSync(m, 1);
        if (peeked?.step === 0) provider.receive(serverStep2(server, peeked.payload));
        else if (peeked && !refuse) {
          Y.applyUpdate(server, peeked.payload);
          // After the commit the server says so on /events: `plan:stored` with its state vector.
          tracker.addStored(Y.decodeStateVector(Y.encodeStateVector(server)));
        }
      }
    };
    provider.connect();
    provider.sent.push(syncStep1Message(doc)); // the provider's own first step 1
    provider.receive(serverStep1(server));
    await Promise.resolve(); // the barrier goes out after the answer to the server's step 1
    answer();
    return { server, doc, provider, tracker, answer };
  }

  it('is not stored before the first barrier is answered, then is', async () => {
    const doc = new Y.Doc();
    const provider = new FakeProvider(doc);
    const tracker = new StoredTracker(doc, provider as unknown as WebsocketProvider);
    expect(tracker.allStored).toBe(false);
    const { tracker: t2 } = await connected();
    expect(t2.allStored).toBe(true);
  });

  it('counts an insertion as stored only after the server answered the barrier', async () => {
    const { doc, tracker, answer } = await connected();
    doc.getText('t').insert(0, 'nieuw ');
    expect(tracker.allStored).toBe(false);
    vi.advanceTimersByTime(300);
    answer();
    expect(tracker.allStored).toBe(true);
  });

  it('does not call a deletion stored before the server answered, although no clock moved', async () => {
    const { doc, tracker, answer, server } = await connected();
    doc.getText('t').delete(0, 5);
    expect(tracker.allStored).toBe(false);
    vi.advanceTimersByTime(300);
    answer();
    expect(tracker.allStored).toBe(true);
    expect(server.getText('t').toJSON()).toBe(doc.getText('t').toJSON());
  });

  it('keeps edits made while disconnected unstored until a new connection confirmed them', async () => {
    const { doc, tracker, provider, answer, server } = await connected();
    provider.disconnect();
    doc.getText('t').insert(0, 'offline ');
    vi.advanceTimersByTime(1000);
    expect(tracker.allStored).toBe(false);
    provider.connect();
    provider.sent.push(syncStep1Message(doc));
    provider.receive(serverStep1(server));
    // The provider answers the server's step 1 with what the server lacks.
    provider.sent.push(
      Uint8Array.from([
        0,
        1,
        ...lengthPrefixed(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(server))),
      ]),
    );
    await Promise.resolve();
    expect(tracker.allStored).toBe(false);
    answer();
    expect(tracker.allStored).toBe(true);
    expect(server.getText('t').toJSON()).toContain('offline');
  });

  it('never calls an insertion the server refused stored', async () => {
    const { doc, tracker, answer } = await connected();
    doc.getText('t').insert(0, 'geweigerd ');
    vi.advanceTimersByTime(300);
    answer(true);
    expect(tracker.allStored).toBe(false);
  });

  it('takes a stored state vector from plan:stored into account', async () => {
    const { doc, tracker } = await connected();
    doc.getText('t').insert(0, 'x');
    vi.advanceTimersByTime(300);
    // Barrier not answered yet, but even a stored vector alone is not enough: the barrier must come back.
    tracker.addStored(Y.decodeStateVector(Y.encodeStateVector(doc)));
    expect(tracker.allStored).toBe(false);
  });
});

function lengthPrefixed(bytes: Uint8Array): number[] {
  const head: number[] = [];
  let n = bytes.length;
  while (n > 0x7f) {
    head.push(0x80 | (n & 0x7f));
    n = Math.floor(n / 128);
  }
  head.push(n);
  return [...head, ...bytes];
}
