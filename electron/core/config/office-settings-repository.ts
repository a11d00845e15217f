import { sql } from 'kysely';
import type { Data, Tx } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';

/** The advisory lock key of office-wide settings writes on an office server ("SETT"). */
const SETTINGS_LOCK = 0x53455454;

/** The office-wide settings rows (decision 0038): one per section, its value as JSON text. */
export class OfficeSettingsRepository {
  constructor(
    private readonly db: Data,
    private readonly sql: EngineSql,
  ) {}

  in(tx: Tx): OfficeSettingsRepository {
    return new OfficeSettingsRepository(tx, this.sql);
  }

  /**
   * Changes whenever any row is written or removed: the rows' count and largest revision, one
   * small aggregate over a table of a few dozen rows, cheap enough to ask before every call.
   */
  async mark(): Promise<string> {
    const r = await this.db
      .selectFrom('office_settings')
      .select([sql<number>`count(*)`.as('n'), sql<number>`coalesce(max(revision), 0)`.as('r')])
      .executeTakeFirstOrThrow();
    return `${r.n}:${r.r}`;
  }

  async all(): Promise<Map<string, string>> {
    const rows = await this.db.selectFrom('office_settings').select(['name', 'value']).execute();
    return new Map(rows.map((r) => [r.name, r.value]));
  }

  /**
   * Inside a write transaction: two counters saving at once take turns, so each one's check
   * (overlapping ranges) sees the other's committed rows. SQLite's write transaction holds the
   * whole file already.
   */
  async lock(): Promise<void> {
    await this.sql.appendLock(this.db as Tx, SETTINGS_LOCK);
  }

  /** Writes the rows and removes `removed`, all under one new revision. */
  async write(rows: ReadonlyMap<string, string>, removed: readonly string[], at: Date, by: string): Promise<void> {
    const { r } = await this.db.selectFrom('office_settings').select(sql<number>`coalesce(max(revision), 0)`.as('r')).executeTakeFirstOrThrow();
    const revision = r + 1;
    if (removed.length > 0) await this.db.deleteFrom('office_settings').where('name', 'in', removed).execute();
    for (const [name, value] of rows) {
      const row = { value, revision, updated_at: at.toISOString(), updated_by: by };
      await this.db
        .insertInto('office_settings')
        .values({ name, ...row })
        .onConflict((oc) => oc.column('name').doUpdateSet(row))
        .execute();
    }
  }
}
