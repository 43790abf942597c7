/**
 * Mijn plan on a phone (360 × 740): the inwoner adds an own action and reacts
 * to a professional's action (a naaste's own action she only reads); the
 * regiehouder, with the plan open on a laptop, sees it live and gets the
 * notifications. Mijn plan is axe-clean, fits the screen with large touch
 * targets, and opens again offline.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../support/server';
import {
  demoEmail,
  expectAxeClean,
  launchBrowser,
  loginViaForm,
  newContext,
  SCREENS,
  screenshot,
  screenshotOf,
  startE2eServer,
  waitForText,
} from './support';

const PHONE = { width: 360, height: 740 };
const LIVE_TIMEOUT_MS = 20_000;

function phoneContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'nl-NL',
    timezoneId: 'Europe/Amsterdam',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    deviceScaleFactor: 2,
  });
}

async function loginToMijnPlan(page: Page, baseUrl: string, key: string): Promise<void> {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(demoEmail(key));
  await page.getByLabel('Wachtwoord').fill('spil-demo');
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mijn plan' }).waitFor();
}

function section(page: Page, title: string): Locator {
  return page
    .locator('section.mp-section')
    .filter({ has: page.getByRole('heading', { level: 2, name: title }) });
}

/** Interactive elements that are smaller than 44 × 44 CSS px (links inside running text excepted). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const els = document.querySelectorAll<HTMLElement>(
      '.mijn-plan button, .mijn-plan input, .mijn-plan textarea, .mijn-plan select, .mijn-plan .mp-nav a, .mijn-plan a.button, .mijn-plan .mp-check label',
    );
    for (const el of els) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // A checkbox counts with its label, which is the touch target.
      if (el instanceof HTMLInputElement && el.type === 'checkbox') continue;
      if (r.height < 44 || r.width < 44)
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 40)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
    }
    return out;
  });
}

/** The page as a phone shows it, one screen at a time: mijn-plan-360-1.png, -2, ... */
async function screensOf(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  mkdirSync(SCREENS, { recursive: true });
  for (let y = 0, i = 1; y < height; y += PHONE.height, i++) {
    await page.screenshot({
      path: join(SCREENS, `${name}-${i}.png`),
      fullPage: true,
      clip: { x: 0, y, width: PHONE.width, height: Math.min(PHONE.height, height - y) },
    });
  }
}

/** The unread count on the "Meldingen" button (0 when it shows none). */
async function unread(button: Locator): Promise<number> {
  const m = /(\d+)/.exec((await button.textContent()) ?? '');
  return m ? Number(m[1]) : 0;
}

async function waitForUnread(button: Locator, n: number): Promise<void> {
  const deadline = Date.now() + LIVE_TIMEOUT_MS;
  while ((await unread(button)) !== n) {
    if (Date.now() > deadline)
      throw new Error(`Expected ${n} unread notifications, got ${await unread(button)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Mijn plan on a phone', () => {
  let server: TestServer;
  let browser: Browser;
  let stopped = false;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    if (!stopped) await server?.stop();
  });

  it('the inwoner adds an own action and reacts; the regiehouder sees it live with notifications; it opens offline', async () => {
    const [phone, laptop] = await Promise.all([phoneContext(browser), newContext(browser)]);
    contexts.push(phone, laptop);
    const sandra = await phone.newPage();
    const johan = await laptop.newPage();

    // The regiehouder has Gezin Bakker's plan open.
    await loginViaForm(johan, server.url, 'maatschappelijk-werker');
    await johan.getByRole('link', { name: 'Gezin Bakker' }).click();
    const panel = johan.locator('section[aria-labelledby="plan"] .huishouden-panel');
    await panel.waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(panel, 'Op woensdag Lotte uit school halen', LIVE_TIMEOUT_MS);
    const meldingen = johan.getByRole('button', { name: /^Meldingen/ });
    const before = await unread(meldingen);

    // Sandra on her phone: Mijn plan, in plain Dutch, with the demo's own part.
    await loginToMijnPlan(sandra, server.url, 'inwoner');
    const status = sandra.locator('.mp-save');
    await waitForText(status, 'Alles is bewaard', LIVE_TIMEOUT_MS);
    await waitForText(section(sandra, 'Wie heeft de regie'), 'Johan Kuipers', LIVE_TIMEOUT_MS);
    await waitForText(section(sandra, 'Volgend overleg'), 'Netwerkberaad', LIVE_TIMEOUT_MS);
    await waitForText(section(sandra, 'Wat wil ik bereiken'), 'Geld');
    await waitForText(
      section(sandra, 'Wat ga ik zelf doen'),
      'Alle post van de laatste drie maanden',
    );
    // Her own actions she ticks off; Anouk's she reads, with Anouk's name, and cannot tick off.
    const eigen = section(sandra, 'Wat ga ik zelf doen');
    await eigen.getByRole('checkbox', { name: /Alle post van de laatste drie maanden/ }).waitFor();
    const vanAnouk = eigen.locator('li').filter({ hasText: 'Op woensdag Lotte uit school halen' });
    await waitForText(vanAnouk, 'Gezet door Anouk');
    await waitForText(vanAnouk, 'Alleen Anouk kan dit afvinken');
    await expect(vanAnouk.locator('input, button, textarea, select').count()).resolves.toBe(0);
    const anouksCheckbox = eigen.getByRole('checkbox', { name: /Op woensdag Lotte/ });
    await expect(anouksCheckbox.count()).resolves.toBe(0);
    await waitForText(section(sandra, 'Wie uit mijn omgeving helpt'), 'Anouk de Wit');
    await waitForText(section(sandra, 'Wie helpt mij'), 'Aanmelden bij de schuldhulpverlening');
    await expect(
      sandra
        .getByRole('link', { name: /Bel Johan/ })
        .first()
        .getAttribute('href'),
    ).resolves.toMatch(/^tel:/);
    // Nothing of the professional-only parts: no ZRM, no medical notes, no editing of their actions.
    const text = (await sandra.locator('main').textContent()) ?? '';
    expect(text).not.toMatch(/ZRM|Levensdomein|Medische aantekeningen|Werkaantekeningen/);
    // The one select is the period filter of "Wie heeft mijn dossier bekeken", no plan field.
    const selects = await sandra.evaluate(() =>
      [...document.querySelectorAll('main select')].map((el) =>
        el.closest('.mp-access') ? 'access-period' : (el.getAttribute('aria-label') ?? el.id),
      ),
    );
    expect(selects).toEqual(['access-period']);

    // Fits the phone: no sideways scrolling, large touch targets, axe-clean.
    expect(await sandra.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      PHONE.width,
    );
    expect(await smallTargets(sandra)).toEqual([]);
    await expectAxeClean(sandra, 'Mijn plan at 360 px');
    await screenshot(sandra, 'mijn-plan-360');
    await screensOf(sandra, 'mijn-plan-360');

    // She adds an own action with a helper from her own circle.
    const zelf = section(sandra, 'Wat ga ik zelf doen');
    await zelf.getByLabel('Wat ga je doen?').fill('Elke dinsdag samen de post openmaken');
    await zelf.getByLabel(/Wie helpt je daarbij/).fill('Anouk');
    await zelf.getByRole('button', { name: 'Zet in mijn plan' }).click();
    await waitForText(zelf.locator('.mp-form__done'), 'Toegevoegd');
    await zelf.getByRole('checkbox', { name: 'Elke dinsdag samen de post openmaken' }).waitFor();
    await waitForText(
      section(sandra, 'Wie uit mijn omgeving helpt'),
      'Elke dinsdag samen de post openmaken',
    );

    // The regiehouder sees it live in the plan, and a notification.
    await waitForText(panel, 'Elke dinsdag samen de post openmaken', LIVE_TIMEOUT_MS);
    await waitForText(panel, 'Sandra Bakker');
    await waitForUnread(meldingen, before + 1);

    // She reacts to the professional's action.
    const hulp = section(sandra, 'Wie helpt mij');
    const schuldhulp = hulp
      .locator('li.mp-actie')
      .filter({ hasText: 'Aanmelden bij de schuldhulpverlening' });
    await schuldhulp.getByRole('button', { name: 'Reageer' }).click();
    await schuldhulp
      .getByLabel(/Jouw reactie op/)
      .fill('Fijn, ik neem ook de brief van de energie mee.');
    await schuldhulp.getByRole('button', { name: 'Verstuur' }).click();
    await waitForText(schuldhulp.locator('.mp-reacties'), 'brief van de energie');
    await waitForText(panel, 'brief van de energie', LIVE_TIMEOUT_MS);

    // She ticks her action off; the regiehouder sees that too.
    await zelf.locator('label', { hasText: 'Elke dinsdag samen de post openmaken' }).click();
    await expect(
      zelf.getByRole('checkbox', { name: 'Elke dinsdag samen de post openmaken' }).isChecked(),
    ).resolves.toBe(true);
    await waitForText(
      panel.locator('li').filter({ hasText: 'Elke dinsdag samen de post openmaken' }),
      'Gedaan',
      LIVE_TIMEOUT_MS,
    );
    await waitForText(status, 'Alles is bewaard', LIVE_TIMEOUT_MS);
    await screenshot(sandra, 'mijn-plan-360-na');
    await screensOf(sandra, 'mijn-plan-360-na');

    // The notifications, in the header of the regiehouder.
    await waitForUnread(meldingen, before + 2);
    await meldingen.click();
    const list = johan.locator('.meldingen__panel');
    await waitForText(list, 'Sandra Bakker (Gezin Bakker) zet een eigen actie in het plan');
    await waitForText(list, 'reageert op de actie “Aanmelden bij de schuldhulpverlening”');
    await screenshotOf(list, 'mijn-plan-regiehouder-meldingen');
    await screenshotOf(panel, 'mijn-plan-regiehouder-plan');

    // Offline: the service worker keeps the app shell, IndexedDB the plan, localStorage the rest.
    await sandra.waitForFunction(
      async () => {
        if (!navigator.serviceWorker?.controller) return false;
        const keys = await (await caches.open('spil-assets-v1')).keys();
        return keys.some((k) => k.url.includes('/assets/MijnPlanPage-'));
      },
      undefined,
      { timeout: LIVE_TIMEOUT_MS, polling: 200 },
    );
    await server.stop();
    stopped = true;
    await phone.setOffline(true);
    await sandra.reload();
    await sandra
      .getByRole('heading', { level: 1, name: 'Mijn plan' })
      .waitFor({ timeout: LIVE_TIMEOUT_MS });
    await waitForText(
      section(sandra, 'Wat ga ik zelf doen'),
      'Elke dinsdag samen de post openmaken',
      LIVE_TIMEOUT_MS,
    );
    await waitForText(section(sandra, 'Wie heeft de regie'), 'Johan Kuipers');
    await waitForText(sandra.locator('main'), 'zoals het de laatste keer was');
    await waitForText(status, 'Geen internet', LIVE_TIMEOUT_MS);
    await screenshot(sandra, 'mijn-plan-360-offline');
    await sandra.screenshot({ path: join(SCREENS, 'mijn-plan-360-offline-boven.png') });
  });
});
