import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS_DIR, loadMigrations, migrate } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { tempDir } from '../support/core-harness.js';

/** The migrations as a Windows checkout with core.autocrlf would write them. */
function crlfCopy(): string {
  const dir = join(tempDir('bcci-crlf-'), 'migrations');
  mkdirSync(dir);
  for (const f of readdirSync(MIGRATIONS_DIR)) {
    writeFileSync(join(dir, f), readFileSync(join(MIGRATIONS_DIR, f), 'utf8').replace(/\r?\n/g, '\r\n'));
  }
  return dir;
}

describe('migrations and line endings', () => {
  it('a CRLF checkout opens a database migrated from the LF files, and the reverse', () => {
    const crlf = crlfCopy();
    expect(readFileSync(join(crlf, '001_initial.sql'), 'utf8')).toContain('\r\n');

    const fromLf = openDatabase(tempDir());
    expect(migrate(fromLf).applied.length).toBeGreaterThan(0);
    expect(migrate(fromLf, loadMigrations(crlf))).toEqual({ applied: [] });
    fromLf.close();

    const fromCrlf = openDatabase(tempDir());
    migrate(fromCrlf, loadMigrations(crlf));
    expect(migrate(fromCrlf)).toEqual({ applied: [] });
    fromCrlf.close();
  });

  it('keeps the hash of every LF file as it was, so databases already in use still open', () => {
    for (const m of loadMigrations()) {
      const file = readdirSync(MIGRATIONS_DIR).find((f) => f.startsWith(String(m.version).padStart(3, '0')))!;
      expect(m.sha256).toBe(createHash('sha256').update(readFileSync(join(MIGRATIONS_DIR, file))).digest('hex'));
    }
  });

  it('still refuses a CRLF migration whose text was edited', () => {
    const crlf = crlfCopy();
    writeFileSync(join(crlf, '001_initial.sql'), `${readFileSync(join(crlf, '001_initial.sql'), 'utf8')}-- edited\r\n`);
    const db = openDatabase(tempDir());
    migrate(db);
    expect(() => migrate(db, loadMigrations(crlf))).toThrow(expect.objectContaining({ data: expect.objectContaining({ code: 'DB_MIGRATION_MISMATCH' }) }));
    db.close();
  });
});
