import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appError } from '../errors.js';
import type { Db } from './open.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  sha256: string;
}

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/**
 * Reads NNN_name.sql files in order; the number is the version, the hash pins the text.
 * The text is taken with LF line endings, so a checkout that wrote CRLF (Windows, autocrlf)
 * hashes as the LF files always have and opens the same databases.
 */
export function loadMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(dir, file), 'utf8').replace(/\r\n/g, '\n');
      return {
        version: Number(file.slice(0, 3)),
        name: file.slice(4, -4),
        sql,
        sha256: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/** The shipped steps this database has not applied yet (none can be applied to a damaged file). */
export function pendingMigrations(db: Db, migrations = loadMigrations()): Migration[] {
  const hasTable = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'").get();
  const done = new Set(hasTable ? (db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version) : []);
  return migrations.filter((m) => !done.has(m.version));
}

/** A step as the database recorded it. */
export interface AppliedStep {
  version: number;
  name: string;
  sha256: string;
}

/**
 * The shipped steps still to apply, after checking that what the database already applied is
 * exactly what this code ships. One check for both engines: a database changed by another build
 * (edited, missing or newer steps) is refused, never "repaired".
 */
export function stepsToApply(done: readonly AppliedStep[], migrations: readonly Migration[]): Migration[] {
  const byVersion = new Map(migrations.map((m) => [m.version, m]));
  for (const row of done) {
    const code = byVersion.get(row.version);
    if (!code) {
      throw appError(
        'DB_NEWER_THAN_APP',
        `Cơ sở dữ liệu đã được nâng cấp bởi một phiên bản ứng dụng mới hơn (bước ${row.version} "${row.name}" không có trong phiên bản này). Hãy cài phiên bản mới nhất; không mở bằng bản cũ để tránh hỏng dữ liệu.`,
        `The database was upgraded by a newer app version (step ${row.version} "${row.name}" is unknown here). Install the latest version; the old one will not open it.`,
      );
    }
    if (code.sha256 !== row.sha256 || code.name !== row.name) {
      throw appError(
        'DB_MIGRATION_MISMATCH',
        `Lịch sử cập nhật cơ sở dữ liệu khác với mã nguồn ở bước ${row.version} "${row.name}" (nội dung đã bị sửa). Ứng dụng không mở để tránh hỏng dữ liệu; báo quản trị.`,
        `The database's applied step ${row.version} "${row.name}" differs from the code (it was edited). The app will not open it to avoid damage; tell the administrator.`,
      );
    }
  }
  const doneSet = new Set(done.map((r) => r.version));
  return migrations.filter((m) => !doneSet.has(m.version));
}

/** The history table, the same columns on both engines. */
export const SCHEMA_MIGRATIONS_DDL = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL)`;

/** Applies pending migrations, one transaction each, after `stepsToApply` has checked the history. */
export function migrate(db: Db, migrations = loadMigrations()): { applied: number[] } {
  db.exec(SCHEMA_MIGRATIONS_DDL);
  // SQLite has no SHA-256 of its own; migration 035 keys the print recipes by it, as PostgreSQL's sha256() does.
  db.function('sha256_hex', { deterministic: true }, (text: unknown) => (text === null ? null : createHash('sha256').update(String(text), 'utf8').digest('hex')));
  const done = db.prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version').all() as AppliedStep[];
  const applied: number[] = [];
  const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)');
  for (const m of stepsToApply(done, migrations)) {
    db.transaction(() => {
      db.exec(m.sql);
      record.run(m.version, m.name, m.sha256, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return { applied };
}
