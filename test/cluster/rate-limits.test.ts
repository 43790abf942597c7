/**
 * Two instances on one Redis count the login limits together: attempts
 * spread over A and B hit the limit as if they were all made on one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ErrorDto } from '@spil/shared';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { api } from '../support/http';
import { startTestServer, type TestServer } from '../support/server';

const redisUrl = process.env.TEST_REDIS_URL;
const pgUrl = process.env.TEST_DATABASE_URL;

describe.runIf(redisUrl && pgUrl)('rate limits shared by two instances through Redis', () => {
  let db: TestDatabase;
  let a: TestServer;
  let b: TestServer;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    // The counters' keys are prefixed per AUTH_SECRET, so this run counts apart from any other on the same Redis.
    const secret = randomBytes(32).toString('hex');
    const env = {
      AUTH_SECRET: secret,
      REDIS_URL: redisUrl ?? '',
      LOGIN_MAX_FAILURES: '4',
      RATE_LIMIT_LOGIN_PER_MINUTE: '6',
      RETENTION_CHECK_SECONDS: '0',
    };
    a = await startTestServer('postgres', {
      database: db,
      env: { ...env, INSTANCE_ID: `rl-a-${secret.slice(0, 6)}` },
    });
    b = await startTestServer('postgres', {
      database: db,
      demo: false,
      env: { ...env, INSTANCE_ID: `rl-b-${secret.slice(0, 6)}` },
    });
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
    await db?.drop();
  });

  /** A login on A, B, A, B, ... from one client address (the test talks through loopback, a trusted proxy). */
  async function logins(
    from: string,
    attempts: { email: string; password: string }[],
  ): Promise<{ status: number; code?: string }[]> {
    const results = [];
    for (const [i, body] of attempts.entries()) {
      const r = await api<ErrorDto>((i % 2 === 0 ? a : b).url, 'POST', '/api/auth/login', {
        body,
        headers: { 'x-forwarded-for': from },
      });
      results.push({ status: r.status, code: r.status === 200 ? undefined : r.body.code });
    }
    return results;
  }

  it('blocks an e-mail address after LOGIN_MAX_FAILURES failures spread over both instances', async () => {
    const email = 'huisarts@demo.spil.test';
    const wrong = { email, password: 'niet-het-wachtwoord' };
    const results = await logins('198.51.100.1', [
      wrong,
      wrong,
      wrong,
      wrong,
      wrong,
      { email, password: 'spil-demo' },
    ]);
    expect(results.slice(0, 4).map((r) => r.code)).toEqual(
      Array(4).fill('auth.invalid_credentials'),
    );
    // Each instance saw two failures; together they are four, the limit: blocked on both, even with the right password.
    expect(results.slice(4)).toEqual([
      { status: 429, code: 'auth.too_many_attempts' },
      { status: 429, code: 'auth.too_many_attempts' },
    ]);
  });

  it('limits login attempts per address over both instances together', async () => {
    // Another e-mail address each time, so that only the per-address budget (6 a minute) can refuse.
    const attempts = Array.from({ length: 8 }, (_, i) => ({
      email: `niemand-${i}@example.test`,
      password: 'x',
    }));
    const results = await logins('198.51.100.2', attempts);
    expect(results.slice(0, 6).map((r) => r.status)).toEqual(Array(6).fill(401));
    expect(results.slice(6)).toEqual([
      { status: 429, code: 'rate.limited' },
      { status: 429, code: 'rate.limited' },
    ]);
  });

  it('keeps e-mail and client addresses out of Redis, even as a plain hash', async () => {
    const redis = new Redis(redisUrl ?? '');
    try {
      const keys = await redis.keys('spil:rl:*');
      expect(keys.length).toBeGreaterThan(0);
      const text = keys.join('\n');
      // Neither the value itself nor an unkeyed hash of the counter's name and value, which a dictionary would undo.
      const counted = [
        'login-failure:huisarts@demo.spil.test',
        'login:198.51.100.1',
        'login:198.51.100.2',
        'rest-anonymous:198.51.100.1',
      ];
      for (const raw of counted) {
        expect(text).not.toContain(raw.slice(raw.indexOf(':') + 1));
        expect(text).not.toContain(
          createHash('sha256').update(raw).digest('base64url').slice(0, 20),
        );
      }
    } finally {
      redis.disconnect();
    }
  });
});
