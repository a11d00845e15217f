/**
 * Global set-up of the `integration-postgres` project: one throwaway PostgreSQL server for the
 * whole run, and a migrated template database that each harness copies (CREATE DATABASE …
 * TEMPLATE), so a test's counter starts on a fresh office database without migrating it again.
 */
import { availableParallelism } from 'node:os';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { startTestPostgres } from './postgres.js';
import { OFFICE_TEMPLATE, SUITE_SERVER_ENV } from './suite-postgres.js';

/**
 * What one test file may hold on the server at once: four counter processes (a pool of 8 and an
 * exchange lease each, about forty in all) and the test's own pools beside them.
 */
export const CONNECTIONS_PER_FILE = 50;
/** The superuser's set-up sessions and the server's own reserved slots. */
const SPARE_CONNECTIONS = 10;
/** Enough for a 2-thread machine's run; a bigger machine gets more, never fewer. */
const LEAST_CONNECTIONS = 150;

/**
 * Files of this project run at once: the `--maxWorkers` given (or VITEST_MAX_WORKERS), else
 * Vitest's own default for a run, one fewer than the machine's threads. A 16-thread developer
 * machine runs 15 files at once, which a fixed limit sized for a 2-core machine would turn into
 * "too many clients" in whichever file came last; so the limit grows with the machine.
 */
export function filesAtOnce(maxWorkers: number | undefined, threads = availableParallelism()): number {
  return maxWorkers && maxWorkers > 0 ? maxWorkers : Math.max(threads - 1, 1);
}

export const suiteMaxConnections = (files: number): number => Math.max(LEAST_CONNECTIONS, files * CONNECTIONS_PER_FILE + SPARE_CONNECTIONS);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const files = filesAtOnce(project.config.maxWorkers || project.vitest.config.maxWorkers);
  const server = await startTestPostgres({ maxConnections: suiteMaxConnections(files) });
  const template = await server.createDatabase(OFFICE_TEMPLATE);
  const pool = new pg.Pool({ ...template, max: 1 });
  try {
    await migratePg(pool);
  } finally {
    await pool.end();
  }
  // Read by the harness in the test processes, which are started after this and inherit it.
  process.env[SUITE_SERVER_ENV] = JSON.stringify({ app: server.app, superuser: server.superuser });
  return () => server.remove();
}
