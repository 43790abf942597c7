/**
 * Token buckets for rate limits, in memory. With several instances each
 * keeps its own buckets, so a limit holds per instance (a load balancer with
 * sticky sessions keeps it close to per user).
 */

/** A bucket of `capacity` tokens that refills at `perMs` tokens per millisecond. */
export class TokenBucket {
  private tokens: number;
  private last: number;
  /** True after a refusal, until a token is taken again: the first refusal of a run is reported once. */
  private limited = false;

  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = capacity;
    this.last = now();
  }

  /** `ok`, or `limited` (with `first` for the first refusal after a run of allowed ones). */
  take(): 'ok' | 'limited-first' | 'limited' {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + (t - this.last) * this.perMs);
    this.last = t;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.limited = false;
      return 'ok';
    }
    if (this.limited) return 'limited';
    this.limited = true;
    return 'limited-first';
  }

  /** Full again: nothing to remember. */
  idle(): boolean {
    return this.tokens + (this.now() - this.last) * this.perMs >= this.capacity;
  }
}

/** Buckets per key (a user, an address), forgotten once full again. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  /** `perMinute` requests per minute, bursts up to `perMinute`. */
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 100_000,
  ) {}

  take(key: string): ReturnType<TokenBucket['take']> {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.prune();
      b = new TokenBucket(this.perMinute, this.perMinute / 60_000, this.now);
      this.buckets.set(key, b);
    }
    return b.take();
  }

  get size(): number {
    return this.buckets.size;
  }

  prune(): void {
    for (const [k, b] of this.buckets) if (b.idle()) this.buckets.delete(k);
    // Still full of busy keys (an attack from many addresses): start over rather than grow without bound.
    if (this.buckets.size >= this.maxKeys) this.buckets.clear();
  }
}
