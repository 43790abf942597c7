/**
 * `pnpm bench`: the same workload against Spil (PostgreSQL), Spil (embedded),
 * the reference y-websocket server (memory only) and a raw relay; then the
 * open time of a plan with a long history, memory per idle connection, and
 * cross-instance latency through Redis. Prints a table; `-- --write` appends
 * it, dated, to docs/BENCHMARKS.md.
 *
 * Settings (env): BENCH_PLANS (4), BENCH_CLIENTS (8), BENCH_RATE (edits/s per
 * client, 2), BENCH_SECONDS (15), BENCH_HISTORY (10000), BENCH_IDLE (5000),
 * TEST_DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres),
 * TEST_REDIS_URL (redis://127.0.0.1:6379).
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../support/database';
import { ROOT, startReference, startRelay, startSpil, type Target } from './targets';
import { fanout, type FanoutResult, idleConnections, openTime } from './workload';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const num = (k: string, d: number) => Number(process.env[k] ?? d);
const spec = {
  plans: num('BENCH_PLANS', 4),
  clientsPerPlan: num('BENCH_CLIENTS', 8),
  editsPerSecond: num('BENCH_RATE', 2),
  seconds: num('BENCH_SECONDS', 15),
};
const history = num('BENCH_HISTORY', 10_000);
const idle = num('BENCH_IDLE', 5_000);
const lines: string[] = [];
const out = (s = '') => {
  console.log(s);
  lines.push(s);
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function withTarget<T>(
  start: () => Promise<Target>,
  fn: (t: Target) => Promise<T>,
): Promise<T | Error> {
  let t: Target | null = null;
  try {
    t = await start();
    return await fn(t);
  } catch (e) {
    console.error(e);
    return e instanceof Error ? e : new Error(String(e));
  } finally {
    await t?.stop();
  }
}

function row(r: FanoutResult | Error, name: string): string {
  if (r instanceof Error)
    return `| ${name} | failed: ${r.message.replace(/\|/g, '/')} | | | | | | |`;
  return `| ${r.target} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${Math.round(r.deliveredPerSecond)} | ${r.delivered}/${r.expected} | ${r.cpu.toFixed(2)} | ${Math.round(r.peakRssMb)} |`;
}

async function main(): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  out(`## ${date}`);
  out();
  out(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
      `Workload: ${spec.plans} plans × ${spec.clientsPerPlan} clients × ${spec.editsPerSecond} edits/s each for ${spec.seconds} s ` +
      `(stock y-websocket providers in one driver process on the same machine).`,
  );
  out();
  out(
    '| server | p50 ms | p95 ms | p99 ms | delivered/s | delivered/expected | CPU (cores) | peak RSS MB |',
  );
  out('|---|---|---|---|---|---|---|---|');
  const pg = await withTarget(
    () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' }),
    (t) => fanout(t, spec),
  );
  out(row(pg, 'Spil (PostgreSQL)'));
  const emb = await withTarget(
    () => startSpil({ name: 'Spil (embedded)', database: 'embedded' }),
    (t) => fanout(t, spec),
  );
  out(row(emb, 'Spil (embedded)'));
  const ref = await withTarget(startReference, (t) => fanout(t, spec));
  out(row(ref, 'reference'));
  const relay = await withTarget(startRelay, (t) => fanout(t, spec));
  out(row(relay, 'raw relay'));
  out();
  if (!(pg instanceof Error) && !(ref instanceof Error)) {
    const p99Ratio = pg.p99 / ref.p99;
    const rateRatio = pg.deliveredPerSecond / ref.deliveredPerSecond;
    out(
      `Ratios Spil (PostgreSQL) / reference: p50 ${(pg.p50 / ref.p50).toFixed(2)}, p99 ${p99Ratio.toFixed(2)} ` +
        `(target ≤ 1.5: ${p99Ratio <= 1.5 ? 'met' : 'not met'}), delivered/s ${rateRatio.toFixed(2)} (target ≥ 1.0 at equal offered load: ${rateRatio >= 0.99 ? 'met' : 'not met'}).`,
    );
  }
  if (!(emb instanceof Error) && !(ref instanceof Error)) {
    out(
      `Ratios Spil (embedded) / reference: p50 ${(emb.p50 / ref.p50).toFixed(2)}, p99 ${(emb.p99 / ref.p99).toFixed(2)}, delivered/s ${(emb.deliveredPerSecond / ref.deliveredPerSecond).toFixed(2)}.`,
    );
  }
  out();

  out(
    `Open time of a plan with ${history} updates of history (a fresh client's connect + sync, 5 runs, after the plan left memory):`,
  );
  out();
  out('| server | write ms | open ms (median) | open ms (all) |');
  out('|---|---|---|---|');
  for (const [name, start] of [
    ['Spil (PostgreSQL)', () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' })],
    ['Spil (embedded)', () => startSpil({ name: 'Spil (embedded)', database: 'embedded' })],
    ['reference', startReference],
  ] as const) {
    const r = await withTarget(start, (t) => openTime(t, history));
    out(
      r instanceof Error
        ? `| ${name} | failed: ${r.message} | | |`
        : `| ${name} | ${Math.round(r.writeMs)} | ${f1(median(r.openMs))} | ${r.openMs.map(f1).join(', ')} |`,
    );
  }
  out();

  out(`Idle connections (${idle}, each after the sync handshake, over 10 plans):`);
  out();
  out('| server | open | server memory per connection |');
  out('|---|---|---|');
  for (const [name, start] of [
    ['Spil (embedded)', () => startSpil({ name: 'Spil (embedded)', database: 'embedded' })],
    ['reference', startReference],
  ] as const) {
    const r = await withTarget(start, (t) => idleConnections(t, idle));
    out(
      r instanceof Error
        ? `| ${name} | failed: ${r.message} | |`
        : `| ${name} | ${r.open} / ${idle} | ${(r.bytesPerConnection / 1024).toFixed(1)} KiB |`,
    );
  }
  out();

  // Two instances on one PostgreSQL and Redis; clients alternate between them.
  const db = await createTestDatabase('postgres');
  const secret = randomBytes(32).toString('hex');
  let cross: FanoutResult | Error;
  const a = await startSpil({
    name: 'Spil A',
    database: 'postgres',
    shared: { db, redisUrl, secret },
  });
  const b = await startSpil({
    name: 'Spil B',
    database: 'postgres',
    shared: { db, redisUrl, secret },
    demo: false,
  });
  try {
    cross = await fanout(
      { ...a, name: 'Spil A+B through Redis', pids: [...a.pids, ...b.pids] },
      spec,
      [a.serverUrl, b.serverUrl],
    );
  } catch (e) {
    cross = e instanceof Error ? e : new Error(String(e));
  } finally {
    await b.stop();
    await a.stop();
    await db.drop();
  }
  out('Cross-instance (clients alternate between two instances sharing PostgreSQL and Redis):');
  out();
  out(
    '| server | p50 ms | p95 ms | p99 ms | delivered/s | delivered/expected | CPU (cores) | peak RSS MB |',
  );
  out('|---|---|---|---|---|---|---|---|');
  out(row(cross, 'Spil A+B'));
  if (!(cross instanceof Error) && !(pg instanceof Error)) {
    const r = cross.p99 / pg.p99;
    out();
    out(
      `Cross-instance p99 / single-instance p99: ${r.toFixed(2)} (target ≤ 2: ${r <= 2 ? 'met' : 'not met'}).`,
    );
  }
  out();

  if (process.argv.includes('--write')) {
    const file = join(ROOT, 'docs/BENCHMARKS.md');
    if (!existsSync(file))
      writeFileSync(file, '# Benchmarks\n\nProduced by `pnpm bench -- --write`; newest last.\n\n');
    appendFileSync(file, `${lines.join('\n')}\n`);
    console.log(`Appended to ${file}`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
