/**
 * Every Redis connection of an instance, under one policy (with REDIS_URL).
 *
 * Redis is never a single point of failure: an instance serves on its own
 * while Redis is away and joins again when it returns. So:
 * - no command's failure goes unobserved, not even one a library starts and
 *   drops (the socket.io adapter's publish): `ObservedRedis` attaches a
 *   handler to every command's promise, as ioredis does for traced ones;
 *   callers that await a command still see its rejection;
 * - connections retry with a capped exponential backoff, forever;
 * - publishers and counters fail fast while disconnected (no offline queue);
 *   subscribers queue their (un)subscribes until connected;
 * - a watchdog pings every ready connection twice a second. A connection
 *   that missed `STALE_TICKS` watchdog rounds counts as away (a hung Redis
 *   keeps its TCP connection open), and one that missed `STALLED_TICKS` is
 *   dropped and reconnected, so nothing piles up behind a hung server. A
 *   round counts only when the event loop was not held up before it (the
 *   answer may be waiting unread), so a busy instance does not take itself
 *   for cut off.
 *
 * `status()` is synchronous and makes no network call: health checks and the
 * degraded mode of the collab cluster read it.
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis, type RedisOptions } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config/config';
import { describeError } from '../common/describe-error';

/** `up`: every connection answers; `down`: none does; `degraded`: some do. */
export type RedisState = 'up' | 'degraded' | 'down';

/**
 * - `publish`: publishing only; fails fast while disconnected, nothing resent after a reconnect.
 * - `subscribe`: subscriber mode; (un)subscribes wait for the connection and are renewed after a reconnect.
 * - `command`: request-path commands (rate-limit counters); fail fast, and within `COMMAND_TIMEOUT_MS`.
 */
export type RedisRole = 'publish' | 'subscribe' | 'command';

/** How often the watchdog pings, in ms. */
export const WATCHDOG_MS = 500;
/** A connection whose ping is unanswered this many watchdog rounds counts as away (1.5 s). */
export const STALE_TICKS = 3;
/** A ready connection whose ping is unanswered this many rounds is dropped and reconnected (3 s). */
export const STALLED_TICKS = 6;
/** A connection whose handshake has not finished after this long is dropped and retried, in ms. */
export const HANDSHAKE_MS = 5_000;
/** Longest wait between reconnect attempts, in ms. */
export const MAX_BACKOFF_MS = 2_000;
/** Request-path commands give up after this long, in ms. */
export const COMMAND_TIMEOUT_MS = 1_000;
/** Failures of one connection are logged at most this often, in ms. */
const WARN_EVERY_MS = 60_000;

/** Wait before reconnect attempt `times` (1, 2, ...): doubling from 200 ms up to MAX_BACKOFF_MS, with jitter. */
export function backoff(times: number): number {
  const base = Math.min(MAX_BACKOFF_MS, 100 * 2 ** Math.min(times, 5));
  return Math.round(base * (0.8 + Math.random() * 0.2));
}

type Options = Omit<RedisOptions, 'replyMapping'>;

/** A Redis client none of whose command failures can become an unhandled rejection. */
export class ObservedRedis extends Redis {
  constructor(
    url: string,
    options: Options,
    private readonly onFailure: (e: unknown) => void,
  ) {
    super(url, options);
  }

  override sendCommand(
    command: Parameters<Redis['sendCommand']>[0],
    stream?: Parameters<Redis['sendCommand']>[1],
  ): unknown {
    const result = super.sendCommand(command, stream);
    if (result instanceof Promise) result.catch((e: unknown) => this.onFailure(e));
    return result;
  }
}

function optionsFor(name: string, role: RedisRole): Options {
  const common: Options = {
    connectionName: name,
    retryStrategy: backoff,
    // The watchdog decides when a connection is gone; a handshake that never ends is its case too.
    connectTimeout: HANDSHAKE_MS,
  };
  switch (role) {
    case 'publish':
      return {
        ...common,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
      };
    case 'subscribe':
      return { ...common, enableOfflineQueue: true, maxRetriesPerRequest: null };
    case 'command':
      return {
        ...common,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        autoResendUnfulfilledCommands: false,
        commandTimeout: COMMAND_TIMEOUT_MS,
      };
  }
}

interface Watched {
  name: string;
  client: ObservedRedis;
  /** Watchdog rounds its ping has gone unanswered. */
  missed: number;
  /** When the connection entered `connect` (TCP up, handshake going on). */
  connectSince: number | null;
  pinging: boolean;
  /** Bumped on every (re)connect: a ping of an earlier connection may never settle. */
  generation: number;
  warnedAt: number;
}

@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly url: string | null;
  private readonly watched: Watched[] = [];
  private readonly listeners = new Set<(s: RedisState) => void>();
  private timer: NodeJS.Timeout | null = null;
  private lastTick = 0;
  private state: RedisState = 'down';
  private everUp = false;
  private closed = false;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.url = config.REDIS_URL ?? null;
  }

  /** Whether this instance uses Redis at all (REDIS_URL set). */
  get configured(): boolean {
    return this.url !== null;
  }

  /** A new connection with the policy of its role. Connects at once, and keeps retrying. */
  client(name: string, role: RedisRole): Redis {
    if (!this.url) throw new Error('REDIS_URL is not set');
    const client = new ObservedRedis(this.url, optionsFor(name, role), (e) => this.failed(w, e));
    const w: Watched = {
      name,
      client,
      missed: 0,
      connectSince: null,
      pinging: false,
      generation: 0,
      warnedAt: 0,
    };
    w.client.on('error', (e: unknown) => this.failed(w, e));
    w.client.on('connect', () => {
      w.connectSince = Date.now();
    });
    w.client.on('ready', () => {
      w.connectSince = null;
      w.missed = 0;
      w.pinging = false;
      w.generation++;
      this.evaluate();
    });
    w.client.on('close', () => {
      w.pinging = false;
      w.generation++;
      this.evaluate();
    });
    this.watched.push(w);
    if (!this.timer && !this.closed) {
      this.lastTick = Date.now();
      this.timer = setInterval(() => this.tick(), WATCHDOG_MS);
      this.timer.unref();
    }
    this.evaluate();
    return w.client;
  }

  /**
   * The state of Redis as this instance sees it, from what the watchdog last
   * heard: synchronous, never waits. Null without REDIS_URL.
   */
  status(): RedisState | null {
    if (!this.url) return null;
    return this.compute();
  }

  /** Whether this connection is ready and answered lately: worth sending a command to. */
  usable(client: Redis): boolean {
    const w = this.watched.find((x) => x.client === client);
    return !!w && this.answers(w);
  }

  /** Called with the new state whenever it changes. Returns an unsubscribe function. */
  onChange(listener: (s: RedisState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Resolves once every connection is ready, or one of them failed (Redis is
   * away: start without it), or after `ms`: boot never waits longer.
   */
  settled(ms: number): Promise<void> {
    const pending = this.watched.filter((w) => w.client.status !== 'ready');
    if (pending.length === 0 || !this.url) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const offs: (() => void)[] = [];
      const done = () => {
        clearTimeout(timer);
        for (const off of offs) off();
        resolve();
      };
      const timer = setTimeout(done, ms);
      timer.unref();
      for (const w of pending) {
        const onReady = () => {
          if (this.watched.every((x) => x.client.status === 'ready')) done();
        };
        const onFail = () => done();
        w.client.on('ready', onReady);
        w.client.on('error', onFail);
        w.client.on('end', onFail);
        offs.push(() => {
          w.client.off('ready', onReady);
          w.client.off('error', onFail);
          w.client.off('end', onFail);
        });
      }
    });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    // No QUIT: a hung server would never answer it. Redis drops what a closed socket held.
    for (const w of this.watched) w.client.disconnect();
  }

  /* ---------- internals ---------- */

  private answers(w: Watched): boolean {
    return w.client.status === 'ready' && w.missed < STALE_TICKS;
  }

  private compute(): RedisState {
    if (this.watched.length === 0) return 'down';
    const answering = this.watched.filter((w) => this.answers(w)).length;
    if (answering === this.watched.length) return 'up';
    return answering === 0 ? 'down' : 'degraded';
  }

  private tick(): void {
    const now = Date.now();
    // After the event loop was held up, answers may be waiting unread: this round judges nobody.
    const lagging = now - this.lastTick > WATCHDOG_MS * 2;
    this.lastTick = now;
    for (const w of this.watched) {
      const c = w.client;
      if (c.status === 'ready') {
        if (w.pinging) {
          if (!lagging) w.missed++;
          if (w.missed >= STALLED_TICKS) {
            // Still away until the new connection is ready ('ready' clears `missed`).
            this.warn(w, 'does not answer; reconnecting');
            c.disconnect(true);
          }
          continue;
        }
        w.pinging = true;
        const generation = w.generation;
        c.ping().then(
          () => {
            if (w.generation !== generation) return;
            w.pinging = false;
            w.missed = 0;
          },
          () => {
            if (w.generation !== generation) return;
            w.pinging = false;
            w.missed++;
          },
        );
      } else if (c.status === 'connect' && w.connectSince !== null) {
        if (!lagging && now - w.connectSince > HANDSHAKE_MS) {
          this.warn(w, 'handshake does not finish; reconnecting');
          w.connectSince = null;
          c.disconnect(true);
        }
      }
    }
    this.evaluate();
  }

  private evaluate(): void {
    if (this.closed) return;
    const next = this.compute();
    if (next === this.state) return;
    const before = this.state;
    this.state = next;
    if (next === 'up')
      this.logger.log(this.everUp ? `Redis answers again (was ${before})` : 'Redis answers');
    if (next === 'up') this.everUp = true;
    else if (before === 'up')
      this.logger.warn(`Redis ${next}: this instance serves on its own meanwhile`);
    for (const l of this.listeners) {
      try {
        l(next);
      } catch (e) {
        this.logger.error(`A Redis state listener failed: ${describeError(e)}`);
      }
    }
  }

  private failed(w: Watched, e: unknown): void {
    // Error replies (a script not loaded yet, a wrong type) are the caller's to handle: not a connection fault.
    if (e instanceof Error && e.name === 'ReplyError') return;
    this.warn(w, `failed (${describeError(e)})`);
  }

  private warn(w: Watched, what: string): void {
    const now = Date.now();
    if (now - w.warnedAt < WARN_EVERY_MS) return;
    w.warnedAt = now;
    this.logger.warn(`Redis connection ${w.name} ${what}`);
  }
}
