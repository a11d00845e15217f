import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeBatch } from '../../electron/core/agency/wire-body.js';
import { BatchRepository } from '../../electron/core/batches/batch-repository.js';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { EXCHANGE_LOCK } from '../../electron/core/db/postgres/advisory-lease.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { batch as wireBatch, configureAgency, startSim } from '../support/agency.js';
import { BUILDING } from '../support/batches.js';
import { signInAdmin } from '../support/core-harness.js';
import { linkUntil, officeDataDir } from '../support/office-counter.js';
import type { PgLogin } from '../support/postgres.js';
import { freshOfficeDatabase, onOfficeServer } from '../support/suite-postgres.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

const CODES = ['Q01', 'Q02', 'Q03'];
/** the outbox worker's rest (5 s) plus a new lease connection, with room for two shared cores */
const TAKEOVER_MS = 10_000;
const TOKEN = 'tok-office';

let sim: AgencySim | undefined;
let office: Data | undefined;
const counters: ServeProcess[] = [];
afterAll(async () => {
  for (const c of counters) if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGTERM');
  await Promise.all(counters.map((c) => exitOf(c.process)));
  await office?.destroy();
  await sim?.close();
}, 60_000);

async function until<T>(what: string, probe: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The counters holding the office's exchange lease, as the server sees them: the advisory lock on
 * the exchange's key, held by a connection named after its counter. (The token is the office's
 * since decision 0047, so the requests no longer tell the counters apart.)
 */
async function leaseHolders(): Promise<string[]> {
  const r = await sql<{ app: string }>`
    SELECT a.application_name AS app FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.objid = ((hashtext(${EXCHANGE_LOCK})::bigint) & 4294967295)::oid`.execute(office!);
  return r.rows.map((x) => x.app.replace(/^bcci-counter (\S+).*$/, '$1')).sort();
}
const states = async (keys: string[]) =>
  (await office!.selectFrom('outbox').select(['idempotency_key', 'state']).where('idempotency_key', 'in', keys).execute()).map((r) => r.state);

async function enqueue(keys: string[], first: number): Promise<void> {
  // As closing a batch at a counter queues it: the wire body and its key, in the office's outbox.
  for (const [i, key] of keys.entries()) {
    await new BatchRepository(office!).enqueueUpload(key, BUILDING, encodeBatch(wireBatch(key, first + i * 10, 2, { MaCoQuan: BUILDING })), new Date().toISOString());
  }
}

// Three processes on an empty database of the run's office server: the run on PostgreSQL.
describe.skipIf(!onOfficeServer())('three counter processes on one office server share one exchange with the agencies', () => {
  it('one counter uploads and polls; SIGKILLed mid-upload, another takes over in seconds and every batch reaches the agency once', async () => {
    const login: PgLogin = await freshOfficeDatabase('empty');
    sim = await startSim({ offices: { [TOKEN]: '100000' } });
    counters.push(...(await Promise.all(CODES.map((code) => startServeProcess(officeDataDir(login, code), { BCCI_OFFICE_PASSWORD: login.password }, false)))));
    for (const c of counters) await linkUntil(c.client, (l) => l.state === 'up', 30_000);
    for (const c of counters) await signInAdmin(c.client);
    // The administrator sets the agency up at one counter; the others have it from the server.
    await configureAgency(counters[0]!.client, sim, { token: TOKEN });
    office = postgresData((await openOfficeDatabase({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' }, login.password, 'test')).pool);

    const before = ['100000-Q01-261128-01', '100000-Q02-261128-01', '100000-Q03-261128-01'];
    await enqueue(before, 1000);
    await until('the first batches delivered', async () => (await states(before)).every((s) => s === 'delivered'));
    // Several rounds of every counter's loops go by: still one sender, and the same one polls.
    await new Promise((r) => setTimeout(r, 6000));
    const [holder, ...others] = await leaseHolders();
    expect(others).toEqual([]);
    expect(CODES).toContain(holder);
    expect(sim.requests.some((r) => r.url.startsWith('/v1/updates'))).toBe(true);

    // The holder is killed while the agency is still answering its upload: the row stays `sending`.
    sim.faults.add({ fault: { kind: 'latency', ms: 1500 }, method: 'POST', path: '/v1/batches' });
    const cut = ['100000-Q01-261128-02'];
    await enqueue(cut, 2000);
    await until('the upload under way', async () => (await states(cut))[0] === 'sending');
    const victim = counters[CODES.indexOf(holder!)]!;
    const killedAt = Date.now();
    victim.process.kill('SIGKILL');
    await exitOf(victim.process);
    const seen = sim.requests.length;
    const after = ['100000-Q02-261128-02', '100000-Q03-261128-02'];
    await enqueue(after, 3000);

    const heir = await until('another counter takes over', async () => (await leaseHolders()).find((c) => c !== holder), TAKEOVER_MS * 2);
    const tookOverMs = Date.now() - killedAt;
    await until('every batch delivered', async () => (await states([...cut, ...after])).every((s) => s === 'delivered'));
    console.log(`[exchange] ${holder} killed mid-upload; ${heir} took over after ${tookOverMs} ms`);
    expect(tookOverMs).toBeLessThan(TAKEOVER_MS);

    // After the kill one counter alone holds the exchange, it is not the dead one, and it polls.
    expect(await leaseHolders()).toEqual([heir]);
    expect(sim.requests.slice(seen).some((r) => r.url.startsWith('/v1/updates'))).toBe(true);
    // Nothing lost, nothing twice: six batches of two dossiers, each received once.
    const received = sim.store.receivedCounts('100000');
    expect(Object.keys(received)).toHaveLength(12);
    expect(Object.values(received).every((c) => c.received === 1)).toBe(true);
    expect(sim.store.batchCount('100000')).toBe(6);
  }, 240_000);
});
