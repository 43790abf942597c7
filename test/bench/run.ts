/**
 * `pnpm bench`: Spil against the reference y-websocket server (memory only),
 * in one run, on what issue #14 asks:
 *  - two workloads, 20 plans × 4 clients × 2 and × 10 edits/s each, on Spil
 *    (PostgreSQL), Spil (embedded) and the reference: delivery latency,
 *    CPU, peak memory (the embedded process's peak is with 20 open plans);
 *  - "opgeslagen" latency for the sender (edit → `plan:stored` covering it),
 *    p50/p95, at both loads;
 *  - a saturation search: the highest offered edit rate at which p99 stays
 *    under 50 ms (Spil on PostgreSQL and the reference);
 *  - memory per idle connection, Spil on PostgreSQL and the reference;
 *  - with BENCH_EXTRA=1 also the open time of a plan with a long history and
 *    the cross-instance run through Redis.
 * Spil runs compiled (server/dist, built first), as production runs it.
 * Prints a table; `-- --write` appends it, dated, to docs/BENCHMARKS.md.
 *
 * Settings (env): BENCH_METRICS=1 (print the server's spil_collab_* lines of
 * /metrics after each Spil workload), BENCH_PLANS (20), BENCH_CLIENTS (4), BENCH_RATES (edits/s
 * per client, "2,10"), BENCH_SECONDS (15), BENCH_SATURATION ("5,10,20,40,80"
 * edits/s per client, 6 s each; "" to skip), BENCH_SERVERS (which of the workload
 * table's servers run: "postgres,embedded,reference"), BENCH_HISTORY (10000),
 * BENCH_IDLE (2000; 0 to skip; `BENCH_RATES= BENCH_SATURATION= pnpm bench` runs
 * only the idle connections), TEST_DATABASE_URL
 * (postgres://postgres@127.0.0.1:5432/postgres), TEST_REDIS_URL
 * (redis://127.0.0.1:6379), BENCH_NODE_ARGS (extra node arguments for Spil,
 * e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase } from '../support/database';
import { followStoredLatency } from './stored-latency';
import { ROOT, startReference, startSpil, type Target } from './targets';
import { fanout, type FanoutResult, type FanoutSpec, idleConnections, openTime } from './workload';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const num = (k: string, d: number) => Number(process.env[k] ?? d);
const list = (k: string, d: string) =>
  (process.env[k] ?? d)
    .split(',')
    .map((x) => Number(x.trim()))
    .filter((x) => x > 0);
const plans = num('BENCH_PLANS', 20);
const clientsPerPlan = num('BENCH_CLIENTS', 4);
const rates = list('BENCH_RATES', '2,10');
const seconds = num('BENCH_SECONDS', 15);
const saturation = list('BENCH_SATURATION', '5,10,20,40,80');
const history = num('BENCH_HISTORY', 10_000);
const idle = num('BENCH_IDLE', 2_000);
const extra = process.env.BENCH_EXTRA === '1';
const servers = (process.env.BENCH_SERVERS ?? 'postgres,embedded,reference').split(',');
const lines: string[] = [];
const out = (s = '') => {
  console.log(s);
  lines.push(s);
};
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

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

type Stored = { p50: number; p95: number; confirmed: number; edits: number };

/** One workload on a target; for Spil also the sender's "opgeslagen" latency. */
async function workload(t: Target, spec: FanoutSpec, spil: boolean) {
  if (!spil) return { fan: await fanout(t, spec), stored: null };
  const rooms = await t.rooms(spec.plans);
  const follow = await followStoredLatency(t, rooms);
  const fan = await fanout(t, spec, [t.serverUrl], (room, doc) => follow.watch(room, doc));
  if (process.env.BENCH_METRICS === '1') await printCollabMetrics(t);
  return { fan, stored: follow.stop() as Stored | null };
}

/** With BENCH_METRICS=1: the server's own collab lines of `/metrics` after the workload (open on loopback). */
async function printCollabMetrics(t: Target): Promise<void> {
  const text = await (await fetch(`${t.httpUrl}/metrics`)).text();
  const collab = text
    .split('\n')
    .filter((l) => l.startsWith('spil_collab_') && !l.includes('_bucket{'));
  console.log(`/metrics of ${t.name} after the workload:\n${collab.join('\n')}`);
}

/** Highest offered rate (edits/s in all) with p99 under 50 ms and (nearly) everything delivered. */
async function saturate(t: Target): Promise<{ rate: number; steps: string[] }> {
  let best = 0;
  const steps: string[] = [];
  for (const r of saturation) {
    const res = await fanout(t, { plans, clientsPerPlan, editsPerSecond: r, seconds: 6 });
    const offered = r * plans * clientsPerPlan;
    const ok = res.p99 < 50 && res.delivered >= 0.99 * res.expected;
    steps.push(`${offered}: ${f1(res.p99)}${ok ? '' : ' ✗'}`);
    if (!ok) break;
    best = offered;
  }
  return { rate: best, steps };
}

async function main(): Promise<void> {
  const date = new Date().toISOString().slice(0, 10);
  out(`## ${date} (#14: relay first, group commit, inline checks)`);
  out();
  out(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; ` +
      `load average at the start ${load()} (a shared machine: figures are noisy). ` +
      `Stock y-websocket providers in one driver process on the same machine; ${seconds} s per workload.`,
  );
  out();
  out(
    '| workload (plans × clients × edits/s) | server | p50 ms | p95 ms | p99 ms | delivered/expected | CPU (cores) | peak RSS MB | opgeslagen p50 / p95 ms |',
  );
  out('|---|---|---|---|---|---|---|---|---|');
  const results: { rate: number; name: string; r: FanoutResult | Error }[] = [];
  for (const rate of rates) {
    const spec = { plans, clientsPerPlan, editsPerSecond: rate, seconds };
    const label = `${plans} × ${clientsPerPlan} × ${rate} (${plans * clientsPerPlan * rate}/s)`;
    for (const [key, name, start, spil] of [
      [
        'postgres',
        'Spil (PostgreSQL)',
        () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' }),
        true,
      ],
      [
        'embedded',
        'Spil (embedded)',
        () => startSpil({ name: 'Spil (embedded)', database: 'embedded' }),
        true,
      ],
      ['reference', 'reference', startReference, false],
    ] as const) {
      if (!servers.includes(key)) continue;
      const res = await withTarget(start, (t) => workload(t, spec, spil));
      if (res instanceof Error) {
        out(`| ${label} | ${name} | failed: ${res.message.replace(/\|/g, '/')} | | | | | | |`);
        results.push({ rate, name, r: res });
        continue;
      }
      const { fan: r, stored } = res;
      results.push({ rate, name, r });
      const st = stored
        ? `${f1(stored.p50)} / ${f1(stored.p95)} (${stored.confirmed}/${stored.edits})`
        : '–';
      out(
        `| ${label} | ${name} | ${f1(r.p50)} | ${f1(r.p95)} | ${f1(r.p99)} | ${r.delivered}/${r.expected} | ${r.cpu.toFixed(2)} | ${Math.round(r.peakRssMb)} | ${st} |`,
      );
    }
  }
  out();
  for (const rate of rates) {
    const ref = results.find((x) => x.rate === rate && x.name === 'reference')?.r;
    for (const name of ['Spil (PostgreSQL)', 'Spil (embedded)']) {
      const r = results.find((x) => x.rate === rate && x.name === name)?.r;
      if (!r || r instanceof Error || !ref || ref instanceof Error) continue;
      const p99 = r.p99 / ref.p99;
      const cpu = r.cpu / ref.cpu;
      out(
        `- ${rate} edits/s each, ${name} / reference: p99 ${p99.toFixed(2)}× (target ≤ 1.5: ${p99 <= 1.5 ? 'met' : 'not met'}), CPU ${cpu.toFixed(2)}× (target ≤ 2: ${cpu <= 2 ? 'met' : 'not met'}).`,
      );
    }
  }
  out();

  if (saturation.length > 0) {
    out(
      `Saturation: the highest offered rate (edits/s in all, ${plans} × ${clientsPerPlan} clients, 6 s per step) with p99 < 50 ms; steps as "offered: p99 ms":`,
    );
    out();
    out('| server | highest rate with p99 < 50 ms | steps |');
    out('|---|---|---|');
    for (const [name, start] of [
      ['Spil (PostgreSQL)', () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' })],
      ['reference', startReference],
    ] as const) {
      const r = await withTarget(start, saturate);
      out(
        r instanceof Error
          ? `| ${name} | failed: ${r.message} | |`
          : `| ${name} | ${r.rate} | ${r.steps.join('; ')} |`,
      );
    }
    out();
  }

  if (idle > 0) {
    out(
      `Idle connections (${idle}, all arriving at once, each after the sync handshake, over 10 plans):`,
    );
    out();
    out('| server | open | all synced after | server memory per connection |');
    out('|---|---|---|---|');
    for (const [name, start] of [
      ['Spil (PostgreSQL)', () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' })],
      ['reference', startReference],
    ] as const) {
      const r = await withTarget(start, (t) => idleConnections(t, idle));
      out(
        r instanceof Error
          ? `| ${name} | failed: ${r.message} | | |`
          : `| ${name} | ${r.open} / ${idle} | ${r.synced === idle ? `${(r.syncedMs / 1000).toFixed(1)} s` : `${r.synced} synced`} | ${(r.bytesPerConnection / 1024).toFixed(1)} KiB |`,
      );
    }
    out();
  }

  if (extra) await extras();
  out(`Load average at the end: ${load()}.`);
  out();

  if (process.argv.includes('--write')) {
    const file = join(ROOT, 'docs/BENCHMARKS.md');
    if (!existsSync(file))
      writeFileSync(file, '# Benchmarks\n\nProduced by `pnpm bench -- --write`; newest last.\n\n');
    appendFileSync(file, `${lines.join('\n')}\n`);
    console.log(`Appended to ${file}`);
  }
}

/** Open time with a long history, and the cross-instance run (BENCH_EXTRA=1). */
async function extras(): Promise<void> {
  out(
    `Open time of a plan with ${history} updates of history (a fresh client's connect + sync, 5 runs, after the plan left memory):`,
  );
  out();
  out('| server | write ms | open ms (median) | open ms (all) |');
  out('|---|---|---|---|');
  for (const [name, start] of [
    ['Spil (PostgreSQL)', () => startSpil({ name: 'Spil (PostgreSQL)', database: 'postgres' })],
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
  const spec = { plans, clientsPerPlan, editsPerSecond: rates[0] ?? 2, seconds };
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
    cross instanceof Error
      ? `failed: ${cross.message}`
      : `p50 / p95 / p99 ${f1(cross.p50)} / ${f1(cross.p95)} / ${f1(cross.p99)} ms, ${cross.delivered}/${cross.expected} delivered, CPU ${cross.cpu.toFixed(2)}.`,
  );
  out();
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
