import { describe, expect, it } from 'vitest';
import { createUser, dataSourceOf } from '../factories';
import { seedCaseload } from '../factories/caseload';
import { e2eSession, expectAxeClean, loginViaForm, newContext, screenshot } from './support';

/** Under a loaded machine, give the page time (vitest's default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('a caseload of many households in the browser', () => {
  const session = e2eSession();
  let seeded = false;
  async function seed(): Promise<void> {
    if (seeded) return;
    seeded = true;
    const s = session.server;
    const ds = dataSourceOf(s);
    const [c] = await ds.query<{ id: string; wijkteam_id: string }[]>(
      `SELECT id, wijkteam_id FROM app_user WHERE email = 'coordinator@demo.spil.test'`,
    );
    const other = await createUser(s, { name: 'Bram Verhoef' });
    await seedCaseload(ds, {
      wijkteamId: c?.wijkteam_id ?? '',
      households: 60,
      actionsPerHousehold: 2,
      professionals: [c?.id ?? '', other.id],
      prefix: 'Huishouden',
    });
  }

  it('searches, filters and pages on the server, with everything in the URL', async () => {
    await seed();
    const context = await newContext(session.browser);
    session.track(context);
    const page = await context.newPage();
    await loginViaForm(page, session.server.url, 'coordinator');
    const status = page.getByRole('status').filter({ hasText: 'huishoud' });
    await poll(() => status.textContent()).toContain('64 huishoudens');
    // Natural order: Huishouden 1, 2, ... 9, 10 (not 1, 10, 11).
    const cards = page.getByRole('list', { name: 'Huishoudens' }).getByRole('heading');
    await poll(() => cards.count()).toBe(24);
    const names = await cards.allTextContents();
    // The three demo Gezinnen first, then Huishouden 1, 2, 3, ...
    expect(names.slice(3, 7)).toEqual([
      'Huishouden 1',
      'Huishouden 2',
      'Huishouden 3',
      'Huishouden 4',
    ]);
    await expectAxeClean(page, 'Mijn huishoudens with filters');

    await page.getByRole('button', { name: 'Volgende' }).click();
    await poll(() => new URL(page.url()).searchParams.get('pagina')).toBe('2');
    await poll(() => cards.first().textContent()).toBe('Huishouden 22');

    const search = page.getByRole('search', { name: 'Huishoudens zoeken' });
    await search.getByLabel('Zoeken').fill('Huishouden 1');
    await search.getByRole('button', { name: 'Zoek' }).click();
    await poll(() => new URL(page.url()).searchParams.get('zoek')).toBe('Huishouden 1');
    expect(new URL(page.url()).searchParams.get('pagina')).toBeNull();
    // 1, 10-19 and nothing else.
    await poll(() => status.textContent()).toContain('11 huishoudens gevonden');

    await search.getByLabel('Fase').selectOption('uitvoering');
    await poll(() => new URL(page.url()).searchParams.get('fase')).toBe('uitvoering');
    await poll(async () => (await cards.allTextContents()).length).toBeLessThan(11);

    await page.getByRole('button', { name: 'Tabel' }).click();
    const table = page.getByRole('table');
    await table.waitFor();
    expect(new URL(page.url()).searchParams.get('weergave')).toBe('tabel');
    await expectAxeClean(page, 'Mijn huishoudens as a table');

    // A reload keeps the search, the filter and the view.
    await page.reload();
    await table.waitFor();
    expect(await search.getByLabel('Zoeken').inputValue()).toBe('Huishouden 1');
    expect(await search.getByLabel('Fase').inputValue()).toBe('uitvoering');
    await screenshot(page, 'caseload-table-filtered');
  });

  it('Regie op regie: a table with filters and paging, an assign control per row, bulk assignment', async () => {
    await seed();
    const context = await newContext(session.browser);
    session.track(context);
    const page = await context.newPage();
    await loginViaForm(page, session.server.url, 'coordinator');
    await page.goto(`${session.server.url}/regie?regiehouder=geen`);
    const table = page.getByRole('table').filter({ hasText: 'Toewijzen' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    const before = await rows.count();
    expect(before).toBeGreaterThan(2);
    await expectAxeClean(page, 'Regie op regie with the table');
    await screenshot(page, 'caseload-regie');
    // Select two households and give both to the coördinator's colleague, with one reason.
    const names = (await rows.locator('th a').allTextContents()).filter((n) =>
      n.startsWith('Huishouden'),
    );
    for (const n of names.slice(0, 2))
      await table.getByRole('checkbox', { name: `${n} selecteren` }).check();
    const bulk = page.getByRole('form', { name: 'Geselecteerde toewijzen' });
    await bulk.getByLabel(/2 geselecteerde huishoudens/).selectOption({ label: 'Bram Verhoef' });
    await bulk.getByRole('button', { name: 'Toewijzen' }).click();
    await poll(() =>
      page.getByRole('status').filter({ hasText: 'toegewezen' }).textContent(),
    ).toMatch(/huishouden(s)? toegewezen/);
    // Without regiehouder, they drop out of this filtered table.
    // Huishouden 5: Bram is on its team; Huishouden 10: he is not, so it is refused and stays.
    expect(names.slice(0, 2)).toEqual(['Huishouden 5', 'Huishouden 10']);
    await poll(() => table.getByRole('link', { name: 'Huishouden 5', exact: true }).count()).toBe(
      0,
    );
    expect(await table.getByRole('link', { name: 'Huishouden 10', exact: true }).count()).toBe(1);
  });

  it('Mijn acties: wie doet wat per household with the same filters and paging', async () => {
    await seed();
    const context = await newContext(session.browser);
    session.track(context);
    const page = await context.newPage();
    await loginViaForm(page, session.server.url, 'coordinator');
    await page.goto(`${session.server.url}/mijn-acties?zoek=Huishouden%201&fase=uitvoering`);
    const wdw = page.locator('section[aria-labelledby="wie-doet-wat"]');
    await poll(() => wdw.getByRole('status').textContent()).toMatch(/^\d+ huishoud/);
    const blocks = await wdw.locator('.wdw-household__title').allTextContents();
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((b) => b.startsWith('Huishouden 1'))).toBe(true);
    expect(await wdw.getByLabel('Fase').inputValue()).toBe('uitvoering');
    // My own open actions (dozens here) come 20 to a page, the most urgent first.
    const mine = page.locator('section[aria-labelledby="mijn-open"]');
    const minePager = mine.getByRole('navigation', { name: "Pagina's van mijn open acties" });
    await poll(() => minePager.textContent()).toMatch(/Pagina 1 van [2-9]/);
    expect(await mine.locator('tbody tr').count()).toBe(20);
    const firstOnPage1 = await mine.locator('tbody tr').first().textContent();
    await minePager.getByRole('button', { name: 'Volgende' }).click();
    await poll(() => minePager.textContent()).toMatch(/Pagina 2 van/);
    expect(await mine.locator('tbody tr').first().textContent()).not.toBe(firstOnPage1);
    await expectAxeClean(page, 'Mijn acties with filters');
  });

  it('fits a phone: filters and cards at 360 px without sideways scrolling', async () => {
    await seed();
    const context = await newContext(session.browser, { width: 360, height: 740 });
    session.track(context);
    const page = await context.newPage();
    await loginViaForm(page, session.server.url, 'coordinator');
    await page.getByRole('list', { name: 'Huishoudens' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAxeClean(page, 'Mijn huishoudens at 360 px');
    await screenshot(page, 'caseload-list-360');
  });
});
