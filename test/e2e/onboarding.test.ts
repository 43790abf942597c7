/**
 * Day one of a wijkteam, in the browser: the coördinator logs in (second
 * factor enrolled on first use), registers a household and invites a
 * colleague; the colleague activates from the mail that a real SMTP server
 * received, enrols TOTP, logs in with it, and sees the household once added
 * to its team. Also single sign-on against a real OpenID provider, and the
 * password reset. Each step's duration is printed (`[day-one]`), for the
 * report, never asserted.
 */
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../factories';
import { startTestServer, type TestServer } from '../support/server';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp';
import { startOidc, type TestOidc } from '../support/oidc';
import {
  CLIENT_DIST,
  expectAxeClean,
  launchBrowser,
  newContext,
  openHouseholdTab,
  screenshot,
} from './support';

const timings: [string, number][] = [];
async function timed<T>(step: string, run: () => Promise<T>): Promise<T> {
  const start = Date.now();
  const result = await run();
  timings.push([step, Date.now() - start]);
  return result;
}

/** The code the app shows in the next 30-second step: a code works once, so a second login needs a new one. */
function nextCode(secret: string): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
}

async function passwordLogin(page: Page, url: string, email: string, password: string) {
  await page.goto(`${url}/inloggen`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen', exact: true }).click();
}

/** Enrol an authenticator app on the page that shows the enrolment; returns its secret. */
async function enrol(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Authenticator-app instellen' }).click();
  const secret = (await page.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await page.getByLabel('Code uit de app').fill(await generate({ secret }));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await keepRecoveryCodes(page, 'herstelcodes');
  return secret;
}

/** The ten recovery codes are shown (once): check the page, then say they are kept. */
async function keepRecoveryCodes(page: Page, what: string): Promise<void> {
  await expect
    .poll(() => page.getByRole('list', { name: 'Herstelcodes' }).getByRole('listitem').count())
    .toBe(10);
  await expectAxeClean(page, what);
  await page.getByRole('button', { name: 'Ik heb de codes bewaard' }).click();
}

describe('day one of a wijkteam, in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let smtp: TestSmtp;
  let idp: TestOidc;

  beforeAll(async () => {
    [smtp, idp] = await Promise.all([startSmtp(), startOidc()]);
    [server, browser] = await Promise.all([
      startTestServer('embedded', {
        env: {
          CLIENT_DIST,
          SMTP_URL: smtp.url,
          REQUIRE_2FA: 'staff',
          OIDC_PROVIDERS: 'testgemeente',
          OIDC_TESTGEMEENTE_ISSUER: idp.issuer,
          OIDC_TESTGEMEENTE_CLIENT_ID: idp.clientId,
          OIDC_TESTGEMEENTE_CLIENT_SECRET: idp.clientSecret,
          OIDC_TESTGEMEENTE_LABEL: 'Testgemeente',
        },
      }),
      launchBrowser(),
    ]);
    idp.register(server.url, 'testgemeente');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await smtp?.close();
    await idp?.close();
    if (timings.length > 0)
      console.log(
        timings.map(([step, ms]) => `[day-one] ${step}: ${(ms / 1000).toFixed(1)} s`).join('\n'),
      );
  });

  it('coördinator registers a household and invites a colleague, who activates, enrols TOTP, logs in and sees the household', async () => {
    const url = server.url;
    const coordCtx = await newContext(browser);
    const coord = await coordCtx.newPage();

    await timed('coördinator logs in and sets up the second factor', async () => {
      await passwordLogin(coord, url, 'coordinator@demo.spil.test', 'spil-demo');
      await coord.getByRole('heading', { level: 1, name: 'Tweede stap instellen' }).waitFor();
      await expectAxeClean(coord, 'tweede stap instellen');
      await enrol(coord);
      await coord.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
    });

    const reference = `SW-2026-${String(Date.now()).slice(-5)}`;
    await timed('coördinator registers a household (aanmelding)', async () => {
      await coord.getByRole('link', { name: 'Nieuwe aanmelding' }).click();
      await coord.getByRole('heading', { level: 1, name: 'Nieuwe aanmelding' }).waitFor();
      await expectAxeClean(coord, 'aanmelding');
      await screenshot(coord, 'aanmelding');
      await coord.getByLabel('Referentienummer').fill(reference);
      await coord.getByLabel('Naam van het huishouden').fill('Gezin Testhuis');
      await coord.getByLabel('Wijk', { exact: true }).fill('Spilwijk-Oost');
      await coord.getByLabel('Verwezen door').selectOption('school');
      await coord.getByLabel('Voornaam').fill('Mila');
      await coord.getByLabel('Geboortejaar').fill('2015');
      await coord.getByLabel('Relatie').fill('dochter');
      await coord.getByRole('button', { name: 'Huishouden aanmelden' }).click();
      await coord.getByRole('heading', { level: 1, name: 'Gezin Testhuis' }).waitFor();
      // The quickscan is the next step: the page opens on the Traject tab.
      expect(new URL(coord.url()).searchParams.get('tab')).toBe('traject');
      await coord.getByText('Nog geen quickscan').first().waitFor();
    });
    const householdPath = new URL(coord.url()).pathname;

    // The same reference again: refused with a clear message.
    await coord.goto(`${url}/huishoudens/nieuw`);
    await coord.getByLabel('Referentienummer').fill(reference);
    await coord.getByLabel('Naam van het huishouden').fill('Gezin Dubbel');
    await coord.getByLabel('Wijk', { exact: true }).fill('Spilwijk-Oost');
    await coord.getByRole('button', { name: 'Huishouden aanmelden' }).click();
    await expect
      .poll(() => coord.getByRole('alert').textContent())
      .toContain('Er is al een huishouden met dit referentienummer');

    const email = 'noor.testvrouw@thuiszorg.example';
    await timed('coördinator invites a colleague', async () => {
      await coord.getByRole('link', { name: 'Beheer' }).click();
      await coord.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
      await coord.getByLabel('Naam', { exact: true }).fill('Noor Testvrouw');
      await coord.getByLabel('E-mailadres').fill(email);
      await coord.getByLabel('Discipline').selectOption('wijkverpleegkundige');
      await coord.getByLabel('Domein').selectOption('medisch');
      await coord.getByLabel('Organisatie', { exact: true }).fill('Thuiszorg Test');
      await coord.getByRole('button', { name: 'Uitnodiging versturen' }).click();
      await coord.getByText(`Uitnodiging verstuurd naar ${email}.`).waitFor();
      await coord
        .getByRole('row', { name: /Noor Testvrouw/ })
        .getByText('Uitgenodigd')
        .waitFor();
      await expectAxeClean(coord, 'beheer');
      await screenshot(coord, 'beheer');
      // The coördinator keeps their own wijkteam's name and wijk up to date.
      const team = coord.getByRole('form', { name: /Wijkteam .* wijzigen/ });
      await team.getByLabel('Wijk', { exact: true }).fill('Spilwijk-Oost en Haven');
      await team.getByRole('button', { name: 'Opslaan' }).click();
      await team.getByRole('status').getByText('Opgeslagen.').waitFor();
    });

    const mail = await smtp.next(email);
    expect(mail.text).not.toContain('Testhuis');
    const colleagueCtx = await newContext(browser, { width: 360, height: 780 });
    const colleague = await colleagueCtx.newPage();
    await timed('colleague opens the mail link and chooses a password', async () => {
      await colleague.goto(linkIn(mail));
      await colleague.getByRole('heading', { level: 1, name: 'Kies je wachtwoord' }).waitFor();
      await expectAxeClean(colleague, 'wachtwoord instellen');
      // Too short: the message stands below the field, which takes the focus and is described by it.
      const field = colleague.getByLabel('Nieuw wachtwoord');
      await field.fill('te-kort');
      await colleague.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      const message = colleague.getByText('Kies een wachtwoord van minstens 10 tekens.');
      await message.waitFor();
      expect(await field.getAttribute('aria-invalid')).toBe('true');
      expect(await field.getAttribute('aria-describedby')).toBe(await message.getAttribute('id'));
      expect(await field.evaluate((e) => e === document.activeElement)).toBe(true);
      await expectAxeClean(colleague, 'wachtwoord instellen, te kort');
      await colleague.getByLabel('Nieuw wachtwoord').fill('noor-haar-wachtwoord');
      await colleague.getByLabel('Herhaal het wachtwoord').fill('noor-haar-wachtwoord');
      await colleague.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await colleague.getByText('Je wachtwoord is opgeslagen. Log nu in.').waitFor();
    });

    let secret = '';
    await timed('colleague logs in and turns on the second factor', async () => {
      await passwordLogin(colleague, url, email, 'noor-haar-wachtwoord');
      await colleague.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
      await colleague.getByRole('link', { name: 'Mijn account' }).click();
      await colleague.getByRole('heading', { level: 1, name: 'Mijn account' }).waitFor();
      await colleague.getByRole('button', { name: 'Tweede stap aanzetten' }).click();
      secret = await enrol(colleague);
      await colleague.getByText(/Aan: je logt in met je wachtwoord en een code/).waitFor();
      await colleague.getByLabel('Eén e-mail per dag').check();
      await colleague.getByRole('button', { name: 'Opslaan' }).click();
      await colleague.getByRole('status').getByText('Opgeslagen.').waitFor();
      await expectAxeClean(colleague, 'mijn account');
      await screenshot(colleague, 'mijn-account-360');
    });

    await timed('colleague logs in again with password and code', async () => {
      await colleagueCtx.clearCookies();
      await passwordLogin(colleague, url, email, 'noor-haar-wachtwoord');
      await colleague.getByRole('heading', { level: 1, name: 'Tweede stap' }).waitFor();
      await colleague.getByLabel('Code').fill(await nextCode(secret));
      await colleague.getByRole('button', { name: 'Verder' }).click();
      await colleague.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
    });
    expect(await colleague.getByRole('link', { name: 'Gezin Testhuis' }).count()).toBe(0);

    await timed('coördinator adds the colleague to the casus team', async () => {
      await coord.goto(`${url}${householdPath}`);
      await coord.getByRole('heading', { level: 1, name: 'Gezin Testhuis' }).waitFor();
      await openHouseholdTab(coord, 'Gezin en casusteam');
      const who = coord.getByLabel('Professional', { exact: true });
      const value = await who
        .locator('option', { hasText: 'Noor Testvrouw' })
        .getAttribute('value');
      await who.selectOption(value ?? '');
      await coord.getByRole('button', { name: 'Toevoegen aan het team' }).click();
      await coord.getByText('Noor Testvrouw is toegevoegd').waitFor();
    });

    await timed('colleague sees the household', async () => {
      await colleague.reload();
      await colleague.getByRole('link', { name: 'Gezin Testhuis' }).click();
      await colleague.getByRole('heading', { level: 1, name: 'Gezin Testhuis' }).waitFor();
    });
    await coordCtx.close();
    await colleagueCtx.close();
  });

  it('a beheerder renames an organisation and makes new recovery codes; a professional turns the second factor off', async () => {
    const beheerder = await createUser(server, { systemRole: 'beheerder', wijkteamId: null });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await passwordLogin(page, server.url, beheerder.email, beheerder.password);
    await page.getByRole('heading', { level: 1, name: 'Tweede stap instellen' }).waitFor();
    const secret = await enrol(page);
    await page.waitForURL((u) => u.pathname !== '/tweede-stap');

    await page.goto(`${server.url}/beheer`);
    await page.getByRole('heading', { level: 1, name: 'Beheer' }).waitFor();
    const add = page.getByRole('form', { name: 'Nieuwe organisatie' });
    await add.getByRole('textbox').fill('Wijkzorg Oud');
    await add.getByRole('button', { name: 'Toevoegen' }).click();
    const org = page.getByRole('form', { name: 'Organisatie Wijkzorg Oud wijzigen' });
    await org.getByRole('textbox').fill('Wijkzorg Nieuw');
    await org.getByRole('button', { name: 'Naam opslaan' }).click();
    await org.getByRole('status').getByText('Opgeslagen.').waitFor();
    await page.getByRole('textbox', { name: 'Naam van Wijkzorg Nieuw' }).waitFor();
    await expectAxeClean(page, 'beheer, organisaties');

    await page.getByRole('link', { name: 'Mijn account' }).click();
    await page.getByRole('button', { name: 'Nieuwe herstelcodes' }).click();
    await page.getByLabel('Code uit de app').fill(await nextCode(secret));
    await page.getByRole('button', { name: 'Nieuwe herstelcodes maken' }).click();
    await keepRecoveryCodes(page, 'nieuwe herstelcodes');
    await page.getByText('Voor jouw rol is hij verplicht.', { exact: false }).waitFor();
    // Required for a beheerder: no way to turn it off.
    expect(await page.getByRole('button', { name: 'Uitzetten' }).count()).toBe(0);
    await ctx.close();

    const pro = await createUser(server, { name: 'Piet Optioneel' });
    const proCtx = await newContext(browser);
    const proPage = await proCtx.newPage();
    await passwordLogin(proPage, server.url, pro.email, pro.password);
    await proPage.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
    await proPage.getByRole('link', { name: 'Mijn account' }).click();
    await proPage.getByRole('button', { name: 'Tweede stap aanzetten' }).click();
    const proSecret = await enrol(proPage);
    await proPage.getByRole('button', { name: 'Uitzetten' }).click();
    await proPage.getByLabel('Code uit de app').fill(await nextCode(proSecret));
    await proPage.getByRole('button', { name: 'Tweede stap uitzetten' }).click();
    await proPage.getByRole('status').getByText('De tweede stap staat uit.').waitFor();
    await proPage.getByRole('button', { name: 'Tweede stap aanzetten' }).waitFor();
    await expectAxeClean(proPage, 'tweede stap uit');
    await proCtx.close();
  });

  it('logs in with single sign-on as an invited professional; an address without an account is refused', async () => {
    const user = await createUser(server, {
      email: 'sso.collega@gemeente.example',
      name: 'Sanne Ssotest',
    });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    await timed('single sign-on login', async () => {
      await page.goto(`${server.url}/inloggen`);
      await page.getByRole('link', { name: 'Inloggen met Testgemeente' }).click();
      await page.locator('input[name="login"]').fill(user.email);
      await page.locator('input[name="password"]').fill('wat-dan-ook');
      await page.locator('button[type="submit"]').click();
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
    });
    await page.getByRole('banner').getByText('Sanne Ssotest').waitFor();
    // Logout ends the session at the provider too, which sends the browser back to Spil's login page.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();

    // Someone the wijkteam never invited: no account is made.
    await ctx.clearCookies();
    await page.getByRole('link', { name: 'Inloggen met Testgemeente' }).click();
    await page.locator('input[name="login"]').fill('onbekend@gemeente.example');
    await page.locator('input[name="password"]').fill('wat-dan-ook');
    await page.locator('button[type="submit"]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Inloggen' }).waitFor();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('Er is geen actief account voor dit e-mailadres');
    await ctx.close();
  });

  it('resets a forgotten password by e-mail; an unknown address gets the same answer and no mail', async () => {
    const user = await createUser(server, { password: 'het-oude-wachtwoord' });
    const ctx = await newContext(browser);
    const page = await ctx.newPage();
    const ask = async (address: string) => {
      await page.goto(`${server.url}/inloggen`);
      await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
      // The login page has an 'E-mailadres' field too: fill only once the reset page is there.
      await page.getByRole('heading', { level: 1, name: 'Wachtwoord vergeten' }).waitFor();
      await page.getByLabel('E-mailadres').fill(address);
      await page.getByRole('button', { name: 'Stuur de link' }).click();
      const answer = page.getByRole('status').or(page.getByRole('alert'));
      await answer.waitFor();
      expect(await page.getByRole('alert').count(), (await answer.textContent()) ?? undefined).toBe(
        0,
      );
      return (await page.getByRole('status').textContent()) ?? '';
    };
    const unknownAnswer = await ask('niemand@example.test');
    await expectAxeClean(page, 'wachtwoord vergeten');
    const knownAnswer = await timed('password reset: ask for a link', () => ask(user.email));
    expect(knownAnswer).toBe(unknownAnswer);
    const mail = await smtp.next(user.email);
    await timed('password reset: choose a new password and log in', async () => {
      await page.goto(linkIn(mail));
      await page.getByLabel('Nieuw wachtwoord').fill('het-nieuwe-wachtwoord');
      await page.getByLabel('Herhaal het wachtwoord').fill('het-nieuwe-wachtwoord');
      await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
      await passwordLogin(page, server.url, user.email, 'het-nieuwe-wachtwoord');
      await page.getByRole('heading', { level: 1, name: 'Mijn huishoudens' }).waitFor();
    });
    await expect(smtp.next('niemand@example.test', 500)).rejects.toThrow();
    await ctx.close();
  });
});
