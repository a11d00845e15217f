/**
 * Global set-up of the `integration-postgres` project: one throwaway PostgreSQL server for the
 * whole run, and a migrated template database that each harness copies (CREATE DATABASE …
 * TEMPLATE), so a test's counter starts on a fresh office database without migrating it again.
 */
import pg from 'pg';
import { migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { startTestPostgres } from './postgres.js';
import { OFFICE_TEMPLATE, SUITE_SERVER_ENV } from './suite-postgres.js';

export default async function setup(): Promise<() => Promise<void>> {
  // Four counter processes of one file (8 connections each and a lease) beside another file's.
  const server = await startTestPostgres({ maxConnections: 150 });
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
