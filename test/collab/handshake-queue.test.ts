/**
 * Collab handshakes are admitted COLLAB_HANDSHAKE_CONCURRENCY at a time
 * (ADR 018): a burst of stock y-websocket providers all sync while no more
 * handshakes than that run at once; a socket that closes while it waits is
 * dropped without a session lookup or an audit record; one that waits gets
 * its sync once its turn comes, without being closed.
 */
import { EventEmitter } from 'node:events';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { CollabGateway } from '../../server/src/collab/collab.gateway';
import { CollabService } from '../../server/src/collab/collab.service';
import type { RefusedConnection } from '../../server/src/collab/collab.hooks';
import { AuthService } from '../../server/src/modules/auth/auth.service';
import { householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { eventually, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type Client, connect, synced } from './helpers';

const LIMIT = 3;

/** The value of one sample line of /metrics; NaN when absent. */
function sample(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name} `));
  return line ? Number(line.slice(name.length + 1)) : NaN;
}

describe.each(databaseKinds())('collab handshake queue on %s', (kind) => {
  let s: TestServer;
  let gateway: CollabGateway;
  let token: string;
  let docs: string[];
  const clients: Client[] = [];
  const raws: WebSocket[] = [];
  const refused: RefusedConnection[] = [];
  const scrape = async () => (await fetch(`${s.url}/metrics`)).text();

  beforeAll(async () => {
    s = await startTestServer(kind, { env: { COLLAB_HANDSHAKE_CONCURRENCY: String(LIMIT) } });
    gateway = s.app.get(CollabGateway);
    s.app.get(CollabService).onRefused((e) => {
      refused.push(e);
    });
    // The huisarts is on both households' teams.
    token = (await loginAs(s.url, 'huisarts')).token;
    docs = [
      (await householdByName(s, 'Gezin Bakker')).id,
      (await householdByName(s, 'Huishouden Jansen')).id,
    ];
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy();
    for (const r of raws.splice(0)) r.terminate();
  });
  afterAll(async () => {
    await s?.stop();
  });

  it('syncs a burst of stock providers with at most COLLAB_HANDSHAKE_CONCURRENCY handshakes at once', async () => {
    const burst = 60;
    for (let i = 0; i < burst; i++)
      clients.push(connect(s.wsUrl, token, docs[i % docs.length] as string));
    await Promise.all(clients.map((c) => synced(c, 30_000)));
    expect(clients.every((c) => c.closes.length === 0)).toBe(true);
    // The queue was used (most of the burst waited) and never let more than the limit through.
    expect(gateway.handshakes.peakInProgress).toBeLessThanOrEqual(LIMIT);
    expect(gateway.handshakes.peakInProgress).toBeGreaterThan(0);
    expect(gateway.handshakes.peakWaiting).toBeGreaterThan(LIMIT);
    const m = await scrape();
    expect(sample(m, 'spil_collab_handshakes_waiting')).toBe(0);
    expect(sample(m, 'spil_collab_handshakes_in_progress')).toBe(0);
    expect(sample(m, 'spil_collab_connections')).toBe(burst);
  });

  it('drops a socket that closes while it waits, and lets a waiting stock provider in when its turn comes', async () => {
    // Every slot taken, as by handshakes that are slow to finish.
    const held: (() => void)[] = [];
    for (let i = 0; i < LIMIT; i++) {
      const slot = Object.assign(new EventEmitter(), { readyState: WebSocket.OPEN });
      const release = await gateway.handshakes.enter(slot);
      if (!release) throw new Error('no slot');
      held.push(release);
    }
    const auth = s.app.get(AuthService);
    const authenticate = auth.authenticate.bind(auth);
    let lookups = 0;
    auth.authenticate = (src, opts) => {
      if (src.headers.upgrade === 'websocket') lookups++;
      return authenticate(src, opts);
    };
    const refusedBefore = refused.length;
    const abandonedBefore = sample(await scrape(), 'spil_collab_handshakes_abandoned_total') || 0;
    try {
      for (let i = 0; i < 2; i++) {
        const ws = new WebSocket(`${s.wsUrl}/collab/${docs[0]}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        ws.on('error', () => undefined);
        raws.push(ws);
      }
      const waiting = [connect(s.wsUrl, token, docs[0] as string)];
      clients.push(...waiting);
      await eventually(() => expect(gateway.handshakes.waitingCount).toBe(3), 10_000);
      expect(sample(await scrape(), 'spil_collab_handshakes_waiting')).toBe(3);

      // The two raw sockets leave while they wait: they are dropped without any work.
      for (const r of raws) r.terminate();
      await eventually(() => expect(gateway.handshakes.waitingCount).toBe(1), 10_000);
      expect(sample(await scrape(), 'spil_collab_handshakes_abandoned_total')).toBe(
        abandonedBefore + 2,
      );
      // The provider waits a while; it is neither answered nor closed meanwhile.
      await new Promise((r) => setTimeout(r, 1500));
      expect(waiting[0]?.provider.synced).toBe(false);
      expect(lookups).toBe(0);

      for (const release of held.splice(0)) release();
      await synced(waiting[0] as Client, 15_000);
      expect(waiting[0]?.closes).toEqual([]);
      // One session lookup (the provider's), no refusal and so no audit record for the dropped ones.
      expect(lookups).toBe(1);
      expect(refused.length).toBe(refusedBefore);
      expect(gateway.handshakes.waitingCount).toBe(0);
    } finally {
      for (const release of held) release();
      auth.authenticate = authenticate;
    }
  });
});
