/**
 * Plain text fields of the plan (an action's "Wanneer schakel je de ander in")
 * merge character by character: three people typing into the same field at
 * the same moment each keep their sentence, on every screen and after a
 * reload; the others in the field are named; an IME composition is not
 * disturbed by remote typing and loses nothing. The forms that add an action
 * or a goal count characters the same way (an emoji is one).
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { PlanDoc } from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import { eventually } from '../support/http';
import {
  e2eSession,
  expectAxeClean,
  loginViaForm,
  newContext,
  screenshotOf,
  waitForText,
} from './support';

const SAVED_TIMEOUT_MS = 20_000;

function plan(page: Page) {
  return page.locator('section[aria-labelledby="plan"]');
}
/** The first action of the plan, and its "Wanneer schakel je de ander in". */
function actie(page: Page) {
  return plan(page).locator('.actie-list > li').first();
}
function field(page: Page) {
  return actie(page).getByLabel('Wanneer schakel je de ander in', { exact: true });
}
async function waitSaved(page: Page): Promise<void> {
  await waitForText(
    plan(page).locator('.plan-bar [role="status"]'),
    'Opgeslagen',
    SAVED_TIMEOUT_MS,
  );
}
async function openBakker(page: Page, baseUrl: string, key: string): Promise<void> {
  await loginViaForm(page, baseUrl, key);
  await page.getByRole('link', { name: 'Gezin Bakker' }).click();
  await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
  // Actions are a compact list: open the first one to edit it (kept in the URL on reload).
  await actie(page)
    .getByRole('button', { name: /^Openen/ })
    .click();
  await field(page).waitFor();
  await waitSaved(page);
}

/** `start`, filled up with `emoji` to `n` characters (code points). */
function exactly(n: number, start: string, emoji: string): string {
  const text = start + emoji.repeat(n - [...start].length);
  expect([...text].length).toBe(n);
  return text;
}

const PEOPLE = [
  { key: 'maatschappelijk-werker', name: 'Johan Kuipers', zin: 'Johan belt de school op maandag.' },
  { key: 'huisarts', name: 'Pieter Hendriks', zin: 'Pieter verwijst bij slapeloosheid door.' },
  { key: 'poh-jeugd', name: 'Samira El Idrissi', zin: 'Samira plant een gesprek met Noah.' },
] as const;

describe('three people type into the same plain field at once', () => {
  const e2e = e2eSession();

  it('keeps every sentence on every screen and after a reload, and names who is in the field', async () => {
    const contexts = await Promise.all(PEOPLE.map(() => newContext(e2e.browser)));
    e2e.track(...contexts);
    const pages = await Promise.all(contexts.map((c) => c.newPage()));
    for (const [i, p] of PEOPLE.entries())
      await openBakker(pages[i] as Page, e2e.server.url, p.key);

    // All three at the end of the field, then typing at the same moment.
    for (const page of pages) {
      await field(page).click();
      await page.keyboard.press('Control+End');
      await page.keyboard.type(' ');
    }
    await Promise.all(
      pages.map((page, i) => field(page).pressSequentially(PEOPLE[i]!.zin, { delay: 35 })),
    );
    for (const page of pages) await page.keyboard.press('Tab');
    for (const page of pages) await waitSaved(page);

    // The same text on every screen: count the sentences that survived.
    let values: string[] = [];
    await eventually(async () => {
      values = await Promise.all(pages.map((p) => field(p).inputValue()));
      expect(new Set(values).size).toBe(1);
    }, 20_000).catch(() => undefined);
    const survived = values.map((v) => PEOPLE.filter((p) => v.includes(p.zin)).length);
    console.log(
      `[concurrent-typing] sentences on each screen: ${survived.map((n) => `${n} of ${PEOPLE.length}`).join(', ')}`,
    );
    for (const v of values) for (const p of PEOPLE) expect(v).toContain(p.zin);
    expect(new Set(values).size).toBe(1);

    // Stored: after a reload, still all three.
    await pages[1]!.reload();
    await field(pages[1]!).waitFor();
    await waitSaved(pages[1]!);
    const reloaded = await field(pages[1]!).inputValue();
    for (const p of PEOPLE) expect(reloaded).toContain(p.zin);

    // Whoever else is in the field is named next to it.
    for (const page of pages) await field(page).click();
    const presence = actie(pages[0]!).locator('.field-presence');
    await waitForText(presence, 'Pieter Hendriks');
    await waitForText(presence, 'Samira El Idrissi');
    expect(await presence.textContent()).not.toContain('Johan Kuipers');
    await expectAxeClean(pages[0]!, 'plan with others in a plain field');
    await screenshotOf(actie(pages[0]!), 'p1-plain-field-presence');
  });

  it('an IME composition is not disturbed by remote typing, and both texts stay', async () => {
    const contexts = await Promise.all([newContext(e2e.browser), newContext(e2e.browser)]);
    e2e.track(...contexts);
    const [mw, ha] = await Promise.all(contexts.map((c) => c.newPage()));
    await openBakker(mw!, e2e.server.url, 'maatschappelijk-werker');
    await openBakker(ha!, e2e.server.url, 'huisarts');

    await field(mw!).click();
    await mw!.keyboard.press('Control+Home');
    const cdp = await mw!.context().newCDPSession(mw!);
    await cdp.send('Input.imeSetComposition', { text: 'かい', selectionStart: 2, selectionEnd: 2 });
    // Meanwhile the huisarts types at the end of the same field.
    await field(ha!).click();
    await ha!.keyboard.press('Control+End');
    await ha!.keyboard.type(' Ook de POH belt.');
    await waitSaved(ha!);
    // The composition is still going on, untouched.
    expect((await field(mw!).inputValue()).startsWith('かい')).toBe(true);
    await cdp.send('Input.imeSetComposition', {
      text: 'かいぎ',
      selectionStart: 3,
      selectionEnd: 3,
    });
    await cdp.send('Input.insertText', { text: '会議' });
    await mw!.keyboard.press('Tab');
    await waitSaved(mw!);
    await eventually(async () => {
      const [a, b] = await Promise.all([field(mw!).inputValue(), field(ha!).inputValue()]);
      expect(a).toBe(b);
      expect(a.startsWith('会議')).toBe(true);
      expect(a).toContain('Ook de POH belt.');
      expect(a).not.toContain('かい');
    }, 15_000);
  });

  it('a local copy with schema-1 edits is refused (4409) and shows the text it could not store', async () => {
    const bakker = (await householdByName(e2e.server, 'Gezin Bakker')).id;
    const collab = e2e.server.app.get(CollabService);
    // The local copy as an old client left it: the plan, plus an action's text written as a plain string.
    const copy = await collab.readDoc(bakker);
    const id = new PlanDoc(copy).acties()[0]!.id;
    const before = new PlanDoc(copy).actie(id)!.inschakelen;
    const unsent = 'Offline geschreven met de oude versie: bel eerst Sandra';
    (copy.getMap('acties').get(id) as Y.Map<unknown>).set('inschakelen', unsent);
    const state = Array.from(Y.encodeStateAsUpdate(copy));

    const context = await newContext(e2e.browser);
    e2e.track(context);
    const page = await context.newPage();
    await loginViaForm(page, e2e.server.url, 'maatschappelijk-werker');
    // What y-indexeddb would have kept: the update in the plan's local database.
    await page.evaluate(
      async ({ name, bytes }) => {
        await new Promise<void>((resolve, reject) => {
          const req = indexedDB.open(name);
          req.onupgradeneeded = () => {
            req.result.createObjectStore('updates', { autoIncrement: true });
            req.result.createObjectStore('custom');
          };
          req.onerror = () => reject(new Error('indexedDB'));
          req.onsuccess = () => {
            const tx = req.result.transaction('updates', 'readwrite');
            tx.objectStore('updates').add(new Uint8Array(bytes));
            tx.oncomplete = () => {
              req.result.close();
              resolve();
            };
          };
        });
      },
      { name: `spil-plan-${bakker}`, bytes: state },
    );
    await page.getByRole('link', { name: 'Gezin Bakker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();

    await waitForText(plan(page).getByRole('alert'), 'Spil is bijgewerkt', 20_000);
    const kept = plan(page).getByLabel('Actie: wanneer schakel je de ander in', { exact: true });
    expect(await kept.inputValue()).toBe(unsent);
    await expectAxeClean(page, 'plan after 4409 with unsent text');
    await screenshotOf(
      plan(page).locator('.notice').filter({ hasText: 'Niet opgeslagen' }),
      'p2-unsent',
    );
    // The server kept the migrated text; reloading drops the old copy.
    expect(new PlanDoc(await collab.readDoc(bakker)).actie(id)!.inschakelen).toBe(before);
    await plan(page).getByRole('button', { name: 'Opnieuw laden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    await waitSaved(page);
    expect(await plan(page).getByRole('alert').count()).toBe(0);
  });

  it('a new action or goal counts characters as the plan does: an emoji is one', async () => {
    const context = await newContext(e2e.browser);
    e2e.track(context);
    const page = await context.newPage();
    await loginViaForm(page, e2e.server.url, 'maatschappelijk-werker');
    await page.getByRole('link', { name: 'Gezin Bakker' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    await waitSaved(page);
    const bakker = (await householdByName(e2e.server, 'Gezin Bakker')).id;
    const collab = e2e.server.app.get(CollabService);

    // 300 characters, 586 UTF-16 units: `maxLength={300}` would have cut it off at 150 telephones.
    const actie = exactly(300, 'Bel de school 📞', '📞');
    const form = plan(page).getByRole('form', { name: 'Nieuwe actie' });
    const titel = form.getByLabel('Wat gaat er gebeuren');
    await titel.fill(actie + '📞');
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    await waitForText(form, 'De actie mag hoogstens 300 tekens hebben; nu zijn het er 301.');
    expect(await titel.getAttribute('aria-invalid')).toBe('true');
    expect(await titel.evaluate((el) => el === document.activeElement)).toBe(true);
    await expectAxeClean(page, 'new action refused for its length');
    await titel.fill(actie);
    await form.getByRole('button', { name: 'Actie toevoegen' }).click();
    await plan(page).locator('.actie-list > li').filter({ hasText: 'Bel de school 📞' }).waitFor();
    expect(await titel.inputValue()).toBe('');
    expect(await form.locator('.field__error').count()).toBe(0);

    const doel = exactly(300, 'Rust in huis 🏠', '🏠');
    const doelForm = plan(page).getByRole('form', { name: 'Nieuw doel' });
    await doelForm.getByLabel('Doel', { exact: true }).fill(doel + '🏠');
    await doelForm.getByRole('button', { name: 'Doel toevoegen' }).click();
    await waitForText(doelForm, 'Het doel mag hoogstens 300 tekens hebben; nu zijn het er 301.');
    await doelForm.getByLabel('Doel', { exact: true }).fill(doel);
    await doelForm.getByRole('button', { name: 'Doel toevoegen' }).click();
    await waitForText(plan(page).locator('.doel-list'), 'Rust in huis 🏠');

    // Stored whole, as typed.
    await waitSaved(page);
    await eventually(async () => {
      const stored = new PlanDoc(await collab.readDoc(bakker));
      expect(stored.acties().map((a) => a.titel)).toContain(actie);
      expect(stored.doelen().map((d) => d.titel)).toContain(doel);
      expect(stored.acties().map((a) => a.titel)).not.toContain(actie + '📞');
    });
  });
});
