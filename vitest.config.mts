import swc from 'unplugin-swc';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** The server keeps decorator metadata: compile it with SWC, as the NestJS docs advise. */
const server = () => swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

/** Tests use `shared` as TypeScript source; its package points at its compiled build, for Node. */
const resolve = {
  alias: { '@spil/shared': fileURLToPath(new URL('./shared/src/index.ts', import.meta.url)) },
};

/**
 * What swc-node compiles outside Vite in these runs (the collab validation
 * worker of an in-process server, started from the repo root where there is
 * no tsconfig.json): the server's tsconfig, whose `paths` map `@spil/shared`
 * to its source too.
 */
const env = { SWC_NODE_PROJECT: fileURLToPath(new URL('./server/tsconfig.json', import.meta.url)) };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          include: ['shared/src/**/*.spec.ts', 'client/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [server()],
        resolve,
        test: {
          name: 'server',
          env,
          include: ['server/src/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [server()],
        resolve,
        test: {
          name: 'collab',
          env,
          include: ['test/collab/**/*.test.ts', 'test/api/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [server()],
        resolve,
        test: {
          name: 'e2e',
          env,
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        plugins: [server()],
        resolve,
        test: {
          name: 'cluster',
          env,
          include: ['test/cluster/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
