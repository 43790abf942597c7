import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  expectAxeClean,
  loginViaForm,
  newContext,
  screenshot,
  screenshotOf,
  e2eSession,
  waitForText,
} from './support';

const SAVED_TIMEOUT_MS = 15_000;

async function openBakker(page: Page, baseUrl: string, key: string): Promise<void> {
  await loginViaForm(page, baseUrl, key);
  await page.getByRole('link', { name: 'Gezin Bakker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
  await editor(page, 'situatie').waitFor();
}

/** The plan van aanpak section: other sections of the page have live parts of their own. */
function plan(page: Page) {
  return page.locator('section[aria-labelledby="plan"]');
}

function editor(page: Page, field: 'situatie' | 'hulpvraag') {
  return plan(page).locator(`.rte__content[data-field="${field}"]`);
}

function status(page: Page) {
  return plan(page).locator('.plan-bar [role="status"]');
}

async function waitSaved(page: Page): Promise<void> {
  await waitForText(status(page), 'Opgeslagen', SAVED_TIMEOUT_MS);
}

describe('two professionals co-edit the plan of Gezin Bakker', () => {
  const e2e = e2eSession();

  it('each sees the other’s text and named caret, and the plan is stored', async () => {
    const [mwContext, haContext] = await Promise.all([
      newContext(e2e.browser),
      newContext(e2e.browser),
    ]);
    e2e.track(mwContext, haContext);
    const mw = await mwContext.newPage();
    const ha = await haContext.newPage();
    await openBakker(mw, e2e.server.url, 'maatschappelijk-werker');
    await openBakker(ha, e2e.server.url, 'huisarts');

    // Both are connected and see each other in the presence list.
    await waitSaved(mw);
    await waitSaved(ha);
    await waitForText(plan(mw).locator('.presence__list'), 'Pieter Hendriks');
    await waitForText(plan(ha).locator('.presence__list'), 'Johan Kuipers');

    // The maatschappelijk werker writes the situation; the huisarts sees it.
    await editor(mw, 'situatie').click();
    await mw.keyboard.type('Sandra zoekt rust in huis. ');
    await waitForText(editor(ha, 'situatie'), 'Sandra zoekt rust in huis.');

    // The huisarts adds to it at the end; the maatschappelijk werker sees it.
    await editor(ha, 'situatie').click();
    await ha.keyboard.press('End');
    await ha.keyboard.type('Noah slaapt slecht.');
    await waitForText(editor(mw, 'situatie'), 'Noah slaapt slecht.');

    // Each sees the other's caret, with their name.
    await waitForText(
      editor(mw, 'situatie').locator('.collaboration-carets__label'),
      'Pieter Hendriks',
    );
    await ha.keyboard.type(' ');
    await mw.keyboard.type('!');
    await waitForText(
      editor(ha, 'situatie').locator('.collaboration-carets__label'),
      'Johan Kuipers',
    );

    // Structured parts of the plan travel too: a ZRM score and an action with an owner.
    await plan(mw)
      .getByRole('group', { name: /Financiën/ })
      .getByLabel('ZRM-score')
      .selectOption('2');
    await eventuallyValue(
      plan(ha)
        .getByRole('group', { name: /Financiën/ })
        .getByLabel('ZRM-score'),
      '2',
    );
    const form = plan(mw).getByRole('form', { name: 'Nieuwe actie' });
    await form.getByLabel('Wat gaat er gebeuren').fill('Slaapadvies voor Noah');
    await form.getByLabel('Eigenaar').selectOption({ label: 'Pieter Hendriks – Huisarts' });
    await form.getByLabel('Uiterlijk op').fill('2030-06-01');
    await form
      .getByLabel('Wanneer schakel je de ander in')
      .fill('Als het na twee weken niet beter gaat');
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    const action = plan(ha)
      .locator('.actie-list > li')
      .filter({ hasText: 'Slaapadvies voor Noah' });
    await action.waitFor();
    await waitForText(action, 'Eigenaar: Pieter Hendriks');
    await waitForText(action, '1 juni 2030');

    // Deleting text is an edit too: it must be stored before "Opgeslagen".
    await ha.keyboard.press('Backspace');

    await waitSaved(mw);
    await waitSaved(ha);
    await expectAxeClean(mw, 'plan page (maatschappelijk werker)');
    await expectAxeClean(ha, 'plan page (huisarts)');
    await screenshot(mw, 'b1-plan-mw');
    await screenshot(ha, 'b2-plan-huisarts');
    await screenshotOf(plan(mw).locator('.plan-bar'), 'b3-plan-bar-mw');
    await screenshotOf(plan(mw).locator('.rte').first(), 'b4-situatie-mw');
    await screenshotOf(plan(ha).locator('.rte').first(), 'b5-situatie-huisarts');
    await screenshotOf(action, 'b6-actie-huisarts');

    // What was stored comes back after a reload.
    await ha.reload();
    await waitForText(editor(ha, 'situatie'), 'Noah slaapt slecht.');
    await waitSaved(ha);
    await plan(ha)
      .locator('.actie-list > li')
      .filter({ hasText: 'Slaapadvies voor Noah' })
      .waitFor();
    expect(
      await plan(ha)
        .getByRole('group', { name: /Financiën/ })
        .getByLabel('ZRM-score')
        .inputValue(),
    ).toBe('2');
  });

  it('a meelezer sees the plan read-only, with the reason', async () => {
    const context = await newContext(e2e.browser);
    e2e.track(context);
    const page = await context.newPage();
    await openBakker(page, e2e.server.url, 'wmo-consulent');
    await waitForText(
      plan(page).locator('.notice').filter({ hasText: 'Alleen lezen' }),
      'meelezer',
    );
    expect(await editor(page, 'situatie').getAttribute('aria-readonly')).toBe('true');
    expect(await editor(page, 'situatie').getAttribute('contenteditable')).toBe('false');
    expect(await plan(page).getByRole('button', { name: 'Vet' }).count()).toBe(0);
    expect(await plan(page).getByRole('button', { name: 'Actie toevoegen' }).count()).toBe(0);
    expect(
      await plan(page)
        .getByRole('group', { name: /Financiën/ })
        .getByLabel('ZRM-score')
        .isDisabled(),
    ).toBe(true);
    await waitSaved(page);
    await expectAxeClean(page, 'plan page (meelezer)');
    await screenshotOf(plan(page).locator('.notice').first(), 'c1-readonly-notice');
  });

  it('keeps edits made offline through a closed tab and stores them once back online', async () => {
    const context = await newContext(e2e.browser);
    e2e.track(context);
    const page = await context.newPage();
    await openBakker(page, e2e.server.url, 'jeugdconsulent');
    await waitSaved(page);

    await context.setOffline(true);
    await waitForText(status(page), 'Offline: je wijzigingen worden bewaard');
    await editor(page, 'hulpvraag').click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Offline getypt tijdens het overleg.');
    expect(await status(page).textContent()).toContain('Offline');
    await screenshotOf(plan(page).locator('.plan-bar'), 'b7-plan-bar-offline');
    // The laptop closes: the tab is gone before anything reached the server.
    await page.close();

    await context.setOffline(false);
    const again = await context.newPage();
    await again.goto(`${e2e.server.url}/`);
    await again.getByRole('link', { name: 'Gezin Bakker' }).click();
    await waitForText(editor(again, 'hulpvraag'), 'Offline getypt tijdens het overleg.');
    await waitSaved(again);

    // Stored on the server: someone else sees it.
    const otherContext = await newContext(e2e.browser);
    e2e.track(otherContext);
    const other = await otherContext.newPage();
    await openBakker(other, e2e.server.url, 'poh-jeugd');
    await waitForText(editor(other, 'hulpvraag'), 'Offline getypt tijdens het overleg.');
  });
});

async function eventuallyValue(
  locator: ReturnType<Page['getByLabel']>,
  value: string,
  timeout = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await locator.inputValue()) !== value) {
    if (Date.now() > deadline)
      throw new Error(`Expected value ${value}, got ${await locator.inputValue()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
