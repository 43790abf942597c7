/**
 * Protocol fuzzing in CI: at least FUZZ_FRAMES (default 100,000) generated
 * frames over socket.io and collab. No crash, no hang; a connection that
 * sends what it must not is closed; another user's connections keep working.
 * A longer run: `node -r @swc-node/register test/fuzz/run.ts` (see there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import { queryOf, verifyAuditChain } from '../../server/src/modules/audit/audit.writer';
import { addToTeam, createUser, householdByName } from '../factories';
import { api, loginAs } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';
import { type CanaryHousehold, createCanaryHousehold, ds } from './accountability-helpers';
import { RawCollab } from './collab-client';
import { runFuzz, summary } from '../fuzz/fuzzer';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 7513);

describe('protocol fuzz (embedded database)', () => {
  let s: TestServer;
  let f: CanaryHousehold;
  let watcherSocket: Socket;
  let watcherCollab: RawCollab;
  let watcherToken: string;

  beforeAll(async () => {
    s = await startTestServer('embedded', {
      env: {
        LOG_LEVEL: 'error',
        RETENTION_CHECK_SECONDS: '0',
        // The fuzzer must reach the handlers; the limits themselves are tested in hardening.test.ts.
        RATE_LIMIT_SOCKET_PER_SECOND: '1000000',
        RATE_LIMIT_USER_PER_MINUTE: '1000000',
        RATE_LIMIT_ANONYMOUS_PER_MINUTE: '1000000',
        RATE_LIMIT_LOGIN_PER_MINUTE: '1000000',
      },
    });
    f = await createCanaryHousehold(s);
    const watcher = await createUser(s, { name: 'Waakzame Collega' });
    await addToTeam(s, f.id, watcher.id, 'lid');
    watcherToken = (await loginAs(s.url, watcher.email, watcher.password)).token;
    watcherSocket = io(`${s.url}/events`, { auth: { token: watcherToken }, transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise<void>((resolve) => watcherSocket.once('connect', () => resolve()));
    watcherCollab = new RawCollab(`${s.wsUrl}/collab/${f.id}`, watcherToken);
    expect(await watcherCollab.roundTrip()).toBe('synced');
  });
  afterAll(async () => {
    watcherSocket?.close();
    watcherCollab?.close();
    await s?.stop();
  });

  it(`survives ${FRAMES} fuzzed frames: no crash, no hang, offenders closed, others unaffected`, async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const stats = await runFuzz({
      url: s.url,
      wsUrl: s.wsUrl,
      frames: FRAMES,
      seed: SEED,
      goodTokens: [f.tokens.regiehouder, f.tokens.huisarts, f.tokens.meelezer, f.tokens.inwoner, f.tokens.coordinator, f.tokens.outsider, f.tokens.removed as string],
      badTokens: [f.tokens.expired as string, f.tokens.forged as string, 'kapot', ''],
      docNames: [f.id, `${f.id}:medisch`, `${f.id}:werk`, `${f.id}:overleg:${f.meetingId}`, bakker.id, '00000000-0000-4000-8000-000000000000', `${f.id}:geheim`],
      watch: async () => {
        const ack = (await watcherSocket.timeout(5000).emitWithAck('plan:subscribe', { docName: f.id })) as { data?: unknown };
        if (!ack.data) throw new Error(`watcher socket.io: ${JSON.stringify(ack)}`);
        const sync = await watcherCollab.roundTrip(5000);
        if (sync !== 'synced') throw new Error(`watcher collab: ${sync}`);
        const rest = await api(s.url, 'GET', `/api/households/${f.id}`, { token: watcherToken });
        if (rest.status !== 200) throw new Error(`watcher REST: ${rest.status}`);
      },
    });
    console.log(summary(stats));
    expect(stats.hangs).toEqual([]);
    expect(stats.unclosedFatal).toEqual([]);
    expect(stats.watcherFailures).toEqual([]);
    expect(stats.watcherChecks).toBeGreaterThan(0);
    expect(stats.socket.frames + stats.collab.frames).toBeGreaterThanOrEqual(FRAMES);
    for (const ch of [stats.socket, stats.collab]) {
      expect(ch.closed).toBeGreaterThan(0);
      expect(ch.answered).toBeGreaterThan(0);
    }
    // Still whole afterwards: the watcher never lost its connections, the server answers, the audit chain holds.
    expect(watcherSocket.connected).toBe(true);
    expect(watcherCollab.closeCode).toBeNull();
    expect((await api(s.url, 'GET', '/api/health')).status).toBe(200);
    expect(await verifyAuditChain(queryOf(ds(s)))).toMatchObject({ ok: true });
  }, 600_000);
});
