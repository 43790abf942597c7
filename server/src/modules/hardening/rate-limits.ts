/**
 * The counters behind the REST and login limits. Without REDIS_URL they live
 * in memory and a limit holds per instance (token buckets and the sliding
 * window of `LoginThrottle`). With REDIS_URL every instance counts in Redis,
 * so a limit holds for the whole deployment: a fixed window per key (INCR,
 * and PEXPIRE on the first hit, in one script).
 *
 * Keys are an HMAC under a key derived from AUTH_SECRET, so an e-mail address
 * or client address never reaches Redis and cannot be guessed back from it,
 * and deployments (and test runs) that share one Redis never count together. While Redis does not answer, the in-memory
 * counters stand in: limits then hold per instance again, never not at all.
 * The connection comes from `RedisConnections` (one policy for every Redis
 * connection): it fails fast while disconnected, and once the watchdog finds
 * Redis hung, requests stop asking it until it answers again.
 */
import { createHmac } from 'node:crypto';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { RedisConnections } from '../../cluster/redis-connections';
import { describeError } from '../../common/describe-error';
import { AUTH_SECRET } from '../auth/auth-secret';
import { LoginThrottle } from '../auth/login-throttle';
import { RateLimiter, type TokenBucket } from './token-bucket';

export type Take = ReturnType<TokenBucket['take']>;

/** At most `perMinute` hits per key per minute. `limited-first` marks the first refusal of a run. */
export interface MinuteLimit {
  take(key: string): Promise<Take>;
}

/** Failures per key within a window; blocked once `max` are counted, until the window ends or a reset. */
export interface FailureLimit {
  blocked(key: string): Promise<boolean>;
  fail(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/** INCR, and a time to live on the first hit of a window: the count within the key's window. */
const HIT_SCRIPT = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

/** Redis failures are logged at most this often, in ms. */
const WARN_EVERY_MS = 60_000;
/** How long boot waits for Redis before counting in memory, in ms (not at all once Redis refused). */
const CONNECT_WAIT_MS = 2_000;

type HitRedis = Redis & { spilHit(key: string, windowMs: number): Promise<number> };

@Injectable()
export class RateLimits implements OnModuleInit {
  private readonly logger = new Logger(RateLimits.name);
  private readonly redis: HitRedis | null;
  private readonly prefix: string;
  private readonly keyHmacKey: Buffer;
  private warnedAt = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(AUTH_SECRET) secret: string,
    private readonly connections: RedisConnections,
  ) {
    this.keyHmacKey = createHmac('sha256', secret).update('rate-limit keys').digest();
    this.prefix = `spil:rl:${createHmac('sha256', secret).update('rate-limits').digest('base64url').slice(0, 16)}:`;
    if (!config.REDIS_URL) {
      this.redis = null;
      return;
    }
    // Fails fast, and counts in memory meanwhile, rather than hold a request while Redis is away.
    const redis = connections.client('spil-rate-limits', 'command');
    redis.on('error', (e: unknown) => this.unavailable(e));
    redis.defineCommand('spilHit', { numberOfKeys: 1, lua: HIT_SCRIPT });
    this.redis = redis as HitRedis;
  }

  /** Shared counting starts once Redis is ready; boot does not wait for a Redis that is away. */
  async onModuleInit(): Promise<void> {
    if (this.redis) await this.connections.settled(CONNECT_WAIT_MS);
  }

  /** True when the counters are shared through Redis. */
  get shared(): boolean {
    return this.redis !== null;
  }

  /** `perMinute` hits per key per minute: a token bucket in memory, a one-minute window in Redis. */
  perMinute(name: string, perMinute: number): MinuteLimit {
    const local = new RateLimiter(perMinute);
    return {
      take: async (key) => {
        const n = await this.hit(`${name}:${key}`, 60_000);
        if (n === null) return local.take(key);
        if (n <= perMinute) return 'ok';
        return n === perMinute + 1 ? 'limited-first' : 'limited';
      },
    };
  }

  /** Failures per key: blocked at `max` within `windowMs` (sliding in memory, from the first failure in Redis). */
  failures(name: string, max: number, windowMs: number): FailureLimit {
    const local = new LoginThrottle(max, windowMs);
    return {
      blocked: async (key) => {
        const n = await this.count(`${name}:${key}`);
        return n === null ? local.isBlocked(key) : n >= max;
      },
      fail: async (key) => {
        if ((await this.hit(`${name}:${key}`, windowMs)) === null) local.recordFailure(key);
      },
      reset: async (key) => {
        local.reset(key);
        await this.del(`${name}:${key}`);
      },
    };
  }

  private key(raw: string): string {
    return this.prefix + createHmac('sha256', this.keyHmacKey).update(raw).digest('base64url');
  }

  /** The count within the window after this hit, or null when Redis is not there (count in memory). */
  private async hit(raw: string, windowMs: number): Promise<number | null> {
    if (!this.usable(this.redis)) return null;
    try {
      return Number(await this.redis.spilHit(this.key(raw), windowMs));
    } catch (e) {
      this.unavailable(e);
      return null;
    }
  }

  private async count(raw: string): Promise<number | null> {
    if (!this.usable(this.redis)) return null;
    try {
      return Number((await this.redis.get(this.key(raw))) ?? 0);
    } catch (e) {
      this.unavailable(e);
      return null;
    }
  }

  private async del(raw: string): Promise<void> {
    if (!this.usable(this.redis)) return;
    await this.redis.del(this.key(raw)).catch((e: unknown) => this.unavailable(e));
  }

  /** Ready, and answered the watchdog lately (a hung Redis keeps its connection open). */
  private usable(redis: HitRedis | null): redis is HitRedis {
    return !!redis && this.connections.usable(redis);
  }

  private unavailable(e: unknown): void {
    const now = Date.now();
    if (now - this.warnedAt < WARN_EVERY_MS) return;
    this.warnedAt = now;
    this.logger.warn(`Redis unavailable (${describeError(e)}): rate limits count per instance`);
  }
}
