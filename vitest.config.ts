import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CLI tests spawn the built program; two workers match the two cores of the CI machine.
    maxWorkers: 2,
    // Separate processes: in-process CLI runs (test/helpers/run.ts) change the working folder.
    pool: 'forks',
  },
});
