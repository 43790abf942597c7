import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

/** The server keeps decorator metadata: compile it with SWC, as the NestJS docs advise. */
const server = () => swc.vite({ module: { type: 'es6' }, jsc: { target: 'es2022' } });

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['shared/src/**/*.spec.ts', 'client/src/**/*.spec.ts'],
          environment: 'node',
        },
      },
      {
        plugins: [server()],
        test: {
          name: 'server',
          include: ['server/src/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [server()],
        test: {
          name: 'collab',
          include: ['test/collab/**/*.test.ts', 'test/api/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        plugins: [server()],
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        plugins: [server()],
        test: {
          name: 'cluster',
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
