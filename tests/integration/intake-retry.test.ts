import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../electron/core/db/open.js';
import { INTAKE_FORM_MAX_DAYS, INTAKE_KEY_KEEP_DAYS, newIntakeKey } from '../../shared/ids/intake-key.js';
import { emptyForm, toInput, withProcedure } from '../../renderer/src/intake/form-state.js';
import { sampleIntake, startCore, tempDir, failure, type Harness } from '../support/core-harness.js';
import { rowOf } from '../support/raw-sql.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

let h: Harness | undefined;
let serve: ServeProcess | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  serve?.process.kill('SIGKILL');
  serve = undefined;
});

describe('an intake retried with the same request key', () => {
  it('after the core died between commit and answer: the retry returns the first dossier, not a second', async () => {
    const dataDir = tempDir('bcci-crash-');
    serve = await startServeProcess(dataDir, { BCCI_FAILPOINTS: 'intake.committed' });
    const input = sampleIntake(1);
    await expect(serve.client.dossiers.intake(input)).rejects.toThrow();
    expect((await exitOf(serve.process)).signal).toBe('SIGKILL');

    serve = await startServeProcess(dataDir);
    const retry = await serve.client.dossiers.intake(input);
    expect(retry).toMatchObject({ replayed: true, registerNo: '000001/2026', status: 'accepted-at-post' });
    const today = await serve.client.dossiers.today();
    expect(today).toHaveLength(1);
    expect(today[0]!.id).toBe(retry.dossierId);
    // The papers committed with the dossier, before the kill: two receipts and the label, shown
    // to the retry and queued to print; nothing new is made.
    expect(retry.printJobs.map((j) => [j.document, j.reprint])).toEqual([['receipt', false], ['receipt', false], ['label', false]]);
    expect(retry.printJobs.map((j) => j.id)).toEqual((await serve.client.printing.jobs({ dossierId: retry.dossierId })).map((j) => j.id));

    const next = await serve.client.dossiers.intake(sampleIntake(1));
    expect(next).toMatchObject({ replayed: false, registerNo: '000002/2026' });
  });

  it('sent twice at once (a double Enter): one dossier, one set of receipts, the same answer twice', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    const [a, b] = await Promise.all([h.client.dossiers.intake(input), h.client.dossiers.intake(input)]);
    expect(a.dossierId).toBe(b.dossierId);
    expect(a.registerNo).toBe(b.registerNo);
    expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
    expect(await h.client.dossiers.today()).toHaveLength(1);
    expect((await rowOf(h, 'SELECT count(*) AS n FROM print_jobs'))).toEqual({ n: a.printJobs.length });
  });

  it('with other content: refused in words, naming the dossier already made', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    await h.client.dossiers.intake(input);
    const err = await failure(h.client.dossiers.intake({ ...input, postage: 30000 }));
    expect(err.code).toBe('INTAKE_ALREADY_RECORDED');
    expect(err.vi).toContain('000001/2026');
    expect(await h.client.dossiers.today()).toHaveLength(1);
  });

  it('a key refused by validation stays free for the corrected form', async () => {
    h = await startCore();
    const input = sampleIntake(1);
    await failure(h.client.dossiers.intake({ ...input, sender: { ...input.sender, phone: '1' } }));
    expect((await h.client.dossiers.intake(input)).replayed).toBe(false);
  });
});

/** What the file holds, read with a connection of its own once the core is gone. */
function stored(dataDir: string) {
  const db = openDatabase(dataDir);
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      dossiers: count('dossiers'),
      events: count('dossier_events'),
      requestKeys: count('intake_requests'),
      lastSeq: (db.prepare('SELECT last_seq FROM register_counters WHERE year = 2026').get() as { last_seq: number } | undefined)?.last_seq ?? 0,
    };
  } finally {
    db.close();
  }
}

describe('the intake transaction', () => {
  it('50 intakes sent at once get 50 distinct register numbers, 1 to 50 without a gap', async () => {
    h = await startCore();
    const answers = await Promise.all(Array.from({ length: 50 }, () => h!.client.dossiers.intake(sampleIntake(1))));
    const seqs = answers.map((a) => Number(a.registerNo!.split('/')[0])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(answers.map((a) => a.dossierId)).size).toBe(50);
    const register = await h.client.reports.register({ from: '2026-11-27', to: '2026-11-27', offset: 0, limit: 100 });
    expect(register.total).toBe(50);
    expect(register.numbering).toEqual([{ year: 2026, issued: 50, present: 50, gaps: [] }]);
    // The 150 receipts and labels queued take a while to draw on a loaded machine; stopping waits for them.
    await h.core.printing.idle();
  }, 60_000);

  it.each([
    ['throws', 'intake.dossier-written:throw'],
    ['dies', 'intake.dossier-written'],
  ])('%s after writing the dossier: neither the dossier nor the request key is kept, and the number is not used up', async (_, failpoints) => {
    const dataDir = tempDir('bcci-half-intake-');
    serve = await startServeProcess(dataDir, { BCCI_FAILPOINTS: failpoints });
    const input = sampleIntake(1);
    await expect(serve.client.dossiers.intake(input)).rejects.toThrow();
    if (failpoints.endsWith(':throw')) {
      // The core is still up and answers; the failed intake left nothing to list.
      expect(await serve.client.dossiers.today()).toEqual([]);
      serve.process.kill('SIGTERM');
    }
    await exitOf(serve.process);
    expect(stored(dataDir)).toEqual({ dossiers: 0, events: 0, requestKeys: 0, lastSeq: 0 });

    // The same form, sent again once the fault is gone, is taken in as new with the first number.
    serve = await startServeProcess(dataDir);
    const retry = await serve.client.dossiers.intake(input);
    expect(retry).toMatchObject({ replayed: false, registerNo: '000001/2026' });
  });
});

describe('request keys are kept for a window, then dropped', () => {
  const DAY = 86_400_000;
  const keysOf = async (dossierId: number) => (await rowOf<{ n: number }>(h!, 'SELECT count(*) AS n FROM intake_requests WHERE dossier_id = ?', dossierId))!.n;

  it(`a key goes ${INTAKE_KEY_KEEP_DAYS} days after its form's first send; that form is then refused in words, never taken twice`, async () => {
    h = await startCore();
    // The page's form, sent now; its answer is lost and the form stays on the screen.
    const form = sampleIntake(1, { requestKey: newIntakeKey(h.clock.now) });
    const first = await h.client.dossiers.intake(form);

    // While its key is kept, the retry still gets the first answer.
    await h.setClock(new Date(h.clock.now.getTime() + (INTAKE_KEY_KEEP_DAYS - 1) * DAY));
    await h.client.dossiers.intake(sampleIntake(1));
    expect(await h.client.dossiers.intake(form)).toMatchObject({ replayed: true, dossierId: first.dossierId });
    expect(await keysOf(first.dossierId)).toBe(1);

    // Past it, the next intake drops the key; the same form sent again is refused, not a second dossier.
    await h.setClock(new Date(h.clock.now.getTime() + 2 * DAY));
    const later = await h.client.dossiers.intake(sampleIntake(1));
    expect(await keysOf(first.dossierId)).toBe(0);
    expect(await keysOf(later.dossierId)).toBe(1);
    const err = await failure(h.client.dossiers.intake(form));
    expect(err.code).toBe('INTAKE_FORM_EXPIRED');
    expect(err.vi).toContain(`hơn ${INTAKE_FORM_MAX_DAYS} ngày`);
    expect(err.en).toContain('Lookup');
    expect(await rowOf(h, "SELECT count(*) AS n FROM dossiers WHERE sender_name = 'Nguyễn Văn Đức'")).toEqual({ n: 3 });
  });

  it('a blank form left open for weeks, then filled and sent, is taken in; sent again, it is the same dossier', async () => {
    h = await startCore();
    const procedure = await h.client.catalog.get({ code: '1.002804' });
    // The page lays out a blank form, on the page's clock.
    const blank = onPageClock(h.clock.now, () => emptyForm());
    await h.setClock(new Date(h.clock.now.getTime() + (INTAKE_FORM_MAX_DAYS + 10) * DAY));
    const filled = { ...withProcedure(blank, procedure), sender: { ...blank.sender, ...sampleIntake(1).sender, birthDateText: '15/03/1990' }, postageText: '0' };
    filled.documents = filled.documents.map((d) => ({ ...d, present: true }));
    const input = onPageClock(h.clock.now, () => toInput(filled, 'accept'));
    const first = await h.client.dossiers.intake(input);
    expect(first).toMatchObject({ replayed: false });
    // A retry of that send (a lost answer, a double Enter) carries the same key.
    expect(await h.client.dossiers.intake(onPageClock(h.clock.now, () => toInput(filled, 'accept')))).toMatchObject({ replayed: true, dossierId: first.dossierId });
  });

  it("a form sent again at a counter whose clock is behind the one that dropped keys gets its first dossier, never a second", async () => {
    h = await startCore();
    const form = sampleIntake(1, { requestKey: newIntakeKey(h.clock.now) });
    const first = await h.client.dossiers.intake(form);
    // Another counter of the office, its clock a day ahead, takes a dossier in just past the window and drops what it may.
    const sent = h.clock.now.getTime();
    await h.setClock(new Date(sent + (INTAKE_FORM_MAX_DAYS + 1) * DAY + 3_600_000));
    await h.client.dossiers.intake(sampleIntake(1));
    // The form is sent again at a counter whose clock reads a day less: within the window there.
    await h.setClock(new Date(sent + INTAKE_FORM_MAX_DAYS * DAY));
    expect(await h.client.dossiers.intake(form)).toMatchObject({ replayed: true, dossierId: first.dossierId });
  });
});

/** Runs page code (which reads the time from Date) as if the page's clock read `now`. */
function onPageClock<T>(now: Date, work: () => T): T {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  try {
    return work();
  } finally {
    vi.useRealTimers();
  }
}
