/**
 * "Een actie aan jou gegeven": someone sets the owner of an action in the live
 * plan (a stock y-websocket client, through the real collab path); the new
 * owner gets one notification and, by their own setting, an e-mail that a
 * real SMTP server receives, holding only a link. Whoever gives an action to
 * themselves hears nothing; typing on afterwards tells nobody again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NotificationDto, PlanDoc } from '@spil/shared';
import type { SpilInstance } from '../../server/src/bootstrap';
import { NotificationMailService } from '../../server/src/modules/mail/notification-mail.service';
import { addToTeam, createUser, dataSourceOf, householdByName } from '../factories';
import { databaseKinds } from '../support/database';
import { api, eventually, loginAs } from '../support/http';
import { restartableServer, startTestServer, type TestServer } from '../support/server';
import { linkIn, startSmtp, type TestSmtp } from '../support/smtp';
import { newHousehold, openDoc } from './casus-helpers';

describe.each(databaseKinds())('an action given to someone on %s', (kind) => {
  let s: TestServer;
  let smtp: TestSmtp;
  let coordinator: string;
  beforeAll(async () => {
    smtp = await startSmtp();
    s = await startTestServer(kind, { env: { SMTP_URL: smtp.url, DIGEST_HOUR: '-1' } });
    coordinator = (await loginAs(s.url, 'coordinator')).token;
  });
  afterAll(async () => {
    await s?.stop();
    await smtp?.close();
  });

  async function person(name: string, mode: 'direct' | 'dagelijks' = 'direct') {
    const u = await createUser(s, { name });
    await dataSourceOf(s).query(`UPDATE app_user SET notify_mode = $2 WHERE id = $1`, [u.id, mode]);
    return { ...u, token: (await loginAs(s.url, u.email, u.password)).token };
  }

  /** Anna and someone else, both `lid` of a new household; Anna has its plan open live. */
  async function annaAnd(name: string, mode: 'direct' | 'dagelijks') {
    const anna = await person('Anna Geeftweg');
    const other = await person(name, mode);
    const h = await newHousehold(s, coordinator, [
      { userId: anna.id, role: 'lid' },
      { userId: other.id, role: 'lid' },
    ]);
    const live = openDoc(s, anna.token, h.id);
    await live.synced;
    return { anna, other, h, live };
  }

  const actionNotices = async (token: string, householdId: string) =>
    (await api<NotificationDto[]>(s.url, 'GET', '/api/me/notifications', { token })).body.filter(
      (n) => n.kind === 'actie' && n.householdId === householdId,
    );

  /** Wait until the read model shows the action as the live plan has it now. */
  const projected = (householdId: string, actieId: string, check: (row: RowOf) => void) =>
    eventually(async () => {
      const [row] = await dataSourceOf(s).query<RowOf[]>(
        `SELECT titel, eigenaar_id, to_char(deadline, 'YYYY-MM-DD') AS deadline
           FROM plan_action WHERE household_id = $1 AND id = $2`,
        [householdId, actieId],
      );
      expect(row).toBeDefined();
      check(row as RowOf);
    });
  interface RowOf {
    titel: string;
    eigenaar_id: string | null;
    deadline: string | null;
  }

  it('tells the new owner once, in Spil and by a mail with only a link; never who gave it to themselves', async () => {
    const { anna, other: bram, h, live } = await annaAnd('Bram Krijgtwat', 'direct');
    try {
      const plan = new PlanDoc(live.doc);

      // Anna gives an action to Bram (offline, "direct").
      const forBram = plan.addActie({ titel: 'Geheime afspraak met de schuldeiser' });
      plan.updateActie(forBram, { eigenaarId: bram.id });
      await eventually(async () => expect(await actionNotices(bram.token, h.id)).toHaveLength(1));
      const [notice] = await actionNotices(bram.token, h.id);
      expect(notice?.title).toBe(`Anna Geeftweg geeft je een actie (${h.displayName})`);
      expect(notice?.body).toBe('“Geheime afspraak met de schuldeiser”');
      const mail = await smtp.next(bram.email);
      expect(mail.subject).toBe('Er staat een actie voor je klaar in Spil');
      expect(linkIn(mail)).toBe(`${s.url}/huishoudens/${h.id}?actie=${forBram}`);
      for (const secret of ['Geheime', 'schuldeiser', 'Anna', 'Bram', h.displayName, h.reference])
        expect(mail.raw).not.toContain(secret);

      // Anna gives one to herself: nothing for her.
      const forAnna = plan.addActie({ titel: 'Zelf bellen', eigenaarId: anna.id });
      await projected(h.id, forAnna, (r) => expect(r.eigenaar_id).toBe(anna.id));

      // Typing on and a new date are no new gift.
      plan.updateActie(forBram, { titel: 'Geheime afspraak met de schuldeiser maken' });
      plan.updateActie(forBram, { deadline: '2031-03-01' });
      await projected(h.id, forBram, (r) => {
        expect(r.titel).toBe('Geheime afspraak met de schuldeiser maken');
        expect(r.deadline).toBe('2031-03-01');
      });
      // Give the projection a moment more than its debounce, then count.
      await new Promise((r) => setTimeout(r, 600));
      expect(await actionNotices(bram.token, h.id)).toHaveLength(1);
      expect(await actionNotices(anna.token, h.id)).toHaveLength(0);
      await expect(smtp.next(bram.email, 300)).rejects.toThrow();
      await expect(smtp.next(anna.email, 100)).rejects.toThrow();
    } finally {
      live.destroy();
    }
  });

  it('puts the action in the daily digest of someone who chose "dagelijks"', async () => {
    const { other: dirk, h, live } = await annaAnd('Dirk Dagelijks', 'dagelijks');
    try {
      new PlanDoc(live.doc).addActie({ titel: 'Formulier invullen', eigenaarId: dirk.id });
      await eventually(async () => expect(await actionNotices(dirk.token, h.id)).toHaveLength(1));
      await expect(smtp.next(dirk.email, 500)).rejects.toThrow();

      expect(await s.app.get(NotificationMailService).runDigest()).toBeGreaterThanOrEqual(1);
      const digest = await smtp.next(dirk.email);
      expect(digest.subject).toBe('Je dagelijkse overzicht van Spil');
      expect(digest.text).toContain('1 nieuwe melding');
      expect(digest.raw).not.toContain('Formulier');
    } finally {
      live.destroy();
    }
  });
  it('keeps the read model current while someone types without a pause (an MDO)', async () => {
    const { h, live } = await annaAnd('Carla Kijktmee', 'direct');
    try {
      const plan = new PlanDoc(live.doc);
      const id = plan.addActie({ titel: 'Woord' });
      await projected(h.id, id, (r) => expect(r.titel).toBe('Woord'));
      // A keystroke every 100 ms for 4 s: no quiet spell of 250 ms ever comes.
      const seen = new Set<string>();
      let title = 'Woord';
      for (let i = 0; i < 40; i++) {
        title += i % 10 === 9 ? ' ' : 'x';
        plan.updateActie(id, { titel: title });
        await new Promise((r) => setTimeout(r, 100));
        const [row] = await dataSourceOf(s).query<RowOf[]>(
          `SELECT titel FROM plan_action WHERE household_id = $1 AND id = $2`,
          [h.id, id],
        );
        if (row) seen.add(row.titel);
      }
      // The list followed the typing on its way, not only after it stopped.
      seen.delete('Woord');
      seen.delete(title);
      expect(seen.size).toBeGreaterThan(0);
      await projected(h.id, id, (r) => expect(r.titel).toBe(title));
    } finally {
      live.destroy();
    }
  });
});

describe.each(databaseKinds())('an action given to someone, across a restart on %s', (kind) => {
  it('tells nobody again after a restart and a fresh projection of every plan', async () => {
    const server = await restartableServer(kind);
    let spil: Awaited<ReturnType<typeof server.start>> | null = null;
    const open: { destroy(): void }[] = [];
    try {
      spil = await server.start();
      const first = spil;
      const bakker = (await householdByName(first, 'Gezin Bakker')).id;
      const anna = await createUser(first, { name: 'Anna Geeftweg' });
      const bram = await createUser(first, { name: 'Bram Krijgtwat' });
      await addToTeam(first, bakker, anna.id, 'lid');
      await addToTeam(first, bakker, bram.id, 'lid');
      /** Per person: the notifications of an action given to them in Bakker's plan. */
      const given = async (instance: SpilInstance) =>
        new Map(
          (
            await dataSourceOf(instance).query<{ user_id: string; n: string }[]>(
              `SELECT user_id, count(*) AS n FROM notification
                WHERE kind = 'actie' AND household_id = $1
                  AND (title LIKE '%geeft je een actie%' OR title LIKE 'Je hebt een actie gekregen%')
                GROUP BY user_id`,
              [bakker],
            )
          ).map((r) => [r.user_id, Number(r.n)] as const),
        );
      const annaOpens = async (instance: typeof first) => {
        const { token } = await loginAs(instance.url, anna.email, anna.password);
        const live = openDoc(instance as unknown as TestServer, token, bakker);
        open.push(live);
        await live.synced;
        return new PlanDoc(live.doc);
      };

      const plan = await annaOpens(first);
      const actieId = plan.addActie({ titel: 'Afspraak maken', eigenaarId: bram.id });
      await eventually(async () => expect(await given(first)).toEqual(new Map([[bram.id, 1]])));
      // Bakker's demo plan has actions of other owners on the team: they would be told if these looked new.
      const [others] = await dataSourceOf(first).query<{ n: string }[]>(
        `SELECT count(*) AS n FROM plan_action a JOIN team_membership m
            ON m.household_id = a.household_id AND m.user_id = a.eigenaar_id AND m.ended_at IS NULL
          WHERE a.household_id = $1 AND m.role = 'lid' AND a.eigenaar_id <> $2`,
        [bakker, bram.id],
      );
      expect(Number(others?.n)).toBeGreaterThan(0);
      // As if the read model were new (plans written by another version): every row goes.
      await dataSourceOf(first).query(`DELETE FROM plan_action`);
      for (const c of open.splice(0)) c.destroy();
      await first.close();
      spil = null;

      spil = await server.start();
      const second = spil;
      // Every plan is projected afresh at start, silently; Anna types on.
      const again = await annaOpens(second);
      again.updateActie(actieId, { titel: 'Afspraak maken bij de bank' });
      await eventually(async () => {
        const [row] = await dataSourceOf(second).query<{ titel: string }[]>(
          `SELECT titel FROM plan_action WHERE household_id = $1 AND id = $2`,
          [bakker, actieId],
        );
        expect(row?.titel).toBe('Afspraak maken bij de bank');
      }, 15_000);
      await new Promise((r) => setTimeout(r, 600));
      // Bram once, from before the restart; the demo's owners of Bakker's actions never.
      expect(await given(second)).toEqual(new Map([[bram.id, 1]]));
    } finally {
      for (const c of open) c.destroy();
      await spil?.close();
      await server.drop();
    }
  });
});
