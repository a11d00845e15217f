import { afterEach, describe, expect, it } from 'vitest';
import type { ResultOnlyInput } from '../../shared/contract/returns.js';
import { failure, sampleIntake, startCore, type Client, type Harness } from '../support/core-harness.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { officeDataDir } from '../support/office-counter.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

const running: Harness[] = [];
afterEach(() => Promise.all(running.splice(0).map((h) => h.stop())));

async function form(client: Client, agencyDossierCode: string): Promise<ResultOnlyInput> {
  const version = (await client.catalog.status()).version!;
  return { agencyDossierCode, procedureCode: '1.002804', catalogVersion: version, sender: sampleIntake(version).sender, returnMethod: 'at-office', deliveryAddress: '', appointmentDate: '2026-12-10' };
}

/**
 * Each code registered by both clients at the same moment: one wins, the other is told in words
 * which dossier holds the code; the register numbers taken have no gap, and the next intake
 * takes the one after them.
 */
async function duel(first: Client, second: Client, codes: string[]) {
  const outcomes = await Promise.all(
    codes.flatMap((code) => [first, second].map(async (c) => c.returns.registerResultOnly(await form(c, code)).then((out) => ({ won: out }), (e: unknown) => ({ lost: e })))),
  );
  const won = outcomes.flatMap((o) => ('won' in o ? [o.won] : []));
  expect(won.map((w) => w.agencyDossierCode).sort()).toEqual([...codes].sort());
  for (const o of outcomes) {
    if (!('lost' in o)) continue;
    const words = await failure(Promise.reject(o.lost));
    expect(words).toMatchObject({ code: 'RESULT_ONLY_ALREADY_REGISTERED', field: 'agencyDossierCode' });
    const winner = won.find((w) => words.vi.includes(w.agencyDossierCode))!;
    expect(words.vi).toContain(winner.registerNo);
    expect(words.en).toContain(winner.registerNo);
  }
  const seqs = won.map((w) => Number(w.registerNo.split('/')[0])).sort((a, b) => a - b);
  expect(seqs).toEqual(codes.map((_, i) => seqs[0]! + i));
  const next = await takeIn(first);
  expect((await first.dossiers.get({ id: next.id })).registerNo).toBe(`${String(seqs.at(-1)! + 1).padStart(6, '0')}/2026`);
}

/** Two counters of one office on a fresh server database. */
async function twoCounters(): Promise<[Harness, Harness]> {
  const login = await freshOfficeDatabase('empty');
  const env = { BCCI_OFFICE_PASSWORD: login.password };
  const q01 = await startCore({ dataDir: officeDataDir(login, 'Q01'), env });
  running.push(q01);
  const q02 = await startCore({ dataDir: officeDataDir(login, 'Q02'), env });
  running.push(q02);
  return [q01, q02];
}

const codes = (n: number) => Array.from({ length: n }, (_, i) => `${BUILDING}-261128-${String(i + 1).padStart(4, '0')}`);

describe('"receive result only": the same agency code registered twice at once', () => {
  it('on a counter of its own: one dossier per code, the other call told which', async () => {
    const h = await startCore();
    running.push(h);
    const other = await h.clientAs('clerk', 'gdv02');
    await duel(h.client, other, codes(4));
  }, 60_000);
});

describe.skipIf(!onOfficeServer())('"receive result only" on the office server: two counters, one code', () => {
  it('the counter that commits second is told in words which dossier holds the code, not a crash', async () => {
    const [q01, q02] = await twoCounters();
    await duel(q01.client, q02.client, codes(6));
  }, 90_000);
});

describe.skipIf(!onOfficeServer())('an intake and a "receive result only" at once on the office server', () => {
  it('both take the register row, then the audit chain: neither is aborted as a deadlock', async () => {
    const [q01, q02] = await twoCounters();
    // Rounds of three intakes and three result-only intakes at once, so their commits overlap.
    const failed: string[] = [];
    for (let round = 0; round < 10; round++) {
      const mine = codes(30).slice(round * 3, round * 3 + 3);
      const outcomes = await Promise.allSettled([
        ...mine.map(() => takeIn(q01.client)),
        ...mine.map(async (code) => q02.client.returns.registerResultOnly(await form(q02.client, code))),
      ]);
      for (const o of outcomes) if (o.status === 'rejected') failed.push(String((o.reason as Error).message));
    }
    expect(failed).toEqual([]);
    // Every number taken once, none lost: 30 intakes and 30 results, 1 to 60.
    const next = await takeIn(q01.client);
    expect((await q01.client.dossiers.get({ id: next.id })).registerNo).toBe('000061/2026');
  }, 180_000);
});
