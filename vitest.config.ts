import { defineConfig } from 'vitest/config';

// Two cores: keep the worker pool small so service-backed tests don't starve each other.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
