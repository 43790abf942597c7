/**
 * E-mail about notifications for people who are not online, by each
 * person's choice (`notify_mode`): `direct` gets a mail at once for a
 * terugkoppeling to the regiehouder, a handover offer or an action given to
 * them, when they have no open connection; `dagelijks` gets those in one
 * daily digest; `uit` gets none. Everyone but `uit` gets the daily digest of
 * their overdue actions. A mail says how many and links into Spil: never a
 * name, a title or a text.
 *
 * The digest runs once a day at DIGEST_HOUR (Europe/Amsterdam) on every
 * instance; `digest_sent_on` claims each person's digest for the day, so one
 * goes out however many instances run. `runDigest()` runs it at once (tests).
 */
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { describeError } from '../../common/describe-error';
import { EventsBroadcaster } from '../../events/events.broadcaster';
import type { NotificationEntity } from '../notifications/notification.entity';
import { MailService } from './mail.service';

/** Which notifications may become an e-mail. */
const MAILED_KINDS = new Set(['terugkoppeling', 'overdracht', 'actie']);
const CHECK_EVERY_MS = 5 * 60_000;

function todayInNL(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(now);
}

function hourInNL(now = new Date()): number {
  return Number(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Amsterdam',
      hour: '2-digit',
      hourCycle: 'h23',
    }).format(now),
  );
}

const SUBJECTS: Record<string, string> = {
  terugkoppeling: 'Nieuwe terugkoppeling in Spil',
  overdracht: 'Je krijgt de regie aangeboden in Spil',
  actie: 'Er staat een actie voor je klaar in Spil',
};

@Injectable()
export class NotificationMailService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationMailService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly mail: MailService,
    private readonly broadcaster: EventsBroadcaster,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.DIGEST_HOUR < 0) return;
    this.timer = setInterval(() => {
      if (hourInNL() === this.config.DIGEST_HOUR)
        this.runDigest().catch((e: unknown) =>
          this.logger.error(`Daily digest failed: ${describeError(e)}`),
        );
    }, CHECK_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /**
   * After notifications are stored: mail those people with `direct` who are
   * not online. `path`: the item the mail links to (default: the household).
   */
  async afterNotify(rows: NotificationEntity[], path?: string): Promise<void> {
    for (const row of rows) {
      if (!MAILED_KINDS.has(row.kind)) continue;
      const [user] = await this.ds.query<{ email: string; notify_mode: string; active: boolean }[]>(
        `SELECT email, notify_mode, active FROM app_user WHERE id = $1`,
        [row.userId],
      );
      if (!user?.active || user.notify_mode !== 'direct') continue;
      // A terugkoppeling is mailed to the regiehouder only; the team sees it in Spil.
      if (row.kind === 'terugkoppeling' && !(await this.isRegiehouder(row.userId, row.householdId)))
        continue;
      if (await this.broadcaster.userOnline(row.userId)) continue;
      await this.ds.query(`UPDATE notification SET mailed_at = now() WHERE id = $1`, [row.id]);
      this.mail.sendQuietly(
        {
          to: user.email,
          subject: SUBJECTS[row.kind] ?? 'Nieuwe melding in Spil',
          text: [
            'Er is een nieuwe melding voor je in Spil.',
            '',
            'Bekijk hem na het inloggen:',
            this.mail.link(path ?? (row.householdId ? `/huishoudens/${row.householdId}` : '/')),
            '',
            'Je kiest in Spil onder "Mijn account" of en hoe vaak je deze e-mails krijgt.',
          ].join('\n'),
        },
        `notification:${row.kind}`,
      );
    }
  }

  /**
   * The daily digest: per person (not `uit`) their overdue actions and, for
   * `dagelijks`, the notifications not yet mailed or read. Claims each
   * person's day first; returns how many mails went out.
   */
  async runDigest(now = new Date()): Promise<number> {
    const today = todayInNL(now);
    const people = await this.ds.query<{ id: string; email: string; notify_mode: string }[]>(
      `SELECT id, email, notify_mode FROM app_user
        WHERE active AND notify_mode <> 'uit'
          AND system_role IN ('professional', 'coordinator')
          AND (digest_sent_on IS NULL OR digest_sent_on < $1::date)`,
      [today],
    );
    let sent = 0;
    for (const p of people) {
      const [overdue] = await this.ds.query<{ n: string }[]>(
        `SELECT count(*) AS n FROM plan_action a JOIN household h ON h.id = a.household_id
          WHERE a.eigenaar_id = $1 AND a.status IN ('open','bezig','geblokkeerd')
            AND a.deadline < $2::date AND h.phase <> 'afgesloten'`,
        [p.id, today],
      );
      const pending =
        p.notify_mode === 'dagelijks'
          ? await this.ds.query<{ id: string }[]>(
              `SELECT id FROM notification
                WHERE user_id = $1 AND mailed_at IS NULL AND read_at IS NULL
                  AND kind IN ('terugkoppeling','overdracht','actie')`,
              [p.id],
            )
          : [];
      const overdueCount = Number(overdue?.n ?? 0);
      if (overdueCount === 0 && pending.length === 0) continue;
      // Claim today's digest for this person; another instance may have done so.
      const claimed = await this.ds.query<{ id: string }[]>(
        `UPDATE app_user SET digest_sent_on = $2::date
          WHERE id = $1 AND (digest_sent_on IS NULL OR digest_sent_on < $2::date) RETURNING id`,
        [p.id, today],
      );
      if (claimed.length === 0) continue;
      if (pending.length > 0)
        await this.ds.query(
          `UPDATE notification SET mailed_at = now() WHERE id = ANY($1::uuid[])`,
          [pending.map((r) => r.id)],
        );
      const lines = ['Goedemorgen. Dit staat voor je klaar in Spil:', ''];
      if (overdueCount > 0)
        lines.push(
          `- ${overdueCount} ${overdueCount === 1 ? 'actie is' : 'acties zijn'} over de datum: ${this.mail.link('/mijn-acties')}`,
        );
      if (pending.length > 0)
        lines.push(
          `- ${pending.length} ${pending.length === 1 ? 'nieuwe melding' : 'nieuwe meldingen'}: ${this.mail.link('/')}`,
        );
      lines.push(
        '',
        'Je kiest in Spil onder "Mijn account" of en hoe vaak je deze e-mails krijgt.',
      );
      this.mail.sendQuietly(
        { to: p.email, subject: 'Je dagelijkse overzicht van Spil', text: lines.join('\n') },
        'digest',
      );
      sent++;
    }
    return sent;
  }

  private async isRegiehouder(userId: string, householdId: string | null): Promise<boolean> {
    if (!householdId) return false;
    const rows = await this.ds.query<unknown[]>(
      `SELECT 1 FROM regie_assignment WHERE household_id = $1 AND user_id = $2 AND ended_at IS NULL`,
      [householdId, userId],
    );
    return rows.length > 0;
  }
}
