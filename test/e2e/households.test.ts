import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import {
  expectAxeClean,
  launchBrowser,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshot,
  startE2eServer,
  demoEmail,
} from './support';

describe('a huisarts finds their households and the casus team', () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in, sees only their households, and opens one', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();

    // Not logged in: the app sends you to the login page.
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('nl');
    await expectAxeClean(page, 'login');
    await screenshot(page, 'a1-login');

    // A wrong password is announced with the server's Dutch message.
    await page.getByLabel('E-mailadres').fill(demoEmail('huisarts'));
    await page.getByLabel('Wachtwoord').fill('fout-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'E-mailadres of wachtwoord klopt niet.' })
      .waitFor();
    await expectAxeClean(page, 'login with error');
    await screenshot(page, 'a2-login-error');

    await loginViaForm(page, server.url, 'huisarts');
    const list = page.getByRole('list', { name: 'Huishoudens' });
    const names = await list.getByRole('heading', { level: 2 }).allTextContents();
    expect(names.sort()).toEqual(['Gezin Bakker', 'Huishouden Jansen']);
    expect(await page.getByText('Gezin Visser').count()).toBe(0);
    await page.getByRole('banner').getByText('Pieter Hendriks').waitFor();
    await expectAxeClean(page, 'household list');
    await screenshot(page, 'a3-list');

    await page.getByRole('link', { name: 'Gezin Bakker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    expect(await page.title()).toBe('Gezin Bakker – Spil');
    // It opens on the plan, where a professional works; the other sections are tabs.
    const tabs = page.getByRole('navigation', { name: 'Onderdelen van het huishouden' });
    expect(await tabs.locator('a[aria-current="page"]').textContent()).toBe('Plan van aanpak');
    await page.locator('section[aria-labelledby="plan"] .plan-bar').waitFor();
    expect(await page.locator('section[aria-labelledby="casusteam"]').count()).toBe(0);
    await expectAxeClean(page, 'household page on the plan');
    await screenshot(page, 'a4-household-plan');

    await openHouseholdTab(page, 'Gezin en casusteam');
    expect(new URL(page.url()).searchParams.get('tab')).toBe('team');
    const team = page.locator('section[aria-labelledby="casusteam"]');
    const card = team
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Johan Kuipers' }) });
    await card.waitFor();
    const cardText = (await card.textContent()) ?? '';
    for (const expected of [
      'Maatschappelijk werker',
      'Sociaal domein',
      'Regiehouder',
      'Lid',
      'Wijkteam Spilwijk-Oost',
      '010 555 0400',
      'Gezinsbegeleiding',
      'Wanneer schakel je mij in',
      'Bij spanningen thuis',
    ]) {
      expect(cardText).toContain(expected);
    }
    const wmo = team
      .getByRole('listitem')
      .filter({ has: page.getByRole('heading', { name: 'Fatma Yilmaz' }) });
    expect(await wmo.textContent()).toContain('Meelezer');
    expect(
      await team.getByRole('listitem').filter({ hasText: 'Medisch domein' }).count(),
    ).toBeGreaterThanOrEqual(2);
    // The household member (exact: an action in "wie doet wat" may name Noah too).
    await page.getByText('Noah', { exact: true }).waitFor();
    await expectAxeClean(page, 'household page');
    await screenshot(page, 'a4-household');

    // The same page on a small phone.
    await page.setViewportSize({ width: 360, height: 780 });
    await expectAxeClean(page, 'household page at 360 px');
    await screenshot(page, 'a5-household-360');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 900 });

    // A household of someone else's team is not found, in Dutch.
    await page.goto(`${server.url}/huishoudens/00000000-0000-4000-8000-000000000000`);
    await page
      .getByRole('alert')
      .filter({ hasText: 'bestaat niet of je hebt er geen toegang toe' })
      .waitFor();

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await context.close();
  });
});
