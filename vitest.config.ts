import { defineConfig } from 'vitest/config';

// Four projects, all run by `npm test` (and so by CI):
//   unit         src/**/*.test.ts next to the code; no Redis, no network; runs in seconds.
//   integration  test/**/*.int.test.ts on the real Redis and local fake servers.
//   property     test/property/: brute-force checks against naive references at full size.
//   chaos        test/chaos/: worker processes killed, Redis restarted, hostile feeds.
// Property and chaos each run as their own group (sequence.groupOrder), so the chaos runs'
// timings do not compete with the brute-force checks for the CPU.
const integration = { environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 } as const;

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          // Unit tests are pure (no mocks, stubs or globals: none may add them), so files share
          // one module cache per worker: the project runs in ~10 s instead of ~70 s.
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.int.test.ts'],
          exclude: ['test/chaos/**', 'test/property/**', '**/node_modules/**'],
          ...integration,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'property',
          sequence: { groupOrder: 1 },
          include: ['test/property/**/*.test.ts'],
          ...integration,
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'chaos',
          sequence: { groupOrder: 2 },
          include: ['test/chaos/**/*.int.test.ts'],
          ...integration,
          fileParallelism: false,
        },
      },
    ],
  },
});
