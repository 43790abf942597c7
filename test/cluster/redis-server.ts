/**
 * A Redis server of the test's own (Debian's `redis-server`) on a free port,
 * so a test can kill it, hang it (SIGSTOP) and bring it back on the same port.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

export const redisServerAvailable =
  spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface OwnRedis {
  url: string;
  port: number;
  /** Start (again) on the same port; resolves once it answers. */
  start(): Promise<void>;
  /** SIGKILL: gone at once, connections reset. */
  kill(): Promise<void>;
  /** SIGSTOP: connections stay open, nothing answers. */
  hang(): void;
  /** SIGCONT after `hang`. */
  resume(): void;
  stop(): Promise<void>;
}

export async function ownRedis(): Promise<OwnRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let proc: ChildProcess | null = null;

  async function answers(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const probe = new Redis(url, {
        lazyConnect: true,
        retryStrategy: () => null,
        maxRetriesPerRequest: 0,
      });
      probe.on('error', () => undefined);
      try {
        await probe.connect();
        if ((await probe.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not answer`);
        await new Promise((r) => setTimeout(r, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  const self: OwnRedis = {
    url,
    port,
    async start() {
      if (proc) throw new Error('redis-server already running');
      proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: 'ignore' },
      );
      await answers();
    },
    async kill() {
      const p = proc;
      if (!p) return;
      proc = null;
      if (p.exitCode !== null || p.signalCode !== null) return;
      const exited = new Promise<void>((r) => p.once('exit', () => r()));
      p.kill('SIGCONT');
      p.kill('SIGKILL');
      await exited;
    },
    hang() {
      proc?.kill('SIGSTOP');
    },
    resume() {
      proc?.kill('SIGCONT');
    },
    async stop() {
      await self.kill();
    },
  };
  await self.start();
  return self;
}
