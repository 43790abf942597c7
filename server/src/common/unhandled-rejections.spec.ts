import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const SERVER_DIR = `${__dirname}/../..`;

/** Run a script under swc-node in a fresh Node process (vitest keeps its own rejection handler). */
function run(script: string): { status: number | null; out: string } {
  const register = createRequire(__filename).resolve('@swc-node/register');
  const r = spawnSync(process.execPath, ['-r', register, '-e', script], {
    cwd: SERVER_DIR,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('guardUnhandledRejections', () => {
  it('logs an unhandled rejection with its origin, counts it, keeps the process alive, and logs no message', () => {
    const r = run(`
      const { guardUnhandledRejections, unhandledRejections } = require('./src/common/unhandled-rejections');
      guardUnhandledRejections();
      function publishSomething() { return Promise.reject(new TypeError('Bakker, Sandra: geheim')); }
      void publishSomething();
      setTimeout(async () => {
        const v = await unhandledRejections.get();
        console.log('counted ' + v.values[0].value);
        console.log('still here');
      }, 200);
    `);
    expect(r.status).toBe(0);
    expect(r.out).toContain('counted 1');
    expect(r.out).toContain('still here');
    expect(r.out).toMatch(/Unhandled promise rejection \(TypeError\) at publishSomething/);
    expect(r.out).not.toContain('geheim');
  });

  it('without it, the same rejection ends the process (what the guard is for)', () => {
    const r = run(`
      void Promise.reject(new TypeError('x'));
      setTimeout(() => console.log('still here'), 200);
    `);
    expect(r.status).not.toBe(0);
    expect(r.out).not.toContain('still here');
  });
});
