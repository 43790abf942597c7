import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { amsterdamDate, PlanDoc, shiftDate } from '@spil/shared';
import { CollabService } from '../../server/src/collab/collab.service';
import { householdByName } from '../factories';
import {
  expectAxeClean,
  loginViaForm,
  newContext,
  openHouseholdTab,
  screenshot,
  screenshotOf,
  e2eSession,
  waitForText,
} from './support';

const notes = (page: Page) => page.locator('.rte__content[data-notes]');

describe('an overleg of Gezin Bakker, live', () => {
  const e2e = e2eSession();

  it('two professionals plan it, take notes together, and turn a decision into an action in the plan', async () => {
    const [mwContext, haContext] = await Promise.all([
      newContext(e2e.browser),
      newContext(e2e.browser),
    ]);
    e2e.track(mwContext, haContext);
    const mw = await mwContext.newPage();
    const ha = await haContext.newPage();
    await Promise.all([
      loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker'),
      loginViaForm(ha, e2e.server.url, 'huisarts'),
    ]);

    // The regiehouder plans an MDO from the household page; the agenda is drafted for him.
    await mw.getByRole('link', { name: 'Gezin Bakker' }).click();
    await mw.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    await openHouseholdTab(mw, 'Overleg');
    await mw.getByRole('link', { name: 'Overleg plannen' }).click();
    await mw.getByRole('heading', { level: 1, name: 'Overleg plannen' }).waitFor();
    await mw.getByRole('radio', { name: /^MDO/ }).check();
    await mw.getByLabel('Titel (optioneel)').fill('MDO slaap en school');
    await mw.getByLabel('Datum').fill(shiftDate(amsterdamDate(new Date()), 3));
    await mw.getByLabel('Begintijd').fill('10:30');
    await mw.getByLabel('Plaats').fill('Huisartsenpraktijk De Linde');
    await mw.getByRole('checkbox', { name: /Pieter Hendriks/ }).check();
    await mw.getByLabel(/^Agendapunt 1 /).waitFor();
    await expectAxeClean(mw, 'the overleg planner');
    await screenshot(mw, 'overleg-1-planner');
    await mw.getByRole('button', { name: 'Overleg plannen' }).click();
    await mw.getByRole('heading', { level: 1, name: 'MDO slaap en school' }).waitFor();
    const meetingUrl = mw.url();
    expect(meetingUrl).toMatch(/\/huishoudens\/[0-9a-f-]+\/overleg\/[0-9a-f-]+$/);

    // The huisarts finds it under "Mijn overleggen".
    await ha.getByRole('link', { name: 'Mijn overleggen' }).first().click();
    await ha.getByRole('heading', { level: 1, name: 'Mijn overleggen' }).waitFor();
    await expectAxeClean(ha, 'mijn overleggen');
    await ha.getByRole('link', { name: /MDO slaap en school/ }).click();
    await ha.getByRole('heading', { level: 1, name: 'MDO slaap en school' }).waitFor();
    expect(ha.url()).toBe(meetingUrl);

    // Both are in the live notes and see each other.
    await Promise.all([notes(mw).waitFor(), notes(ha).waitFor()]);
    await waitForText(mw.locator('.live-notes .presence__list'), 'Pieter Hendriks');
    await waitForText(ha.locator('.live-notes .presence__list'), 'Johan Kuipers');

    await notes(mw).click();
    await mw.keyboard.type('Noah mist veel lessen. ');
    await waitForText(notes(ha), 'Noah mist veel lessen.');
    await notes(ha).click();
    await ha.keyboard.press('Control+End');
    await ha.keyboard.type('Slaapadvies gegeven aan moeder.');
    await waitForText(notes(mw), 'Slaapadvies gegeven aan moeder.');
    await waitForText(mw.locator('.live-notes [role="status"]'), 'Opgeslagen', 15_000);
    await waitForText(ha.locator('.live-notes [role="status"]'), 'Opgeslagen', 15_000);

    // A decision becomes an action owned by the huisarts, in one step.
    const form = mw.locator('form[data-form="besluit"]');
    await form.getByLabel('Besluit').fill('Verwijzing slaappoli bespreken');
    await form.getByLabel('Eigenaar').selectOption({ label: 'Pieter Hendriks (Huisarts)' });
    const deadline = shiftDate(amsterdamDate(new Date()), 14);
    await form.getByLabel('Deadline').fill(deadline);
    await form
      .getByLabel(/Wanneer schakel je de ander in/)
      .fill('Als de slaap na twee weken niet beter is');
    await expectAxeClean(mw, 'the overleg page');
    await form.getByRole('button', { name: 'Vastleggen als actie' }).click();
    await waitForText(
      form.locator('[role="status"]'),
      'Besluit vastgelegd als actie in het plan, voor Pieter Hendriks.',
    );
    // The other screen gets it through the events socket.
    const decisionsHa = ha.getByRole('list', { name: 'Vastgelegde besluiten' });
    await waitForText(decisionsHa, 'Verwijzing slaappoli bespreken');
    await waitForText(decisionsHa, 'Eigenaar: Pieter Hendriks');

    // Attendance.
    await mw.getByLabel('Aanwezigheid van Johan Kuipers').selectOption('aanwezig');
    await mw.getByLabel('Aanwezigheid van Pieter Hendriks').selectOption('aanwezig');
    await mw.getByRole('button', { name: 'Aanwezigheid opslaan' }).click();
    await waitForText(mw.locator('#deelnemers').locator('..'), 'Aanwezigheid opgeslagen.');

    // Moving it: the time changes everywhere.
    await mw.getByRole('button', { name: 'Tijd, plaats of agenda wijzigen' }).click();
    const edit = mw.getByRole('form', { name: 'Overleg wijzigen' });
    await edit.getByLabel('Begintijd').fill('11:00');
    await expectAxeClean(mw, 'the overleg edit form');
    await edit.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await waitForText(mw.locator('time').first(), '11:00–12:00');
    await waitForText(ha.locator('time').first(), '11:00–12:00');

    await screenshot(mw, 'overleg-2-meeting-regiehouder');
    await screenshot(ha, 'overleg-3-meeting-huisarts');
    await screenshotOf(mw.locator('.live-notes'), 'overleg-4-live-notes');

    // The agenda and the notes print on A4: no navigation, no buttons, the notes as text.
    await mw.emulateMedia({ media: 'print' });
    const hidden = await mw.evaluate(() =>
      ['.site-header', 'nav', 'button', 'form[data-form="besluit"]'].map((sel) =>
        [...document.querySelectorAll(sel)].every((el) => getComputedStyle(el).display === 'none'),
      ),
    );
    expect(hidden).toEqual([true, true, true, true]);
    expect(await notes(mw).isVisible()).toBe(true);
    expect(await mw.getByText('Noah mist veel lessen.').first().isVisible()).toBe(true);
    await screenshot(mw, 'overleg-6-print');
    await mw.emulateMedia({ media: 'screen' });
    const pdf = (await mw.pdf({ format: 'A4' })).toString('latin1');
    expect((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
    expect(pdf).toMatch(/\/MediaBox \[0 0 595(\.\d+)? 84[12]/);

    // The action is in the plan, with its owner and due date.
    const bakker = await householdByName(e2e.server, 'Gezin Bakker');
    const plan = new PlanDoc(await e2e.server.app.get(CollabService).readDoc(bakker.id));
    const actie = plan.acties().find((a) => a.titel === 'Verwijzing slaappoli bespreken');
    expect(actie).toMatchObject({
      deadline,
      status: 'open',
      inschakelen: 'Als de slaap na twee weken niet beter is',
    });
    const huisarts = plan.team().find((t) => t.name === 'Pieter Hendriks');
    expect(actie?.eigenaarId).toBe(huisarts?.userId);

    // The way back from the overleg leads to the household's Overleg tab; there the
    // huisarts sees the action in the plan (under Alles) next to the overleg.
    await ha.getByRole('link', { name: 'Gezin Bakker' }).first().click();
    await ha.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
    expect(new URL(ha.url()).searchParams.get('tab')).toBe('overleg');
    await openHouseholdTab(ha, 'Alles');
    await waitForText(ha.locator('#plan').locator('..'), 'Verwijzing slaappoli bespreken');
    await ha.locator('#overleg').scrollIntoViewIfNeeded();
    await screenshot(ha, 'overleg-5-household-huisarts');
  });
});

describe('the casus team and consent of Gezin Bakker', () => {
  const e2e = e2eSession();

  async function axeOn(page: Page, selector: string, what: string): Promise<void> {
    const { default: AxeBuilder } = await import('@axe-core/playwright');
    const results = await new AxeBuilder({ page })
      .include(selector)
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
      `axe on ${what}`,
    ).toEqual([]);
  }

  it('the consent lets the wijkteam read the medical notes live, and withdrawing it closes them at once', async () => {
    const [mwContext, haContext] = await Promise.all([
      newContext(e2e.browser),
      newContext(e2e.browser),
    ]);
    e2e.track(mwContext, haContext);
    const mw = await mwContext.newPage();
    const ha = await haContext.newPage();
    await Promise.all([
      loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker'),
      loginViaForm(ha, e2e.server.url, 'huisarts'),
    ]);
    for (const p of [mw, ha]) {
      await p.getByRole('link', { name: 'Gezin Bakker' }).click();
      await p.getByRole('heading', { level: 1, name: 'Gezin Bakker' }).waitFor();
      // Consent, team and overleg together.
      await openHouseholdTab(p, 'Alles');
    }
    const medical = (p: Page) => p.locator('.rte__content[data-notes$=":medisch"]');
    await medical(ha).waitFor();
    await medical(mw).waitFor();
    await expect(medical(mw).getAttribute('aria-readonly')).resolves.toBe('true');
    await medical(ha).click();
    await ha.keyboard.type('Melatonine voor Lotte gestart.');
    await waitForText(medical(mw), 'Melatonine voor Lotte gestart.');
    await axeOn(mw, 'section[aria-labelledby="toestemming"]', 'consent and medical notes');
    await mw.locator('#toestemming').scrollIntoViewIfNeeded();
    await screenshotOf(mw.locator('section[aria-labelledby="toestemming"]'), 'casus-1-consent-mw');
    await screenshotOf(mw.locator('section[aria-labelledby="casusteam"]'), 'casus-2-team-mw');
    await screenshotOf(mw.locator('section[aria-labelledby="overleg"]'), 'casus-3-overleg-mw');

    // The huisarts withdraws the consent; the maatschappelijk werker's notes close.
    const consent = ha.locator('.consent-list li').first();
    await consent.getByRole('button', { name: 'Toestemming intrekken' }).click();
    await consent
      .getByLabel('Reden (optioneel)')
      .fill('Moeder wil eerst zelf met de school praten');
    await consent.getByRole('button', { name: 'Ja, trek de toestemming in' }).click();
    await waitForText(ha.locator('.consent-list li').first(), 'Ingetrokken');
    await waitForText(
      mw.locator('section[aria-labelledby="toestemming"]'),
      'alleen te zien voor het medisch domein',
    );
    expect(await medical(mw).count()).toBe(0);
    await screenshotOf(
      mw.locator('section[aria-labelledby="toestemming"]'),
      'casus-4-consent-withdrawn-mw',
    );
  });

  it('the regiehouder adds a colleague to the team and removes them again', async () => {
    const context = await newContext(e2e.browser);
    e2e.track(context);
    const mw = await context.newPage();
    await loginViaForm(mw, e2e.server.url, 'maatschappelijk-werker');
    await mw.getByRole('link', { name: 'Gezin Bakker' }).click();
    await openHouseholdTab(mw, 'Gezin en casusteam');
    const manage = mw.locator('[data-section="teambeheer"]');
    await manage.waitFor();
    await manage
      .getByLabel('Professional')
      .selectOption({ label: 'Marloes de Groot – Wijkverpleegkundige, Thuiszorg Spilwijk' });
    await manage.getByLabel('Rol in het team').selectOption('meelezer');
    await manage.getByRole('button', { name: 'Toevoegen aan het team' }).click();
    await waitForText(
      manage.locator('[role="status"]'),
      'Marloes de Groot is toegevoegd als meelezer.',
    );
    await waitForText(mw.locator('.card-grid--team'), 'Marloes de Groot');
    await axeOn(mw, 'section[aria-labelledby="casusteam"]', 'team management');
    const row = manage.locator('tr', { hasText: 'Marloes de Groot' });
    await row.getByRole('button', { name: /Verwijderen/ }).click();
    await row.getByRole('button', { name: 'Ja, verwijder Marloes de Groot' }).click();
    await waitForText(
      manage.locator('[role="status"]'),
      'Marloes de Groot is uit het team verwijderd.',
    );
    await mw
      .locator('.card-grid--team li', { hasText: 'Marloes de Groot' })
      .waitFor({ state: 'detached' });
  });
});
