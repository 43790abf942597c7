/**
 * The process of a household follows live on other open screens: when one
 * professional scales a household up to rood and records an escalation,
 * a colleague with the same household open sees the new colour and the
 * escalation banner without a reload; a household list shows a reopened
 * household's new phase without a reload.
 */
import { randomUUID } from 'node:crypto';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HouseholdDto } from '@spil/shared';
import { addToTeam, CALM_QUICKSCAN } from '../factories';
import { api, eventually, loginAs } from '../support/http';
import {
  e2eSession,
  expectAxeClean,
  loginViaForm,
  newContext,
  screenshot,
  screenshotOf,
  tapEventsSocket,
  waitForText,
} from './support';

const LIVE_TIMEOUT_MS = 15_000;

function traject(page: Page) {
  return page.locator('section[aria-labelledby="traject"]');
}

/** Marks the page; the mark is gone if the page is ever reloaded. */
async function mark(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { spilMarker: string }).spilMarker = 'nog dezelfde pagina';
  });
}
async function stillMarked(page: Page): Promise<boolean> {
  return (
    (await page.evaluate(() => (window as unknown as { spilMarker?: string }).spilMarker)) ===
    'nog dezelfde pagina'
  );
}

describe('the process follows live on other screens', () => {
  const e2e = e2eSession();

  async function context(): Promise<BrowserContext> {
    const c = await newContext(e2e.browser);
    e2e.track(c);
    return c;
  }

  /** A household of the demo wijkteam with the maatschappelijk werker and the jeugdconsulent as lid. */
  async function household(name: string, phase?: 'afgesloten'): Promise<HouseholdDto> {
    const coord = await loginAs(e2e.server.url, 'coordinator');
    const created = await api<HouseholdDto>(e2e.server.url, 'POST', '/api/households', {
      token: coord.token,
      body: {
        reference: `E-${randomUUID().slice(0, 8).toUpperCase()}`,
        displayName: name,
        wijk: 'Testwijk',
        ...(phase ? { phase } : {}),
      },
    });
    expect(created.status).toBe(201);
    for (const key of ['maatschappelijk-werker', 'jeugdconsulent']) {
      const { user } = await loginAs(e2e.server.url, key);
      await addToTeam(e2e.server, created.body.id, user.id, 'lid');
    }
    return created.body;
  }

  it('a colleague sees the new colour and the escalation banner without a reload', async () => {
    const h = await household('Gezin Kleurfictief');
    const mwApi = await loginAs(e2e.server.url, 'maatschappelijk-werker');
    const scan = await api(e2e.server.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mwApi.token,
      body: { answers: CALM_QUICKSCAN },
    });
    expect(scan.status).toBe(201);

    // B: the jeugdconsulent has the household open; it is groen, without escalation.
    const b = await (await context()).newPage();
    await loginViaForm(b, e2e.server.url, 'jeugdconsulent');
    await b.goto(`${e2e.server.url}/huishoudens/${h.id}?tab=traject`);
    await b.getByRole('heading', { level: 1, name: 'Gezin Kleurfictief' }).waitFor();
    const colourNow = traject(b).locator('.colour-now');
    await waitForText(colourNow, 'Groen', LIVE_TIMEOUT_MS);
    expect(await b.getByRole('region', { name: 'Lopende escalatie' }).count()).toBe(0);
    await mark(b);

    // A: the maatschappelijk werker scales up to rood.
    const a = await (await context()).newPage();
    await loginViaForm(a, e2e.server.url, 'maatschappelijk-werker');
    await a.goto(`${e2e.server.url}/huishoudens/${h.id}?tab=traject`);
    await a.getByRole('heading', { level: 1, name: 'Gezin Kleurfictief' }).waitFor();
    const change = traject(a).getByRole('form', { name: 'Op- of afschalen' });
    await change.getByLabel('Nieuwe kleur').selectOption('rood');
    await change.getByLabel('Reden').fill('Melding van school over onveiligheid thuis');
    await change.getByRole('button', { name: 'Opschalen' }).click();
    await waitForText(traject(a).locator('.colour-now'), 'Rood', LIVE_TIMEOUT_MS);

    // B follows: the colour and the timeline.
    await waitForText(colourNow, 'Rood', LIVE_TIMEOUT_MS);
    await waitForText(
      traject(b).getByRole('list', { name: 'Kleurverloop' }),
      'Melding van school over onveiligheid thuis',
    );

    // A records an escalation to Veilig Thuis.
    const form = traject(a).getByRole('form', { name: 'Opschalen naar een andere instantie' });
    await form.getByRole('radio', { name: 'Veilig Thuis' }).check();
    await form.getByLabel('Contactpersoon bij de instantie').fill('Veilig Thuis, dienstdoende');
    await form.getByLabel('Reden').fill('Vermoeden van huiselijk geweld');
    await form.getByRole('button', { name: 'Escalatie vastleggen' }).click();

    // B: the banner at the top of the household appears, and the escalation in the list.
    const banner = b.getByRole('region', { name: 'Lopende escalatie' });
    await banner.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(banner, 'Vermoeden van huiselijk geweld');
    await waitForText(traject(b).locator('.escalation-list'), 'Veilig Thuis', LIVE_TIMEOUT_MS);
    expect(await stillMarked(b)).toBe(true);
    await expectAxeClean(b, 'household page after a live colour change and escalation');
    await screenshotOf(banner, 'l1-escalatie-banner-live');
    await screenshotOf(traject(b).locator('.proces-part').first(), 'l2-kleur-live');
  });

  it('a colleague whose connection was down catches up with the colour once it is back', async () => {
    const h = await household('Gezin Herverbindfictief');
    const mwApi = await loginAs(e2e.server.url, 'maatschappelijk-werker');
    const scan = await api(e2e.server.url, 'POST', `/api/households/${h.id}/quickscan`, {
      token: mwApi.token,
      body: { answers: CALM_QUICKSCAN },
    });
    expect(scan.status).toBe(201);

    const b = await (await context()).newPage();
    const { count, setBlocked } = await tapEventsSocket(b);
    await loginViaForm(b, e2e.server.url, 'jeugdconsulent');
    await b.goto(`${e2e.server.url}/huishoudens/${h.id}?tab=traject`);
    await b.getByRole('heading', { level: 1, name: 'Gezin Herverbindfictief' }).waitFor();
    const colourNow = traject(b).locator('.colour-now');
    await waitForText(colourNow, 'Groen', LIVE_TIMEOUT_MS);
    await eventually(async () => expect(await count('opened')).toBeGreaterThan(0), 10_000);
    await mark(b);

    // B's connection drops; meanwhile the household is scaled up to rood.
    await setBlocked(true);
    await eventually(async () => expect(await count('refused')).toBeGreaterThan(0), 15_000);
    const up = await api(e2e.server.url, 'POST', `/api/households/${h.id}/colour`, {
      token: mwApi.token,
      body: { colour: 'rood', reason: 'Huisuitzetting aangekondigd' },
    });
    expect(up.status).toBe(201);
    await new Promise((r) => setTimeout(r, 500));
    expect(await colourNow.textContent()).toContain('Groen');

    // Back online: the colour catches up without a reload.
    await setBlocked(false);
    await waitForText(colourNow, 'Rood', LIVE_TIMEOUT_MS);
    expect(await stillMarked(b)).toBe(true);
  });

  it('the household list shows a reopened household’s new phase without a reload', async () => {
    const h = await household('Gezin Fasefictief', 'afgesloten');
    const list = await (await context()).newPage();
    await loginViaForm(list, e2e.server.url, 'jeugdconsulent');
    const card = list
      .getByRole('listitem')
      .filter({ has: list.getByRole('link', { name: 'Gezin Fasefictief', exact: true }) });
    await waitForText(card, 'Afgesloten');
    await mark(list);

    const coord = await loginAs(e2e.server.url, 'coordinator');
    const reopened = await api(e2e.server.url, 'POST', `/api/households/${h.id}/reopen`, {
      token: coord.token,
      body: { reason: 'Nieuwe zorgen over de huur', phase: 'uitvoering' },
    });
    expect(reopened.status).toBe(201);

    await waitForText(card, 'Uitvoering', LIVE_TIMEOUT_MS);
    expect(await stillMarked(list)).toBe(true);
    await screenshot(list, 'l3-lijst-fase-live');
  });
});
