import { afterEach, describe, expect, it, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { PrintJob, PrinterSettings } from '../../shared/contract/index.js';
import { PrinterSettingsSchema } from '../../shared/contract/index.js';
import { decodeEscPos } from '../support/escpos-decoder.js';
import { fakePrinter, type PrinterBehaviour } from '../support/fake-printer.js';
import { sampleIntake, startCore, untilSending, type Harness } from '../support/core-harness.js';
import { onOfficeServer } from '../support/suite-postgres.js';
import { rowsOf } from '../support/raw-sql.js';

let h: Harness | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const c of cleanups.splice(0)) await c();
  vi.restoreAllMocks();
});

const printer = (p: Partial<PrinterSettings>) => PrinterSettingsSchema.parse(p);
const code = (e: unknown) => (e as { data: { code: string } }).data.code;

async function withPrinter(behaviour: PrinterBehaviour, extra: Partial<PrinterSettings> = {}, opts: { answerDelayMs?: number } = {}) {
  const fake = await fakePrinter(behaviour, opts);
  cleanups.push(fake.close);
  await h!.client.settings.update({ printer: printer({ connection: 'network', host: '127.0.0.1', port: fake.port, ...extra }) });
  return fake;
}

async function settled(dossierId: number): Promise<PrintJob[]> {
  await h!.core.printing.idle();
  return h!.client.printing.jobs({ dossierId });
}

describe('a job counts as printed only when the printer says it took every byte', () => {
  it('a printer that reads 64 KiB of a receipt and closes normally leaves it unknown, and holds the rest of the dossier', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 1000, statusMs: 1000 } });
    const partial = await withPrinter('partial');
    const r = await h.client.dossiers.intake(sampleIntake(1));
    let jobs = await settled(r.dossierId);
    expect(jobs[0]!.bytes).toBeGreaterThan(65_536);
    expect(jobs.map((j) => j.state)).toEqual(['unknown', 'held', 'held']);
    expect(jobs[0]!.error).toMatchObject({ code: 'PRINTER_CLOSED_EARLY', vi: expect.stringContaining('trước khi xác nhận') });
    expect(jobs[1]!.error).toMatchObject({ code: 'PRINT_HELD', en: expect.stringContaining('earlier document of this dossier') });
    // Only the first receipt went to that printer; it got part of it.
    expect((await partial.received(1)).map((b) => b.length)).toEqual([65_536]);
    // The queue names the dossier as the clerk knows it.
    const open = await h.client.printing.openJobs();
    expect(open.map((j) => j.dossierRef)).toEqual(Array(3).fill(`${r.registerNo} · ${r.itemNumber}`));
    // Unknown is never resent without the clerk's confirmation.
    await expect(h.client.printing.retry({ jobId: jobs[0]!.id })).rejects.toSatisfy((e) => code(e) === 'PRINT_JOB_UNKNOWN');

    const good = await withPrinter('normal');
    await h.client.printing.retry({ jobId: jobs[0]!.id, confirm: true });
    jobs = await settled(r.dossierId);
    expect(jobs.map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
    expect((await good.received(3)).length).toBe(3);
    // Who confirmed the resend is recorded with it.
    const retried = (await rowsOf<{ clerk_code: string; detail: string }>(h, "SELECT clerk_code, detail FROM audit_log WHERE action = 'printing.retry'"));
    expect(retried.map((a) => [a.clerk_code, JSON.parse(a.detail).jobId, JSON.parse(a.detail).confirmed])).toEqual([['gdv01', jobs[0]!.id, true]]);
  });

  it('a printer that never answers the status request leaves the job "sent, not confirmed", never resent unasked', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 1000, statusMs: 300 } });
    const mute = await withPrinter('mute');
    const r = await h.client.dossiers.intake(sampleIntake(1));
    const jobs = await settled(r.dossierId);
    expect(jobs.map((j) => j.state)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed']);
    expect((await mute.received(3)).length).toBe(3);
    await expect(h.client.printing.retry({ jobId: jobs[0]!.id })).rejects.toSatisfy((e) => code(e) === 'PRINT_JOB_UNKNOWN');
  });

  it('a slow printer whose answers come after we closed our side, before it closes, still counts as printed', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 3000, statusMs: 200 } });
    await withPrinter('normal', {}, { answerDelayMs: 800 });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    expect((await settled(r.dossierId)).map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('reports paper out from the status bits, in words, and holds the rest', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 1000, statusMs: 1000 } });
    await withPrinter('paper-out');
    const r = await h.client.dossiers.intake(sampleIntake(1));
    const jobs = await settled(r.dossierId);
    expect(jobs.map((j) => j.state)).toEqual(['unknown', 'held', 'held']);
    expect(jobs[0]!.error).toMatchObject({ code: 'PRINTER_PAPER_OUT', vi: expect.stringContaining('hết giấy'), en: expect.stringContaining('out of paper') });
  });
});

describe('what is sent and what is said', () => {
  it('opens the cash drawer with one complete ESC p m t1 t2 pulse, on the citizen copy only', async () => {
    h = await startCore();
    const fake = await withPrinter('normal', { drawer: true });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    await settled(r.dossierId);
    const [citizen, file] = (await fake.received(2)).map((b) => decodeEscPos(b));
    expect(citizen!.unknown).toEqual([]);
    expect(citizen!.transcript.slice(0, 2)).toEqual(['ESC @ init', 'ESC p drawer pin=0 on=50ms off=500ms']);
    expect(citizen!.transcript.filter((t) => t.startsWith('ESC p'))).toHaveLength(1);
    expect(file!.transcript.some((t) => t.startsWith('ESC p'))).toBe(false);
  });

  it('a job written to the preview folder is "saved", not printed', async () => {
    h = await startCore();
    const r = await h.client.dossiers.intake(sampleIntake(1));
    expect((await settled(r.dossierId)).map((j) => j.state)).toEqual(['saved', 'saved', 'saved']);
    expect(await h.client.printing.openJobs()).toEqual([]);
  });

  it('a failed test page can be dismissed; a dossier document cannot', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 500, idleMs: 500, statusMs: 500 } });
    // A printer under /dev that is not plugged in: every job fails.
    await h.client.settings.update({ printer: printer({ connection: 'device', devicePath: '/dev/usb/lp-unplugged-test' }) });
    const test = await h.client.printing.testPage();
    const r = await h.client.dossiers.intake(sampleIntake(1));
    await settled(r.dossierId);
    expect((await h.client.printing.openJobs()).map((j) => j.id)).toContain(test.id);
    expect(await h.client.printing.dismiss({ jobId: test.id })).toMatchObject({ state: 'dismissed' });
    expect((await rowsOf(h, "SELECT clerk_code FROM audit_log WHERE action = 'printing.dismiss'"))).toEqual([{ clerk_code: 'gdv01' }]);
    expect((await h.client.printing.openJobs()).map((j) => j.id)).not.toContain(test.id);
    const [receipt] = await h.client.printing.jobs({ dossierId: r.dossierId });
    await expect(h.client.printing.dismiss({ jobId: receipt!.id })).rejects.toSatisfy((e) => code(e) === 'PRINT_JOB_NOT_DISMISSABLE');
  });
});

/** Another process holding SQLite's write lock for `ms`, as a second app instance or a backup tool would. */
async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(process.argv[1]); db.exec('BEGIN IMMEDIATE');
       process.stdout.write('locked\\n'); setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[2]));`,
      file,
      String(ms),
    ],
    { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] },
  );
  cleanups.push(() => void child.kill());
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    child.once('exit', (c) => reject(new Error(`lock holder exited with ${c}`)));
  });
  return { released: new Promise((r) => child.once('exit', () => r())) };
}

// Another program locks the counter's own file; the server's outages are tested in office-server-health.
describe.skipIf(onOfficeServer())('the print worker never takes the core down', () => {
  it('a database locked by another process while a slow printer works: the job still ends truthfully, the error is logged in words', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 2000 } });
    await withPrinter('normal', {}, { answerDelayMs: 600 });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    // The first receipt is on its way; the lock outlasts SQLite's 3 s busy timeout.
    await untilSending(h, r.printJobs[0]!.id);
    const lock = await holdWriteLock(join(h.dataDir, 'counter.sqlite'), 4500);
    await lock.released;
    const jobs = await settled(r.dossierId);
    expect(jobs.map((j) => j.state)).toEqual(['sent', 'sent', 'sent']);
    expect(logged.some((l) => /recording job \d+ as sent: the database refused the write \(SQLITE_BUSY\); retrying/.test(l))).toBe(true);
    // The core still answers.
    expect((await h.client.dossiers.get({ id: r.dossierId })).status).toBe('accepted-at-post');
  }, 30_000);

  it('gives up in words when the database stays locked, and the job is never taken for printed', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(String(args[0])));
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 2000 }, printRecordRetryMs: 500 });
    await withPrinter('normal', {}, { answerDelayMs: 600 });
    const events: PrintJob[] = [];
    const controller = new AbortController();
    void (async () => {
      for await (const job of await h!.client.printing.events(undefined, { signal: controller.signal })) events.push(job);
    })().catch(() => {});
    cleanups.push(() => controller.abort());
    const test = await h.client.printing.testPage();
    await untilSending(h, test.id);
    const lock = await holdWriteLock(join(h.dataDir, 'counter.sqlite'), 4000);
    await h.core.printing.idle();
    expect(logged.some((l) => /recording job \d+ as sent: .*giving up/.test(l))).toBe(true);
    // The clerk is told what happened even though the record could not be written.
    await vi.waitFor(() =>
      expect(events.at(-1)).toMatchObject({ id: test.id, state: 'sent', error: { code: 'PRINT_NOT_RECORDED', vi: expect.stringContaining('Không ghi được') } }),
    );
    await lock.released;
    // The row still says "sending": the next start calls it unknown, never printed.
    expect((await h.client.printing.openJobs()).find((j) => j.id === test.id)?.state).toBe('sending');
  }, 30_000);
});
