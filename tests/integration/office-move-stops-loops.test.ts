import { afterAll, describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { readChain, verifyChain } from '../../electron/core/audit/verify.js';
import { officeData, officeServerOf } from '../support/office-move.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';

/** A move through the contract while the app runs (decision 0047): the file's background work ends with it. */
const skip = skipWithout('postgres') !== false;
let server: TestPostgres | undefined;
let sim: AgencySim | undefined;
let h: Harness | undefined;
afterAll(async () => {
  await h?.stop();
  await sim?.close();
  await server?.remove();
});

const feedReads = () => sim!.requests.filter((r) => r.url.startsWith('/v1/updates')).length;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(skip)('a counter moved to the office server while it runs', () => {
  it('stops reading the agencies’ updates into its old file at once, not at the next start', async () => {
    server = await startTestPostgres();
    const login = await server.createDatabase(`office_move_loops_${Date.now()}`);
    sim = await startSim();
    h = await startCore({ updatesIntervalMs: 40, outboxIdleMs: 20 });
    await configureAgency(h.client, sim);
    const end = Date.now() + 10_000;
    while (feedReads() < 2 && Date.now() < end) await pause(20);
    expect(feedReads()).toBeGreaterThanOrEqual(2);

    await h.client.office.move({ server: officeServerOf(login), password: login.password });
    const atMove = feedReads();
    await pause(800);
    // Twenty rounds' time later the poller has not read the feed again (it would apply updates into the moved file).
    expect(feedReads()).toBe(atMove);
  });

  it('records the lookups made after the move in the office’s trail at once, not in its old file', async () => {
    const login = await server!.createDatabase(`office_move_lookups_${Date.now()}`);
    const c = await startCore();
    try {
      await c.client.office.move({ server: officeServerOf(login), password: login.password });
      const inFile = async () => (await c.core.data.selectFrom('audit_log').select('id').where('action', '=', 'lookup').execute()).length;
      const before = await inFile();
      await c.client.dossiers.search({ query: '0912345678' });
      await c.client.dossiers.findByCode({ code: 'EL123456785VN' }).catch(() => undefined);

      const office = await officeData(login);
      try {
        const tail = await office.selectFrom('audit_log').select(['action', 'detail', 'counter_code']).orderBy('id', 'desc').limit(3).execute();
        expect(tail.reverse().map((e) => [e.action, JSON.parse(e.detail)])).toEqual([
          ['office.moved', expect.anything()],
          ['lookup', { kind: 'id-or-phone', query: '0912345678' }],
          ['lookup', { kind: 'code', query: 'EL123456785VN' }],
        ]);
        // Linked into the office's chain with the counter's key, which the office's counters hold.
        const check = verifyChain(readAuditKey(c.dataDir), await readChain(office));
        expect(check.intact).toBe(true);
      } finally {
        await office.destroy();
      }
      expect(await inFile()).toBe(before);
    } finally {
      await c.stop();
    }
  }, 60_000);

  it('keeps no connection to a server it only previewed after an earlier move: its lookups are not signed into that office', async () => {
    const moved = await server!.createDatabase(`office_move_earlier_${Date.now()}`);
    const other = await server!.createDatabase(`office_move_previewed_${Date.now()}`);
    const first = await startCore();
    await first.client.office.move({ server: officeServerOf(moved), password: moved.password });
    await first.stop();
    // Started again on its frozen file, not yet switched to the server.
    const c = await startCore({ dataDir: first.dataDir });
    try {
      await c.client.office.movePreview({ server: officeServerOf(other), password: other.password });
      await c.client.dossiers.search({ query: '0912345678' });
      const office = await officeData(other);
      try {
        const tables = await office.introspection.getTables();
        const lookups = tables.some((t) => t.name === 'audit_log') ? await office.selectFrom('audit_log').select('id').where('action', '=', 'lookup').execute() : [];
        expect(lookups).toEqual([]);
      } finally {
        await office.destroy();
      }
    } finally {
      await c.stop();
    }
  }, 60_000);
});
