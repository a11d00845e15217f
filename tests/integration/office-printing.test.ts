import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PrinterSettingsSchema, type PrintJob } from '../../shared/contract/index.js';
import { sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { officeDataDir, ownRangeOf } from '../support/office-counter.js';
import { fakePrinter } from '../support/fake-printer.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';

const cleanups: (() => Promise<unknown>)[] = [];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A counter of the office, its data on `login`'s database, printing to a network printer on `port`. */
async function counter(login: PgLogin, code: string, port: number): Promise<Harness> {
  const dataDir = officeDataDir(login, code, { printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port }), s10: ownRangeOf(code) });
  const h = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
  cleanups.push(() => h.stop());
  return h;
}

async function settled(h: Harness, dossierId: number): Promise<PrintJob[]> {
  const end = Date.now() + 20_000;
  for (;;) {
    const jobs = await h.client.printing.jobs({ dossierId });
    if (jobs.every((j) => j.state === 'sent')) return jobs;
    if (Date.now() > end) throw new Error(`jobs of dossier ${dossierId} never all printed: ${jobs.map((j) => j.state).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(!onOfficeServer())('two counters on one office server each print their own jobs', () => {
  afterAll(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  it('each receipt comes out of the printer of the counter that took the dossier in, even while the other counter restarts', async () => {
    const login = await freshOfficeDatabase('empty');
    const printerOne = await fakePrinter();
    // A slow printer keeps counter Q02's jobs queued while Q01 works and restarts.
    const printerTwo = await fakePrinter('normal', { answerDelayMs: 250 });
    cleanups.push(printerOne.close, printerTwo.close);
    let one = await counter(login, 'Q01', printerOne.port);
    const two = await counter(login, 'Q02', printerTwo.port);
    const version = (await one.client.catalog.status()).version!;

    const atTwo = await two.client.dossiers.intake(sampleIntake(version));
    const atOne = await one.client.dossiers.intake(sampleIntake(version, { sender: { ...sampleIntake(version).sender, fullName: 'Trần Thị Mai' } }));
    // Q01 starting again recovers only what it left: Q02's jobs, still waiting, are not its own.
    const jobsOne = await settled(one, atOne.dossierId);
    await one.stop();
    cleanups.pop();
    one = await counter(login, 'Q01', printerOne.port);

    const jobsTwo = await settled(two, atTwo.dossierId);
    await printerOne.received(3);
    await printerTwo.received(3);
    expect(printerOne.jobs.map(sha).sort()).toEqual(jobsOne.map((j) => j.sha256).sort());
    expect(printerTwo.jobs.map(sha).sort()).toEqual(jobsTwo.map((j) => j.sha256).sort());
    expect(jobsOne.every((j) => j.target === `127.0.0.1:${printerOne.port}`)).toBe(true);
    expect(jobsTwo.every((j) => j.target === `127.0.0.1:${printerTwo.port}`)).toBe(true);
    // Each counter's queue is its own: nothing of the other counter waits in it.
    expect(await one.client.printing.openJobs()).toEqual([]);
    expect(await two.client.printing.openJobs()).toEqual([]);
  }, 90_000);
});
