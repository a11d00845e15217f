import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Tx } from './data.js';

/**
 * The few expressions each engine spells its own way (decision 0023), named here so queries
 * do not test which engine they run on. An engine brings its own implementation.
 */
export interface EngineSql {
  /** The text at `key` of a JSON text column, or NULL when it is absent. */
  jsonText(json: Expression<string>, key: string): RawBuilder<string | null>;
  /** The Vietnamese calendar day (yyyy-mm-dd) of an ISO instant stored as text. */
  vnDay(instant: Expression<string>): RawBuilder<string>;
  /**
   * Holds `key` until `tx` ends, so appends that read the last row and write the next (the audit
   * chain) never interleave. A SQLite write transaction holds the whole file already; several
   * counters on one PostgreSQL would otherwise read the same last row at once.
   */
  appendLock(tx: Tx, key: number): Promise<void>;
}

export const sqliteSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`json_extract(${json}, ${`$.${key}`})`,
  // Việt Nam keeps UTC+7 all year (no summer time), so a fixed shift is the local day.
  vnDay: (instant) => sql<string>`date(${instant}, '+7 hours')`,
  appendLock: async () => undefined,
};

/** The data columns are JSON kept as text on PostgreSQL too (the same bytes as SQLite's). */
export const postgresSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`(${json})::jsonb ->> ${key}`,
  vnDay: (instant) => sql<string>`to_char((${instant})::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
  appendLock: async (tx, key) => {
    await sql`SELECT pg_advisory_xact_lock(${key})`.execute(tx);
  },
};
