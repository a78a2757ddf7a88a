import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // A test left focused or skipped would hide failures from CI.
    allowOnly: false,
    passWithNoTests: false,
  },
});
