import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotificationMailService } from '../../server/src/modules/mail/notification-mail.service';
import { NotificationsService } from '../../server/src/modules/notifications/notifications.service';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, loginAs } from '../support/http';
import type { TestServer } from '../support/server';
import { linkIn, startServerWithSmtp, type TestSmtp } from '../support/smtp';
import { openEvents } from './casus-helpers';

describe.each(databaseKinds())('notification e-mail on %s', (kind) => {
  let s: TestServer;
  let smtp: TestSmtp;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    ({ server: s, smtp, stop } = await startServerWithSmtp(kind, { DIGEST_HOUR: '-1' }));
  });
  afterAll(() => stop?.());

  const setMode = (userId: string, mode: string) =>
    dataSourceOf(s).query(`UPDATE app_user SET notify_mode = $2 WHERE id = $1`, [userId, mode]);

  it('mails a handover offer at once to someone offline, with only a link: no name, no reason', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const receiver = await createUser(s, { name: 'Rik Ontvanger' });
    await addToTeam(s, bakker.id, receiver.id, 'lid');
    const mw = await loginAs(s.url, 'maatschappelijk-werker'); // regiehouder
    const offer = await api(s.url, 'POST', `/api/households/${bakker.id}/regie/overdracht`, {
      token: mw.token,
      body: { userId: receiver.id, reason: 'Geheime reden over de zorg' },
    });
    expect(offer.status).toBe(201);
    const mail = await smtp.next(receiver.email);
    expect(mail.subject).toBe('Je krijgt de regie aangeboden in Spil');
    expect(linkIn(mail)).toBe(`${s.url}/huishoudens/${bakker.id}`);
    for (const secret of ['Geheime', 'Bakker', 'Johan', 'Rik'])
      expect(mail.raw).not.toContain(secret);
  });

  it('sends nothing to someone online, nor with "uit"; "dagelijks" waits for the digest', async () => {
    const notifications = s.app.get(NotificationsService);
    const online = await createUser(s);
    const off = await createUser(s);
    const daily = await createUser(s);
    await setMode(off.id, 'uit');
    await setMode(daily.id, 'dagelijks');
    const login = await loginAs(s.url, online.email, online.password);
    const events = openEvents(s, login.token);
    await events.connected;
    await notifications.notify([online.id, off.id, daily.id], {
      kind: 'actie',
      householdId: null,
      title: 'Actie voor jou',
      body: 'Tekst',
    });
    await expect(smtp.next(online.email, 800)).rejects.toThrow();
    await expect(smtp.next(off.email, 100)).rejects.toThrow();
    await expect(smtp.next(daily.email, 100)).rejects.toThrow();
    events.close();

    const digest = s.app.get(NotificationMailService);
    expect(await digest.runDigest()).toBeGreaterThanOrEqual(1);
    const mail = await smtp.next(daily.email);
    expect(mail.subject).toBe('Je dagelijkse overzicht van Spil');
    expect(mail.text).toContain('1 nieuwe melding');
    // Once a day.
    await notifications.notify([daily.id], {
      kind: 'actie',
      householdId: null,
      title: 'Nog een',
      body: 'Tekst',
    });
    await digest.runDigest();
    await expect(smtp.next(daily.email, 500)).rejects.toThrow();
  });

  it('the daily digest counts overdue actions of the owner', async () => {
    const owner = await createUser(s);
    const bakker = await householdByName(s, 'Gezin Bakker');
    await dataSourceOf(s).query(
      `INSERT INTO plan_action (household_id, id, titel, eigenaar_id, deadline, status)
       VALUES ($1, $2, 'Geheime actie', $3, '2020-01-01', 'open'),
              ($1, $4, 'Nog een', $3, '2020-02-01', 'bezig'),
              ($1, $5, 'Klaar', $3, '2020-02-01', 'gereed')`,
      [bakker.id, `test-${owner.id}-1`, owner.id, `test-${owner.id}-2`, `test-${owner.id}-3`],
    );
    await s.app.get(NotificationMailService).runDigest();
    const mail = await smtp.next(owner.email);
    expect(mail.text).toContain('2 acties zijn over de datum');
    expect(mail.text).toContain(`${s.url}/mijn-acties`);
    expect(mail.raw).not.toContain('Geheime');
  });

  it('mails the inwoner’s invitation: the link activates the account', async () => {
    const bakker = await householdByName(s, 'Gezin Bakker');
    const mw = await loginAs(s.url, 'maatschappelijk-werker');
    const email = `oma-${kind}@example.test`;
    const inv = await api(s.url, 'POST', `/api/households/${bakker.id}/uitnodigingen`, {
      token: mw.token,
      body: {
        name: 'Ria Bakker',
        email,
        role: 'naaste',
        relation: 'oma',
        inwonerToestemming: true,
      },
    });
    expect(inv.status).toBe(201);
    const mail = await smtp.next(email);
    const link = linkIn(mail);
    expect(link.startsWith(`${s.url}/activeren#code=`)).toBe(true);
    expect(mail.raw).not.toContain('Bakker');
    const activated = await api(s.url, 'POST', '/api/auth/activeren', {
      body: { token: link.split('#code=')[1], password: 'oma-haar-wachtwoord' },
    });
    expect(activated.status).toBe(200);
    expect((await loginAs(s.url, email, 'oma-haar-wachtwoord')).user.email).toBe(email);
  });
});
