import { sql, type Expression, type RawBuilder } from 'kysely';

/**
 * The few expressions each engine spells its own way (decision 0023), named here so queries
 * do not test which engine they run on. An engine brings its own implementation.
 */
export interface EngineSql {
  /** The text at `key` of a JSON text column, or NULL when it is absent. */
  jsonText(json: Expression<string>, key: string): RawBuilder<string | null>;
  /** The Vietnamese calendar day (yyyy-mm-dd) of an ISO instant stored as text. */
  vnDay(instant: Expression<string>): RawBuilder<string>;
}

export const sqliteSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`json_extract(${json}, ${`$.${key}`})`,
  // Việt Nam keeps UTC+7 all year (no summer time), so a fixed shift is the local day.
  vnDay: (instant) => sql<string>`date(${instant}, '+7 hours')`,
};

/** The data columns are JSON kept as text on PostgreSQL too (the same bytes as SQLite's). */
export const postgresSql: EngineSql = {
  jsonText: (json, key) => sql<string | null>`(${json})::jsonb ->> ${key}`,
  vnDay: (instant) => sql<string>`to_char((${instant})::timestamptz AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD')`,
};
