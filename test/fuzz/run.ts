/**
 * A longer protocol fuzz run than CI's. From the repository root:
 *
 *   SWC_NODE_PROJECT=test/tsconfig.json node -r @swc-node/register test/fuzz/run.ts
 *
 * FUZZ_FRAMES    frames to send (default 1,000,000)
 * FUZZ_SEED      seed (default: a random one, printed; replay a failure with it)
 * FUZZ_CONCURRENCY  parallel connections per channel (default 8)
 * FUZZ_COLLAB_SHARE share of frames for collab, 0..1 (default 0.4)
 * TEST_DATABASE_URL run against real PostgreSQL instead of the embedded database
 *
 * Exits 1 on a hang, a fatal frame that did not close its connection, a
 * watcher failure or a crash.
 */
import { randomInt } from 'node:crypto';
import { queryOf, verifyAuditChain } from '../../server/src/modules/audit/audit.writer';
import { ds } from '../api/accountability-helpers';
import { runFuzz, summary } from './fuzzer';
import { prepareFuzz } from './target';

async function main(): Promise<number> {
  const frames = Number(process.env.FUZZ_FRAMES ?? 1_000_000);
  const seed = Number(process.env.FUZZ_SEED ?? randomInt(1, 2 ** 31 - 1));
  const kind = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';
  console.log(`fuzzing ${frames} frames against the ${kind} database, seed ${seed}`);
  const fuzz = await prepareFuzz(kind);
  try {
    let last = Date.now();
    const stats = await runFuzz({
      ...fuzz.target,
      frames,
      seed,
      concurrency: Number(process.env.FUZZ_CONCURRENCY ?? 8),
      collabShare: Number(process.env.FUZZ_COLLAB_SHARE ?? 0.4),
      watch: () => fuzz.watch(),
      progress: (s) => {
        if (Date.now() - last < 10_000) return;
        last = Date.now();
        console.log(
          `  ${s.socket.frames + s.collab.frames} frames, ${s.hangs.length} hangs, ${s.watcherFailures.length} watcher failures`,
        );
        if (process.env.FUZZ_DEBUG) for (const [k, v] of s.waiting) console.log(`    ${k}: ${v}`);
      },
    });
    console.log(summary(stats));
    for (const h of [...stats.hangs, ...stats.unclosedFatal, ...stats.watcherFailures].slice(0, 20))
      console.log(`  ! ${h}`);
    const chain = await verifyAuditChain(queryOf(ds(fuzz.server)));
    const ok =
      stats.hangs.length === 0 &&
      stats.unclosedFatal.length === 0 &&
      stats.watcherFailures.length === 0 &&
      fuzz.watcherIntact() &&
      chain.ok;
    console.log(ok ? 'OK' : `FAILED (seed ${seed})`);
    return ok ? 0 : 1;
  } finally {
    await fuzz.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
