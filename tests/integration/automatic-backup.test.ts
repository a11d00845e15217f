import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';

const PASSPHRASE = 'bánh mì Hội An 1975';
/** An instant given as Hà Nội wall-clock time. */
const vn = (local: string) => new Date(`${local}+07:00`);

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  vi.restoreAllMocks();
});

const names = (folder: string) => readdirSync(folder).filter((f) => f.endsWith('.bccibak')).sort();

describe('the daily automatic backup', () => {
  it('runs at its hour, keeps the last N, catches up a day missed while the app was closed, and restores with the passphrase', async () => {
    const folder = tempDir('bcci-usb-');
    const dataDir = tempDir();
    h = await startCore({ dataDir, now: vn('2026-11-27T09:15:00') });
    const version = (await h.client.catalog.status()).version!;
    await h.client.dossiers.intake(sampleIntake(version));
    await h.client.backup.setAutomatic({ enabled: true, folder, hour: 17, keep: 2, passphrase: PASSPHRASE });
    // Never made before: the first one is made at once.
    await h.core.backup.tick();
    expect(names(folder)).toEqual(['bcci-auto-20261127-091500.bccibak']);
    await h.setClock(vn('2026-11-27T16:59:00'));
    await h.core.backup.tick();
    expect(names(folder)).toHaveLength(1);
    await h.setClock(vn('2026-11-27T17:00:30'));
    await h.core.backup.tick();
    await h.setClock(vn('2026-11-28T17:01:00'));
    await h.core.backup.tick();
    expect(names(folder)).toEqual(['bcci-auto-20261127-170030.bccibak', 'bcci-auto-20261128-170100.bccibak']);
    const status = await h.client.backup.status();
    expect(status).toMatchObject({ automatic: { enabled: true, folder, hour: 17, keep: 2 }, hasKey: true, problem: null, lastSuccess: vn('2026-11-28T17:01:00').toISOString() });

    // Closed over the weekend, opened on Monday morning before the hour: Sunday's backup is made at start.
    await h.stop();
    h = await startCore({ dataDir, now: vn('2026-11-30T08:00:00') });
    await h.core.backup.tick();
    expect(names(folder)).toEqual(['bcci-auto-20261128-170100.bccibak', 'bcci-auto-20261130-080000.bccibak']);

    // The machine holds no passphrase: only a public key and the private key sealed with it.
    const stored = readFileSync(join(dataDir, 'automatic-backup.json'), 'utf8');
    expect(stored).not.toContain(PASSPHRASE);
    expect(JSON.stringify(await h.client.settings.get())).not.toContain('sealed');

    const other = await startCore({ dataDir: tempDir('bcci-other-machine-') });
    try {
      const file = join(folder, 'bcci-auto-20261130-080000.bccibak');
      const preview = await other.client.backup.previewRestore({ fileName: 'x.bccibak', contentBase64: readFileSync(file).toString('base64'), passphrase: PASSPHRASE });
      expect(preview).toMatchObject({ dossiers: 1, lastRegisterNo: '000001/2026' });
      expect((await failure(other.client.backup.previewRestore({ fileName: 'x.bccibak', contentBase64: readFileSync(file).toString('base64'), passphrase: 'sai mật khẩu rồi' }))).code).toBe('BACKUP_WRONG_PASSPHRASE');
    } finally {
      await other.stop();
    }
  }, 60_000);

  it('a missing folder is reported in words on the status bar and in the log, never a crash, and it recovers', async () => {
    const folder = tempDir('bcci-usb-');
    h = await startCore({ now: vn('2026-11-27T18:00:00') });
    expect((await failure(h.client.backup.setAutomatic({ enabled: true, folder, hour: 17, keep: 7 }))).code).toBe('BACKUP_PASSPHRASE_NEEDED');
    expect((await failure(h.client.backup.setAutomatic({ enabled: true, folder: join(folder, 'nope'), hour: 17, keep: 7, passphrase: PASSPHRASE }))).code).toBe(
      'BACKUP_FOLDER_MISSING',
    );
    // Set while it was there, then the drive is taken away.
    await h.client.backup.setAutomatic({ enabled: true, folder, hour: 17, keep: 7, passphrase: PASSPHRASE });
    rmSync(folder, { recursive: true });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await h.core.backup.tick();
    const notice = (await h.client.system.status()).backupNotice;
    expect(notice?.vi).toMatch(/Sao lưu tự động không thực hiện được: Không thấy thư mục sao lưu/);
    expect(notice?.en).toMatch(/automatic backup failed: The backup folder .* is not there/);
    expect((await h.client.backup.status()).problem).toEqual(notice);
    expect(logged.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/\[backup\] The automatic backup failed/);
    // The counter goes on.
    await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));

    mkdirSync(folder);
    await h.core.backup.tick();
    expect(names(folder)).toHaveLength(0); // not retried every minute
    await h.setClock(vn('2026-11-27T18:31:00'));
    await h.core.backup.tick();
    expect(names(folder)).toHaveLength(1);
    expect((await h.client.system.status()).backupNotice).toBeNull();
  }, 60_000);

  it('a full disk is reported in words and leaves no half-written backup', async () => {
    const folder = tempDir('bcci-usb-');
    h = await startCore({ now: vn('2026-11-27T18:00:00') });
    await h.client.backup.setAutomatic({ enabled: true, folder, hour: 17, keep: 7, passphrase: PASSPHRASE });
    // The file being written is, in truth, /dev/full: the kernel answers ENOSPC as a full drive does.
    const partial = join(folder, 'bcci-auto-20261127-180000.bccibak.partial');
    symlinkSync('/dev/full', partial);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await h.core.backup.tick();
    const notice = (await h.client.system.status()).backupNotice;
    expect(notice?.vi).toMatch(/Sao lưu tự động không thực hiện được: Ổ đĩa đã đầy/);
    expect(notice?.en).toMatch(/The automatic backup failed: The disk is full/);
    expect(existsSync(join(folder, 'bcci-auto-20261127-180000.bccibak'))).toBe(false);
    expect(() => lstatSync(partial)).toThrow();
    expect(names(folder)).toEqual([]);
  }, 60_000);
});
