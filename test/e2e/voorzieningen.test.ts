/**
 * Voorzieningen in the browser: a lid adds one linked to an action of the
 * plan through the form, and a second member who has the same household
 * open sees it, with the budget, without a reload. Also the demo
 * household's budget and net effect, looked at on a desktop and a phone,
 * clean under axe.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HouseholdDto } from '@spil/shared';
import { PLAN_DOCUMENTS, type PlanDocuments } from '../../server/src/common/plan-documents.port';
import { addToTeam } from '../factories';
import { api, loginAs } from '../support/http';
import {
  e2eSession,
  expectAxeClean,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshotOf,
  waitForText,
} from './support';

const LIVE_TIMEOUT_MS = 15_000;
/** The lane's notes keep the screenshots that were looked at. */
const NOTES_SCREENS = process.env.SPIL_NOTES_SCREENS;

function section(page: Page) {
  return page.locator('section[aria-labelledby="voorzieningen"]');
}

async function keep(path: string, name: string): Promise<void> {
  if (!NOTES_SCREENS) return;
  mkdirSync(NOTES_SCREENS, { recursive: true });
  copyFileSync(path, `${NOTES_SCREENS}/${name}.png`);
}

describe('voorzieningen in the browser', () => {
  const e2e = e2eSession();

  async function context(viewport?: { width: number; height: number }): Promise<BrowserContext> {
    const c = await newContext(e2e.browser, viewport);
    e2e.track(c);
    return c;
  }

  it('a lid adds a voorziening linked to an action; a second member sees it without a reload', async () => {
    const coord = await loginAs(e2e.server.url, 'coordinator');
    const created = await api<HouseholdDto>(e2e.server.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `E-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: 'Gezin Hulpfictief',
        wijk: 'Testwijk',
      },
    });
    expect(created.status).toBe(201);
    const h = created.body;
    for (const key of ['maatschappelijk-werker', 'jeugdconsulent']) {
      const { user } = await loginAs(e2e.server.url, key);
      await addToTeam(e2e.server, h.id, user.id, 'lid');
    }
    await e2e.server.app.get<PlanDocuments>(PLAN_DOCUMENTS).change(h.id, (plan) => {
      const doelId = plan.addDoel({ titel: 'Het huishouden loopt weer' });
      plan.addActie({ titel: 'Hulp in huis regelen', doelId });
    });

    // B: the jeugdconsulent has the household open; no voorzieningen yet.
    const b = await (await context()).newPage();
    await loginViaForm(b, e2e.server.url, 'jeugdconsulent');
    await b.goto(`${e2e.server.url}/huishoudens/${h.id}?tab=voorzieningen`);
    await b.getByRole('heading', { level: 1, name: 'Gezin Hulpfictief' }).waitFor();
    await waitForText(section(b), 'Er zijn nog geen voorzieningen vastgelegd.', LIVE_TIMEOUT_MS);
    await b.evaluate(() => {
      (window as unknown as { spilMarker: string }).spilMarker = 'nog dezelfde pagina';
    });

    // A: the maatschappelijk werker adds huishoudelijke hulp for the action, cost from the price list.
    const a = await (await context()).newPage();
    await loginViaForm(a, e2e.server.url, 'maatschappelijk-werker');
    await a.goto(`${e2e.server.url}/huishoudens/${h.id}?tab=voorzieningen`);
    await a.getByRole('heading', { level: 1, name: 'Gezin Hulpfictief' }).waitFor();
    await section(a).getByRole('button', { name: 'Voorziening toevoegen' }).click();
    const form = section(a).getByRole('form', { name: 'Voorziening toevoegen' });
    await form.getByLabel('Soort').selectOption('huishoudelijke-hulp');
    await form.getByLabel('Aanbieder (wie geeft de hulp)').fill('Thuiszorg Fictief');
    await form.getByLabel('Voor doel of actie in het plan').selectOption({
      label: 'Hulp in huis regelen',
    });
    await form.getByLabel('Uren per week').fill('3');
    await waitForText(form, '390,00 per maand');
    // The server names the missing date of a running beschikking; the form marks that field.
    await form.getByLabel('Status').selectOption('lopend');
    await form.getByLabel('Kenmerk van de gemeente').fill('WMO-2026-0999');
    // Today as the browser (Europe/Amsterdam) has it: the form's own dates are Dutch dates, and
    // between 23:00 and midnight UTC the UTC date is yesterday (the decision would precede the request).
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(
      new Date(),
    );
    await form.getByLabel('Toegekend op').fill(today);
    await form.getByRole('button', { name: 'Voorziening opslaan' }).click();
    await waitForText(form, 'beschikking.ingangOp');
    expect(await form.getByLabel('Loopt vanaf').getAttribute('aria-invalid')).toBe('true');
    await expectAxeClean(a, 'the voorziening form with an error');
    await form.getByLabel('Loopt vanaf').fill(today);
    await form.getByRole('button', { name: 'Voorziening opslaan' }).click();
    await section(a).getByRole('list', { name: 'Voorzieningen' }).waitFor();

    // B follows: the voorziening with its link and cost, and the budget.
    const list = section(b).getByRole('list', { name: 'Voorzieningen' });
    await list.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(list, 'Huishoudelijke hulp', LIVE_TIMEOUT_MS);
    await waitForText(list, 'Actie: Hulp in huis regelen', LIVE_TIMEOUT_MS);
    await waitForText(list, 'Thuiszorg Fictief');
    await waitForText(section(b).locator('.vz-budget'), '390,00', LIVE_TIMEOUT_MS);
    expect(await b.evaluate(() => (window as unknown as { spilMarker?: string }).spilMarker)).toBe(
      'nog dezelfde pagina',
    );
    await expectAxeClean(b, 'household page with a voorziening that arrived live');
  });

  it('shows the demo household’s budget, net effect and warnings on a desktop and a phone', async () => {
    const page = await (await context()).newPage();
    await loginViaForm(page, e2e.server.url, 'coordinator');
    await page.getByRole('link', { name: 'Gezin Bakker' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    await openHouseholdTab(page, 'Voorzieningen');
    const budget = section(page).locator('.vz-budget');
    await waitForText(budget, 'Netto-effect', LIVE_TIMEOUT_MS);
    await waitForText(budget, 'wacht al');
    await waitForText(budget, 'zonder vervolg');
    await expectAxeClean(page, 'Gezin Bakker with voorzieningen and budget');
    await keep(await screenshotOf(budget, 'v1-budget'), '19-budget-netto-effect');
    await keep(await screenshotOf(section(page), 'v2-voorzieningen'), '19-voorzieningen');

    const phone = await (await context({ width: 360, height: 800 })).newPage();
    await loginViaForm(phone, e2e.server.url, 'maatschappelijk-werker');
    await phone.getByRole('link', { name: 'Gezin Bakker' }).first().click();
    await openHouseholdTab(phone, 'Voorzieningen');
    await waitForText(section(phone).locator('.vz-budget'), 'Netto-effect', LIVE_TIMEOUT_MS);
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await expectAxeClean(phone, 'Gezin Bakker on a phone');
    await keep(await screenshotOf(section(phone), 'v3-telefoon'), '19-voorzieningen-telefoon');
  });

  it('shows the costs of voorzieningen and the substitution figure on the dashboard', async () => {
    const page = await (await context()).newPage();
    await loginViaForm(page, e2e.server.url, 'coordinator');
    await page.goto(`${e2e.server.url}/dashboard`);
    const costs = page.locator('section[aria-labelledby="kpi-voorzieningen"]');
    await costs.getByRole('heading', { name: 'Voorzieningen en kosten' }).waitFor();
    await waitForText(costs, 'Lichte ondersteuning (substitutie)');
    await costs.locator('svg.recharts-surface').first().waitFor();
    expect(await costs.getByTestId('kpi-chart').count()).toBe(3);
    expect(await costs.locator('.kpi-figure__empty').count()).toBe(0);
    await expectAxeClean(page, 'the dashboard with the costs of voorzieningen');
    await keep(await screenshotOf(costs, 'v4-dashboard'), '19-dashboard-voorzieningen');

    // The wijkteam's prices per kind: set one, and it is saved.
    const prices = page.locator('section[aria-labelledby="kpi-prijzen-voorzieningen"]');
    await prices.getByRole('button', { name: 'Prijzen bekijken en aanpassen' }).click();
    await prices.getByLabel('Wijkverpleging per uur').fill('78,50');
    await prices.getByRole('button', { name: 'Prijzen opslaan' }).click();
    await waitForText(prices, 'Prijzen opgeslagen.');
    await expectAxeClean(page, 'the dashboard with the price list of voorzieningen');
  });

  it('shows the inwoner in Mijn plan which help runs, who gives it and until when, without amounts', async () => {
    const page = await (await context({ width: 360, height: 740 })).newPage();
    await page.goto(`${e2e.server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('inwoner@demo.spil.test');
    await page.getByLabel('Wachtwoord').fill('spil-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn plan' }).waitFor();
    const hulp = page.getByRole('list', { name: 'Hulp die je krijgt' });
    await hulp.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(hulp, 'Kredietbank Spilstad helpt je met schuldhulpverlening');
    await waitForText(hulp, 'De gemeente moet dit nog goedkeuren.');
    expect(await hulp.textContent()).not.toContain('€');
    await expectAxeClean(page, 'Mijn plan with the help in plain words');
    await keep(await screenshotOf(hulp, 'v5-mijn-plan'), '19-mijn-plan-hulp');
  });
});
