import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema } from '../../../shared/contract/index.js';
import { compactDateTime } from '../../../shared/format/vn-time.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import type { KeyValueStore } from '../config/settings-service.js';
import { damageOf } from '../db/integrity.js';
import { loadMigrations } from '../db/migrate.js';
import { appError } from '../errors.js';
import { damagedBackup } from './backup-file.js';
import { AUDIT_KEY_FILE, AUDIT_KEY_RESTORED_FILE, AUDIT_KEY_SEALED_FILE, auditKeyPath, type AuditKeyStore } from '../audit/key-file.js';
import { AUDIT_MARKERS } from '../audit/marker-file.js';
import { pendingDir, restorePending } from './restore-pending.js';

const DB_FILE = 'counter.sqlite';

export interface RestoreContents {
  office: { code: string; name: string };
  dossiers: number;
  lastRegisterNo: string | null;
}

const newerSchema = (step: number) =>
  appError(
    'BACKUP_NEWER_SCHEMA',
    `Bản sao lưu này có dữ liệu của một phiên bản ứng dụng mới hơn (bước cập nhật ${step}). Cài phiên bản mới nhất trên máy này rồi khôi phục lại. Dữ liệu hiện tại không bị động đến.`,
    `This backup holds data from a newer version of the app (update step ${step}). Install the latest version on this machine, then restore again. The current data is untouched.`,
  );

/**
 * Checks a decrypted database before anything is replaced: a sound file (SQLite's quick check),
 * made by this app's steps or older ones (older is migrated on open, as at every start),
 * and says what it holds. Throws the refusal in words.
 */
export function checkRestorable(file: string, headerSchema: number, settings: Record<string, unknown>): RestoreContents {
  const known = new Map(loadMigrations().map((m) => [m.version, m]));
  const newest = Math.max(...known.keys());
  if (headerSchema > newest) throw newerSchema(headerSchema);
  let db: Database.Database | undefined;
  try {
    try {
      db = new Database(file, { fileMustExist: true });
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } catch {
      throw damagedBackup('cơ sở dữ liệu bên trong không mở được / the database inside does not open');
    }
    const damage = damageOf(db);
    if (damage) throw damagedBackup(damage);
    const steps = db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'schema_migrations'").get()
      ? (db.prepare('SELECT version, sha256 FROM schema_migrations ORDER BY version').all() as { version: number; sha256: string }[])
      : [];
    if (steps.length === 0 || !db.prepare("SELECT 1 FROM sqlite_schema WHERE name = 'dossiers'").get()) {
      throw damagedBackup('không có dữ liệu quầy / holds no counter data');
    }
    for (const step of steps) {
      const code = known.get(step.version);
      if (!code) throw newerSchema(step.version);
      if (code.sha256 !== step.sha256) throw damagedBackup(`bước cập nhật ${step.version} khác mã nguồn / update step ${step.version} differs from the code`);
    }
    const { n } = db.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number };
    const last = db
      .prepare('SELECT register_year AS y, register_seq AS s FROM dossiers WHERE register_seq IS NOT NULL ORDER BY register_year DESC, register_seq DESC LIMIT 1')
      .get() as { y: number; s: number } | undefined;
    const office = SettingsSchema.shape.office.safeParse(settings['office']);
    return {
      office: office.success ? office.data : SettingsSchema.parse({}).office,
      dossiers: n,
      lastRegisterNo: last ? registerNo(last.y, last.s) : null,
    };
  } finally {
    db?.close();
  }
}

/**
 * Puts a checked database, its settings and its audit key where the next start picks them up.
 * With the host's secret store the key waits sealed as the store seals (decision 0055); without
 * one it waits in a 0600 file, as the counter's own key lives.
 */
export function stageForNextStart(dataDir: string, checkedFile: string, settings: Record<string, unknown>, auditKey: Buffer | null, about: Record<string, unknown>, store?: AuditKeyStore): void {
  const dir = pendingDir(dataDir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify(settings));
  writeFileSync(join(dir, 'about.json'), JSON.stringify(about));
  if (auditKey && store?.sealedAt) store.sealedAt(join(dir, AUDIT_KEY_SEALED_FILE)).write(auditKey.toString('hex'));
  else if (auditKey) writeFileSync(join(dir, AUDIT_KEY_FILE), auditKey.toString('hex'), { mode: 0o600 });
  // Last, and atomic: until the database is there, nothing is pending.
  renameSync(checkedFile, join(dir, DB_FILE));
}

/**
 * At start, before the database is opened and with the data folder locked: the current database
 * (with its -wal and -shm, if a crash left them) is kept aside under a dated name, never deleted,
 * and the restored one takes its place with its settings. Each step can be repeated, so a power
 * cut half-way finishes at the next start.
 */
export function applyPendingRestore(dataDir: string, settingsStore: KeyValueStore, now: Date): { keptAs: string; about: unknown } | null {
  const dir = pendingDir(dataDir);
  if (!restorePending(dataDir)) return null;
  const about = JSON.parse(readFileSync(join(dir, 'about.json'), 'utf8')) as unknown;
  settingsStore.store = JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  const keptAs = `counter.before-restore-${compactDateTime(now)}.sqlite`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(join(dataDir, DB_FILE + suffix))) renameSync(join(dataDir, DB_FILE + suffix), join(dataDir, keptAs + suffix));
  }
  // The backup's audit key signs the restored chain; this machine's key is kept beside the old
  // database, and the markers, which name the old database's entries, go (decision 0031).
  // Either way a clear key already in the folder goes aside: left there, it would win over the
  // restored one (sealed or clear) at the next start.
  const keyComes = [AUDIT_KEY_FILE, AUDIT_KEY_SEALED_FILE].some((f) => existsSync(join(dir, f)));
  if (keyComes && existsSync(auditKeyPath(dataDir))) renameSync(auditKeyPath(dataDir), join(dataDir, `audit.before-restore-${compactDateTime(now)}.key`));
  if (existsSync(join(dir, AUDIT_KEY_FILE))) renameSync(join(dir, AUDIT_KEY_FILE), auditKeyPath(dataDir));
  // Still sealed: the audit key's loader opens it with the store and takes it in (key-file.ts).
  if (existsSync(join(dir, AUDIT_KEY_SEALED_FILE))) renameSync(join(dir, AUDIT_KEY_SEALED_FILE), join(dataDir, AUDIT_KEY_RESTORED_FILE));
  for (const marker of AUDIT_MARKERS) rmSync(join(dataDir, marker), { force: true });
  renameSync(join(dir, DB_FILE), join(dataDir, DB_FILE));
  rmSync(dir, { recursive: true, force: true });
  return { keptAs, about };
}
