import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  it('blocks after the maximum failures within the window and forgets them after it', () => {
    let now = 1_000_000;
    const t = new LoginThrottle(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.isBlocked('a@x')).toBe(false);
      t.recordFailure('a@x');
    }
    expect(t.isBlocked('a@x')).toBe(true);
    expect(t.isBlocked('b@x')).toBe(false);
    now += 60_001;
    expect(t.isBlocked('a@x')).toBe(false);
  });

  it('resets on success', () => {
    const t = new LoginThrottle(2, 60_000);
    t.recordFailure('a@x');
    t.reset('a@x');
    t.recordFailure('a@x');
    expect(t.isBlocked('a@x')).toBe(false);
  });
});
