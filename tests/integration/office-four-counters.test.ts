import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { makeS10 } from '../../shared/ids/s10.js';
import { sampleIntake, signInAdmin } from '../support/core-harness.js';
import { linkUntil, officeDataDir, ownRangeOf } from '../support/office-counter.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

const counters: ServeProcess[] = [];
const PER_COUNTER = 100;
const CONTESTED = 10;

// Four processes on an empty database of the run's office server: the run on PostgreSQL.
describe.skipIf(!onOfficeServer())('four counter processes on one office server', () => {
  afterAll(async () => {
    // Closed as the app closes: devices, then the office connection.
    const t0 = Date.now();
    for (const c of counters) c.process.kill('SIGTERM');
    const exits = await Promise.all(counters.map((c) => exitOf(c.process)));
    console.log(`[four counters] closed in ${Date.now() - t0} ms`, JSON.stringify(exits));
  }, 60_000);

  it('take in 100 dossiers each at once over HTTP: register numbers 1–400 without gap or duplicate; an item number typed at two counters at once goes to one, the other is told why', async () => {
    // Empty, not the migrated template: the four starts at once migrate it and seed it once.
    const login = await freshOfficeDatabase('empty');
    const started = Date.now();
    // Four browser-mode processes started together, each its own counter code and data folder.
    counters.push(
      ...(await Promise.all(['Q01', 'Q02', 'Q03', 'Q04'].map((code) => startServeProcess(officeDataDir(login, code, { s10: ownRangeOf(code) }), { BCCI_OFFICE_PASSWORD: login.password }, false)))),
    );
    for (const c of counters) await linkUntil(c.client, (l) => l.state === 'up', 30_000);
    // One administrator for the office: made at the first counter, signing in at the others.
    for (const c of counters) await signInAdmin(c.client);
    const version = (await counters[0]!.client.catalog.status()).version!;
    const ready = Date.now();

    const intakes = counters.flatMap((c, n) =>
      Array.from({ length: PER_COUNTER }, (_, i) =>
        c.client.dossiers.intake(sampleIntake(version, { sender: { ...sampleIntake(version).sender, fullName: `Người gửi ${n}-${i}` } })),
      ),
    );
    // The same item number typed at two counters at the same moment, ten times over.
    const contested = Array.from({ length: CONTESTED }, (_, i) => {
      const itemNumber = makeS10('EL', 20_000_000 + i);
      const input = (c: number) => counters[c]!.client.dossiers.intake(sampleIntake(version, { itemNumber }));
      return { itemNumber, both: Promise.allSettled([input(i % 4), input((i + 1) % 4)]) };
    });
    const answers = await Promise.all(intakes);
    const duels = await Promise.all(contested.map(async (c) => ({ itemNumber: c.itemNumber, both: await c.both })));
    const done = Date.now();

    expect(answers.every((a) => a.status === 'accepted-at-post')).toBe(true);
    for (const { itemNumber, both } of duels) {
      const won = both.filter((r) => r.status === 'fulfilled');
      const lost = both.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const words = (lost[0]!.reason as { data: { field?: string; vi: string; en: string } }).data;
      expect(words.field).toBe('itemNumber');
      expect(words.vi).toContain(`Số hiệu bưu gửi ${itemNumber}`);
      expect(words.en).toContain(`Item number ${itemNumber}`);
    }

    // Every number once, none skipped: the losers of the duels took none.
    const total = counters.length * PER_COUNTER + CONTESTED;
    const seqs = [...answers.map((a) => a.registerNo), ...duels.map((d) => (d.both.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<{ registerNo: string }>).value.registerNo)]
      .map((no) => Number(no!.split('/')[0]))
      .sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const db = new pg.Client(login);
    await db.connect();
    try {
      const stored = await db.query<{ seq: number; counter_code: string }>('SELECT register_seq AS seq, counter_code FROM dossiers ORDER BY register_seq');
      expect(stored.rows.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      const perCounter = Object.fromEntries(['Q01', 'Q02', 'Q03', 'Q04'].map((code) => [code, stored.rows.filter((r) => r.counter_code === code).length]));
      // Each counter's dossiers carry its own code; which counter won a duel is the race's.
      for (const n of Object.values(perCounter)) expect(n).toBeGreaterThanOrEqual(PER_COUNTER);
      // The four starts at once made the demo catalogue once.
      expect((await db.query('SELECT id FROM catalog_versions')).rowCount).toBe(1);
    } finally {
      await db.end();
    }
    console.log(`[four counters] start ${ready - started} ms; ${total} intakes over HTTP in ${done - ready} ms`);
  }, 240_000);
});
