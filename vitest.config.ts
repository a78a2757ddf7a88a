import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One throwaway PostgreSQL server for the run (PGlite when the binaries are absent);
    // each integration test file clones its own database from a migrated template.
    globalSetup: ['tests/helpers/pg.ts'],
    // A test left focused or skipped would hide failures from CI.
    allowOnly: false,
    passWithNoTests: false,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: ['tests/e2e/**'] } },
      // Browsers last and one file at a time: two cores shared by Chromium, the server and
      // Postgres make timing-sensitive checks (focus, autosave) flaky when files overlap.
      // expect.poll waits up to 5 s there (1 s by default): a loaded machine may take longer than
      // a second to render what a click asked for; a real failure still fails, later.
      { extends: true, test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, sequence: { groupOrder: 1 }, expect: { poll: { timeout: 5_000 } } } },
    ],
  },
});
