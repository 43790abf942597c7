/**
 * Three gaps a user runs into: the team management and the ZRM spider chart on
 * a 360 px phone (no sideways scrolling, every chart label inside the chart),
 * an inwoner who types a professional's address, and the "Meldingen" badge
 * after the events socket was down while a notification was made.
 */
import { PlanDoc, type ActionRowDto } from '@spil/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connect, synced } from '../collab/helpers';
import { householdByName } from '../factories';
import { api, eventually, loginAs } from '../support/http';
import {
  demoEmail,
  e2eSession,
  expectAxeClean,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshot,
  screenshotOf,
  tapEventsSocket,
  waitForText,
} from './support';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const LIVE_TIMEOUT_MS = 20_000;

/** How far the page is wider than the window (0 when it fits). */
function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/** Elements under `root` whose box sticks out of the window sideways. */
function outsideWindow(root: Locator): Promise<string[]> {
  return root.evaluate((el) => {
    const out: string[] = [];
    for (const child of el.querySelectorAll<HTMLElement>('*')) {
      const r = child.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.left < -0.5 || r.right > window.innerWidth + 0.5)
        out.push(
          `${child.tagName.toLowerCase()}.${child.className} "${(child.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.left)}..${Math.round(r.right)}`,
        );
    }
    return out;
  });
}

/** Angle-axis labels of the spider chart that are not wholly inside its SVG box. */
function labelsOutsideSvg(spider: Locator): Promise<{ labels: string[]; outside: string[] }> {
  return spider.evaluate((el) => {
    const svg = el.querySelector('svg:has(.recharts-polar-grid)');
    if (!svg) throw new Error('no chart svg');
    const box = svg.getBoundingClientRect();
    const labels: string[] = [];
    const outside: string[] = [];
    for (const t of el.querySelectorAll('.recharts-polar-angle-axis-tick text')) {
      const r = t.getBoundingClientRect();
      const lines = [...t.querySelectorAll('tspan')].map((l) => l.textContent ?? '');
      const text = lines.length > 0 ? lines.join(' ') : (t.textContent ?? '');
      labels.push(text);
      if (
        r.left < box.left - 0.5 ||
        r.right > box.right + 0.5 ||
        r.top < box.top - 0.5 ||
        r.bottom > box.bottom + 0.5 ||
        box.right > window.innerWidth + 0.5
      )
        outside.push(
          `"${text}" ${Math.round(r.left)}..${Math.round(r.right)} × ${Math.round(r.top)}..${Math.round(r.bottom)} in ${Math.round(box.left)}..${Math.round(box.right)} × ${Math.round(box.top)}..${Math.round(box.bottom)}`,
        );
    }
    return { labels, outside };
  });
}

async function openMulder(page: Page, baseUrl: string): Promise<void> {
  await loginViaForm(page, baseUrl, 'coordinator');
  await page.getByRole('link', { name: 'Gezin Mulder' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gezin Mulder' }).waitFor();
  // The team and the ZRM chart together.
  await openHouseholdTab(page, 'Alles');
  await page.locator('[data-section="teambeheer"] [data-member]').first().waitFor();
  await page.getByTestId('zrm-spider').locator('.recharts-polar-angle-axis-tick').first().waitFor();
}

/** The unread count on the "Meldingen" button (0 when it shows none). */
async function unread(button: Locator): Promise<number> {
  const m = /(\d+)/.exec((await button.textContent()) ?? '');
  return m ? Number(m[1]) : 0;
}

describe('on a phone and after a lost connection', () => {
  const e2e = e2eSession();

  async function context(viewport = DESKTOP): Promise<BrowserContext> {
    const c = await newContext(e2e.browser, viewport);
    e2e.track(c);
    return c;
  }

  it('fits the team management and the ZRM chart on a 360 px screen', async () => {
    const page = await (await context(PHONE)).newPage();
    await openMulder(page, e2e.server.url);

    const manage = page.locator('[data-section="teambeheer"]');
    const members = manage.locator('[data-member]');
    expect(await members.count()).toBeGreaterThan(1);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    expect(await outsideWindow(manage)).toEqual([]);
    // Every member's controls keep a name that says whose they are.
    const first = members.first();
    const name = (await first.locator('[data-member-name]').textContent())?.trim() ?? '';
    expect(name).not.toBe('');
    await first.getByRole('combobox', { name: `Rol van ${name}` }).waitFor();
    await first.getByRole('button', { name: `Rol wijzigen van ${name}` }).waitFor();
    await first.getByRole('button', { name: `Verwijderen uit het team: ${name}` }).waitFor();

    // By keyboard: choose another role, Tab to "Rol wijzigen", which is on screen.
    const role = first.getByRole('combobox', { name: `Rol van ${name}` });
    const current = await role.inputValue();
    await role.focus();
    await role.selectOption(current === 'lid' ? 'meelezer' : 'lid');
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      const r = el?.getBoundingClientRect();
      return { text: el?.textContent ?? '', right: r?.right ?? 1e9, left: r?.left ?? -1 };
    });
    expect(focused.text).toBe(`Rol wijzigen van ${name}`);
    expect(focused.left).toBeGreaterThanOrEqual(0);
    expect(focused.right).toBeLessThanOrEqual(PHONE.width);
    await role.selectOption(current);

    const spider = page.getByTestId('zrm-spider');
    const { labels, outside } = await labelsOutsideSvg(spider);
    expect(labels.length).toBeGreaterThanOrEqual(3);
    expect(outside).toEqual([]);
    // Shortened labels still say in full what they stand for, in the table beside the chart.
    const figure = page.locator('.zrm-figure');
    expect(await outsideWindow(figure.locator('.zrm-chart'))).toEqual([]);
    await figure.locator('table').getByRole('rowheader', { name: 'Financiën' }).waitFor();
    // The table is wider than a phone: a named region, reached by Tab and scrolled with the arrow keys.
    await screenshotOf(figure, 'phone-zrm-360');
    const region = figure.getByRole('region', { name: 'ZRM-scores van Anouk' });
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await region.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await eventually(async () =>
      expect(await region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0),
    );
    // The domain names stay in view while the moments scroll past.
    const nameBox = await figure.getByRole('rowheader', { name: 'Financiën' }).boundingBox();
    expect(nameBox?.x ?? -1).toBeGreaterThanOrEqual(0);

    await expectAxeClean(page, 'household at 360 px');
    await screenshotOf(manage, 'phone-team-360');
    await screenshotOf(region, 'phone-zrm-table-360-scrolled');
    await screenshot(page, 'phone-household-360');
  });

  it('keeps the team table and the full chart labels at desktop width', async () => {
    const page = await (await context(DESKTOP)).newPage();
    await openMulder(page, e2e.server.url);
    const manage = page.locator('[data-section="teambeheer"]');
    // A real table with visible column headers.
    const headers = manage.locator('thead th');
    expect(await headers.allTextContents()).toEqual(['Professional', 'Rol', 'Acties']);
    expect(await headers.first().isVisible()).toBe(true);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    const { labels, outside } = await labelsOutsideSvg(page.getByTestId('zrm-spider'));
    expect(labels).toContain('Financiën');
    expect(labels).toContain('Maatschappelijke participatie');
    expect(outside).toEqual([]);
    // Wide enough: the ZRM table is no scroll region, so no extra Tab stop.
    expect(await page.locator('.zrm-figure [role="region"]').count()).toBe(0);
    await expectAxeClean(page, 'household at desktop width');
    await screenshotOf(manage, 'desktop-team');
    await screenshotOf(page.locator('.zrm-figure'), 'desktop-zrm');
  });

  it('sends an inwoner who types a professional address to Mijn plan', async () => {
    const bakker = await householdByName(e2e.server, 'Gezin Bakker');
    const visser = await householdByName(e2e.server, 'Gezin Visser');
    const page = await (await context(PHONE)).newPage();
    await page.goto(`${e2e.server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill(demoEmail('inwoner'));
    await page.getByLabel('Wachtwoord').fill('spil-demo');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mijn plan' }).waitFor();

    const mijnPlan = page.getByRole('heading', { level: 1, name: 'Mijn plan' });
    // Her own household, by address: Mijn plan of that household, not the professionals' page.
    await page.goto(`${e2e.server.url}/huishoudens/${bakker.id}`);
    await mijnPlan.waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(new URL(page.url()).searchParams.get('huishouden')).toBe(bakker.id);
    expect(await page.locator('[data-section="teambeheer"]').count()).toBe(0);
    expect(await page.getByText('Casusteam', { exact: true }).count()).toBe(0);

    // Another household: no error page, no hint that it exists; her own plan.
    await page.goto(`${e2e.server.url}/huishoudens/${visser.id}`);
    await mijnPlan.waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.getByText('Gezin Visser').count()).toBe(0);

    // Other pages for professionals only, also when reached inside the app.
    for (const path of [`/huishoudens/${bakker.id}/overleg/plannen`, '/mijn-acties', '/regie']) {
      await page.goto(`${e2e.server.url}${path}`);
      await mijnPlan.waitFor();
      expect(new URL(page.url()).pathname, path).toBe('/');
    }
    // A notification about her household leads to Mijn plan, not to the professionals' page.
    const johan = await loginAs(e2e.server.url, 'maatschappelijk-werker');
    const sandra = await loginAs(e2e.server.url, 'inwoner');
    const inAWeek = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const invited = await api(e2e.server.url, 'POST', `/api/households/${bakker.id}/meetings`, {
      token: johan.token,
      body: {
        kind: 'mdo',
        date: inAWeek,
        time: '14:30',
        durationMinutes: 60,
        location: 'Wijkcentrum Oost',
        inviteeIds: [johan.user.id, sandra.user.id],
      },
    });
    expect(invited.status).toBe(201);
    await page.reload();
    await mijnPlan.waitFor();
    await page.getByRole('button', { name: /^Meldingen/ }).click();
    const link = page
      .getByRole('region', { name: 'Meldingen' })
      .getByRole('link', { name: /^Naar mijn plan\b.*Uitgenodigd: MDO/ });
    expect(await link.getAttribute('href')).toBe(`/?huishouden=${bakker.id}`);
    await link.click();
    await mijnPlan.waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    await page.evaluate((id) => {
      window.history.pushState({}, '', `/huishoudens/${id}`);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, bakker.id);
    await eventually(() => expect(new URL(page.url()).pathname).toBe('/'), 10_000);
    await mijnPlan.waitFor();
    await expectAxeClean(page, 'Mijn plan after a redirect');
  });

  it('still opens the household page for a professional', async () => {
    const bakker = await householdByName(e2e.server, 'Gezin Bakker');
    const page = await (await context()).newPage();
    await loginViaForm(page, e2e.server.url, 'huisarts');
    await page.goto(`${e2e.server.url}/huishoudens/${bakker.id}`);
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/huishoudens/${bakker.id}`);
    await page.goto(`${e2e.server.url}/?huishouden=${bakker.id}`);
    await page.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
  });

  it('brings the Meldingen badge up to date after the events socket reconnects', async () => {
    const { server } = e2e;
    const bakker = await householdByName(server, 'Gezin Bakker');
    const mw = await loginAs(server.url, 'maatschappelijk-werker'); // regiehouder
    const jc = await loginAs(server.url, 'jeugdconsulent');

    // An action owned by the jeugdconsulent, so that they can send a terugkoppeling.
    const plan = connect(server.wsUrl, mw.token, bakker.id);
    let actieId = '';
    try {
      await synced(plan);
      actieId = new PlanDoc(plan.doc).addActie({
        titel: 'Aanvraag jeugdhulp na herverbinden',
        eigenaarId: jc.user.id,
        deadline: '2026-12-01',
      });
      await eventually(async () => {
        const rows = await api<ActionRowDto[]>(server.url, 'GET', '/api/me/actions', {
          token: jc.token,
        });
        expect(rows.body.map((a) => a.id)).toContain(actieId);
      }, 10_000);
    } finally {
      plan.destroy();
    }

    const page = await (await context()).newPage();
    const { count, setBlocked } = await tapEventsSocket(page);

    await loginViaForm(page, server.url, 'maatschappelijk-werker');
    const meldingen = page.getByRole('button', { name: /^Meldingen/ });
    await eventually(async () => expect(await count('opened')).toBeGreaterThan(0), 10_000);
    await page.locator('.meldingen__button[data-loaded="true"]').waitFor();
    const before = await unread(meldingen);

    // The connection drops and stays down while the terugkoppeling is sent.
    await setBlocked(true);
    await eventually(async () => expect(await count('refused')).toBeGreaterThan(0), 15_000);
    const res = await api(
      server.url,
      'POST',
      `/api/households/${bakker.id}/acties/${actieId}/terugkoppeling`,
      { token: jc.token, body: { tekst: 'Aanvraag is ingediend', status: 'bezig' } },
    );
    expect(res.status).toBe(201);
    // Stored for the regiehouder, but this tab could not hear of it.
    await eventually(async () => {
      const list = await api<{ title: string; readAt: string | null }[]>(
        server.url,
        'GET',
        '/api/me/notifications',
        { token: mw.token },
      );
      expect(list.body.filter((n) => !n.readAt).length).toBe(before + 1);
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(await unread(meldingen)).toBe(before);

    // Back online: the badge catches up without the panel being opened.
    const openedBefore = await count('opened');
    await setBlocked(false);
    await eventually(
      async () => expect(await count('opened')).toBeGreaterThan(openedBefore),
      LIVE_TIMEOUT_MS,
    );
    await waitForText(meldingen, String(before + 1), LIVE_TIMEOUT_MS);
    expect(await unread(meldingen)).toBe(before + 1);
    expect(await meldingen.getAttribute('aria-expanded')).toBe('false');
  });
});
