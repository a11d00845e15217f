import { sql, type Expression, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Data, Tx } from './data.js';

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
  /**
   * A write transaction whose commit is atomic and survives the app being killed but does not
   * wait for the disk (decision 0053): for records that must not be lost yet need not hold up
   * the answer. On SQLite it commits with synchronous=NORMAL; the caller makes it durable later.
   */
  quickTransaction<T>(data: Data, work: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * The rows of `query` no other transaction holds, held until this one ends: on PostgreSQL
   * FOR UPDATE SKIP LOCKED. A SQLite write transaction holds the whole file, so no row is held
   * by another and the query is unchanged.
   */
  unheldRows<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O>;
}

export const sqliteSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`json_extract(${json}, ${`$.${key}`})`,
  // Việt Nam keeps UTC+7 all year (no summer time), so a fixed shift is the local day.
  vnDay: (instant) => sql<string>`date(${instant}, '+7 hours')`,
  appendLock: async () => undefined,
  // SQLite refuses to change the level inside a transaction, so it is set around one on a held
  // connection: no other transaction can slip in and commit at the cheaper level.
  quickTransaction: (data, work) =>
    data.connection().execute(async (conn) => {
      await sql`pragma synchronous = NORMAL`.execute(conn);
      try {
        return await conn.transaction().execute(work);
      } finally {
        await sql`pragma synchronous = FULL`.execute(conn);
      }
    }),
  unheldRows: (query) => query,
};

/** The data columns are JSON kept as text on PostgreSQL too (the same bytes as SQLite's). */
export const postgresSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`(${json})::jsonb ->> ${key}`,
  vnDay: (instant) => sql<string>`to_char((${instant})::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
  appendLock: async (tx, key) => {
    await sql`SELECT pg_advisory_xact_lock(${key})`.execute(tx);
  },
  // The server's commit is one round trip the counter waits for anyway; it stays fully durable.
  quickTransaction: (data, work) => data.transaction().execute(work),
  unheldRows: (query) => query.forUpdate().skipLocked(),
};
