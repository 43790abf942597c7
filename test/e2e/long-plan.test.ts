/**
 * A plan that has grown (the demo's Gezin De Vries: 40 actions, half done,
 * six months of terugkoppeling): a compact list filtered by open, mine or
 * done, one action opened to edit in place (in the URL), the sections as
 * tabs in the URL, and a print that fits A4.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { householdByName } from '../factories';
import { startTestServer, type TestServer } from '../support/server';
import {
  CLIENT_DIST,
  CHROMIUM,
  expectAxeClean,
  loginViaForm,
  newContext,
  openHouseholdTab,
  SCREENS,
  screenshot,
} from './support';

/** Under a loaded machine, give the page time (vitest's default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('a plan with 40 actions', () => {
  let server: TestServer;
  let browser: Browser;
  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startTestServer('embedded', { env: { CLIENT_DIST, DEMO_LONG_PLAN: 'true' } }),
      chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] }),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function openDeVries(width: number, height: number, query = '') {
    const context = await newContext(browser, { width, height });
    const page = await context.newPage();
    await loginViaForm(page, server.url, 'maatschappelijk-werker');
    const h = await householdByName(server, 'Gezin De Vries');
    await page.goto(`${server.url}/huishoudens/${h.id}${query}`);
    const plan = page.locator('section[aria-labelledby="plan"]');
    await plan.locator('.actie-list > li').first().waitFor({ timeout: 30_000 });
    return { context, page, plan, id: h.id };
  }

  it('shows the open actions as a compact list, done ones folded; opens one in place, kept in the URL', async () => {
    const { context, page, plan } = await openDeVries(1280, 900);
    // The page opens on the plan alone.
    expect(await page.locator('section[aria-labelledby="gezin"]').count()).toBe(0);
    const openRows = plan.locator('.plan-part > .actie-list > li');
    await poll(() => openRows.count()).toBe(20);
    expect(await plan.getByText('40 acties, waarvan 20 nog open.').count()).toBe(1);
    const folded = plan.locator('details.actie-folded');
    expect(await folded.locator('summary').textContent()).toBe(
      'Afgeronde en vervallen acties (20)',
    );
    // Each row: title, owner, due date, status, last terugkoppeling.
    const first = openRows.first();
    expect(await first.locator('.actie__summary').textContent()).toMatch(
      /Eigenaar: .+ · uiterlijk/,
    );
    expect(await first.locator('.actie-history--last').textContent()).toContain(
      'Laatste terugkoppeling',
    );
    await expectAxeClean(page, 'household page with 40 actions');
    const heightDesktop = await page.evaluate(() => document.documentElement.scrollHeight);
    await screenshot(page, 'long-plan-1280');

    await first.getByRole('button', { name: /^Openen/ }).click();
    await first.getByLabel('Wat gaat er gebeuren').waitFor();
    expect(new URL(page.url()).searchParams.get('actie')).toBeTruthy();
    await expectAxeClean(page, 'an action opened in place');
    await page.reload();
    await plan.locator('.actie--open').getByLabel('Wat gaat er gebeuren').waitFor();

    // Mine: only actions of the maatschappelijk werker.
    const mijnButton = plan
      .getByRole('group', { name: 'Welke acties' })
      .getByRole('button', { name: 'Mijn acties' });
    await mijnButton.click();
    await poll(() => new URL(page.url()).searchParams.get('acties')).toBe('mijn');
    const mine = await plan
      .locator('.plan-part > .actie-list > li .actie__summary')
      .allTextContents();
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((t) => t.includes('Eigenaar: Johan Kuipers'))).toBe(true);
    await plan.getByRole('button', { name: 'Afgerond' }).click();
    await poll(() => plan.locator('.plan-part > .actie-list > li').count()).toBe(20);

    // A section as a tab, kept in the URL.
    await page
      .getByRole('navigation', { name: 'Onderdelen van het huishouden' })
      .getByRole('link', { name: 'Regie' })
      .click();
    await poll(() => new URL(page.url()).searchParams.get('tab')).toBe('regie');
    expect(await page.locator('section[aria-labelledby="plan"]').count()).toBe(0);
    await page.locator('section[aria-labelledby="regie"]').waitFor();
    writeFileSync(join(SCREENS, 'long-plan-heights.txt'), `desktop ${heightDesktop}\n`, {
      flag: 'a',
    });
    await context.close();
  });

  it('on a phone the plan and its open actions come first', async () => {
    const { context, page } = await openDeVries(360, 740);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    await expectAxeClean(page, 'household page with 40 actions at 360 px');
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    writeFileSync(join(SCREENS, 'long-plan-heights.txt'), `phone ${height}\n`, { flag: 'a' });
    await screenshot(page, 'long-plan-360');

    // With every section (Alles), the plan still comes first, its open actions on top.
    await openHouseholdTab(page, 'Alles');
    await page.locator('section[aria-labelledby="gezin"]').waitFor();
    const order = await page.evaluate(() => {
      const top = (sel: string) => document.querySelector(sel)?.getBoundingClientRect().top ?? -1;
      return {
        plan: top('section[aria-labelledby="plan"]'),
        gezin: top('section[aria-labelledby="gezin"]'),
        acties: top('#plan-acties'),
        situatie: top('section[aria-labelledby="plan"] .rte'),
      };
    });
    expect(await page.locator('section[aria-labelledby="plan"]').count()).toBe(1);
    expect(order.plan).toBeLessThan(order.gezin);
    expect(order.acties).toBeLessThan(order.situatie);
    expect(
      await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    await expectAxeClean(page, 'household page with every section at 360 px');
    await context.close();
  });

  it('prints the plan on A4 without navigation or buttons, sections on pages of their own', async () => {
    const { context, page } = await openDeVries(1280, 900, '?tab=plan');
    await page.emulateMedia({ media: 'print' });
    const hidden = await page.evaluate(() =>
      ['.site-header', 'nav', '.plan-bar', '.actie__row-buttons', 'button'].map((sel) =>
        [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).display === 'none'),
      ),
    );
    expect(hidden).toEqual([true, true, true, true, true]);
    // The done actions print too (folded on screen).
    expect(
      await page.evaluate(() => {
        const d = document.querySelector('details.actie-folded li');
        return d ? d.getBoundingClientRect().height : 0;
      }),
    ).toBeGreaterThan(0);
    mkdirSync(SCREENS, { recursive: true });
    await page.screenshot({ path: join(SCREENS, 'long-plan-print.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    writeFileSync(join(SCREENS, 'long-plan.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    // Every page A4 (595 × 842 points).
    expect(pdf.toString('latin1')).toMatch(
      /\/MediaBox \[0 0 595(\.\d+)? 841\.\d+|\/MediaBox \[0 0 595(\.\d+)? 842/,
    );
    await context.close();
  });
});
