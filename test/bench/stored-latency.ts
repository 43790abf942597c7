/**
 * "Opgeslagen" latency for the sender: from a local edit until a
 * `plan:stored` state vector on `/events` covers it (when the client may show
 * "Opgeslagen"). Follows the plans of a fan-out run on socket.io and times
 * every edit of every client in it.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import * as Y from 'yjs';
import { percentile } from './proc';
import type { Target } from './targets';

interface Edit {
  client: number;
  clock: number;
  at: number;
}

export interface StoredLatency {
  /** Call for every client's document of a plan (before it edits). */
  watch(room: string, doc: Y.Doc): void;
  /** Stop following; p50/p95 of the edits confirmed, and how many were. */
  stop(): { p50: number; p95: number; confirmed: number; edits: number };
}

export async function followStoredLatency(target: Target, rooms: string[]): Promise<StoredLatency> {
  const token = (target.headers.authorization ?? '').replace(/^Bearer /, '');
  const edits = new Map<string, Edit[]>();
  const confirmations = new Map<string, { at: number; sv: Map<number, number> }[]>();
  const sockets: Socket[] = [];
  for (const room of rooms) {
    edits.set(room, []);
    confirmations.set(room, []);
    const socket = io(`${target.httpUrl}/events`, {
      auth: { token },
      transports: ['websocket'],
      forceNew: true,
    });
    socket.on('plan:stored', (p: { docName: string; stateVector: string }) => {
      if (p.docName !== room) return;
      confirmations.get(room)?.push({
        at: performance.now(),
        sv: Y.decodeStateVector(Buffer.from(p.stateVector, 'base64')),
      });
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    // The handshake is authenticated asynchronously: retry the subscription until it is accepted.
    for (let i = 0; i < 50; i++) {
      const ack = (await socket
        .timeout(10_000)
        .emitWithAck('plan:subscribe', { docName: room })) as {
        data?: unknown;
      };
      if (ack.data) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    sockets.push(socket);
  }
  return {
    watch(room, doc) {
      doc.on('update', (_u: Uint8Array, origin: unknown) => {
        if (origin !== null && origin !== undefined) return; // remote (the provider), not a local edit
        const clock = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
        edits.get(room)?.push({ client: doc.clientID, clock, at: performance.now() });
      });
    },
    stop() {
      for (const s of sockets) s.close();
      const latencies: number[] = [];
      let total = 0;
      for (const [room, list] of edits) {
        const conf = confirmations.get(room) ?? [];
        total += list.length;
        for (const e of list) {
          const c = conf.find((x) => x.at >= e.at && (x.sv.get(e.client) ?? 0) >= e.clock);
          if (c) latencies.push(c.at - e.at);
        }
      }
      latencies.sort((a, b) => a - b);
      return {
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        confirmed: latencies.length,
        edits: total,
      };
    },
  };
}
