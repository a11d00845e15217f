import { afterEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrinterSettingsSchema } from '../../shared/contract/index.js';
import { fakePrinter } from '../support/fake-printer.js';
import { sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { rowsOf, runSql } from '../support/raw-sql.js';

let h: Harness | undefined;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await h?.stop();
  h = undefined;
  for (const c of cleanups.splice(0)) await c();
});

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const HOUR = 3_600_000;
const code = (e: unknown) => (e as { data: { code: string } }).data.code;

/** Which of a dossier's jobs still hold their bytes in the database. */
const holdingBytes = async (dossierId: number) =>
  (
    await rowsOf<{ held: number }>(h!, 'SELECT CASE WHEN b.job_id IS NULL THEN 0 ELSE 1 END AS held FROM print_jobs j LEFT JOIN print_job_bytes b ON b.job_id = j.id WHERE j.dossier_id = ? ORDER BY j.id', dossierId)
  ).map((r) => r.held === 1);

describe('print jobs keep their bytes only until settled, and are redrawn exactly', () => {
  it('after the window a settled job holds no bytes; sent again, it is redrawn to the very bytes first printed', async () => {
    h = await startCore({ printKeepBytesHours: 2, printerTimeouts: { connectMs: 1000, idleMs: 1000, statusMs: 300 } });
    // A printer that never confirms: its jobs settle as "sent, not confirmed", which the clerk may send again.
    const mute = await fakePrinter('mute');
    cleanups.push(mute.close);
    const terms = 'Điều khoản của hôm nay.';
    await h.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port: mute.port, terms }) });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    const lan = await h.clientAs('clerk', 'lan', 'Trần Thị Lan');
    await lan.printing.reprint({ dossierId: r.dossierId, document: 'receipt' });
    await h.core.printing.idle();
    const jobs = await h.client.printing.jobs({ dossierId: r.dossierId });
    expect(jobs.map((j) => j.state)).toEqual(['unconfirmed', 'unconfirmed', 'unconfirmed', 'unconfirmed']);
    const first = [...(await mute.received(4))];
    expect(first.map(sha)).toEqual(jobs.map((j) => j.sha256));
    expect(await holdingBytes(r.dossierId)).toEqual([true, true, true, true]);

    // Three hours on, with other terms, the next dossier prints: the first dossier's settled
    // jobs let their bytes go, the new ones (inside the window) keep theirs.
    await h.setClock(new Date(h.clock.now.getTime() + 3 * HOUR));
    await h.client.settings.update({ printer: { terms: 'Điều khoản đã đổi.' } });
    const next = await h.client.dossiers.intake(sampleIntake(1));
    await h.core.printing.idle();
    expect(await holdingBytes(r.dossierId)).toEqual([false, false, false, false]);
    expect(await holdingBytes(next.dossierId)).toEqual([true, true, true]);
    // The clerk still sees how big each job was.
    expect((await h.client.printing.jobs({ dossierId: r.dossierId })).map((j) => j.bytes)).toEqual(first.map((b) => b.length));

    // The clerk confirms and sends them again: redrawn from the dossier and what was fixed when
    // they were queued (terms, reprint clerk and time), byte for byte what the printer first got.
    for (const j of jobs) await h.client.printing.retry({ jobId: j.id, confirm: true });
    await h.core.printing.idle();
    const again = (await mute.received(11)).slice(7);
    expect(again.map(sha)).toEqual(jobs.map((j) => j.sha256));
  }, 60_000);

  it('a preview is drawn when asked, equal to the picture saved; a job of a retired layout is refused in words', async () => {
    h = await startCore({ printKeepBytesHours: 1 });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    await h.core.printing.idle();
    const [receipt, , label] = await h.client.printing.jobs({ dossierId: r.dossierId });
    expect(receipt!.state).toBe('saved');
    await h.setClock(new Date(h.clock.now.getTime() + 2 * HOUR));
    await h.client.printing.testPage();
    await h.core.printing.idle();
    expect(await holdingBytes(r.dossierId)).toEqual([false, false, false]);
    // Nothing kept, yet the preview is the very picture written to the preview folder at the time.
    const saved = readFileSync(join(h.dataDir, 'print-preview', `${String(receipt!.id).padStart(6, '0')}-receipt.png`));
    const preview = Buffer.from((await h.client.printing.preview({ jobId: receipt!.id })).pngBase64, 'base64');
    expect(sha(preview)).toBe(sha(saved));

    // A job drawn by an earlier layout than this version draws cannot be shown or sent as it was.
    await runSql(h, 'UPDATE print_jobs SET layout_version = layout_version - 1 WHERE id = ?', label!.id);
    const refused = await h.client.printing.preview({ jobId: label!.id }).catch((e: unknown) => e);
    expect(code(refused)).toBe('PRINT_LAYOUT_RETIRED');
    expect((refused as Error).message).toContain('In lại');
    await expect(h.client.printing.retry({ jobId: label!.id })).rejects.toSatisfy((e) => code(e) === 'PRINT_LAYOUT_RETIRED');
  });
});
