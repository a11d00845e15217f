import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';
import { skipWithout } from './tests/support/prerequisites.js';

const INTEGRATION = 'tests/integration';

/**
 * Integration files about the counter's own SQLite file, process or devices, which the office
 * server does not have or does not change: its pages and backups, its folder's lock, its disk,
 * its migrations, the marker a move leaves beside it, the audit chain edited in the file with its triggers dropped, the secrets
 * sealed in its folder, the serial scanner, and counter processes SIGKILLed on a folder of
 * their own.
 */
const COUNTER_FILE_ONLY = new Set([
  'audit-chain.test.ts',
  'audit-restore.test.ts',
  'automatic-backup.test.ts',
  'backup.test.ts',
  'core-process.test.ts',
  'disk-full.test.ts',
  'item-serials-migration.test.ts',
  'large-restore.test.ts',
  'moved-marker.test.ts',
  'one-process.test.ts',
  'print-recipes-migration.test.ts',
  'print-durability.test.ts',
  'sealed-secrets.test.ts',
  'serial-scanner-pty.test.ts',
  'upload-crash.test.ts',
]);

/**
 * The second run, on the office server: every integration file whose counters come from the
 * harness (`startCore`, or `counterWithSim` around it) or that takes a fresh office database of
 * the run's server (`freshOfficeDatabase`), except those above and those that start PostgreSQL servers of their own
 * (they already choose, test by test, which engine they test).
 */
const onTheServer = readdirSync(INTEGRATION)
  .filter((f) => f.endsWith('.test.ts') && !COUNTER_FILE_ONLY.has(f))
  .filter((f) => {
    const text = readFileSync(`${INTEGRATION}/${f}`, 'utf8');
    return /\b(startCore|counterWithSim|freshOfficeDatabase)\(/.test(text) && !text.includes('startTestPostgres(');
  })
  .map((f) => `${INTEGRATION}/${f}`);

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    projects: [
      { extends: true as const, test: { name: 'sqlite', include: ['tests/unit/**/*.test.ts', `${INTEGRATION}/**/*.test.ts`] } },
      // Each harness on a fresh office database (tests/support/suite-postgres.ts).
      ...(skipWithout('postgres')
        ? []
        : [
            {
              extends: true as const,
              test: { name: 'postgres', include: onTheServer, env: { BCCI_TEST_ENGINE: 'postgres' }, globalSetup: ['tests/support/postgres-suite.ts'] },
            },
          ]),
    ],
  },
});
