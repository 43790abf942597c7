/**
 * The second factor of a password login: TOTP (an authenticator app, RFC
 * 6238 through otplib) with ten single-use recovery codes. A code works once
 * (the last accepted time step is kept), and wrong codes count towards the
 * same limit as wrong passwords.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { generateSecret, generateURI, verify } from 'otplib';
import { toString as qrSvg } from 'qrcode';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { SecondFactorState, TotpEnrolmentDto } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { AuditService } from '../audit/audit.service';
import { type FailureLimit, RateLimits } from '../hardening/rate-limits';
import { UserEntity } from '../users/user.entity';
import { RecoveryCodeEntity } from './account-token.entity';
import { AuthService } from './auth.service';
import type { AuthContext } from './auth.types';

const RECOVERY_CODES = 10;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** Recovery codes as people type them: lower case, no dashes or spaces. */
const normalise = (code: string) => code.toLowerCase().replace(/[^a-z0-9]/g, '');

function recoveryCode(): string {
  const raw = randomBytes(10).toString('hex'); // 80 bits
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15)}`;
}

/** Replace a person's recovery codes with ten new ones (only their hashes are kept); returns them, to show once. */
async function newRecoveryCodes(em: EntityManager, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
  await em.getRepository(RecoveryCodeEntity).delete({ userId });
  await em
    .getRepository(RecoveryCodeEntity)
    .insert(codes.map((c) => ({ userId, codeHash: sha256(normalise(c)), usedAt: null })));
  return codes;
}

@Injectable()
export class SecondFactorService {
  private readonly failures: FailureLimit;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly ds: DataSource,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    limits: RateLimits,
  ) {
    this.failures = limits.failures(
      'second-factor-failure',
      config.LOGIN_MAX_FAILURES,
      config.LOGIN_WINDOW_SECONDS * 1000,
    );
  }

  status(ctx: AuthContext): SecondFactorState {
    if (!ctx.secondFactorPending) return 'none';
    return ctx.user.totpEnabled ? 'code' : 'enrol';
  }

  /** A new secret for the app; it counts only once a code from it is confirmed. */
  async startEnrolment(ctx: AuthContext): Promise<TotpEnrolmentDto> {
    if (ctx.user.totpEnabled) throw new SpilError('auth.forbidden');
    const secret = generateSecret();
    await this.ds.getRepository(UserEntity).update({ id: ctx.user.id }, { totpSecret: secret });
    const uri = generateURI({ issuer: 'Spil', label: ctx.user.email, secret });
    const svg = await qrSvg(uri, { type: 'svg', margin: 1 });
    return {
      uri,
      secret,
      qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /** The first code from the app: the factor is on, the login complete, and here are the recovery codes (shown once). */
  async confirmEnrolment(ctx: AuthContext, code: string): Promise<string[]> {
    const user = await this.fresh(ctx.user.id);
    if (user.totpEnabled || !user.totpSecret) throw new SpilError('auth.second_factor_not_started');
    const step = await this.checkTotp(user, code);
    if (step === null) return this.refuse(user.id);
    const codes = await this.ds.transaction(async (em) => {
      await em
        .getRepository(UserEntity)
        .update({ id: user.id }, { totpEnabled: true, totpLastStep: String(step) });
      return newRecoveryCodes(em, user.id);
    });
    await this.failures.reset(user.id);
    await this.auth.completeSecondFactor(ctx.sessionId);
    await this.record(user, 'auth.second_factor_enrolled', 'success');
    return codes;
  }

  /** A code from the app, or a recovery code: the login is complete. */
  async verify(ctx: AuthContext, code: string): Promise<void> {
    const user = await this.fresh(ctx.user.id);
    if (!user.totpEnabled || !user.totpSecret)
      throw new SpilError('auth.second_factor_not_started');
    if (await this.failures.blocked(user.id)) throw new SpilError('auth.too_many_attempts');
    const step = await this.checkTotp(user, code);
    if (step !== null) {
      if (!(await this.useStep(user.id, step))) return this.refuse(user.id);
    } else {
      const res = await this.ds
        .getRepository(RecoveryCodeEntity)
        .update(
          { userId: user.id, codeHash: sha256(normalise(code)), usedAt: IsNull() },
          { usedAt: new Date() },
        );
      if (!res.affected) return this.refuse(user.id);
    }
    await this.failures.reset(user.id);
    await this.auth.completeSecondFactor(ctx.sessionId);
    await this.record(user, 'auth.second_factor', 'success');
  }

  /**
   * Turn the second factor off, with a current code from the app; only when
   * REQUIRE_2FA does not ask it of this person. The secret and the recovery
   * codes are gone; the next login asks for the password only.
   */
  async disable(ctx: AuthContext, code: string): Promise<void> {
    if (this.auth.secondFactorRequired(ctx.user))
      throw new SpilError('auth.second_factor_required_by_policy');
    const user = await this.currentCode(ctx, code);
    await this.ds.transaction(async (em) => {
      await em
        .getRepository(UserEntity)
        .update({ id: user.id }, { totpEnabled: false, totpSecret: null, totpLastStep: null });
      await em.getRepository(RecoveryCodeEntity).delete({ userId: user.id });
    });
    await this.record(user, 'auth.second_factor_disabled', 'success', 'U');
  }

  /** New recovery codes (shown once), with a current code from the app; the old ones stop working. */
  async renewRecoveryCodes(ctx: AuthContext, code: string): Promise<string[]> {
    const user = await this.currentCode(ctx, code);
    const codes = await this.ds.transaction((em) => newRecoveryCodes(em, user.id));
    await this.record(user, 'auth.recovery_codes_renewed', 'success', 'U');
    return codes;
  }

  /** A change of the factor itself asks a current code from the app (a recovery code will not do). */
  private async currentCode(ctx: AuthContext, code: string): Promise<UserEntity> {
    const user = await this.fresh(ctx.user.id);
    if (!user.totpEnabled || !user.totpSecret)
      throw new SpilError('auth.second_factor_not_started');
    if (await this.failures.blocked(user.id)) throw new SpilError('auth.too_many_attempts');
    const step = await this.checkTotp(user, code);
    if (step === null || !(await this.useStep(user.id, step))) return this.refuse(user.id);
    await this.failures.reset(user.id);
    return user;
  }

  /** Accept a time step only if it is later than the last one accepted: a code works once. */
  private async useStep(userId: string, step: number): Promise<boolean> {
    const res = await this.ds
      .getRepository(UserEntity)
      .createQueryBuilder()
      .update()
      .set({ totpLastStep: String(step) })
      .where('id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)', {
        id: userId,
        step,
      })
      .execute();
    return Boolean(res.affected);
  }

  async recoveryCodesLeft(userId: string): Promise<number> {
    return this.ds.getRepository(RecoveryCodeEntity).count({ where: { userId, usedAt: IsNull() } });
  }

  /** The time step of a valid code (a step back or forward allowed for clock drift), or null. */
  private async checkTotp(user: UserEntity, code: string): Promise<number | null> {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token) || !user.totpSecret) return null;
    const epoch = Math.floor(Date.now() / 1000);
    const result = await verify({ secret: user.totpSecret, token, epoch, epochTolerance: 30 });
    // delta: how many 30-second steps from now the code belongs to.
    return result.valid ? Math.floor(epoch / 30) + result.delta : null;
  }

  private async refuse(userId: string): Promise<never> {
    await this.failures.fail(userId);
    await this.record(await this.fresh(userId), 'auth.second_factor', 'refused');
    throw new SpilError('auth.second_factor_invalid', 'code');
  }

  /** The second step is part of logging in: recorded like a login (purpose aanmelding). */
  private async record(
    user: UserEntity,
    event: string,
    outcome: 'success' | 'refused',
    action: 'E' | 'U' = 'E',
  ): Promise<void> {
    this.audit.recordQuietly({
      ...(await this.audit.actorOf(user, null, 'aanmelding')),
      event,
      action,
      outcome,
      channel: 'rest',
      householdId: null,
      part: null,
      detail: null,
    });
  }

  private fresh(id: string): Promise<UserEntity> {
    return this.ds.getRepository(UserEntity).findOneByOrFail({ id });
  }
}
