/**
 * Protocol fuzzing in CI: at least FUZZ_FRAMES (default 100,000) generated
 * frames over socket.io and collab. No crash, no hang; a connection that
 * sends what it must not is closed; another user's connections keep working.
 * A longer run: test/fuzz/run.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOf, verifyAuditChain } from '../../server/src/modules/audit/audit.writer';
import { api } from '../support/http';
import { runFuzz, summary } from '../fuzz/fuzzer';
import { type PreparedFuzz, prepareFuzz } from '../fuzz/target';
import { captureLogs, ds } from './accountability-helpers';

const FRAMES = Number(process.env.FUZZ_FRAMES ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 7513);
/** Share of the frames for collab: its frames cost more (validation, storage), socket.io's are cheap. */
const COLLAB_SHARE = Number(process.env.FUZZ_COLLAB_SHARE ?? 0.3);

describe('protocol fuzz (embedded database)', () => {
  let fuzz: PreparedFuzz;
  const logs = captureLogs();
  beforeAll(async () => {
    fuzz = await prepareFuzz('embedded');
  });
  afterAll(async () => {
    logs.restore();
    await fuzz?.close();
  });

  it(`survives ${FRAMES} fuzzed frames: no crash, no hang, offenders closed, others unaffected`, async () => {
    const stats = await runFuzz({
      ...fuzz.target,
      frames: FRAMES,
      seed: SEED,
      collabShare: COLLAB_SHARE,
      watch: () => fuzz.watch(),
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
    // Whole afterwards: the watcher never lost a connection, the server answers, the audit chain holds.
    expect(fuzz.watcherIntact()).toBe(true);
    expect((await api(fuzz.server.url, 'GET', '/api/health')).status).toBe(200);
    expect(await verifyAuditChain(queryOf(ds(fuzz.server)))).toMatchObject({ ok: true });
    // Whatever went wrong in there, no log line carries personal data or household content.
    const text = logs.lines.join('\n');
    expect(fuzz.secrets.filter((x) => text.includes(x))).toEqual([]);
  }, 600_000);
});
