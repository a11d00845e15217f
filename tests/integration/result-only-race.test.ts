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
    const login = await freshOfficeDatabase('empty');
    const env = { BCCI_OFFICE_PASSWORD: login.password };
    const q01 = await startCore({ dataDir: officeDataDir(login, 'Q01'), env });
    running.push(q01);
    const q02 = await startCore({ dataDir: officeDataDir(login, 'Q02'), env });
    running.push(q02);
    await duel(q01.client, q02.client, codes(6));
  }, 90_000);
});
