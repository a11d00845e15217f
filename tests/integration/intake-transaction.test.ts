import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open.js';
import { sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

let h: Harness | undefined;
let serve: ServeProcess | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
  serve?.process.kill('SIGKILL');
  serve = undefined;
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
  });

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
