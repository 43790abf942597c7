/**
 * A person's own account: password change, a forgotten password reset by
 * e-mail, first passwords of invited professionals, notification settings.
 * E-mail links carry a single-use code; only its hash is stored.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import type { NotifyMode } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { type Actor, AuditService } from '../audit/audit.service';
import { type FailureLimit, RateLimits } from '../hardening/rate-limits';
import { MailService } from '../mail/mail.service';
import { UserEntity } from '../users/user.entity';
import { AccountTokenEntity, type AccountTokenPurpose } from './account-token.entity';
import { hashLinkCode, newLinkCode } from './account-links';
import { AuthService, hashPassword } from './auth.service';
import type { AuthContext } from './auth.types';

/** The answer to every reset request, known address or not. */
export const RESET_ANSWER =
  'Als dit e-mailadres bij Spil bekend is, ontvang je binnen een paar minuten een e-mail met een link om een nieuw wachtwoord te kiezen.';

@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);
  private readonly resetsPerAddress: FailureLimit;
  private readonly resetsPerClient: FailureLimit;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    limits: RateLimits,
  ) {
    this.resetsPerAddress = limits.failures('password-reset', config.RESET_PER_HOUR, 3600_000);
    this.resetsPerClient = limits.failures(
      'password-reset-client',
      config.RESET_PER_HOUR * 10,
      3600_000,
    );
  }

  /** A single-use link code for a person; earlier unused links of the same purpose stop working. */
  async issueLink(
    userId: string,
    purpose: AccountTokenPurpose,
    createdBy: string | null,
    validMs: number,
  ): Promise<{ code: string; expiresAt: Date }> {
    const { code, hash } = newLinkCode();
    const expiresAt = new Date(Date.now() + validMs);
    await this.ds.transaction(async (em) => {
      const tokens = em.getRepository(AccountTokenEntity);
      await tokens.update({ userId, purpose, usedAt: IsNull() }, { usedAt: new Date() });
      await tokens.insert({ userId, purpose, tokenHash: hash, createdBy, expiresAt, usedAt: null });
    });
    return { code, expiresAt };
  }

  async changePassword(ctx: AuthContext, current: string, next: string): Promise<void> {
    const user = await this.ds.getRepository(UserEntity).findOneByOrFail({ id: ctx.user.id });
    if (!(await this.auth.checkPassword(user, current)))
      throw new SpilError('auth.wrong_password', 'currentPassword');
    await this.ds
      .getRepository(UserEntity)
      .update({ id: user.id }, { passwordHash: await hashPassword(next) });
    // Every other session ends: whoever knew the old password is out.
    await this.auth.endSessions(user.id, ctx.sessionId);
    await this.record(user, 'account.password_changed', 'U', null);
  }

  /**
   * A reset link for an active account with this address. The caller always
   * gets RESET_ANSWER; for an unknown address nothing is sent. Per address
   * at most RESET_PER_HOUR links an hour (further requests send nothing),
   * per client address ten times that (then 429).
   */
  async requestReset(email: string, clientAddress: string | null): Promise<string> {
    const key = email.trim().toLowerCase();
    const client = clientAddress ?? 'unknown';
    if (await this.resetsPerClient.blocked(client)) throw new SpilError('rate.limited');
    await this.resetsPerClient.fail(client);
    const blocked = await this.resetsPerAddress.blocked(key);
    await this.resetsPerAddress.fail(key);
    const user = await this.ds.getRepository(UserEntity).findOne({ where: { email: key } });
    if (!user || !user.active || blocked) {
      // Roughly as long as the real work, so timing tells as little as the answer.
      await hashPassword(key);
      return RESET_ANSWER;
    }
    const { code } = await this.issueLink(
      user.id,
      'reset',
      null,
      this.config.RESET_TTL_MINUTES * 60_000,
    );
    this.mail.sendQuietly(
      {
        to: user.email,
        subject: 'Nieuw wachtwoord voor Spil',
        text: [
          'Je hebt gevraagd om een nieuw wachtwoord voor Spil.',
          '',
          `Kies een nieuw wachtwoord via deze link (${this.config.RESET_TTL_MINUTES} minuten geldig, één keer te gebruiken):`,
          this.mail.link(`/wachtwoord-instellen#code=${code}`),
          '',
          'Heb je dit niet zelf gevraagd? Dan kun je deze e-mail negeren; je wachtwoord blijft hetzelfde.',
        ].join('\n'),
      },
      'password-reset',
    );
    await this.record(user, 'account.password_reset_requested', 'E', null);
    return RESET_ANSWER;
  }

  /** Set a password with the code from an invitation or a reset mail; the account is active after. */
  async setPassword(code: string, password: string): Promise<{ email: string }> {
    const passwordHash = await hashPassword(password);
    const { user, purpose } = await this.ds.transaction(async (em) => {
      const token = await em
        .getRepository(AccountTokenEntity)
        .createQueryBuilder('t')
        .setLock('pessimistic_write')
        .where('t.token_hash = :h', { h: hashLinkCode(code) })
        .getOne();
      if (!token || token.usedAt || token.expiresAt.getTime() < Date.now())
        throw new SpilError('auth.invalid_link', 'token');
      const users = em.getRepository(UserEntity);
      const user = await users.findOneByOrFail({ id: token.userId });
      // A reset never revives a deactivated account; only an invitation activates.
      if (token.purpose === 'reset' && !user.active)
        throw new SpilError('auth.invalid_link', 'token');
      await em.getRepository(AccountTokenEntity).update({ id: token.id }, { usedAt: new Date() });
      await users.update({ id: user.id }, { passwordHash, active: true });
      return { user, purpose: token.purpose };
    });
    await this.auth.endSessions(user.id);
    await this.record(
      user,
      purpose === 'invite' ? 'account.activated' : 'account.password_reset',
      'U',
      null,
    );
    return { email: user.email };
  }

  async setNotifyMode(ctx: AuthContext, notifyMode: NotifyMode): Promise<void> {
    await this.ds.getRepository(UserEntity).update({ id: ctx.user.id }, { notifyMode });
  }

  private async record(
    user: UserEntity,
    event: string,
    action: 'C' | 'U' | 'E',
    detail: Record<string, unknown> | null,
  ): Promise<void> {
    const actor: Actor = await this.audit.actorOf(user, null, 'beheer');
    this.audit.recordQuietly({
      ...actor,
      event,
      action,
      outcome: 'success',
      channel: 'rest',
      householdId: null,
      part: null,
      detail,
    });
  }
}
