import { SettingsSchema } from '../../../shared/contract/index.js';
import type { OfficeServer } from '../../../shared/contract/office-server.js';
import { damagedDatabase } from '../auth/permissions.js';
import { applyPendingRestore } from '../backup/restore.js';
import { restorePending } from '../backup/restore-pending.js';
import type { KeyValueStore } from '../config/settings-service.js';
import type { DossierSearch } from '../dossiers/search/dossier-search.js';
import { postgresDossierSearch } from '../dossiers/search/postgres-search.js';
import { sqliteDossierSearch } from '../dossiers/search/sqlite-search.js';
import { AppError } from '../errors.js';
import { sqliteData, type Data } from './data.js';
import { postgresSql, sqliteSql, type EngineSql } from './engine-sql.js';
import { damageOf } from './integrity.js';
import { migrate, pendingMigrations } from './migrate.js';
import { openDatabase, type Db } from './open.js';
import { OfficeConnection } from './postgres/office-connection.js';
import { readOfficePassword, type OfficePasswordSources } from './postgres/office-password.js';
import type { HealthTimings } from './postgres/health.js';
import { AdvisoryLease } from './postgres/advisory-lease.js';
import { clientConfig } from './postgres/pool.js';
import type { WorkLease } from '../system/work-lease.js';

/**
 * Where the core's data lives, chosen once at start (decision 0032): the counter's own SQLite
 * file, or the office's PostgreSQL server. Everything an engine spells its own way comes with it.
 */
export interface Store {
  data: Data;
  sql: EngineSql;
  search: DossierSearch;
  /** the counter's own SQLite file; null when the data are on the office server */
  db: Db | null;
  /** what the integrity check of the file found wrong; when set, every write is refused */
  damage: string | null;
  /** the link to the office server; null on the counter's own file */
  office: OfficeConnection | null;
  /** a restore applied at this start, to be recorded in the audit trail */
  restored: { keptAs: string; about: unknown } | null;
  /** who of the office's counters sends its outbox and reads its updates; null on the counter's own file */
  exchangeLease: WorkLease | null;
}

/** The office server this counter is set to use, or null when it keeps its own file. */
export function officeServerOf(settingsStore: KeyValueStore): OfficeServer | null {
  const parsed = SettingsSchema.shape.officeServer.safeParse(settingsStore.store['officeServer']);
  return parsed.success && parsed.data.enabled ? parsed.data : null;
}

/**
 * The counter's own file, once the core holds the data folder: a confirmed restore replaces it first (decision 0028), then the
 * integrity check and migrations run on the raw handle before the query builder is used.
 */
export async function openCounterFile(dataDir: string, settingsStore: KeyValueStore, now: Date, fileName?: string): Promise<Store> {
  let db = openDatabase(dataDir, fileName);
  let data: Data | undefined;
  try {
    let restored: Store['restored'] = null;
    if (restorePending(dataDir)) {
      db.close();
      restored = applyPendingRestore(dataDir, settingsStore, now);
      db = openDatabase(dataDir, fileName);
    }
    // Closing the query builder closes the file.
    data = sqliteData(db);
    const damage = damageOf(db);
    if (damage) {
      // Nothing is written into a damaged file, not even by start-up work: reads stay possible,
      // unless the file predates this version's schema, which this code cannot read.
      if (pendingMigrations(db).length > 0) throw damagedDatabase(dataDir, damage);
      db.pragma('query_only = ON');
    } else {
      migrate(db);
    }
    return { data, sql: sqliteSql, search: sqliteDossierSearch, db, damage, office: null, restored, exchangeLease: null };
  } catch (error) {
    if (data) await data.destroy();
    else db.close();
    throw error;
  }
}

/**
 * The office's server. Nothing here waits for it: a counter whose server is down, or whose
 * password is missing or wrong, still starts and says so; `office.start` opens the data.
 */
export function openOfficeStore(
  dataDir: string,
  server: OfficeServer,
  counterCode: string,
  passwords: OfficePasswordSources,
  now: () => Date,
  timings?: Partial<HealthTimings>,
): Store {
  let password: string | AppError;
  try {
    password = readOfficePassword(dataDir, passwords);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    password = error;
  }
  const office = new OfficeConnection(server, password, counterCode, now, timings);
  // A session advisory lock on a connection of its own (decision 0034): it goes with the
  // connection, so a counter killed or cut off hands the exchange over by itself.
  const exchangeLease = typeof password === 'string' ? new AdvisoryLease(clientConfig(server, password, `bcci-counter ${counterCode} exchange`)) : null;
  return { data: office.data, sql: postgresSql, search: postgresDossierSearch, db: null, damage: null, office, restored: null, exchangeLease };
}
