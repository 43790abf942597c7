/**
 * The compiled production build, as `pnpm start` and the image run it:
 * `pnpm build` of shared and server (tsc to `dist/`), then
 * `node dist/main.js` in server/ with no TypeScript tooling involved.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const SERVER_DIR = resolve(ROOT, 'server');

/** Build shared and the server to their dist folders (incremental: quick when nothing changed). */
export function buildServer(): void {
  for (const pkg of ['@spil/shared', '@spil/server']) {
    const r = spawnSync('pnpm', ['--filter', pkg, 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build of ${pkg} failed:\n${r.stdout}\n${r.stderr}`);
  }
}

export interface CompiledServer {
  child: ChildProcess;
  url: string;
  wsUrl: string;
  /** Everything it printed so far (JSON lines). */
  output(): string;
  stop(): Promise<void>;
}

/** `node dist/main.js` with this environment; resolves once it listens. */
export async function startCompiled(
  env: Record<string, string>,
  timeoutMs = 240_000,
): Promise<CompiledServer> {
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: SERVER_DIR,
    // Only what the server needs: no NODE_OPTIONS or loaders from the test runner.
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', REQUIRE_2FA: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no start in ${timeoutMs} ms:\n${out.slice(-3000)}`)),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Spil draait op http:\/\/localhost:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolvePort(Number(m[1]));
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before it listened:\n${out.slice(-3000)}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    child,
    url,
    wsUrl: url.replace(/^http/, 'ws'),
    output: () => out,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(t);
    },
  };
}
