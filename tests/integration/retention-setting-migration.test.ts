import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { loadPgMigrations, migratePg } from '../../electron/core/db/postgres/migrate-pg.js';
import { postgresData, sqliteData, type Data } from '../../electron/core/db/data.js';
import { postgresSql, sqliteSql, type EngineSql } from '../../electron/core/db/engine-sql.js';
import { RetentionService } from '../../electron/core/retention/retention-service.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';
import { ChainHead, MarkerFile } from '../../electron/core/audit/marker-file.js';
import { tempDir } from '../support/core-harness.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

/** The retention period, set before step 036, arrives in office_settings with who set it and when (decision 0047). */
const BEFORE_036 = (v: number) => v < 36;
const SET = `INSERT INTO retention_policy (id, years, set_at, clerk_code) VALUES (1, 7, '2026-11-20T03:00:00.000Z', 'gdv01')`;
const key = Buffer.alloc(32, 7);

const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of closing) await c();
});

const engines: [string, () => Promise<{ data: Data; sql: EngineSql }>, boolean][] = [
  [
    'SQLite',
    async () => {
      const db = openDatabase(tempDir());
      migrate(db, loadMigrations().filter((m) => BEFORE_036(m.version)));
      db.exec(SET);
      migrate(db);
      const data = sqliteData(db);
      closing.push(() => data.destroy());
      return { data, sql: sqliteSql };
    },
    onOfficeServer(),
  ],
  [
    'PostgreSQL',
    async () => {
      const login = await freshOfficeDatabase('empty');
      const pool = new pg.Pool({ host: login.host, port: login.port, database: login.database, user: login.user, password: login.password });
      await migratePg(pool, loadPgMigrations().filter((m) => BEFORE_036(m.version)));
      await pool.query(SET);
      await migratePg(pool);
      const data = postgresData(pool);
      closing.push(() => data.destroy());
      return { data, sql: postgresSql };
    },
    !onOfficeServer(),
  ],
];

describe.each(engines)('the retention period on %s', (_name, open, skip) => {
  it.skipIf(skip)('moves into the office-wide settings with its value, and is set there from then on', async () => {
    const { data, sql } = await open();
    const row = await data.selectFrom('office_settings').select(['value', 'updated_by', 'updated_at']).where('name', '=', 'retention').executeTakeFirstOrThrow();
    expect(JSON.parse(row.value)).toEqual({ years: 7 });
    expect([row.updated_by, row.updated_at]).toEqual(['gdv01', '2026-11-20T03:00:00.000Z']);
    const now = () => new Date('2026-11-27T02:15:00Z');
    const audit = new AuditRepository(data, key, sql, new ChainHead(new MarkerFile(tempDir(), 'head', key)), () => null);
    const retention = new RetentionService({ data, sql, audit, key, now });
    expect(await retention.period()).toEqual({ years: 7, setAt: '2026-11-20T03:00:00.000Z', setBy: 'gdv01' });
    await retention.setPeriod(10, { officeCode: '100000', counterCode: 'Q01', clerkCode: 'gdv02', clerkName: 'Quản trị' });
    expect((await retention.period()).years).toBe(10);
    const rows = await data.selectFrom('office_settings').select('name').where('name', '=', 'retention').execute();
    expect(rows).toHaveLength(1);
  });
});
