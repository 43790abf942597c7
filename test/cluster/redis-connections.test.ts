/**
 * The Redis connections of an instance against a Redis server that is
 * killed, hung and started late: the status follows without waiting, and no
 * command's failure becomes an unhandled rejection, not even the socket.io
 * adapter's own publishes (which used to end the process).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '@socket.io/redis-adapter';
import { Server } from 'socket.io';
import type { AppConfig } from '../../server/src/config/config';
import { RedisConnections } from '../../server/src/cluster/redis-connections';
import { eventually } from '../support/http';
import { type OwnRedis, ownRedis, redisServerAvailable } from './redis-server';

describe.runIf(redisServerAvailable)('Redis connections when Redis fails', () => {
  let redis: OwnRedis;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const closers: (() => Promise<unknown> | void)[] = [];

  function connections(): RedisConnections {
    const c = new RedisConnections({ REDIS_URL: redis.url } as AppConfig);
    closers.push(() => c.onApplicationShutdown());
    return c;
  }

  /** Emits through the adapter: each one publishes, and nobody waits for the result. */
  function emitMany(io: Server, n = 20): void {
    for (let i = 0; i < n; i++) {
      io.of('/events').to('household:x').emit('household:changed', { i });
      io.of('/events').in('session:y').disconnectSockets(true);
    }
  }

  beforeAll(async () => {
    redis = await ownRedis();
    process.on('unhandledRejection', onUnhandled);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    for (const close of closers.reverse()) await close();
    await redis?.stop();
  });

  it('serves without Redis: no unhandled rejection while it is killed, a status at once, back when it returns', async () => {
    const conns = connections();
    const pub = conns.client('test-pub', 'publish');
    const sub = conns.client('test-sub', 'subscribe');
    const cmd = conns.client('test-cmd', 'command');
    const io = new Server();
    closers.push(() => io.of('/events').adapter.close());
    io.of('/events').adapter = createAdapter(pub, sub)(io.of('/events'));
    await eventually(() => expect(conns.status()).toBe('up'), 10_000, 50);
    emitMany(io);

    await redis.kill();
    await eventually(() => expect(conns.status()).toBe('down'), 10_000, 50);
    expect(conns.usable(pub)).toBe(false);
    // Past several reconnect attempts: ioredis rejected queued commands here before (MaxRetriesPerRequestError).
    for (let i = 0; i < 6; i++) {
      emitMany(io);
      await expect(cmd.get('spil:test')).rejects.toThrow();
      await new Promise((r) => setTimeout(r, 500));
    }

    await redis.start();
    await eventually(() => expect(conns.status()).toBe('up'), 20_000, 50);
    expect(await cmd.set('spil:test', '1')).toBe('OK');
    emitMany(io);
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
  });

  it('finds a hung Redis (SIGSTOP) within seconds, drops what waits on it, and joins again when it resumes', async () => {
    const conns = connections();
    const pub = conns.client('test-pub', 'publish');
    const sub = conns.client('test-sub', 'subscribe');
    const io = new Server();
    closers.push(() => io.of('/events').adapter.close());
    io.of('/events').adapter = createAdapter(pub, sub)(io.of('/events'));
    await eventually(() => expect(conns.status()).toBe('up'), 10_000, 50);

    redis.hang();
    try {
      emitMany(io);
      await eventually(() => expect(conns.status()).toBe('down'), 15_000, 50);
      expect(conns.usable(pub)).toBe(false);
      // Long enough for the watchdog to drop the hung connections.
      for (let i = 0; i < 8; i++) {
        emitMany(io);
        await new Promise((r) => setTimeout(r, 500));
      }
      expect(conns.status()).toBe('down');
    } finally {
      redis.resume();
    }
    await eventually(() => expect(conns.status()).toBe('up'), 30_000, 50);
    emitMany(io);
    await new Promise((r) => setTimeout(r, 200));
    expect(unhandled).toEqual([]);
  });

  it('starts while Redis is down without waiting for it, and is up once Redis comes', async () => {
    await redis.kill();
    const conns = connections();
    const cmd = conns.client('test-cmd', 'command');
    conns.client('test-sub', 'subscribe');
    await conns.settled(60_000);
    expect(conns.status()).toBe('down');
    await expect(cmd.get('spil:test')).rejects.toThrow();
    await redis.start();
    await eventually(() => expect(conns.status()).toBe('up'), 20_000, 50);
    expect(unhandled).toEqual([]);
  });

  it('has no status without REDIS_URL', () => {
    expect(new RedisConnections({} as AppConfig).status()).toBeNull();
  });
});
