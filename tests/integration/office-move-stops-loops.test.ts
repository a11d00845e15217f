import { afterAll, describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { officeServerOf } from '../support/office-move.js';
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
});
