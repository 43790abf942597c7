import { webcrypto } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { hash, verify } from '@node-rs/argon2';
import { parse as parseCookie } from 'cookie';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { IsNull, Repository } from 'typeorm';
import type { LoginResponse, SecondFactorState, UserDto } from '@spil/shared';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { DomainEvents } from '../../common/domain-events';
import { SpilError } from '../../common/errors';
import { UserEntity } from '../users/user.entity';
import { SessionEntity } from './session.entity';
import { SessionLookup } from './session-lookup';
import { type AuthContext, type CredentialSource, SESSION_COOKIE } from './auth.types';
import { type FailureLimit, RateLimits } from '../hardening/rate-limits';
import { AUTH_SECRET } from './auth-secret';

/** argon2id, OWASP's second recommended set: 19 MiB, 2 iterations, 1 lane. */
const ARGON2 = {
  algorithm: 2 /* Argon2id; the enum is ambient const */,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;
/** Verifying against this keeps a login for an unknown address as slow as one for a known one. */
const DUMMY_HASH =
  '$argon2id$v=19$m=19456,t=2,p=1$c3BpbC1kdW1teS1zYWx0IQ$JDPy7Yi5Epw9o7tumv1u0cKc4Dhc7t6Nbnyu+HWCbs8';

export { AUTH_SECRET };

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2);
}

export function toUserDto(u: UserEntity): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    discipline: u.discipline,
    domain: u.domain,
    organisation: u.organisation,
    systemRole: u.systemRole,
    phone: u.phone,
    expertise: u.expertise,
    whenToInvolve: u.whenToInvolve,
    wijkteamId: u.wijkteamId,
  };
}

@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly key: Uint8Array;
  /** `key` imported once for verifying (jose imports a raw key anew on every call). */
  private verifyKey: Promise<webcrypto.CryptoKey> | null = null;
  /** Failed logins per e-mail address; shared by every instance with REDIS_URL. */
  private readonly failures: FailureLimit;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AUTH_SECRET) secret: string,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(SessionEntity) private readonly sessions: Repository<SessionEntity>,
    private readonly events: DomainEvents,
    limits: RateLimits,
  ) {
    this.key = new TextEncoder().encode(secret);
    this.failures = limits.failures(
      'login-failure',
      config.LOGIN_MAX_FAILURES,
      config.LOGIN_WINDOW_SECONDS * 1000,
    );
  }

  /** Whether REQUIRE_2FA asks a second factor of this person after a password. */
  secondFactorRequired(user: Pick<UserEntity, 'systemRole'>): boolean {
    const mode = this.config.REQUIRE_2FA;
    if (mode === 'all') return true;
    return (
      mode === 'staff' && (user.systemRole === 'coordinator' || user.systemRole === 'beheerder')
    );
  }

  /** What a password login of this person still needs. */
  secondFactorState(user: UserEntity): SecondFactorState {
    if (user.totpEnabled) return 'code';
    return this.secondFactorRequired(user) ? 'enrol' : 'none';
  }

  /** Check a password without logging in (changing it); false for a wrong one. */
  async checkPassword(user: UserEntity, password: string): Promise<boolean> {
    return verify(user.passwordHash, password).catch(() => false);
  }

  /** A new session and its token. `pending`: a second step is needed before any data. */
  async startSession(
    user: UserEntity,
    method: string,
    secondFactor: SecondFactorState,
  ): Promise<LoginResponse> {
    const expiresAt = new Date(Date.now() + this.config.SESSION_TTL_SECONDS * 1000);
    const session = await this.sessions.save(
      this.sessions.create({
        userId: user.id,
        expiresAt,
        endedAt: null,
        method,
        secondFactorPending: secondFactor !== 'none',
      }),
    );
    const accessToken = await new SignJWT({ sid: session.id })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuedAt()
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.key);
    return {
      accessToken,
      expiresAt: expiresAt.toISOString(),
      user: toUserDto(user),
      secondFactor,
    };
  }

  /** The second step is done: the session may read data now. */
  async completeSecondFactor(sessionId: string): Promise<void> {
    await this.sessions.update({ id: sessionId }, { secondFactorPending: false });
  }

  /** End every session of a person (a new password), but `keep`; their live connections close. */
  async endSessions(userId: string, keep?: string): Promise<void> {
    const open = await this.sessions.find({ where: { userId, endedAt: IsNull() } });
    const ending = open.filter((s) => s.id !== keep);
    if (ending.length === 0) return;
    await this.sessions.update(
      ending.map((s) => s.id),
      { endedAt: new Date() },
    );
    for (const s of ending) this.events.publish('session.ended', { sessionId: s.id, userId });
  }

  async login(email: string, password: string): Promise<LoginResponse> {
    const key = email.trim().toLowerCase();
    if (await this.failures.blocked(key)) throw new SpilError('auth.too_many_attempts');
    const user = await this.users.findOne({ where: { email: key } });
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok || !user.active) {
      await this.failures.fail(key);
      this.logger.log('Login refused');
      throw new SpilError('auth.invalid_credentials');
    }
    await this.failures.reset(key);
    return this.startSession(user, 'password', this.secondFactorState(user));
  }

  async logout(auth: AuthContext): Promise<void> {
    await this.sessions.update({ id: auth.sessionId, endedAt: IsNull() }, { endedAt: new Date() });
    this.events.publish('session.ended', { sessionId: auth.sessionId, userId: auth.user.id });
  }

  /** Disable an account: every session ends now and its live sockets close. */
  async disableUser(userId: string): Promise<void> {
    await this.users.update({ id: userId }, { active: false });
    await this.sessions.update({ userId, endedAt: IsNull() }, { endedAt: new Date() });
    this.events.publish('user.disabled', { userId });
  }

  /** The token from `Authorization: Bearer` or, failing that, the session cookie. */
  extractToken(src: CredentialSource): { token: string; via: AuthContext['via'] } | null {
    const header = src.headers['authorization'];
    const auth = Array.isArray(header) ? header[0] : header;
    if (auth) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      return m?.[1] ? { token: m[1], via: 'bearer' } : null;
    }
    const rawCookie = src.headers['cookie'];
    const cookieHeader = Array.isArray(rawCookie) ? rawCookie.join('; ') : rawCookie;
    if (!cookieHeader) return null;
    const token = parseCookie(cookieHeader)[SESSION_COOKIE];
    return token ? { token, via: 'cookie' } : null;
  }

  /** Authenticate a request, upgrade or handshake. Throws `auth.*` errors; never returns a stale session. */
  async authenticate(
    src: CredentialSource,
    opts: { allowPending?: boolean } = {},
  ): Promise<AuthContext> {
    const found = this.extractToken(src);
    if (!found) throw new SpilError('auth.required');
    return { ...(await this.verifyToken(found.token, opts)), via: found.via };
  }

  /**
   * The session behind a token. A session still waiting for its second
   * factor is refused (`auth.second_factor_required`) unless `allowPending`:
   * only the second-step routes pass that, so sockets and data routes never
   * see such a session.
   */
  async verifyToken(
    token: string,
    opts: { allowPending?: boolean } = {},
  ): Promise<Omit<AuthContext, 'via'>> {
    let sessionId: string;
    let userId: string;
    try {
      this.verifyKey ??= webcrypto.subtle.importKey(
        'raw',
        this.key,
        { name: 'HMAC', hash: 'SHA-256' },
        false,
        ['verify'],
      );
      const { payload } = await jwtVerify(token, await this.verifyKey, { algorithms: ['HS256'] });
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string')
        throw new SpilError('auth.required');
      sessionId = payload.sid;
      userId = payload.sub;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new SpilError('auth.session_expired');
      throw new SpilError('auth.required');
    }
    const session = await this.sessionWithUser(sessionId);
    if (!session || session.userId !== userId || !session.user)
      throw new SpilError('auth.required');
    if (session.endedAt || session.expiresAt.getTime() <= Date.now())
      throw new SpilError('auth.session_expired');
    if (!session.user.active) throw new SpilError('auth.required');
    if (session.secondFactorPending && !opts.allowPending)
      throw new SpilError('auth.second_factor_required');
    return {
      user: session.user,
      sessionId,
      secondFactorPending: session.secondFactorPending,
      method: session.method,
    };
  }

  /** Whether a session is still valid: used by live connections to recheck. */
  async sessionActive(sessionId: string): Promise<boolean> {
    const s = await this.sessionWithUser(sessionId);
    return (
      !!s &&
      !s.endedAt &&
      !s.secondFactorPending &&
      s.expiresAt.getTime() > Date.now() &&
      !!s.user?.active
    );
  }

  /** A session with its user, in one query without a query builder (`session-lookup.ts`): every request and socket passes here. */
  private sessionWithUser(sessionId: string): Promise<SessionEntity | null> {
    this.lookup ??= new SessionLookup(this.sessions);
    return this.lookup.find(sessionId);
  }
  private lookup: SessionLookup | null = null;
}
