import { afterEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { sampleIntake, startCore, tempDir, untilSending, type Harness } from '../support/core-harness.js';
import { PrinterSettingsSchema } from '../../shared/contract/index.js';
import { fakePrinter } from '../support/fake-printer.js';
import { startServeProcess } from '../support/serve-process.js';

/** A small filesystem of its own (tmpfs) to fill up; needs root, as on the CI machine. */
function smallDisk(): string | null {
  const dir = tempDir('bcci-disk-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', dir], { stdio: 'ignore' });
    return dir;
  } catch {
    return null;
  }
}
const probe = smallDisk();
if (probe) execFileSync('umount', [probe]);
const reason = 'cannot mount a small tmpfs here (needs root): the full-disk tests did not run';
if (!probe) console.warn(reason);

let h: Harness | undefined;
const mounts: string[] = [];
afterEach(async () => {
  await h?.stop().catch(() => undefined);
  h = undefined;
  for (const m of mounts.splice(0)) execFileSync('umount', ['-l', m]);
});

/** Fills the disk to the last byte. */
function fill(dir: string): string {
  const filler = join(dir, 'filler');
  try {
    writeFileSync(filler, Buffer.alloc(8 * 1024 * 1024));
  } catch {
    // ENOSPC: written as far as it would go, which is the point.
  }
  return filler;
}

describe.skipIf(!probe)('a full disk', () => {
  it('during work: the intake is refused in words, nothing accepted is lost, and it works again once space is freed', async () => {
    const disk = smallDisk()!;
    mounts.push(disk);
    const dataDir = join(disk, 'data');
    h = await startCore({ dataDir });
    const first = await h.client.dossiers.intake(sampleIntake(1));
    const filler = fill(disk);
    let err;
    // SQLite may still fit a commit or two into pages it already owns; keep going until the disk says no.
    for (let i = 0; i < 200; i++) {
      const r = await h.client.dossiers.intake(sampleIntake(1)).then(() => null, (e: { data: { code: string; vi: string } }) => e.data);
      if (r) {
        err = r;
        break;
      }
    }
    expect(err?.code).toBe('DISK_FULL');
    expect(err?.vi).toContain('Ổ đĩa đã đầy');
    expect((await h.client.dossiers.get({ id: first.dossierId })).registerNo).toBe('000001/2026');
    rmSync(filler);
    const after = await h.client.dossiers.intake(sampleIntake(1));
    expect(after.registerNo).toMatch(/\/2026$/);
  });

  it('while a slow printer works: the print worker keeps the core alive, says so in words, and prints the rest once space is freed', async () => {
    const disk = smallDisk()!;
    mounts.push(disk);
    h = await startCore({ dataDir: join(disk, 'data'), printRecordRetryMs: 1500 });
    const slow = await fakePrinter('normal', { answerDelayMs: 1500 });
    const logged: string[] = [];
    const log = console.error;
    console.error = (...args: unknown[]) => void logged.push(String(args[0]));
    try {
      await h.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port: slow.port }) });
      const first = await h.client.printing.testPage();
      await untilSending(h, first.id);
      const filler = fill(disk);
      // Use up what SQLite already owns, so the job's record needs space the disk no longer has.
      for (let i = 0; i < 200; i++) if (await h.client.printing.testPage().then(() => false, () => true)) break;
      await h.core.printing.idle();
      expect(logged.some((l) => new RegExp(`recording job ${first.id} as sent: the database refused the write \\(SQLITE_FULL\\); giving up`).test(l))).toBe(true);
      // The core still answers; the job was never recorded as printed.
      expect((await h.client.printing.openJobs()).find((j) => j.id === first.id)?.state).toBe('sending');
      rmSync(filler);
      await expect.poll(async () => (await h!.client.printing.openJobs()).filter((j) => j.state === 'queued').length, { timeout: 15_000 }).toBe(0);
    } finally {
      console.error = log;
      await slow.close();
    }
  }, 40_000);

  it('at start: browser mode says so in Vietnamese, not with a raw SQLite error', async () => {
    const disk = smallDisk()!;
    mounts.push(disk);
    const dataDir = join(disk, 'data');
    mkdirSync(dataDir);
    fill(disk);
    const start = startServeProcess(dataDir);
    await expect(start).rejects.toThrow(/Không khởi động được: Ổ đĩa đã đầy/);
    await expect(start).rejects.not.toThrow(/SqliteError/);
  });
});

it.skipIf(Boolean(probe))(`a full disk: ${reason}`, () => undefined);
