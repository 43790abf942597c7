/**
 * Helpers for the casus tests (team, consent, overleg): stock y-websocket
 * providers and socket.io clients in Node, authenticated with a bearer token,
 * that record when they were closed.
 */
import WS from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io, type Socket } from 'socket.io-client';
import type { HouseholdDto } from '@spil/shared';
import { api } from '../support/http';
import type { TestServer } from '../support/server';

export interface OpenDoc {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Resolves at the first sync with the server. */
  synced: Promise<void>;
  /** Resolves with the close code and the moment (performance.now()) the connection closed. */
  closed: Promise<{ code: number; at: number }>;
  destroy(): void;
}

/** The stock WebsocketProvider on `/collab/<docName>`, with `Authorization: Bearer`. */
export function openDoc(s: TestServer, token: string, docName: string): OpenDoc {
  class AuthedWebSocket extends WS {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, { headers: { authorization: `Bearer ${token}` } });
    }
  }
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(`${s.wsUrl}/collab`, docName, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof WebSocket,
    disableBc: true,
  });
  const synced = new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    provider.on('sync', (ok: boolean) => ok && resolve());
  });
  const closed = new Promise<{ code: number; at: number }>((resolve) => {
    provider.on('connection-close', (event: CloseEvent | null) =>
      resolve({ code: event?.code ?? 0, at: performance.now() }),
    );
  });
  return {
    doc,
    provider,
    synced,
    closed,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

export interface EventsClient {
  socket: Socket;
  connected: Promise<void>;
  /** Every event received, with when it arrived. */
  received: { event: string; payload: unknown; at: number }[];
  disconnected: Promise<{ reason: string; at: number }>;
  close(): void;
}

export function openEvents(s: TestServer, token: string): EventsClient {
  const socket = io(`${s.url}/events`, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const received: EventsClient['received'] = [];
  socket.onAny((event: string, payload: unknown) =>
    received.push({ event, payload, at: performance.now() }),
  );
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const disconnected = new Promise<{ reason: string; at: number }>((resolve) =>
    socket.once('disconnect', (reason) => resolve({ reason, at: performance.now() })),
  );
  return { socket, connected, received, disconnected, close: () => socket.close() };
}

/** Emit with acknowledgement. */
export function emitAck<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, (ack: T) => resolve(ack)));
}

/** A fresh household in the demo wijkteam, registered by the coördinator, with the given team. */
export async function newHousehold(
  s: TestServer,
  coordinatorToken: string,
  team: { userId: string; role: 'lid' | 'meelezer' }[],
): Promise<HouseholdDto> {
  const ref = `SPW-T-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const created = await api<HouseholdDto>(s.url, 'POST', '/api/households', {
    token: coordinatorToken,
    body: { reference: ref, displayName: `Gezin Test ${ref}`, wijk: 'Oosterpark' },
  });
  if (created.status !== 201)
    throw new Error(`household: ${created.status} ${JSON.stringify(created.body)}`);
  for (const m of team) {
    const r = await api(s.url, 'POST', `/api/households/${created.body.id}/team`, {
      token: coordinatorToken,
      body: m,
    });
    if (r.status !== 201) throw new Error(`team: ${r.status} ${JSON.stringify(r.body)}`);
  }
  return created.body;
}
