import { Injectable } from '@nestjs/common';
import { withTimeout } from './with-timeout';

/** How long a Redis check may take before it counts as down, in ms. */
export const REDIS_CHECK_TIMEOUT_MS = 500;

/**
 * Reports Redis when an instance uses it. The cluster module registers a
 * status: a synchronous one (the connection's state) or a probe (a PING);
 * either way the answer comes within REDIS_CHECK_TIMEOUT_MS, so a hung Redis
 * reads as `down` instead of hanging the health endpoints.
 */
@Injectable()
export class RedisHealth {
  private probe: (() => Promise<boolean> | boolean) | null = null;

  register(probe: () => Promise<boolean> | boolean): void {
    this.probe = probe;
  }

  async check(): Promise<'up' | 'down' | undefined> {
    const probe = this.probe;
    if (!probe) return undefined;
    const up = await withTimeout(
      Promise.resolve().then(probe),
      REDIS_CHECK_TIMEOUT_MS,
      false,
    ).catch(() => false);
    return up ? 'up' : 'down';
  }
}
