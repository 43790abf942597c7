/**
 * `pnpm bench:caseload`: a wijkteam with 1,000 households and 5,000 actions.
 * Measures the households list API with a search and a filter (target p95 <
 * 100 ms), the coördinator's first screen in the browser (< 1 s) and Regie op
 * regie (< 1 s); takes screenshots (desktop and 360 px) with page heights.
 * `-- --write` appends the table, dated, to docs/BENCHMARKS.md.
 *
 * Settings (env): BENCH_DB (`postgres`, default, with TEST_DATABASE_URL, or
 * `embedded`), BENCH_HOUSEHOLDS (1000), BENCH_ACTIONS (5 per household),
 * BENCH_RUNS (API requests per query, 200), BENCH_SCREENS (folder for PNGs,
 * default .tmp/screens), BENCH_LABEL (name prefix of the PNGs, `caseload`).
 * Needs the built client (`pnpm --filter @spil/client build`).
 */
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { createUser, dataSourceOf } from '../factories';
import { seedCaseload } from '../factories/caseload';
import { loginAs } from '../support/http';
import { startTestServer } from '../support/server';

process.env.TEST_DATABASE_URL ??= 'postgres://postgres@127.0.0.1:5432/postgres';
const num = (k: string, d: number) => Number(process.env[k] ?? d);
const kind = process.env.BENCH_DB === 'embedded' ? 'embedded' : 'postgres';
const HOUSEHOLDS = num('BENCH_HOUSEHOLDS', 1000);
const ACTIONS = num('BENCH_ACTIONS', 5);
const RUNS = num('BENCH_RUNS', 200);
const SCREENS = resolve(process.env.BENCH_SCREENS ?? join(__dirname, '../../.tmp/screens'));
const LABEL = process.env.BENCH_LABEL ?? 'caseload';
const CLIENT_DIST = resolve(process.env.BENCH_CLIENT_DIST ?? join(__dirname, '../../client/dist'));

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};
const f1 = (n: number) => n.toFixed(1);

async function timeApi(url: string, token: string, path: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS + 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    if (i >= 10) times.push(performance.now() - t0); // the first ten warm up
  }
  return times;
}

/** Time from navigation to the selector being visible; median of 5 after one warm-up. */
async function timeScreen(page: Page, url: string, selector: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    await page.goto('about:blank');
    const t0 = performance.now();
    await page.goto(url);
    await page.locator(selector).first().waitFor({ timeout: 30_000 });
    if (i > 0) times.push(performance.now() - t0);
  }
  return times;
}

async function shoot(page: Page, name: string): Promise<number> {
  mkdirSync(SCREENS, { recursive: true });
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  console.log(`height ${name}: ${height} px`);
  // A page taller than 40,000 px (the lists before paging): only its top 40,000 px.
  await page.screenshot({
    path: join(SCREENS, `${LABEL}-${name}.png`),
    fullPage: true,
    clip:
      height > 16_000
        ? { x: 0, y: 0, width: page.viewportSize()?.width ?? 1280, height: 16_000 }
        : undefined,
    timeout: 120_000,
  });
  return height;
}

async function main(): Promise<void> {
  if (!existsSync(join(CLIENT_DIST, 'index.html')))
    throw new Error('Build the client first: pnpm --filter @spil/client build');
  const s = await startTestServer(kind, {
    env: { CLIENT_DIST, LOG_LEVEL: 'error', DEMO_LONG_PLAN: 'true' },
  });
  const lines: string[] = [];
  const out = (l = '') => {
    console.log(l);
    lines.push(l);
  };
  try {
    const ds = dataSourceOf(s);
    const [c] = await ds.query<{ id: string; wijkteam_id: string }[]>(
      `SELECT id, wijkteam_id FROM app_user WHERE email = 'coordinator@demo.spil.test'`,
    );
    if (!c) throw new Error('no demo coördinator');
    const pros = [c.id];
    for (let i = 0; i < 11; i++)
      pros.push((await createUser(s, { name: `Bench Professional ${i + 1}` })).id);
    const t0 = performance.now();
    await seedCaseload(ds, {
      wijkteamId: c.wijkteam_id,
      households: HOUSEHOLDS,
      actionsPerHousehold: ACTIONS,
      professionals: pros,
      prefix: 'Huishouden',
      everyNthOnTeam: 4,
    });
    await ds.query('ANALYZE');
    const seedMs = performance.now() - t0;
    const { token } = await loginAs(s.url, 'coordinator');

    const queries: [string, string][] = [
      [
        'search + filter (q=Huishouden 1, phase=uitvoering, limit 25)',
        '/api/households?q=Huishouden%201&phase=uitvoering&limit=25',
      ],
      [
        'search on first name + overdue (q=noor, overdue=true, limit 25)',
        '/api/households?q=noor&overdue=true&limit=25',
      ],
      [
        'first page, sorted by last activity (limit 25)',
        '/api/households?sort=activiteit&limit=25',
      ],
      ['regie op regie (stalled 14 days)', '/api/regie/overzicht'],
    ];
    const api: { name: string; times: number[] }[] = [];
    for (const [name, path] of queries)
      api.push({ name, times: await timeApi(s.url, token, path) });

    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const screens: { name: string; times: number[] }[] = [];
    const heights: [string, number][] = [];
    try {
      for (const [w, h] of [
        [1280, 900],
        [360, 740],
      ] as const) {
        const context = await browser.newContext({
          locale: 'nl-NL',
          timezoneId: 'Europe/Amsterdam',
          viewport: { width: w, height: h },
        });
        const page = await context.newPage();
        await page.goto(`${s.url}/inloggen`);
        await page.getByLabel('E-mailadres').fill('coordinator@demo.spil.test');
        await page.getByLabel('Wachtwoord').fill('spil-demo');
        await page.getByRole('button', { name: 'Inloggen' }).click();
        await page.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
        if (w === 1280) {
          screens.push({
            name: 'first screen (Mijn huishoudens, first household visible)',
            times: await timeScreen(page, `${s.url}/`, 'a[href^="/huishoudens/"]'),
          });
          screens.push({
            name: 'Regie op regie (first household visible)',
            times: await timeScreen(page, `${s.url}/regie`, 'main a[href^="/huishoudens/"]'),
          });
        }
        await page.goto(`${s.url}/`);
        await page.locator('a[href^="/huishoudens/"]').first().waitFor();
        heights.push([`list ${w}px`, await shoot(page, `list-${w}`)]);
        await page.goto(`${s.url}/regie`);
        await page.locator('main a[href^="/huishoudens/"]').first().waitFor();
        heights.push([`regie ${w}px`, await shoot(page, `regie-${w}`)]);
        // The demo's grown plan (Gezin De Vries: 40 actions, six months of terugkoppeling).
        const [deVries] = await ds.query<{ id: string }[]>(
          `SELECT id FROM household WHERE reference = 'SPW-2025-0140'`,
        );
        await page.goto(`${s.url}/huishoudens/${deVries?.id ?? ''}`);
        await page.locator('.actie-list > li').first().waitFor({ timeout: 30_000 });
        await page.waitForTimeout(500);
        heights.push([`40-action plan ${w}px`, await shoot(page, `plan40-${w}`)]);
        await context.close();
      }
    } finally {
      await browser.close();
    }

    out(
      `## ${new Date().toISOString().slice(0, 10)}: caseload (${kind === 'postgres' ? 'PostgreSQL' : 'embedded'})`,
    );
    out();
    out(
      `Machine: ${cpus().length} × ${cpus()[0]?.model.split(' ').slice(0, 2).join(' ') ?? '?'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}. ` +
        `${HOUSEHOLDS} households and ${HOUSEHOLDS * ACTIONS} actions in one wijkteam (seeded in ${Math.round(seedMs)} ms), the demo coördinator. ` +
        `API: ${RUNS} sequential requests per row after 10 warm-up requests. Browser: Chromium, 5 navigations after one warm-up, time until the first household link is visible.`,
    );
    out();
    out('| what | p50 ms | p95 ms | max ms | target | met |');
    out('| --- | --- | --- | --- | --- | --- |');
    for (const r of api) {
      const target = r.name.startsWith('regie') ? '' : '< 100 (p95)';
      const met = target ? (pct(r.times, 95) < 100 ? 'yes' : 'no') : '';
      out(
        `| API ${r.name} | ${f1(pct(r.times, 50))} | ${f1(pct(r.times, 95))} | ${f1(Math.max(...r.times))} | ${target} | ${met} |`,
      );
    }
    for (const r of screens) {
      const p95 = pct(r.times, 95);
      out(
        `| browser: ${r.name} | ${f1(pct(r.times, 50))} | ${f1(p95)} | ${f1(Math.max(...r.times))} | < 1000 | ${p95 < 1000 ? 'yes' : 'no'} |`,
      );
    }
    out();
    out(`Page heights (px): ${heights.map(([n, h]) => `${n} ${h}`).join(', ')}.`);
    out();
    if (process.argv.includes('--write'))
      appendFileSync(join(__dirname, '../../docs/BENCHMARKS.md'), `\n${lines.join('\n')}\n`);
  } finally {
    await s.stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
