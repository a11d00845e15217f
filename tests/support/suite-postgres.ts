/**
 * The integration suite runs twice (vitest.config.ts): on a counter's own SQLite file, and with
 * BCCI_TEST_ENGINE=postgres on the office server. In the second run a harness started without
 * a data folder gets a fresh office database copied from the migrated template.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { openOfficePool } from '../../electron/core/db/postgres/pool.js';
import type { PgLogin } from './postgres.js';

export const OFFICE_TEMPLATE = 'bcci_template';
export const SUITE_SERVER_ENV = 'BCCI_TEST_POSTGRES_SERVER';

/** True in the run on the office server. */
export const onOfficeServer = (): boolean => process.env.BCCI_TEST_ENGINE === 'postgres';

function suiteServer(): { app: PgLogin; superuser: PgLogin } {
  const json = process.env[SUITE_SERVER_ENV];
  if (!json) throw new Error('BCCI_TEST_ENGINE=postgres needs the integration-postgres project’s global set-up (run through vitest.config.ts).');
  return JSON.parse(json) as { app: PgLogin; superuser: PgLogin };
}

/** A new office database for one harness, migrated (a copy of the template) or empty. */
export async function freshOfficeDatabase(from: 'migrated' | 'empty' = 'migrated'): Promise<PgLogin> {
  const { app } = suiteServer();
  const name = `office_${randomBytes(6).toString('hex')}`;
  await asSuiteSuperuser('postgres', async (admin) => {
    await admin.query(`CREATE DATABASE ${name}${from === 'migrated' ? ` TEMPLATE ${OFFICE_TEMPLATE}` : ''} OWNER ${app.user}`);
    await admin.query(`REVOKE ALL ON DATABASE ${name} FROM PUBLIC`);
  });
  return { ...app, database: name };
}

/** Runs `work` on a session of the suite server's superuser in `database`. */
export async function asSuiteSuperuser<T>(database: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ ...suiteServer().superuser, database });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A core's environment: in the run on the office server, with the password its counters log in with. */
export const suiteEnv = (env?: Record<string, string | undefined>): Record<string, string | undefined> | undefined =>
  onOfficeServer() ? { ...process.env, BCCI_OFFICE_PASSWORD: suiteServer().app.password, ...env } : env;

/**
 * The core's own data layer on `login`'s database: the pool a counter opens (its integer
 * parsers, its queue of checkouts), for a test that drives repositories on several connections.
 */
export function officeData(login: PgLogin, max = 8): { data: Data; pool: pg.Pool; close: () => Promise<void> } {
  const pool = openOfficePool({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password, 'bcci-test', max);
  const data = postgresData(pool);
  return { data, pool, close: () => data.destroy() };
}
