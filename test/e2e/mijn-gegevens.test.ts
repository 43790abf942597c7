/**
 * The inwoner in Mijn plan: "Wie heeft mijn dossier bekeken" in plain Dutch,
 * by period, and "Mijn gegevens downloaden" (the AVG inzage).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { householdByName } from '../factories';
import { api, loginAs } from '../support/http';
import { demoEmail, e2eSession, expectAxeClean, newContext, SCREENS, screenshot } from './support';

/** Under a loaded machine, give the page time (vitest's default is 1 s). */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

describe('Mijn plan: my data', () => {
  const session = e2eSession();

  it('shows who looked at the dossier, by period, and downloads everything Spil holds', async () => {
    const s = session.server;
    const bakker = await householdByName(s, 'Gezin Bakker');
    // The huisarts opens the household: that is a line in the overview.
    const huisarts = await loginAs(s.url, 'huisarts');
    expect(
      (await api(s.url, 'GET', `/api/households/${bakker.id}`, { token: huisarts.token })).status,
    ).toBe(200);

    const context = await newContext(session.browser, { width: 360, height: 740 });
    session.track(context);
    const page = await context.newPage();
    await page.goto(`${s.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill(demoEmail('inwoner'));
    await page.getByLabel('Wachtwoord').fill('spil-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn plan' }).waitFor();

    const log = page.getByRole('list', { name: 'Wie heeft mijn dossier bekeken' });
    await log.waitFor();
    await poll(() => log.textContent()).toContain('Pieter Hendriks');
    expect(await log.textContent()).toContain('Huisarts');
    await expectAxeClean(page, 'Mijn plan with my data');

    await page.getByLabel('Periode').selectOption('week');
    await poll(() => new URL(page.url()).searchParams.get('periode')).toBe('week');
    await poll(() => log.textContent()).toContain('Pieter Hendriks');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download als document (HTML)' }).click(),
    ]);
    const path = await download.path();
    const html = readFileSync(path, 'utf8');
    expect(html).toContain('Gezin Bakker');
    await page.getByRole('heading', { name: 'Mijn gegevens downloaden' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'mijn-gegevens-360');

    // Printed: no navigation or buttons, each part of Mijn plan on a page of its own.
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      header: getComputedStyle(document.querySelector('.site-header') as Element).display,
      buttons: [...document.querySelectorAll('button, .button')].every(
        (b) => getComputedStyle(b).display === 'none',
      ),
      breaks: [...document.querySelectorAll('.mijn-plan .mp-section ~ .mp-section')].map(
        (el) => getComputedStyle(el).breakBefore,
      ),
    }));
    expect(printed.header).toBe('none');
    expect(printed.buttons).toBe(true);
    expect(printed.breaks.length).toBeGreaterThan(1);
    expect(printed.breaks.every((b) => b === 'page')).toBe(true);
    await page.screenshot({ path: join(SCREENS, 'mijn-plan-print.png'), fullPage: true });
  });
});
