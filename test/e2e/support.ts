/**
 * Browser tests: the built client served by a real Spil server, in Debian's
 * Chromium through playwright-core (never a downloaded browser).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { startTestServer, type TestServer } from '../support/server';

export const CHROMIUM = '/usr/bin/chromium';
export const CLIENT_DIST = resolve(__dirname, '../../client/dist');
export const SCREENS = resolve(__dirname, '../../.tmp/screens');

/** A server that serves the built client. `pnpm test:e2e` builds it first. */
export async function startE2eServer(): Promise<TestServer> {
  if (!existsSync(join(CLIENT_DIST, 'index.html'))) {
    throw new Error(
      `No built client in ${CLIENT_DIST}: run \`pnpm --filter @spil/client build\` (pnpm test:e2e does).`,
    );
  }
  return startTestServer('embedded', { env: { CLIENT_DIST } });
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: CHROMIUM,
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
}

/** A fresh user's browser: own cookies and IndexedDB, Dutch locale. */
export function newContext(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<BrowserContext> {
  return browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport });
}

/**
 * One server and one browser for a test file, started before its tests and
 * stopped after them together with every context handed to `track`.
 */
export function e2eSession(): {
  readonly server: TestServer;
  readonly browser: Browser;
  track(...c: BrowserContext[]): void;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    [server, browser] = await Promise.all([startE2eServer(), launchBrowser()]);
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('e2e server not started');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('e2e browser not started');
      return browser;
    },
    track: (...c) => void contexts.push(...c),
  };
}

export const demoEmail = (key: string) => `${key}@demo.spil.test`;

/** Log in through the login form, as a user would. */
export async function loginViaForm(
  page: Page,
  baseUrl: string,
  key: string,
  password = 'spil-demo',
): Promise<void> {
  await page.goto(`${baseUrl}/inloggen`);
  await page.getByLabel('E-mailadres').fill(demoEmail(key));
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
}

/**
 * Open a section of the household page by its tab, as a user would (the page
 * opens on Plan van aanpak; `Alles` shows every section).
 */
export async function openHouseholdTab(page: Page, name: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Onderdelen van het huishouden' });
  await nav.getByRole('link', { name, exact: true }).click();
  await nav.locator('a[aria-current="page"]', { hasText: name }).waitFor();
}

/** WCAG 2.1 A and AA by axe-core: no violations at all. */
export async function expectAxeClean(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? '?'}): ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(summary, `axe on ${what}`).toEqual([]);
}

/** A full-page PNG in .tmp/screens/, to look at. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENS, { recursive: true });
  const path = join(SCREENS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** A PNG of one element, for a closer look than a full page gives. */
export async function screenshotOf(locator: Locator, name: string): Promise<string> {
  mkdirSync(SCREENS, { recursive: true });
  const path = join(SCREENS, `${name}.png`);
  await locator.screenshot({ path });
  return path;
}

/** Wait until a locator's text contains `text`. */
export async function waitForText(locator: Locator, text: string, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const current = (await locator.textContent().catch(() => null)) ?? '';
    if (current.includes(text)) return;
    if (Date.now() > deadline)
      throw new Error(`Expected "${text}" in ${locator.toString()}, got "${current}"`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type EventsTap = { blocked: boolean; refused: number; opened: number; live: WebSocket[] };
type TapWindow = { __eventsTap: EventsTap };

/**
 * Route the page's events socket (socket.io; not the collab one) through a tap
 * the test can cut: blocked, the open socket drops and new ones fail, as when
 * the network is down. Call before the page loads the app.
 */
export async function tapEventsSocket(page: Page): Promise<{
  count: (key: 'opened' | 'refused') => Promise<number>;
  setBlocked: (blocked: boolean) => Promise<void>;
}> {
  await page.addInitScript(() => {
    const Real = window.WebSocket;
    const tap: EventsTap = { blocked: false, refused: 0, opened: 0, live: [] };
    (window as unknown as TapWindow).__eventsTap = tap;
    class Tapped extends Real {
      constructor(url: string | URL, protocols?: string | string[]) {
        const events = String(url).includes('/socket.io/');
        super(events && tap.blocked ? 'ws://127.0.0.1:1/' : url, protocols);
        if (!events) return;
        if (tap.blocked) tap.refused++;
        else {
          tap.opened++;
          tap.live.push(this);
        }
      }
    }
    window.WebSocket = Tapped;
  });
  return {
    count: (key) => page.evaluate((k) => (window as unknown as TapWindow).__eventsTap[k], key),
    setBlocked: (blocked) =>
      page.evaluate((b) => {
        const t = (window as unknown as TapWindow).__eventsTap;
        t.blocked = b;
        if (b) for (const ws of t.live.splice(0)) ws.close();
      }, blocked),
  };
}
