import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Response } from 'express';
import { jwtVerify } from 'jose';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { SpilError } from '../../common/errors';
import { AUTH_SECRET, AuthService } from '../auth/auth.service';
import type { AuditedRequest } from '../audit/audit.interceptor';
import { type MinuteLimit, RateLimits } from './rate-limits';

/** Paths that are never limited: the load balancer's health probe. */
const EXEMPT = new Set(['/api/health']);

/**
 * REST rate limits, before anything else runs: per user for a validly signed
 * token (checked without the database), per address otherwise, and a
 * separate per-address budget for login attempts. Only the first refusal of a
 * run is audited, so a flood cannot flood the audit log. The address is
 * `req.ip` (TRUST_PROXY decides how far X-Forwarded-For is believed); with
 * REDIS_URL the counts are shared by every instance (`rate-limits.ts`).
 */
@Injectable()
export class RestRateLimitMiddleware implements NestMiddleware {
  private readonly users: MinuteLimit;
  private readonly anonymous: MinuteLimit;
  private readonly logins: MinuteLimit;
  private readonly key: Uint8Array;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AUTH_SECRET) secret: string,
    private readonly auth: AuthService,
    limits: RateLimits,
  ) {
    this.users = limits.perMinute('rest-user', config.RATE_LIMIT_USER_PER_MINUTE);
    this.anonymous = limits.perMinute('rest-anonymous', config.RATE_LIMIT_ANONYMOUS_PER_MINUTE);
    this.logins = limits.perMinute('login', config.RATE_LIMIT_LOGIN_PER_MINUTE);
    this.key = new TextEncoder().encode(secret);
  }

  async use(req: AuditedRequest, _res: Response, next: NextFunction): Promise<void> {
    const path = req.originalUrl.split('?')[0] ?? '';
    if (EXEMPT.has(path)) return next();
    const ip = req.ip ?? 'unknown';
    const results = [];
    if (req.method === 'POST' && path === '/api/auth/login')
      results.push(await this.logins.take(ip));
    const userId = await this.verifiedUser(req);
    results.push(await (userId ? this.users.take(userId) : this.anonymous.take(ip)));
    if (results.every((r) => r === 'ok')) return next();
    if (!results.includes('limited-first')) req.auditHandled = true;
    throw new SpilError('rate.limited');
  }

  /** The user of a token with a valid signature and expiry; the session itself is checked later by the guard. */
  private async verifiedUser(req: AuditedRequest): Promise<string | null> {
    const found = this.auth.extractToken(req);
    if (!found) return null;
    try {
      const { payload } = await jwtVerify(found.token, this.key, { algorithms: ['HS256'] });
      return typeof payload.sub === 'string' ? payload.sub : null;
    } catch {
      return null;
    }
  }
}
