/**
 * Helpers for collab tests: stock y-websocket providers in Node with a bearer
 * header, raw WebSocket clients that record what arrived before a close, and
 * a socket.io client that follows `plan:stored`.
 */
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import { eventually } from '../support/http';

/** A `ws` WebSocket that sends `Authorization: Bearer <token>` (and optional extra headers) on the upgrade. */
export function authedWebSocket(
  token: string | null,
  extraHeaders: Record<string, string> = {},
): typeof globalThis.WebSocket {
  const headers: Record<string, string> = { ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  class AuthedWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  // y-websocket only uses the browser-compatible surface (onopen, onmessage, send, close, binaryType).
  return AuthedWebSocket as unknown as typeof globalThis.WebSocket;
}

export interface Client {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes the provider saw, in order. */
  closes: number[];
  destroy(): void;
}

/** A stock WebsocketProvider on `${wsUrl}/collab`, room = docName. */
export function connect(
  wsUrl: string,
  token: string | null,
  docName: string,
  opts: { doc?: Y.Doc; connect?: boolean; headers?: Record<string, string> } = {},
): Client {
  const doc = opts.doc ?? new Y.Doc();
  const provider = new WebsocketProvider(`${wsUrl}/collab`, docName, doc, {
    WebSocketPolyfill: authedWebSocket(token, opts.headers),
    disableBc: true,
    connect: opts.connect ?? true,
    maxBackoffTime: 500,
  });
  const closes: number[] = [];
  provider.on('connection-close', (event) => {
    if (event) closes.push(event.code);
  });
  return {
    doc,
    provider,
    closes,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export async function synced(c: Client, timeoutMs = 15_000): Promise<void> {
  await eventually(() => {
    if (!c.provider.synced) throw new Error('not synced yet');
  }, timeoutMs);
}

export interface RawResult {
  /** Messages received before the close. */
  messages: Uint8Array[];
  code: number;
  reason: string;
}

/** Open a raw socket and wait for the server to close it. */
export function rawConnect(
  url: string,
  headers: Record<string, string>,
  send: Uint8Array[] = [],
  timeoutMs = 15_000,
): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: Uint8Array[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no close within ${timeoutMs} ms (received ${messages.length} messages)`));
    }, timeoutMs);
    ws.on('open', () => {
      for (const m of send) ws.send(m);
    });
    ws.on('message', (data: Buffer) => messages.push(new Uint8Array(data)));
    ws.on('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ messages, code, reason: reason.toString() });
    });
    ws.on('error', () => undefined);
  });
}

/** A socket.io `/events` client following `plan:stored` of one document. */
export async function followStored(
  url: string,
  token: string,
  docName: string,
): Promise<{ socket: Socket; stored: Map<number, number>[]; close(): void }> {
  const socket = io(`${url}/events`, {
    auth: { token },
    transports: ['websocket'],
    forceNew: true,
  });
  const stored: Map<number, number>[] = [];
  socket.on('plan:stored', (p: { docName: string; stateVector: string }) => {
    if (p.docName === docName)
      stored.push(Y.decodeStateVector(Buffer.from(p.stateVector, 'base64')));
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  // The gateway authenticates the handshake asynchronously: a subscribe right after `connect` may arrive first.
  await eventually(
    async () => {
      const ack = (await socket.timeout(10_000).emitWithAck('plan:subscribe', { docName })) as {
        data?: unknown;
        error?: unknown;
      };
      if (!ack.data) throw new Error(`plan:subscribe failed: ${JSON.stringify(ack)}`);
    },
    10_000,
    100,
  );
  return { socket, stored, close: () => socket.close() };
}

/** Whether a stored state vector covers every edit this doc made itself. */
export function coversOwnEdits(sv: Map<number, number> | undefined, doc: Y.Doc): boolean {
  const own = Y.encodeStateVector(doc);
  const local = Y.decodeStateVector(own).get(doc.clientID) ?? 0;
  return (sv?.get(doc.clientID) ?? 0) >= local;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The JSON content of every root a plan test writes. */
export function content(doc: Y.Doc): unknown {
  return {
    domeinen: doc.getMap('domeinen').toJSON(),
    acties: doc.getMap('acties').toJSON(),
    doelen: doc.getMap('doelen').toJSON(),
    huishouden: doc.getMap('huishouden').toJSON(),
    server: doc.getMap('server').toJSON(),
  };
}

/**
 * A free-text field of a plan for transport tests to type into: the `zorgen`
 * of levensdomein justitie, which no demo plan fills. The server creates it
 * when it migrates the plan (every levensdomein has its entry), so use it on
 * a replica that has synced. A plan accepts only its own roots: an arbitrary
 * `getText('notes')` would be refused (`unknown_root`).
 */
export function notesOf(doc: Y.Doc): Y.Text {
  const entry = doc.getMap('domeinen').get('justitie');
  const text = entry instanceof Y.Map ? (entry as Y.Map<unknown>).get('zorgen') : undefined;
  if (!(text instanceof Y.Text)) throw new Error('notesOf: the plan has not synced yet');
  return text;
}
