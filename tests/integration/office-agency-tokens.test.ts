import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { startCore, type Harness } from '../support/core-harness.js';
import { officeDataDir } from '../support/office-counter.js';
import { AgencyTokens } from '../../electron/core/agencies/token-file.js';
import { skipWithout } from '../support/prerequisites.js';
import { startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';
import { columnsHolding } from '../support/raw-sql.js';

/** The agency tokens of an office server are the office's (decision 0047). */
const skip = skipWithout('postgres') !== false;
let server: TestPostgres | undefined;
let sim: AgencySim | undefined;
const running: Harness[] = [];
afterEach(async () => {
  for (const h of running.splice(0).reverse()) await h.stop();
});
afterAll(async () => {
  await sim?.close();
  await server?.remove();
});

const start = async (login: PgLogin, counter: string) => {
  const h = await startCore({ dataDir: officeDataDir(login, counter), env: { BCCI_OFFICE_PASSWORD: login.password }, outboxIdleMs: 20, updatesIntervalMs: 100 });
  running.push(h);
  return h;
};

const until = async (what: string, probe: () => boolean | Promise<boolean>, timeoutMs = 20_000) => {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe.skipIf(skip)('an agency token saved at one counter of an office server', () => {
  it('is used by the counter that takes the exchange over, and is nowhere on the server in clear', async () => {
    server = await startTestPostgres();
    const login = await server.createDatabase(`office_tokens_${Date.now()}`);
    sim = await startSim();
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim);
    expect(await q01.core.data.selectFrom('agency_tokens').select('server').execute()).toEqual([{ server: sim.url }]);

    const q02 = await start(login, 'Q02');
    // Q02 shows the token saved without anyone typing it there.
    expect((await q02.client.agencies.list()).find((a) => a.code === BUILDING)?.tokenSaved).toBe(true);
    // Q01 goes; its lease goes with its connection.
    await q01.stop();
    running.splice(running.indexOf(q01), 1);

    const { id } = await takeIn(q02.client);
    const batch = await q02.client.batches.create({ agencyCode: BUILDING });
    await q02.client.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
    await q02.client.batches.close({ batchId: batch.id });
    const upload = () => sim!.requests.find((r) => r.method === 'POST' && r.url.startsWith('/v1/batches') && typeof r.status === 'number' && r.status < 300);
    await until('the batch uploaded from Q02', () => upload() !== undefined);
    expect(upload()!.headers.authorization).toBe(`Bearer ${sim.token}`);
    expect(await columnsHolding(q02.core.data, sim.token)).toEqual([]);
  });

  it('a counter on the server from before keeps its token: its own file’s is brought to the server once, at its next start', async () => {
    server ??= await startTestPostgres();
    const login = await server.createDatabase(`office_tokens_adopted_${Date.now()}`);
    sim ??= await startSim();
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim);
    // As an earlier version left it: the agency on the server, its token only in the counter's file.
    await q01.core.data.deleteFrom('agency_tokens').execute();
    new AgencyTokens(q01.dataDir).replace([sim.url], new Map([[sim.url, sim.token]]));
    const dataDir = q01.dataDir;
    await q01.stop();
    running.splice(running.indexOf(q01), 1);

    const again = await startCore({ dataDir, env: { BCCI_OFFICE_PASSWORD: login.password } });
    running.push(again);
    expect((await again.client.agencies.list()).find((a) => a.code === BUILDING)?.tokenSaved).toBe(true);
    expect(await again.core.data.selectFrom('agency_tokens').select('server').execute()).toEqual([{ server: sim.url }]);
    const adopted = await again.core.data.selectFrom('audit_log').select('detail').where('action', '=', 'agencies.tokensAdopted').execute();
    expect(adopted.map((r) => JSON.parse(r.detail) as unknown)).toEqual([{ servers: [sim.url] }]);
    expect(await columnsHolding(again.core.data, sim.token)).toEqual([]);
  });

  it('lets a counter not holding the exchange show the agency server as the holder last saw it, and unknown once that is stale', async () => {
    const login = await server!.createDatabase(`office_reach_${Date.now()}`);
    const q01 = await start(login, 'Q01');
    await configureAgency(q01.client, sim!);
    const q02 = await start(login, 'Q02');
    await until('Q01 reads the feed', () => sim!.requests.some((r) => r.url.startsWith('/v1/updates')));
    await until('Q02 shows the server reachable', async () => (await q02.client.exchange.status()).agencyServer === 'reachable');
    // Q02 never talked to the agency itself: it holds no lease while Q01 runs.
    expect(await q02.core.data.selectFrom('agency_reachability').select('counter_code').execute()).toEqual([{ counter_code: 'Q01' }]);
    // Six minutes later with no new record (the holder's clock stands still), what was seen says nothing about now.
    await q02.setClock(new Date(q02.clock.now.getTime() + 6 * 60_000));
    expect((await q02.client.exchange.status()).agencyServer).toBe('unknown');
  });
});
