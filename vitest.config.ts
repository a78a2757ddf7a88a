import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One throwaway PostgreSQL server for the run (PGlite when the binaries are absent);
    // each integration test file clones its own database from a migrated template.
    globalSetup: ['tests/helpers/pg.ts'],
    // A test left focused or skipped would hide failures from CI.
    allowOnly: false,
    passWithNoTests: false,
  },
});
