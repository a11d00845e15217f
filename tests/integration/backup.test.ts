import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { sealBackup } from '../../electron/core/backup/backup-file.js';
import { newSealedKey } from '../../electron/core/backup/backup-key.js';

const PASSPHRASE = 'trà đá vỉa hè 2026';
let harnesses: Harness[] = [];
const start = async (opts: Parameters<typeof startCore>[0] = {}) => {
  const h = await startCore(opts);
  harnesses.push(h);
  return h;
};
const stop = async (h: Harness) => {
  harnesses = harnesses.filter((x) => x !== h);
  await h.stop();
};
afterEach(async () => {
  for (const h of harnesses) await h.stop();
  harnesses = [];
});

const takeIn = async (h: Harness, n: number) => {
  const version = (await h.client.catalog.status()).version!;
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(await h.client.dossiers.intake(sampleIntake(version, { sender: { ...sampleIntake(version).sender, fullName: `Trần Thị Hồ Sơ ${i}` } })));
  }
  return out;
};

/** Every dossier as the lookup screen lists it: id, register number, name, item number. */
const dossiersOf = async (h: Harness) =>
  (await h.client.dossiers.search({ query: '', limit: 200 })).rows.map((r) => ({ id: r.id, registerNo: r.registerNo, senderName: r.senderName, itemNumber: r.itemNumber }));

const fileOf = (path: string) => ({ fileName: path.split('/').pop()!, contentBase64: readFileSync(path).toString('base64') });

describe('backup while the counter works, restore on another machine', () => {
  it('10 intakes acknowledged while the backup runs are all in the restored copy, with their register numbers', async () => {
    // The copy is held open (no page copied) until the intakes are acknowledged, then copies a page per step.
    let holding = true;
    let steps = 0;
    const a = await start({
      backupPace: () => {
        steps++;
        return holding ? 0 : 1;
      },
    });
    await takeIn(a, 2);
    let done = false;
    const backup = a.client.backup.create({ passphrase: PASSPHRASE }).finally(() => {
      done = true;
    });
    while (steps === 0) await new Promise((r) => setTimeout(r, 5));
    const during = await takeIn(a, 10);
    expect(done).toBe(false);
    // The plain file copy of the issue: these commits are still in the write-ahead log, not in counter.sqlite.
    expect(readFileSync(join(a.dataDir, 'counter.sqlite-wal')).length).toBeGreaterThan(0);
    holding = false;
    const file = await backup;
    expect(file.size).toBeGreaterThan(1000);
    const before = await dossiersOf(a);
    expect(before).toHaveLength(12);
    expect(before.map((d) => d.id)).toEqual(expect.arrayContaining(during.map((d) => d.dossierId)));

    const b = await start({ dataDir: tempDir('bcci-other-machine-') });
    const preview = await b.client.backup.previewRestore({ ...fileOf(file.path), passphrase: PASSPHRASE });
    expect(preview).toMatchObject({ dossiers: 12, lastRegisterNo: before.find((d) => d.registerNo)!.registerNo, office: { code: '100000' } });
    expect(preview.backedUpAt).toBe(file.createdAt);
    await b.client.backup.confirmRestore({ restoreId: preview.restoreId });
    // Until the app starts again nothing is written into data about to be replaced.
    const refused = await failure(takeIn(b, 1));
    expect(refused.code).toBe('RESTORE_PENDING');
    expect((await b.client.system.status()).backupNotice?.vi).toMatch(/mở lại ứng dụng/);
    const bDir = b.dataDir;
    await stop(b);

    const restarted = await start({ dataDir: bDir });
    expect(await dossiersOf(restarted)).toEqual(before);
    const kept = readdirSync(bDir).filter((f) => /^counter\.before-restore-\d{14}\.sqlite$/.test(f));
    expect(kept).toHaveLength(1);
    const restoredRow = restarted.core.db!.prepare("SELECT detail FROM audit_log WHERE action = 'backup.restored'").get() as { detail: string };
    expect(JSON.parse(restoredRow.detail)).toMatchObject({ keptAs: kept[0], from: { dossiers: 12, fileName: file.fileName } });
    // And it goes on from the last register number, without a gap.
    const [next] = await takeIn(restarted, 1);
    const lastSeq = Number(before[0]!.registerNo!.split('/')[0]);
    expect((await restarted.client.dossiers.get({ id: next!.dossierId })).registerNo).toMatch(new RegExp(`^0*${lastSeq + 1}/`));
  }, 60_000);

  it('a wrong passphrase and a changed byte are refused in words, and the current data stays', async () => {
    const a = await start();
    await takeIn(a, 1);
    const file = await a.client.backup.create({ passphrase: PASSPHRASE });
    const b = await start({ dataDir: tempDir('bcci-other-machine-') });
    await takeIn(b, 2);
    const mine = await dossiersOf(b);

    const wrong = await failure(b.client.backup.previewRestore({ ...fileOf(file.path), passphrase: 'không phải mật khẩu này' }));
    expect(wrong).toMatchObject({ code: 'BACKUP_WRONG_PASSPHRASE', field: 'passphrase' });
    expect(wrong.vi).toMatch(/Mật khẩu sao lưu không đúng/);
    expect(wrong.en).toMatch(/passphrase is wrong/);

    const bytes = readFileSync(file.path);
    for (const at of [bytes.length - 5, Math.floor(bytes.length * 0.7), 20]) {
      const flipped = Buffer.from(bytes);
      flipped[at] = flipped[at]! ^ 0x01;
      const refused = await failure(b.client.backup.previewRestore({ fileName: 'x.bccibak', contentBase64: flipped.toString('base64'), passphrase: PASSPHRASE }));
      expect(refused.code, `byte ${at}`).toMatch(/^BACKUP_(DAMAGED|WRONG_PASSPHRASE)$/);
      expect(refused.en).toMatch(/altered/);
    }
    const notOne = await failure(b.client.backup.previewRestore({ fileName: 'notes.txt', contentBase64: Buffer.from('hello').toString('base64'), passphrase: PASSPHRASE }));
    expect(notOne.code).toBe('BACKUP_NOT_A_BACKUP');
    expect(await dossiersOf(b)).toEqual(mine);
    expect((await b.client.backup.status()).restorePending).toBe(false);
    await takeIn(b, 1);
  }, 60_000);

  it('a backup from a newer schema, or holding a damaged database, is refused and the current data stays', async () => {
    const a = await start();
    await takeIn(a, 3);
    a.core.db!.prepare("INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (999, 'from_the_future', 'x', '2027-01-01')").run();
    const newer = await a.client.backup.create({ passphrase: PASSPHRASE });
    a.core.db!.prepare('DELETE FROM schema_migrations WHERE version = 999').run();

    // A sound envelope around a database whose pages were overwritten: only the integrity check catches it.
    const db = a.core.db!.serialize();
    const pageSize = a.core.db!.pragma('page_size', { simple: true }) as number;
    // Every b-tree page but the schema's gets a page type SQLite does not know.
    for (let page = 1; page < db.length / pageSize; page++) db.fill(0xff, page * pageSize, page * pageSize + 8);
    const damaged = sealBackup({ settings: {}, auditKey: null, database: db }, { app: 'test', schema: 1, createdAt: new Date().toISOString(), kind: 'manual' }, await newSealedKey(PASSPHRASE));

    const b = await start({ dataDir: tempDir('bcci-other-machine-') });
    await takeIn(b, 1);
    const mine = await dossiersOf(b);
    const tooNew = await failure(b.client.backup.previewRestore({ ...fileOf(newer.path), passphrase: PASSPHRASE }));
    expect(tooNew.code).toBe('BACKUP_NEWER_SCHEMA');
    expect(tooNew.vi).toMatch(/phiên bản ứng dụng mới hơn/);
    expect(tooNew.en).toMatch(/Install the latest version/);
    const broken = await failure(b.client.backup.previewRestore({ fileName: 'x.bccibak', contentBase64: damaged.toString('base64'), passphrase: PASSPHRASE }));
    expect(broken.code).toBe('BACKUP_DAMAGED');
    expect(broken.en).toMatch(/current data is untouched/);

    expect(await dossiersOf(b)).toEqual(mine);
    expect(existsSync(join(b.dataDir, 'restore-pending'))).toBe(false);
    const bDir = b.dataDir;
    await stop(b);
    const again = await start({ dataDir: bDir });
    expect(await dossiersOf(again)).toEqual(mine);
  }, 60_000);

  it('only the administrator backs up; the audit says who, where and how big, never the passphrase', async () => {
    const a = await start();
    const clerk = await a.clientAs('clerk', 'gdv09');
    expect((await failure(clerk.backup.create({ passphrase: PASSPHRASE }))).code).toBe('FORBIDDEN');
    expect((await failure(clerk.backup.status())).code).toBe('FORBIDDEN');
    const short = await failure(a.client.backup.create({ passphrase: 'ngắn' }));
    expect(short).toMatchObject({ code: 'BACKUP_PASSPHRASE_SHORT', field: 'passphrase' });
    const file = await a.client.backup.create({ passphrase: PASSPHRASE });
    const rows = a.core.db!.prepare("SELECT clerk_code, detail FROM audit_log WHERE action = 'backup.create'").all() as { clerk_code: string; detail: string }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.clerk_code).toBe('gdv01');
    expect(JSON.parse(rows[0]!.detail)).toEqual({ kind: 'manual', path: file.path, size: file.size });
    const everything = JSON.stringify(a.core.db!.prepare('SELECT * FROM audit_log').all());
    expect(everything).not.toContain(PASSPHRASE);
    expect((await a.client.backup.status()).files.map((f) => f.fileName)).toEqual([file.fileName]);
  }, 60_000);
});
