import { afterEach, describe, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { request } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { createCore } from '../../electron/core/core.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { migrate, loadMigrations } from '../../electron/core/db/migrate.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { clientFor, failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';
import { onOfficeServer } from '../support/suite-postgres.js';

const data = (e: unknown) => (e as { data: { code: string; vi: string; en: string } }).data;
const startFails = async (dataDir: string) =>
  createCore({ dataDir, settingsStore: { store: {} } }).then(
    async (core) => {
      await core.close();
      throw new Error('core started');
    },
    (e: unknown) => data(e),
  );

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

describe('the transport', () => {
  it('answers 401 to a call without the run’s token', async () => {
    h = await startCore();
    const res = await fetch(`${h.host.url}rpc/system/status`, { method: 'POST', body: '{}' });
    expect(res.status).toBe(401);
    expect((await res.json()).error.vi).toContain('mã phiên');
    await expect(clientFor(h.host.url, 'wrong').system.status()).rejects.toMatchObject({ status: 401 });
  });

  it('refuses a request naming another host (DNS rebinding)', async () => {
    h = await startCore();
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${h!.host.url}rpc/system/status`, { method: 'POST', headers: { host: 'evil.example:80', authorization: 'Bearer test-token' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end('{}');
    });
    expect(status).toBe(403);
  });

  it('answers a malformed payload in Vietnamese and keeps serving', async () => {
    h = await startCore();
    const bad = { ...sampleIntake(1), postage: -5, sender: { kind: 'robot' } } as unknown as ReturnType<typeof sampleIntake>;
    const err = await failure(h.client.dossiers.intake(bad));
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect(err.vi).toContain('không hợp lệ');
    const raw = await fetch(`${h.host.url}rpc/dossiers/intake`, {
      method: 'POST',
      headers: { authorization: 'Bearer test-token', 'content-type': 'application/json' },
      body: '{"json": [1, 2',
    });
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect((await h.client.system.status()).catalog.procedures).toBe(20);
  });
});

// The counter's own file: damaged, unwritable folder, held by another program, migrations.
describe.skipIf(onOfficeServer())('the database', () => {
  it('refuses a damaged file in words and leaves it as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'counter.sqlite'), 'this is not a database, it is a note'.repeat(200));
    const err = await startFails(dir);
    expect(err.code).toBe('DB_CORRUPT');
    expect(err.vi).toContain('bị hỏng');
  });

  it('says the data folder cannot be written', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const err = await startFails(join(file, 'data'));
    expect(err.code).toBe('DATA_DIR_NOT_WRITABLE');
    expect(err.vi).toContain('thư mục dữ liệu');
  });

  it('reports a database held by another program and loses nothing already accepted', async () => {
    h = await startCore();
    const first = await h.client.dossiers.intake(sampleIntake(1));
    const other = new Database(join(h.dataDir, 'counter.sqlite'));
    other.prepare('BEGIN EXCLUSIVE').run();
    try {
      const err = await failure(h.client.dossiers.intake(sampleIntake(1)));
      expect(err.code).toBe('DB_LOCKED');
      expect(err.vi).toContain('không bị mất');
    } finally {
      other.prepare('ROLLBACK').run();
      other.close();
    }
    const again = await h.client.dossiers.intake(sampleIntake(1));
    expect(again.registerNo).toBe('000002/2026');
    expect((await h.client.dossiers.get({ id: first.dossierId })).registerNo).toBe('000001/2026');
  });

  it('refuses a database whose applied migrations differ from the code', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    migrate(db);
    db.prepare("UPDATE schema_migrations SET sha256 = 'edited' WHERE version = 1").run();
    db.close();
    const err = await startFails(dir);
    expect(err.code).toBe('DB_MIGRATION_MISMATCH');
    expect(err.vi).toContain('bước 1');
  });

  it('refuses a database upgraded by a newer app', async () => {
    const dir = tempDir();
    const db = openDatabase(dir);
    migrate(db);
    db.prepare("INSERT INTO schema_migrations VALUES (999, 'future', 'x', '2030-01-01')").run();
    db.close();
    expect((await startFails(dir)).code).toBe('DB_NEWER_THAN_APP');
  });

  it('applies each migration once, in one transaction, and rolls a failing one back', () => {
    const db = openDatabase(tempDir());
    const real = loadMigrations();
    expect(migrate(db, real).applied).toEqual(real.map((m) => m.version));
    expect(migrate(db, real).applied).toEqual([]);
    const broken = [...real, { version: 900, name: 'broken', sql: 'CREATE TABLE half (x); SELECT nonsense FROM nowhere;', sha256: 'h' }];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'half'").get()).toEqual({ n: 0 });
    db.close();
  });
});

describe('the holiday calendar', () => {
  it('prefers an administrator’s copy in the data folder, and refuses a broken one in words', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'calendar'));
    writeFileSync(join(dir, 'calendar', 'vn-holidays.json'), JSON.stringify({ holidays: [{ date: '2026-11-30', name: 'Nghỉ thử' }] }));
    h = await startCore({ dataDir: dir });
    // Friday 27/11 + 2 working days, Monday 30/11 off: Wednesday 2/12
    expect((await h.client.dossiers.intake(sampleIntake(1))).expectedHandoverDate).toBe('2026-12-02');
    await h.stop();
    h = undefined;
    writeFileSync(join(dir, 'calendar', 'vn-holidays.json'), '{"holidays": [{"date": "30/11/2026"}]}');
    const err = await startFails(dir);
    expect(err.code).toBe('CALENDAR_INVALID');
    expect(err.vi).toContain('yyyy-mm-dd');
  });
});

describe('settings', () => {
  it('keeps an unreadable settings file aside and starts with defaults', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'settings.json'), '{ "office": ');
    const store = fileSettingsStore(dir);
    expect(store.store).toEqual({});
    expect(readdirSync(dir).some((f) => f.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('validates updates and refuses an inverted item number range', async () => {
    h = await startCore();
    await expect(h.client.settings.update({ s10: { service: 'EL', country: 'VN', first: 20, last: 10, serviceLetters: [] } })).rejects.toSatisfy(
      (e) => data(e).code === 'SETTINGS_S10_RANGE',
    );
    const s = await h.client.settings.update({ counter: { code: 'Q07' }, office: { name: 'Bưu cục Cầu Giấy' } });
    expect(s.counter.code).toBe('Q07');
    const audit = await rowsOf<{ clerk_code: string; counter_code: string; detail: string }>(h, "SELECT clerk_code, counter_code, detail FROM audit_log WHERE action = 'settings.update'");
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ clerk_code: 'gdv01', counter_code: 'Q01' });
    expect(JSON.parse(audit[0]!.detail).changed).toEqual(['office', 'counter']);
    expect(existsSync(join(h.dataDir, 'settings.json'))).toBe(true);
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    const r = await lan.dossiers.intake(sampleIntake(1));
    expect((await h.client.dossiers.get({ id: r.dossierId })).events[0]).toMatchObject({ clerkCode: 'lan', clerkName: 'Trần Thị Lan', counterCode: 'Q07' });
  });
});

describe.skipIf(onOfficeServer())('a database with a damaged page', () => {
  /** A data folder with 40 dossiers whose documents table then has a page scribbled over, as a failing disk would. */
  async function damagedFolder(beforeDamage: (db: Database.Database) => void = () => undefined): Promise<string> {
    const dir = tempDir();
    h = await startCore({ dataDir: dir });
    for (let i = 0; i < 40; i++) await h.client.dossiers.intake(sampleIntake(1));
    await h.stop();
    h = undefined;
    const file = join(dir, 'counter.sqlite');
    const db = new Database(file);
    beforeDamage(db);
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const root = (db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'dossier_documents'").get() as { rootpage: number }).rootpage;
    db.close();
    const bytes = readFileSync(file);
    bytes.fill(0x5a, (root - 1) * pageSize + 8, (root - 1) * pageSize + 400);
    writeFileSync(file, bytes);
    return dir;
  }
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

  it('is found at start: reads still work, every write is refused in words, the file is left as it was', async () => {
    const dir = await damagedFolder();
    const file = join(dir, 'counter.sqlite');
    const before = sha(file);

    h = await startCore({ dataDir: dir });
    const logged: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map((a) => (a instanceof Error ? a.stack : String(a))).join(' ')));
    const status = await h.client.system.status();
    expect(status.damage?.vi).toContain('Cơ sở dữ liệu bị hỏng');
    expect(status.damage?.vi).toContain('khôi phục từ bản sao lưu');
    expect(status.catalog.procedures).toBe(20);
    const err = await failure(h.client.dossiers.intake(sampleIntake(1)));
    expect(err.code).toBe('DB_DAMAGED');
    expect((await failure(h.client.settings.update({ counter: { code: 'Q09' } }))).code).toBe('DB_DAMAGED');
    const notice = { year: 2027, reference: 'Thông báo 2027', days: [{ date: '2027-01-01', name: 'Tết Dương lịch', kind: 'off' as const }] };
    expect((await failure(h.client.calendar.saveNotice(notice))).code).toBe('DB_DAMAGED');
    spy.mockRestore();
    // A refusal by design is one line in the log, not a stack trace per attempt.
    expect(logged.filter((l) => l.includes('DB_DAMAGED'))).toHaveLength(3);
    expect(logged.join('\n')).not.toMatch(/\n\s+at /);
    await h.stop();
    h = undefined;
    expect(sha(file)).toBe(before);
  });

  it('refuses a citizen’s lookup it could record nowhere, in words that say to restore a backup, as a moved counter does', async () => {
    const dir = await damagedFolder();
    const file = join(dir, 'counter.sqlite');
    const before = sha(file);
    h = await startCore({ dataDir: dir });
    const refused = await failure(h.client.dossiers.search({ query: '0912345678' }));
    expect(refused.code).toBe('LOOKUP_NEEDS_RESTORE');
    expect(refused.vi).toContain('cơ sở dữ liệu của quầy bị hỏng');
    expect(refused.vi).toContain('không ghi được nhật ký tra cứu');
    expect(refused.vi).toContain('khôi phục bản sao lưu gần nhất (Cài đặt → Sao lưu và khôi phục)');
    expect(refused.en).toContain('restores the latest backup (Settings → Backup and restore)');
    // Every way to a citizen's data alike: by code, by register range.
    expect((await failure(h.client.dossiers.findByCode({ code: 'EL123456785VN' }))).code).toBe('LOOKUP_NEEDS_RESTORE');
    expect((await failure(h.client.reports.register({ from: '2026-11-01', to: '2026-11-30' }))).code).toBe('LOOKUP_NEEDS_RESTORE');
    await h.stop();
    h = undefined;
    expect(sha(file)).toBe(before);
  });

  it('refuses to start, in words, when the damaged file also predates this version’s schema', async () => {
    const dir = await damagedFolder((db) => {
      const last = (db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number }).v;
      db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(last);
    });
    const err = await startFails(dir);
    expect(err.code).toBe('DB_DAMAGED');
    expect(err.vi).toContain('khôi phục từ bản sao lưu');
  });
});
