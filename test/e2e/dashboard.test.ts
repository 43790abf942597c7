/**
 * The coördinator's dashboard in a real browser on the demo data: every
 * chart draws, the numbers are Dutch, filters and CSV export work, and the
 * page passes axe. Then the closed demo household: its spider chart compares
 * intake and evaluatie, and its colour timeline is drawn.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import {
  expectAxeClean,
  launchBrowser,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshot,
  screenshotOf,
  startE2eServer,
} from './support';

function daysAgo(n: number): string {
  return new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
}

async function waitForCount(locator: Locator, n: number, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await locator.count()) !== n) {
    if (Date.now() > deadline) throw new Error(`Expected ${n} of ${locator.toString()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function charts(page: Page) {
  const figures = page.getByTestId('kpi-chart');
  await figures.first().waitFor();
  return figures;
}

describe('the coördinator reads the dashboard', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('draws every chart from the demo data, filters by wijk and exports CSV', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginViaForm(page, server.url, 'coordinator');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Dashboard' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    expect(await page.title()).toBe('Dashboard – Spil');

    const figures = await charts(page);
    expect(await figures.count()).toBe(9);
    // Every chart has data on first start: a drawn surface with bars, none says it is empty.
    for (let i = 0; i < 9; i++) {
      const figure = figures.nth(i);
      const title = (await figure.locator('figcaption').textContent()) ?? '';
      await figure.locator('svg.recharts-surface').first().waitFor();
      expect(await figure.locator('.kpi-figure__empty').count(), title).toBe(0);
      expect(
        await figure.locator('.recharts-bar-rectangle path, path.recharts-rectangle').count(),
        title,
      ).toBeGreaterThan(0);
    }

    const tiles = page.locator('.kpi-tiles').first();
    const tileText = (await tiles.textContent()) ?? '';
    expect(tileText).toMatch(/Huishoudens\s*4/);
    // Dutch amounts: € 71.500,00 (Mulder and Bakker of the demo)
    expect(tileText).toMatch(/Vermeden maatschappelijke kosten€\s?\d{1,3}(\.\d{3})*,\d{2}/);
    expect(tileText).toContain('dagen');

    // The numbers behind a chart, as a table.
    const colourFigure = figures.filter({ hasText: 'Huishoudens per kleur' });
    await colourFigure.getByText('Cijfers als tabel').click();
    const rows = await colourFigure.locator('tbody tr').allTextContents();
    expect(rows).toEqual(['Groen1', 'Oranje1', 'Rood1', 'Geen quickscan1']);
    await expectAxeClean(page, 'dashboard');
    await screenshot(page, 'k1-dashboard');
    await screenshotOf(
      figures.filter({ hasText: 'Gemiddelde ZRM-verandering' }),
      'k2-dashboard-zrm',
    );

    // Filter by wijk: the URL keeps it, the numbers follow.
    await page.getByLabel('Wijk', { exact: true }).selectOption('Oosterpark');
    await page.getByRole('button', { name: 'Toepassen' }).click();
    await page.waitForURL(/wijk=Oosterpark/);
    await page.getByText('Wijkteam Spilwijk-Oost: wijk Oosterpark').waitFor();
    expect((await tiles.textContent()) ?? '').toMatch(/Huishoudens\s*2/);

    const csv = page.getByRole('link', { name: 'Exporteren als CSV' });
    const href = (await csv.getAttribute('href')) ?? '';
    expect(href).toBe('/api/kpi/export.csv?wijk=Oosterpark');
    const res = await page.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    expect(await res.text()).toContain('Filter wijk;;Oosterpark');

    // The region's price list: the coördinator sets an amount of their own.
    await page.getByRole('button', { name: 'Prijslijst bekijken en aanpassen' }).click();
    const crisis = page.getByLabel('Crisisopname');
    expect(await crisis.inputValue()).toBe('15000,00');
    await crisis.fill('16.500,00');
    await page.getByRole('button', { name: 'Prijslijst opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'Prijslijst opgeslagen.' }).waitFor();
    expect(await page.getByLabel('Crisisopname').inputValue()).toBe('16500,00');
    await expectAxeClean(page, 'dashboard with price list');
    await context.close();
  });

  it('shows the closed household’s spider chart and colour timeline', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginViaForm(page, server.url, 'coordinator');
    await page.getByRole('link', { name: 'Gezin Mulder' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Mulder' }).waitFor();
    await openHouseholdTab(page, 'Traject');

    const traject = page.locator('section[aria-labelledby="traject"]');
    const spider = traject.getByTestId('zrm-spider');
    await spider.locator('.recharts-polar-grid').first().waitFor();
    expect(await spider.locator('.recharts-radar').count()).toBe(3);
    const zrmTable = traject.locator('.zrm-figure table');
    expect(await zrmTable.locator('thead th').allTextContents()).toEqual([
      'Levensdomein',
      'Intake',
      'Tussentijds',
      'Evaluatie',
      'Verandering',
    ]);
    expect(await zrmTable.locator('tbody tr').filter({ hasText: 'Financiën' }).textContent()).toBe(
      'Financiën124+3',
    );

    const timeline = traject.getByRole('list', { name: 'Kleurverloop' });
    expect(await timeline.getByRole('listitem').count()).toBe(3);
    await traject.getByText('Afgesloten na de evaluatie').waitFor();
    await traject.getByText('Zorg- en Veiligheidshuis').first().waitFor();
    // Closed: no quickscan form, but reopening is offered to the coördinator.
    expect(await traject.getByRole('button', { name: 'Quickscan vastleggen' }).count()).toBe(0);
    await traject.getByRole('button', { name: 'Heropenen' }).waitFor();
    await expectAxeClean(page, 'closed household');
    await screenshotOf(traject, 'k3-household-traject');

    // An open household: the evaluation form lists the plan's doelen, to mark behaald, deels or niet.
    // It reads them from the doelen endpoint, never from the whole FHIR export.
    const asked: string[] = [];
    page.on('request', (r) => asked.push(new URL(r.url()).pathname));
    await page.getByRole('link', { name: 'Mijn huishoudens' }).first().click();
    await page.getByRole('link', { name: 'Gezin Bakker' }).click();
    await openHouseholdTab(page, 'Traject');
    const bakker = page.locator('section[aria-labelledby="traject"]');
    const evaluation = bakker.getByRole('form', { name: 'Traject evalueren en afsluiten' });
    await evaluation.waitFor();
    const bakkerId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const { goals } = (await (
      await page.request.get(`${server.url}/api/households/${bakkerId}/doelen`)
    ).json()) as { goals: { titel: string }[] };
    const doelen = goals.map((g) => g.titel);
    expect(doelen.length).toBeGreaterThan(0);
    await waitForCount(
      evaluation
        .getByRole('group')
        .filter({ has: page.getByRole('radio', { name: 'Deels behaald' }) }),
      doelen.length,
    );
    for (const titel of doelen) await evaluation.getByRole('group', { name: titel }).waitFor();
    expect(asked).toContain(`/api/households/${bakkerId}/doelen`);
    expect(asked.filter((p) => p.endsWith('/fhir'))).toEqual([]);

    // Jansen has an open escalation: a banner at the top of the page, on every tab.
    await page.getByRole('link', { name: 'Mijn huishoudens' }).first().click();
    await page.getByRole('link', { name: 'Huishouden Jansen' }).click();
    const banner = page.getByRole('region', { name: 'Lopende escalatie' });
    await banner.getByText('Expertiseteam', { exact: true }).waitFor();
    await screenshot(page, 'k4-household-escalation');
    // Its link opens the escalations on the Traject tab and takes the focus there.
    await banner.getByRole('link', { name: 'Naar de escalaties' }).click();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.id), { timeout: 15_000 })
      .toBe('escalaties');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('traject');
    await context.close();
  });

  it('lets a team member do the quickscan, opschalen, escalate and score the ZRM in the browser', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginViaForm(page, server.url, 'jeugdconsulent');
    await page.getByRole('link', { name: 'Gezin Visser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Visser' }).waitFor();
    await openHouseholdTab(page, 'Traject');
    const traject = page.locator('section[aria-labelledby="traject"]');
    const form = traject.getByRole('form', { name: 'Quickscan' });
    await form.waitFor();
    const answer = async (question: RegExp, option: string) =>
      form.getByRole('group', { name: question }).getByLabel(option, { exact: true }).check();
    await answer(/onveiligheid thuis/, 'Nee');
    await answer(/acute nood/, 'Nee');
    await answer(/psychische crisis/, 'Nee');
    await answer(/ontwikkeling of veiligheid van kinderen/, 'Er zijn zorgen');
    await answer(/levensdomeinen/, 'Twee of drie');
    await answer(/zelf weer verder/, 'Ja');
    await answer(/sociaal netwerk/, 'Ja');
    await answer(/hulpverlening vastgelopen/, 'Nee of niet van toepassing');
    await form.getByText('Uitkomst:').waitFor();
    await expectAxeClean(page, 'quickscan form');
    await form.getByRole('button', { name: 'Quickscan vastleggen' }).click();
    const timeline = traject.getByRole('list', { name: 'Kleurverloop' });
    await timeline.getByRole('listitem').first().waitFor();
    await traject.locator('.colour-now').getByText('Oranje').waitFor();

    await traject.getByLabel('Nieuwe kleur').selectOption('rood');
    await traject
      .getByLabel('Reden', { exact: true })
      .first()
      .fill('Eva vertelt op school over geweld thuis');
    await traject.getByRole('button', { name: 'Opschalen' }).click();
    await waitForCount(timeline.getByRole('listitem'), 2);
    expect(await timeline.getByRole('listitem').nth(1).textContent()).toContain(
      'Eva vertelt op school over geweld thuis',
    );

    const escalation = traject.getByRole('form', { name: 'Opschalen naar een andere instantie' });
    await escalation.getByLabel('Veilig Thuis').check();
    await escalation
      .getByLabel('Contactpersoon bij de instantie')
      .fill('Veilig Thuis, dienstdoende medewerker');
    await escalation.getByLabel('Reden').fill('Signalen van huiselijk geweld');
    await escalation.getByRole('button', { name: 'Escalatie vastleggen' }).click();
    // The banner at the top of the page follows at once.
    await page
      .getByRole('region', { name: 'Lopende escalatie' })
      .getByText('Signalen van huiselijk geweld')
      .waitFor();

    const zrm = traject.getByRole('form', { name: 'Scores vastleggen' });
    await zrm.getByLabel('Datum van de informatie').fill(daysAgo(40));
    await zrm.getByRole('status').filter({ hasText: 'ouder dan 30 dagen' }).waitFor();
    await zrm.getByLabel('Financiën').selectOption('2');
    await zrm.getByLabel('Huisvesting').selectOption('3');
    await zrm.getByLabel('Opvoeding / kinderen').selectOption('2');
    await zrm.getByRole('button', { name: 'Scores opslaan' }).click();
    await traject.getByTestId('zrm-spider').locator('.recharts-radar').first().waitFor();
    await expectAxeClean(page, 'household after quickscan, escalation and ZRM');
    await screenshotOf(traject, 'k5-household-quickscan');
    await context.close();
  });

  it('has no dashboard for a professional', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginViaForm(page, server.url, 'huisarts');
    expect(
      await page
        .getByRole('navigation', { name: 'Hoofdmenu' })
        .getByRole('link', { name: 'Dashboard' })
        .count(),
    ).toBe(0);
    await page.goto(`${server.url}/dashboard`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'Je hebt hiervoor niet de juiste rol.' })
      .waitFor();
    await context.close();
  });
});
