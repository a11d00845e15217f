import { defineConfig } from 'vitest/config';
import { skipWithout } from './tests/support/prerequisites.js';

/**
 * Integration files that test the counter's own SQLite file itself (its pages, WAL, locks,
 * backups, serial devices on one process…) and so have nothing to say about the office server,
 * which their own files cover where it matters (office-*.test.ts).
 */
const SQLITE_ONLY: string[] = [];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'] } },
      // The same integration suite with each harness on a fresh office database (tests/support/suite-postgres.ts).
      ...(skipWithout('postgres')
        ? []
        : [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: ['tests/integration/**/*.test.ts'],
                exclude: SQLITE_ONLY,
                env: { BCCI_TEST_ENGINE: 'postgres' },
                globalSetup: ['tests/support/postgres-suite.ts'],
              },
            },
          ]),
    ],
  },
});
