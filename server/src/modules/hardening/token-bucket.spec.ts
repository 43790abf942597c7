import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './token-bucket';

describe('TokenBucket', () => {
  it('allows a burst up to its capacity, then refuses until it refills', () => {
    let now = 0;
    const b = new TokenBucket(3, 1 / 1000, () => now);
    expect([b.take(), b.take(), b.take()]).toEqual(['ok', 'ok', 'ok']);
    expect(b.take()).toBe('limited-first');
    expect(b.take()).toBe('limited');
    now += 1000;
    expect(b.take()).toBe('ok');
    expect(b.take()).toBe('limited-first');
  });
});

describe('RateLimiter', () => {
  it('keeps a bucket per key and forgets idle ones', () => {
    let now = 0;
    const r = new RateLimiter(2, () => now, 10);
    expect(r.take('a')).toBe('ok');
    expect(r.take('a')).toBe('ok');
    expect(r.take('a')).toBe('limited-first');
    expect(r.take('b')).toBe('ok');
    now += 60_000;
    r.prune();
    expect(r.size).toBe(0);
  });

  it('never holds more than its maximum of keys', () => {
    const r = new RateLimiter(5, () => 0, 100);
    for (let i = 0; i < 1000; i++) r.take(`k${i}`);
    expect(r.size).toBeLessThanOrEqual(100);
  });
});
