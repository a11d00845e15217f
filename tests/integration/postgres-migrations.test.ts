import { createHash } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { postgresData, sqliteData, type Data } from '../../electron/core/db/data.js';
import { loadMigrations, type Migration } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { migrate } from '../../electron/core/db/migrate.js';
import { loadPgMigrations, migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { openOfficePool } from '../../electron/core/db/postgres/pool.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { toAppError } from '../../electron/core/errors.js';
import { EVENT_KINDS } from '../../shared/lifecycle/events.js';
import { DOSSIER_STATUSES } from '../../shared/lifecycle/states.js';
import { tempDir } from '../support/core-harness.js';
import { skipWithout } from '../support/prerequisites.js';
import { storedColumns, type StoredColumn } from '../support/raw-sql.js';
import { startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';

const skip = skipWithout('postgres');
let server: TestPostgres;
const pools: pg.Pool[] = [];
let databases = 0;

/** A pool on a new, empty database owned by the application role. */
async function freshPool(): Promise<{ pool: pg.Pool; login: PgLogin }> {
  const login = await server.createDatabase(`office_${++databases}`);
  return { pool: poolOn(login), login };
}

function poolOn(login: PgLogin): pg.Pool {
  const pool = openOfficePool({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password);
  pools.push(pool);
  return pool;
}

const withHash = (m: Migration, sql: string): Migration => ({ ...m, sql, sha256: createHash('sha256').update(sql).digest('hex') });

/** A catalogue version and one dossier, the least the history tables can point at. */
async function seedDossier(pool: pg.Pool, itemNumber: string | null = null): Promise<number> {
  const version = await pool.query<{ id: number }>(
    `INSERT INTO catalog_versions (imported_at, source_name, procedure_count, clerk_code, counter_code)
     VALUES ('2026-11-27T02:15:00.000Z', 'demo', 0, 'gdv01', 'Q01') RETURNING id`,
  );
  return insertDossier(pool, version.rows[0]!.id, itemNumber);
}

async function insertDossier(db: pg.Pool | pg.ClientBase, catalogVersion: number, itemNumber: string | null): Promise<number> {
  const r = await db.query<{ id: number }>(
    `INSERT INTO dossiers (status, created_at, created_day, item_number, catalog_version, procedure_code, procedure_name,
       agency_code, agency_name, sender_kind, sender_name, sender_name_key, sender_personal_id, sender_old_id,
       sender_business_code, sender_birth_date, sender_gender, sender_address, sender_phone, sender_email, service,
       return_method, delivery_address, fee_reason, fees_total, postage, office_code, counter_code, clerk_code)
     VALUES ('accepted-at-post', '2026-11-27T02:15:00.000Z', '2026-11-27', $1, $2, '1.001', 'Cấp đổi giấy phép lái xe', 'SGTVT',
       'Sở Giao thông vận tải', 'person', 'Nguyễn Thị Thu Hà', 'nguyen thi thu ha', '001190012345', '', '', '1990-01-01',
       'female', 'Hà Nội', '0912345678', '', 'intake', 'post', 'Hà Nội', '', 135000, 25000, '100000', 'Q01', 'gdv01')
     RETURNING id`,
    [itemNumber, catalogVersion],
  );
  return r.rows[0]!.id;
}

describe.skipIf(skip)('the office schema on a real PostgreSQL server', () => {
  beforeAll(async () => {
    server = await startTestPostgres();
  }, 60_000);
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((p) => p.end()));
  });
  afterAll(async () => {
    await server?.remove();
  });

  it('applies every step to an empty database as the least-privilege role, and a second run changes nothing', async () => {
    const { pool } = await freshPool();
    const role = await pool.query('SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user');
    expect(role.rows[0]).toEqual({ rolsuper: false, rolcreatedb: false, rolcreaterole: false });

    const shipped = loadPgMigrations().map((m) => m.version);
    expect(await migratePg(pool)).toEqual({ applied: shipped });
    const history = await pool.query('SELECT version, sha256 FROM schema_migrations ORDER BY version');
    expect(history.rows).toEqual(loadPgMigrations().map((m) => ({ version: m.version, sha256: m.sha256 })));

    expect(await migratePg(pool)).toEqual({ applied: [] });
    expect((await pool.query('SELECT count(*) AS n FROM schema_migrations')).rows[0]).toEqual({ n: shipped.length });
  });

  it('refuses, in words, a server whose applied step was edited, or that a newer app has upgraded', async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const shipped = loadPgMigrations();
    const edited = shipped.map((m, i) => (i === 0 ? withHash(m, m.sql.replace('-- The office', '-- The edited office')) : m));
    await expect(migratePg(pool, edited)).rejects.toMatchObject({
      data: { code: 'DB_MIGRATION_MISMATCH', vi: expect.stringContaining(`bước ${shipped[0]!.version}`), en: expect.stringContaining('differs from the code') },
    });

    const newer = [...shipped, withHash({ version: 999, name: 'from_a_newer_app', sql: '', sha256: '' }, 'CREATE TABLE later_step (id bigint)')];
    expect(await migratePg(pool, newer)).toEqual({ applied: [999] });
    await expect(migratePg(pool)).rejects.toMatchObject({
      data: { code: 'DB_NEWER_THAN_APP', vi: expect.stringContaining('phiên bản ứng dụng mới hơn'), en: expect.stringContaining('newer app version') },
    });
  });

  it('applies each step once when two counters start at the same moment', async () => {
    const { login } = await freshPool();
    // A slow step keeps the first runner inside its transaction while the second arrives.
    const steps = [...loadPgMigrations(), withHash({ version: 998, name: 'slow_step', sql: '', sha256: '' }, 'SELECT pg_sleep(0.3); CREATE TABLE slow_step (id bigint)')];
    const counters = [poolOn(login), poolOn(login), poolOn(login)];
    const results = await Promise.all(counters.map((p) => migratePg(p, steps)));
    expect(results.flatMap((r) => r.applied).sort((a, b) => a - b)).toEqual(steps.map((s) => s.version));
    const history = await counters[0]!.query('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version ORDER BY version');
    expect(history.rows).toEqual(steps.map((s) => ({ version: s.version, n: 1 })));
  });

  it('opens the office database at start as the SQLite file is opened: steps applied once, history checked, a dead server refused in words', async () => {
    const { login } = await freshPool();
    const server = { host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable' as const, caFile: '' };
    const first = await openOfficeDatabase(server, login.password, 'Q01');
    expect(first.applied).toEqual(loadPgMigrations().map((m) => m.version));
    expect((await first.pool.query("SELECT application_name FROM pg_stat_activity WHERE pid = pg_backend_pid()")).rows[0]).toEqual({ application_name: 'bcci-counter Q01' });
    await first.pool.end();
    const second = await openOfficeDatabase(server, login.password, 'Q02');
    expect(second.applied).toEqual([]);
    await second.pool.end();

    const edited = loadPgMigrations().map((m) => withHash(m, `${m.sql}\n-- edited`));
    await expect(openOfficeDatabase(server, login.password, 'Q01', edited)).rejects.toMatchObject({ data: { code: 'DB_MIGRATION_MISMATCH' } });
    await expect(openOfficeDatabase({ ...server, port: 1 }, login.password, 'Q01')).rejects.toMatchObject({
      data: {
        code: 'OFFICE_SERVER_UNAVAILABLE',
        vi: 'Không mở được dữ liệu bưu cục trên máy chủ: Không kết nối được tới 127.0.0.1:1: không có máy chủ PostgreSQL nào nghe ở cổng này. Kiểm tra địa chỉ, cổng, và máy chủ đã chạy chưa.',
        en: "Cannot open the office's data on its server: Cannot reach 127.0.0.1:1: no PostgreSQL server is listening on that port. Check the address, the port, and that the server is running.",
      },
    });
  });

  it('reads ids and money as exact numbers, as SQLite hands them over, and refuses one that would not be exact', async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const id = await seedDossier(pool);
    await pool.query('UPDATE dossiers SET fees_total = $1 WHERE id = $2', [1_000_000_000_000, id]);
    const row = (await pool.query('SELECT id, fees_total, fees_total + postage AS total, (SELECT sum(fees_total) FROM dossiers) AS sum FROM dossiers')).rows[0];
    expect(row).toEqual({ id, fees_total: 1_000_000_000_000, total: 1_000_000_025_000, sum: 1_000_000_000_000 });
    await expect(pool.query('SELECT 9007199254740993::bigint AS n')).rejects.toThrow('9007199254740993 does not fit a JavaScript number exactly');

    // The repositories' query builder reads through the same pool, so it sees the same numbers.
    const db = new Kysely<{ dossiers: { id: number; fees_total: number } }>({ dialect: new PostgresDialect({ pool }) });
    expect(await db.selectFrom('dossiers').select(['id', 'fees_total', sql<number>`count(*) over ()`.as('n')]).execute()).toEqual([{ id, fees_total: 1_000_000_000_000, n: 1 }]);

    // And so do rows read one by one through a server-side cursor (the year's register export).
    const streamed = [];
    for await (const r of postgresData(pool).selectFrom('dossiers').select(['id', 'fees_total', sql<number>`sum(fees_total) over ()`.as('sum')]).stream()) streamed.push(r);
    expect(streamed).toEqual([{ id, fees_total: 1_000_000_000_000, sum: 1_000_000_000_000 }]);
    const tooBig = postgresData(pool).selectNoFrom(sql<number>`9007199254740993::bigint`.as('n')).stream();
    await expect(tooBig.next()).rejects.toThrow('9007199254740993 does not fit a JavaScript number exactly');
  });

  it('lets the next counter migrate when the one migrating is killed mid-step, and keeps nothing of the half step', async () => {
    const { login } = await freshPool();
    const steps = [...loadPgMigrations(), withHash({ version: 997, name: 'long_step', sql: '', sha256: '' }, 'CREATE TABLE long_step (id bigint); SELECT pg_sleep(30)')];
    const killed = migratePg(poolOn(login), steps).then(() => 'finished', () => 'failed');
    const admin = new pg.Client(server.superuser);
    await admin.connect();
    try {
      // The counter's process dies: the server ends its connection, as it does when the socket goes.
      for (let n = 0; n === 0; ) {
        n = (await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()")).rowCount ?? 0;
        if (n === 0) await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await admin.end();
    }
    expect(await killed).toBe('failed');
    const next = poolOn(login);
    const shipped = loadPgMigrations();
    expect(await migratePg(next, shipped)).toEqual({ applied: [] });
    expect((await next.query("SELECT to_regclass('long_step') IS NULL AS gone, (SELECT count(*) FROM schema_migrations) AS steps")).rows[0]).toEqual({ gone: true, steps: shipped.length });
  });

  it('refuses to change or delete history rows, and says so in words', async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const id = await seedDossier(pool);
    await pool.query(`INSERT INTO dossier_events (dossier_id, at, type, clerk_code, clerk_name, counter_code, data)
      VALUES ($1, '2026-11-27T02:15:00.000Z', 'accepted', 'gdv01', 'Giao dịch viên', 'Q01', '{}')`, [id]);
    await pool.query(`INSERT INTO audit_log (at, action, clerk_code, counter_code, detail) VALUES ('2026-11-27T02:15:00.000Z', 'lookup', 'gdv01', 'Q01', '{}')`);
    await pool.query(`INSERT INTO day_closes (day, counter_code, clerk_code, clerk_name, closed_at, expected_cash, cash_counted, summary)
      VALUES ('2026-11-27', 'Q01', 'gdv01', 'Giao dịch viên', '2026-11-27T10:00:00.000Z', 160000, 160000, '{}')`);

    for (const table of ['dossier_events', 'audit_log', 'day_closes']) {
      for (const change of [`UPDATE ${table} SET clerk_code = 'someone'`, `DELETE FROM ${table}`, `TRUNCATE ${table}`]) {
        const error = await pool.query(change).then(() => null, (e: unknown) => e);
        expect(error, change).toMatchObject({ message: `${table} is append-only` });
        expect(toAppError(error)).toMatchObject({ data: { code: 'HISTORY_APPEND_ONLY', en: expect.stringContaining('never changed or deleted') } });
      }
      expect((await pool.query(`SELECT count(*) AS n, min(clerk_code) AS clerk FROM ${table}`)).rows[0]).toEqual({ n: 1, clerk: 'gdv01' });
    }
  });

  it('gives an item number typed at two counters at once to one dossier, and tells the other counter why', async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const catalog = (await pool.query<{ id: number }>(
      `INSERT INTO catalog_versions (imported_at, source_name, procedure_count, clerk_code, counter_code) VALUES ('x', 'demo', 0, 'gdv01', 'Q01') RETURNING id`,
    )).rows[0]!.id;
    const counters = [await pool.connect(), await pool.connect()];
    try {
      // Both transactions are open and have inserted before either commits: the second insert waits on the first.
      await Promise.all(counters.map((c) => c.query('BEGIN')));
      const inserts = counters.map((c) => insertDossier(c, catalog, 'EL123456785VN').then(async (id) => (await c.query('COMMIT'), id)));
      const outcomes = await Promise.allSettled(inserts);
      await Promise.all(counters.map((c) => c.query('ROLLBACK').catch(() => undefined)));
      const taken = outcomes.filter((o) => o.status === 'fulfilled');
      const refused = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      expect([taken.length, refused.length]).toEqual([1, 1]);
      expect(toAppError(refused[0]!.reason)).toMatchObject({
        status: 409,
        data: {
          code: 'ITEM_NUMBER_TAKEN',
          field: 'itemNumber',
          vi: 'Số hiệu bưu gửi EL123456785VN vừa được một quầy khác dùng cho hồ sơ khác. Dùng bao bì/nhãn khác; hồ sơ này chưa được ghi.',
          en: 'Item number EL123456785VN was just used by another counter for another dossier. Use another envelope or label; this dossier was not recorded.',
        },
      });
    } finally {
      counters.forEach((c) => c.release());
    }
    expect((await pool.query("SELECT count(*) AS n FROM dossiers WHERE item_number = 'EL123456785VN'")).rows[0]).toEqual({ n: 1 });
  });

  it("finds a name by whole words and the word being typed, as SQLite's FTS5 lookup does, from the index", async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const id = await seedDossier(pool);
    const match = (query: string) =>
      pool.query(`SELECT id FROM dossiers WHERE to_tsvector('simple'::regconfig, sender_name_key) @@ to_tsquery('simple', $1)`, [query]).then((r) => r.rows.map((x) => x.id));
    expect(await match('thu & ha:*')).toEqual([id]);
    expect(await match('thu & h:*')).toEqual([id]);
    expect(await match('thu & han')).toEqual([]);
    const client = await pool.connect();
    try {
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(`EXPLAIN SELECT id FROM dossiers WHERE to_tsvector('simple'::regconfig, sender_name_key) @@ to_tsquery('simple', 'nguyen & th:*')`);
      expect(plan.rows.map((r) => r['QUERY PLAN']).join('\n')).toContain('dossiers_by_name_words');
    } finally {
      client.release();
    }
  });

  it('has the same tables, columns, kinds of value, not-null rules and indexes as the SQLite file', async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const sqlite = openDatabase(tempDir());
    migrate(sqlite);
    try {
      expect(await pgShape(pool)).toEqual(await sqliteShape(sqlite));
      // A step lands in both folders under one number (decision 0024).
      const sqliteVersions = loadMigrations().map((m) => m.version);
      const pgVersions = loadPgMigrations().map((m) => m.version);
      expect(pgVersions.at(-1)).toBe(sqliteVersions.at(-1));
      expect(pgVersions.slice(1)).toEqual(sqliteVersions.filter((v) => v > pgVersions[0]!));
    } finally {
      sqlite.close();
    }
  });

  it("lists exactly the lifecycle's states and event kinds in its CHECKs, as the SQLite file does", async () => {
    const { pool } = await freshPool();
    await migratePg(pool);
    const listOf = async (name: string) => {
      const { rows } = await pool.query<{ def: string }>('SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = $1', [name]);
      return [...rows[0]!.def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]!).sort();
    };
    expect(await listOf('dossiers_status_check')).toEqual([...DOSSIER_STATUSES].sort());
    expect(await listOf('dossier_events_type_check')).toEqual([...EVENT_KINDS].sort());
    await seedDossier(pool);
    await expect(pool.query("UPDATE dossiers SET status = 'lost'")).rejects.toThrow(/dossiers_status_check/);
  });
});

/**
 * What each engine does its own way, named so that anything else differing fails: SQLite finds
 * names through the FTS5 table dossier_names (and its shadow tables), PostgreSQL through a GIN
 * index on the same column.
 */
const SQLITE_ONLY_TABLES = /^dossier_names(_\w+)?$/;
const PG_ONLY_INDEXES = new Set(['dossiers_by_name_words']);

type Kind = 'integer' | 'text' | 'bytes';
const kindOf = (c: StoredColumn): Kind => (/int/i.test(c.type) ? 'integer' : /^(BLOB|bytea)$/i.test(c.type) ? 'bytes' : 'text');

/** Tables, columns with their kind of value and not-null rule, and the indexes made by CREATE INDEX. */
async function shape(data: Data, indexes: string[]) {
  const columns = (await storedColumns(data)).filter((c) => !SQLITE_ONLY_TABLES.test(c.table));
  return {
    tables: [...new Set(columns.map((c) => c.table))].sort(),
    columns: columns.map((c) => `${c.table}.${c.column} ${kindOf(c)}${c.notNull ? ' not null' : ''}`).sort(),
    indexes,
  };
}

function sqliteShape(db: ReturnType<typeof openDatabase>) {
  const indexes = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as { name: string }[]).map((i) => i.name);
  return shape(sqliteData(db), indexes);
}

async function pgShape(pool: pg.Pool) {
  // Indexes made by CREATE INDEX, not those behind a primary key or UNIQUE constraint (SQLite's autoindexes).
  const indexes = (
    await pool.query(`SELECT i.indexname FROM pg_indexes i WHERE i.schemaname = 'public'
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) ORDER BY i.indexname`)
  ).rows
    .map((r) => r.indexname as string)
    .filter((i) => !PG_ONLY_INDEXES.has(i));
  return shape(postgresData(pool), indexes);
}
