/**
 * Regie, actions and terugkoppeling in a real browser on the demo data: the
 * coördinator assigns regie from "Regie op regie" in two clicks and the new
 * regiehouder's open plan shows it without a reload; the POH-jeugd finds
 * their actions under "Mijn acties"; a terugkoppeling reaches the
 * regiehouder's notification panel live. Every new page passes axe, at
 * desktop width and at 360 px.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { HandoverDto, RegieDetailDto } from '@spil/shared';
import { householdByName } from '../factories';
import { api, loginAs } from '../support/http';
import {
  expectAxeClean,
  SCREENS,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshot,
  screenshotOf,
  e2eSession,
  waitForText,
} from './support';

const LIVE_TIMEOUT_MS = 15_000;
const PHONE = { width: 360, height: 780 };

function section(page: Page, id: string) {
  return page.locator(`section[aria-labelledby="${id}"]`);
}

function plan(page: Page) {
  return section(page, 'plan');
}

function meldingen(page: Page) {
  return page.getByRole('button', { name: /^Meldingen/ });
}

/** Elements inside `selectors` that reach past the right edge of the viewport. */
function tooWide(page: Page, selectors: string[]): Promise<string[]> {
  return page.evaluate((sel) => {
    const width = document.documentElement.clientWidth;
    return sel.flatMap((s) =>
      [...document.querySelectorAll(`${s}, ${s} *`)]
        .filter((e) => e.getBoundingClientRect().right > width + 0.5)
        .map((e) => `${s}: ${e.tagName.toLowerCase()}.${e.className}`),
    );
  }, selectors);
}

/** What a phone shows without scrolling. */
async function viewportShot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  await page.screenshot({ path: join(SCREENS, `${name}.png`) });
}

/** The unread count on the "Meldingen" button, once the list has loaded. */
async function unread(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((e) =>
      e.textContent?.startsWith('Meldingen'),
    );
    return b?.getAttribute('data-loaded') === 'true';
  });
  return Number(/(\d+) ongelezen/.exec((await meldingen(page).textContent()) ?? '')?.[1] ?? 0);
}

async function waitForUnread(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while ((await unread(page)) !== n) {
    if (Date.now() > deadline) throw new Error(`Expected ${n} unread, got ${await unread(page)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name });
}

/**
 * Open a household from the list on the tab with every section (these tests
 * follow the plan, regie, team and "wie doet wat" together) and wait until
 * its plan has synced with the e2e.server.
 */
async function openHousehold(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await openHouseholdTab(page, 'Alles');
  await waitForText(plan(page).locator('.plan-bar [role="status"]'), 'Opgeslagen', LIVE_TIMEOUT_MS);
  await plan(page).locator('.plan-regie').waitFor();
}

describe('regie, mijn acties and terugkoppeling', () => {
  const e2e = e2eSession();

  async function context(viewport?: { width: number; height: number }): Promise<BrowserContext> {
    const c = await newContext(e2e.browser, viewport);
    e2e.track(c);
    return c;
  }

  it('the coördinator assigns regie in two clicks; the open plan of the new regiehouder shows it live, with a notification', async () => {
    // The jeugdconsulent has the plan of Gezin Visser open: no regiehouder yet.
    const jc = await (await context()).newPage();
    await loginViaForm(jc, e2e.server.url, 'jeugdconsulent');
    await openHousehold(jc, 'Gezin Visser');
    await waitForText(plan(jc).locator('.plan-regie'), 'nog niemand');
    await waitForText(section(jc, 'regie').locator('.regie-current'), 'Nog niemand');
    const unreadBefore = await unread(jc);
    // Proof that the page is never reloaded: this marker would be gone.
    await jc.evaluate(() => {
      (window as unknown as { spilMarker: string }).spilMarker = 'nog dezelfde pagina';
    });

    // The coördinator opens Regie op regie.
    const coord = await (await context()).newPage();
    await loginViaForm(coord, e2e.server.url, 'coordinator');
    await nav(coord, 'Regie op regie').click();
    await coord.getByRole('heading', { level: 1, name: 'Regie op regie' }).waitFor();
    expect(await coord.title()).toBe('Regie op regie – Spil');
    const zonder = section(coord, 'zonder-regie');
    const visser = zonder.getByRole('listitem').filter({
      has: coord.getByRole('heading', { name: 'Gezin Visser' }),
    });
    await visser.waitFor();
    await waitForText(section(coord, 'werklast'), 'Thijs van Dam');
    await expectAxeClean(coord, 'Regie op regie');
    await screenshot(coord, 'r1-regie-op-regie');
    await screenshotOf(visser, 'r2-regie-op-regie-visser');

    // Two clicks: the lid, then "Toewijzen" (the reason has a default).
    expect(await visser.getByLabel('Reden').inputValue()).toBe('Toegewezen via Regie op regie');
    await visser.getByRole('radio', { name: /Thijs van Dam/ }).click();
    await visser.getByRole('button', { name: /^Toewijzen/ }).click();
    await waitForText(
      coord.getByRole('status').filter({ hasText: 'regiehouder' }),
      'Thijs van Dam is nu regiehouder van Gezin Visser.',
    );
    await visser.waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await screenshot(coord, 'r3-regie-op-regie-na-toewijzen');

    // The jeugdconsulent's open plan shows it, without a reload, and a notification arrives.
    await waitForText(plan(jc).locator('.plan-regie'), 'Thijs van Dam', LIVE_TIMEOUT_MS);
    await waitForText(
      section(jc, 'regie').locator('.regie-current'),
      'Thijs van Dam',
      LIVE_TIMEOUT_MS,
    );
    await waitForUnread(jc, unreadBefore + 1);
    expect(await jc.evaluate(() => (window as unknown as { spilMarker?: string }).spilMarker)).toBe(
      'nog dezelfde pagina',
    );
    // The history says who, when and why.
    await waitForText(
      section(jc, 'regie').locator('.regie-history'),
      'Toegewezen door Ingrid Vermeer',
    );
    await waitForText(
      section(jc, 'regie').locator('.regie-history'),
      'Toegewezen via Regie op regie',
    );
    // As regiehouder, the jeugdconsulent may now hand it over.
    await section(jc, 'regie').getByRole('button', { name: 'Regie overdragen' }).click();
    const overdragen = section(jc, 'regie').getByRole('form', { name: 'Regie overdragen' });
    await waitForText(overdragen, 'Samira El Idrissi');
    expect(
      await overdragen.getByLabel('Overdragen aan').evaluate((e) => e === document.activeElement),
    ).toBe(true);

    await meldingen(jc).click();
    const panel = jc.getByRole('region', { name: 'Meldingen' });
    await waitForText(panel, 'Je hebt de regie over Gezin Visser');
    await waitForText(panel, 'Toegewezen door Ingrid Vermeer: Toegewezen via Regie op regie');
    await expectAxeClean(jc, 'household page with the notifications panel open');
    await screenshotOf(panel, 'r4-meldingen-jeugdconsulent');
    await screenshotOf(plan(jc).locator('.plan-bar'), 'r5-plan-bar-regie');
    await screenshotOf(section(jc, 'regie'), 'r6-regie-sectie');
    await panel.getByRole('button', { name: 'Alles gelezen' }).click();
    await waitForUnread(jc, 0);
    await waitForText(panel.locator('.meldingen__summary'), 'Alles gelezen');
    expect(await panel.locator('.meldingen__item--unread').count()).toBe(0);
    // Escape closes the panel and gives focus back to the button.
    await jc.keyboard.press('Escape');
    await panel.waitFor({ state: 'hidden' });
    expect(await meldingen(jc).evaluate((b) => b === document.activeElement)).toBe(true);
  });

  it('the POH-jeugd finds their actions under "Mijn acties", per household with regie and the last terugkoppeling', async () => {
    const poh = await (await context()).newPage();
    await loginViaForm(poh, e2e.server.url, 'poh-jeugd');
    await nav(poh, 'Mijn acties').click();
    await poh.getByRole('heading', { level: 1, name: 'Mijn acties' }).waitFor();
    expect(await poh.title()).toBe('Mijn acties – Spil');

    const mine = poh.getByRole('table', { name: 'Mijn open acties' });
    await waitForText(mine, 'Gesprek met Noah over slapen en school');
    await waitForText(mine, 'Kennismakingsgesprek met Eva');
    expect(await mine.getByRole('link', { name: 'Gezin Bakker' }).count()).toBe(1);

    // Who does what for my patients: per household the regiehouder, owners, status, feedback.
    const bakker = poh.getByRole('region', { name: 'Gezin Bakker' });
    await waitForText(bakker, 'Johan Kuipers');
    const bakkerTable = bakker.getByRole('table', { name: 'Open acties van Gezin Bakker' });
    const schuldhulp = bakkerTable
      .getByRole('row')
      .filter({ hasText: 'Aanmelden bij de schuldhulpverlening' });
    await waitForText(schuldhulp, 'Intake bij de schuldhulp staat voor dinsdag');
    await waitForText(schuldhulp, 'Bezig');
    const beschikking = bakkerTable
      .getByRole('row')
      .filter({ hasText: 'Beschikking jeugdhulp aanvragen' });
    await waitForText(beschikking, 'Thijs van Dam');
    await waitForText(beschikking, 'Te laat');
    const visser = poh.getByRole('region', { name: 'Gezin Visser' });
    await waitForText(visser, 'Kennismakingsgesprek met Eva');

    await expectAxeClean(poh, 'Mijn acties');
    await screenshot(poh, 'm1-mijn-acties');

    // The same screen on a phone.
    const phone = await (await context(PHONE)).newPage();
    await loginViaForm(phone, e2e.server.url, 'huisarts');
    await phone.goto(`${e2e.server.url}/mijn-acties`);
    await phone.getByRole('heading', { level: 1, name: 'Mijn acties' }).waitFor();
    await waitForText(phone.getByRole('table', { name: 'Mijn open acties' }), 'Bloeddruk');
    await expectAxeClean(phone, 'Mijn acties at 360 px');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(phone, 'm2-mijn-acties-360');
    await viewportShot(phone, 'm3-mijn-acties-360-boven');
  });

  it('a terugkoppeling by the owner reaches the regiehouder’s notification panel and both plans live', async () => {
    // The maatschappelijk werker is regiehouder of Gezin Bakker and has its plan open on a phone.
    const mw = await (await context(PHONE)).newPage();
    await loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker');
    await openHousehold(mw, 'Gezin Bakker');
    await waitForText(plan(mw).locator('.plan-regie'), 'Johan Kuipers');
    // The demo has notifications already (a reaction of the inwoner): count on from there.
    const unreadBefore = await unread(mw);

    // The POH-jeugd owns "Gesprek met Noah" and feeds back from the plan.
    const poh = await (await context()).newPage();
    await loginViaForm(poh, e2e.server.url, 'poh-jeugd');
    await openHousehold(poh, 'Gezin Bakker');
    const actie = plan(poh)
      .locator('.actie-list > li')
      .filter({ hasText: 'Gesprek met Noah over slapen en school' });
    await actie.getByRole('button', { name: /^Terugkoppelen/ }).click();
    const form = actie.getByRole('form', { name: /Terugkoppeling over/ });
    await form.getByLabel('Wat is de stand van zaken?').fill('Noah gesproken; hij slaapt beter.');
    await form.getByLabel('Status na deze terugkoppeling').selectOption('bezig');
    await form.getByRole('button', { name: 'Terugkoppeling versturen' }).click();
    await waitForText(
      actie.locator('.actie-history'),
      'Noah gesproken; hij slaapt beter.',
      LIVE_TIMEOUT_MS,
    );
    await waitForText(actie.locator('.actie__badges'), 'Bezig');
    await waitForText(actie, 'Terugkoppeling verstuurd');
    // Someone else's action: no form for the POH-jeugd; an overdue action says so.
    const beschikking = plan(poh)
      .locator('.actie-list > li')
      .filter({ hasText: 'Beschikking jeugdhulp aanvragen' });
    await waitForText(beschikking.locator('.actie__badges'), 'Te laat');
    expect(await beschikking.getByRole('button', { name: /^Terugkoppelen/ }).count()).toBe(0);
    await screenshotOf(actie, 'p1-actie-terugkoppeling-poh');

    // The regiehouder: the notification arrives live, and the plan shows the update.
    await waitForUnread(mw, unreadBefore + 1);
    const mwActie = plan(mw)
      .locator('.actie-list > li')
      .filter({ hasText: 'Gesprek met Noah over slapen en school' });
    await waitForText(mwActie.locator('.actie-history'), 'Noah gesproken; hij slaapt beter.');
    await meldingen(mw).click();
    const panel = mw.getByRole('region', { name: 'Meldingen' });
    await waitForText(panel, 'Samira El Idrissi over “Gesprek met Noah over slapen en school”');
    await waitForText(panel, 'Noah gesproken; hij slaapt beter.');
    await expectAxeClean(mw, 'household page at 360 px with the notifications panel open');
    await viewportShot(mw, 'p2-meldingen-regiehouder-360');
    await mw.keyboard.press('Escape');

    // "Wie doet wat" on the household page follows the read model.
    await waitForText(
      section(mw, 'wie-doet-wat'),
      'Noah gesproken; hij slaapt beter.',
      LIVE_TIMEOUT_MS,
    );
    await screenshotOf(section(mw, 'wie-doet-wat'), 'p3-wie-doet-wat-360');
    await screenshotOf(section(mw, 'regie'), 'p4-regie-sectie-360');
    // Nothing of regie, wie doet wat, the actions or the plan bar sticks out at 360 px.
    expect(
      await tooWide(mw, [
        'section[aria-labelledby="regie"]',
        'section[aria-labelledby="wie-doet-wat"]',
        '.plan-bar',
        '.actie-list',
        '.site-header',
      ]),
    ).toEqual([]);
  });

  it('Regie op regie works at 360 px', async () => {
    const phone = await (await context(PHONE)).newPage();
    await loginViaForm(phone, e2e.server.url, 'coordinator');
    await phone.goto(`${e2e.server.url}/regie?stil=7`);
    await phone.getByRole('heading', { level: 1, name: 'Regie op regie' }).waitFor();
    await waitForText(section(phone, 'werklast'), 'Johan Kuipers');
    expect(await phone.getByLabel('Geen terugkoppeling in').inputValue()).toBe('7');
    await expectAxeClean(phone, 'Regie op regie at 360 px');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    await screenshot(phone, 'r7-regie-op-regie-360');
    await viewportShot(phone, 'r8-regie-op-regie-360-boven');
    await section(phone, 'werklast').scrollIntoViewIfNeeded();
    await viewportShot(phone, 'r9-werklast-360');
  });
  it('the regiehouder hands regie over; the receiver accepts on the household page, and both plans follow live', async () => {
    // The jeugdconsulent has Gezin Bakker open; the maatschappelijk werker holds regie there.
    const jc = await (await context()).newPage();
    await loginViaForm(jc, e2e.server.url, 'jeugdconsulent');
    await openHousehold(jc, 'Gezin Bakker');
    const mw = await (await context()).newPage();
    await loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker');
    await openHousehold(mw, 'Gezin Bakker');
    const mwUnread = await unread(mw);

    const mwRegie = section(mw, 'regie');
    await mwRegie.getByRole('button', { name: 'Regie overdragen' }).click();
    const form = mwRegie.getByRole('form', { name: 'Regie overdragen' });
    await form
      .getByLabel('Overdragen aan')
      .selectOption({ label: 'Thijs van Dam – Jeugdconsulent' });
    await form.getByLabel('Reden').fill('Jeugdhulp staat nu voorop');
    await form.getByRole('button', { name: 'Overdracht aanbieden' }).click();
    await waitForText(
      mwRegie.getByRole('status'),
      'Je hebt de regie aangeboden aan Thijs van Dam.',
    );
    await waitForText(mwRegie.locator('.regie-handover'), 'Zodra Thijs van Dam accepteert');

    // The receiver sees the offer appear without reloading, and accepts it.
    const jcRegie = section(jc, 'regie');
    const accept = jcRegie.getByRole('button', { name: 'Regie accepteren' });
    await accept.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(jcRegie, 'Johan Kuipers vraagt je de regie over te nemen.');
    await waitForText(jcRegie, 'Jeugdhulp staat nu voorop');
    await expectAxeClean(jc, 'household page with an open handover');
    await screenshotOf(jcRegie, 'h1-overdracht-ontvanger');
    await accept.click();
    await waitForText(jcRegie.getByRole('status'), 'Je bent nu regiehouder.');
    await waitForText(plan(jc).locator('.plan-regie'), 'Thijs van Dam', LIVE_TIMEOUT_MS);

    // The former regiehouder's plan and page follow, with a notification.
    await waitForText(plan(mw).locator('.plan-regie'), 'Thijs van Dam', LIVE_TIMEOUT_MS);
    await waitForText(mwRegie.locator('.regie-current'), 'Thijs van Dam', LIVE_TIMEOUT_MS);
    await mwRegie
      .locator('.regie-handover')
      .waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    await waitForText(
      mwRegie.locator('.regie-history li').first(),
      'Thijs van Dam',
      LIVE_TIMEOUT_MS,
    );
    await waitForText(mwRegie.locator('.regie-history'), 'Johan Kuipers');
    expect(await mwRegie.getByRole('button', { name: 'Regie overdragen' }).count()).toBe(0);
    await waitForUnread(mw, mwUnread + 1);
    await screenshotOf(mwRegie, 'h2-overdracht-na-accepteren');
  });

  it('actions of someone who leaves the team show as "zonder eigenaar", live', async () => {
    const jc = await (await context()).newPage();
    await loginViaForm(jc, e2e.server.url, 'jeugdconsulent');
    await openHousehold(jc, 'Gezin Visser');
    const eva = plan(jc)
      .locator('.actie-list > li')
      .filter({ hasText: 'Kennismakingsgesprek met Eva' });
    await waitForText(eva, 'Eigenaar: Samira El Idrissi');

    // The coördinator takes the POH-jeugd off the team.
    const coord = await (await context()).newPage();
    await loginViaForm(coord, e2e.server.url, 'coordinator');
    await openHousehold(coord, 'Gezin Visser');
    await coord
      .getByRole('button', { name: 'Verwijderen uit het team: Samira El Idrissi' })
      .click();
    await coord.getByRole('button', { name: 'Ja, verwijder Samira El Idrissi' }).click();

    // The open plan of the jeugdconsulent marks the action at once; "wie doet wat" follows.
    await waitForText(eva.locator('.actie__badges'), 'Zonder eigenaar', LIVE_TIMEOUT_MS);
    await waitForText(eva, 'De eigenaar staat niet meer in het team');
    const zonder = section(jc, 'wie-doet-wat')
      .getByRole('listitem')
      .filter({ has: jc.getByRole('heading', { name: 'Zonder eigenaar' }) });
    await waitForText(zonder, 'Kennismakingsgesprek met Eva', LIVE_TIMEOUT_MS);
    await expectAxeClean(jc, 'household page with an action zonder eigenaar');
    await screenshotOf(eva, 'z1-actie-zonder-eigenaar');
    await screenshotOf(section(jc, 'wie-doet-wat'), 'z2-wie-doet-wat-zonder-eigenaar');
  });

  it('the regiehouder withdraws an open offer after a confirm step; the receiver’s page follows live, with a notification', async () => {
    // Set up through the API, so this test does not depend on the others: the maatschappelijk
    // werker holds regie of Gezin Bakker and has offered it to the jeugdconsulent.
    const bakker = await householdByName(e2e.server, 'Gezin Bakker');
    const coordApi = await loginAs(e2e.server.url, 'coordinator');
    const mwApi = await loginAs(e2e.server.url, 'maatschappelijk-werker');
    const jcApi = await loginAs(e2e.server.url, 'jeugdconsulent');
    const assigned = await api<RegieDetailDto>(
      e2e.server.url,
      'PUT',
      `/api/households/${bakker.id}/regie`,
      { token: coordApi.token, body: { userId: mwApi.user.id, reason: 'Terug naar Johan' } },
    );
    expect(assigned.status).toBe(200);

    const jc = await (await context()).newPage();
    await loginViaForm(jc, e2e.server.url, 'jeugdconsulent');
    await openHousehold(jc, 'Gezin Bakker');
    const jcUnread = await unread(jc);
    const mw = await (await context()).newPage();
    await loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker');
    await openHousehold(mw, 'Gezin Bakker');

    const offered = await api<HandoverDto>(
      e2e.server.url,
      'POST',
      `/api/households/${bakker.id}/regie/overdracht`,
      { token: mwApi.token, body: { userId: jcApi.user.id, reason: 'Jeugdhulp staat voorop' } },
    );
    expect(offered.status).toBe(201);
    const jcRegie = section(jc, 'regie');
    await jcRegie
      .getByRole('button', { name: 'Regie accepteren' })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    // The receiver cannot withdraw it; they accept or decline.
    expect(await jcRegie.getByRole('button', { name: 'Aanbod intrekken' }).count()).toBe(0);

    const mwRegie = section(mw, 'regie');
    const handover = mwRegie.locator('.regie-handover');
    await waitForText(handover, 'Je hebt de regie aangeboden aan Thijs van Dam.', LIVE_TIMEOUT_MS);
    await handover.getByRole('button', { name: 'Aanbod intrekken' }).click();
    // The confirm step shows the offer it is about and takes the focus to the reason.
    const confirm = mwRegie.getByRole('form', {
      name: 'Weet je zeker dat je jouw aanbod aan Thijs van Dam wilt intrekken?',
    });
    await confirm.waitFor();
    await waitForText(handover, 'Reden: Jeugdhulp staat voorop');
    const reason = confirm.getByLabel('Reden (niet verplicht)');
    expect(await reason.evaluate((e) => e === document.activeElement)).toBe(true);
    await expectAxeClean(mw, 'household page with the withdraw confirm step');
    await screenshotOf(mwRegie, 'w1-aanbod-intrekken-bevestigen');

    // Annuleren leaves the offer as it was.
    await confirm.getByRole('button', { name: 'Annuleren' }).click();
    await confirm.waitFor({ state: 'detached' });
    await handover.getByRole('button', { name: 'Aanbod intrekken' }).click();
    await reason.fill('Ik blijf het eerste aanspreekpunt van de school');
    await confirm.getByRole('button', { name: 'Ja, aanbod intrekken' }).click();
    await waitForText(
      mwRegie.getByRole('status'),
      'Je hebt het aanbod aan Thijs van Dam ingetrokken.',
    );
    await handover.waitFor({ state: 'detached' });
    const earlier = mwRegie.locator('.regie-handovers');
    await waitForText(earlier, 'Ingetrokken door Johan Kuipers', LIVE_TIMEOUT_MS);
    await waitForText(earlier, 'Reden: Ik blijf het eerste aanspreekpunt van de school');
    await waitForText(mwRegie.locator('.regie-current'), 'Johan Kuipers');
    await expectAxeClean(mw, 'household page after withdrawing an offer');
    await screenshotOf(mwRegie, 'w2-aanbod-ingetrokken');

    // The receiver's page drops the offer without a reload, and a notification arrives.
    await jcRegie
      .getByRole('button', { name: 'Regie accepteren' })
      .waitFor({ state: 'detached', timeout: LIVE_TIMEOUT_MS });
    // One notification for the offer, one for its withdrawal.
    await waitForUnread(jc, jcUnread + 2);
    await meldingen(jc).click();
    await waitForText(
      jc.getByRole('region', { name: 'Meldingen' }),
      'Johan Kuipers heeft het aanbod ingetrokken om de regie over Gezin Bakker over te nemen',
    );
    await screenshotOf(jcRegie, 'w3-aanbod-ingetrokken-ontvanger');
  });
});
