import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresData, type Data } from '../../electron/core/db/data.js';
import { AdvisoryLease } from '../../electron/core/db/postgres/advisory-lease.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { clientConfig } from '../../electron/core/db/postgres/pool.js';
import { encodeBatch } from '../../electron/core/agency/wire-body.js';
import { BatchRepository } from '../../electron/core/batches/batch-repository.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { postgresDossierSearch } from '../../electron/core/dossiers/search/postgres-search.js';
import { OutboxRepository } from '../../electron/core/outbox/outbox-repository.js';
import { OutboxWorker } from '../../electron/core/outbox/outbox-worker.js';
import { UpdateApplier } from '../../electron/core/updates/apply-updates.js';
import { UpdatePoller } from '../../electron/core/updates/update-poller.js';
import { UpdateRepository } from '../../electron/core/updates/update-repository.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { batch as wireBatch, recordingClock, startSim } from '../support/agency.js';
import { BUILDING } from '../support/batches.js';
import { actor } from '../support/intake-writes.js';
import { startTestPostgres, type PgLogin, type TestPostgres } from '../support/postgres.js';
import { skipWithout } from '../support/prerequisites.js';

const skip = skipWithout('postgres') !== false;
const office = (login: PgLogin) => ({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable' as const, caFile: '' });

/** One counter of the office: its own pool, its own lease connection, its own token (to tell who sent what). */
interface Counter {
  name: string;
  data: Data;
  lease: AdvisoryLease;
  worker: OutboxWorker;
  poller: UpdatePoller;
}

let server: TestPostgres | undefined;
const closing: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of closing.reverse()) await c().catch(() => undefined);
  await server?.remove();
});

async function counter(login: PgLogin, sim: AgencySim, name: string): Promise<Counter> {
  const data = postgresData((await openOfficeDatabase(office(login), login.password, name)).pool);
  const lease = new AdvisoryLease(clientConfig(office(login), login.password, `bcci-counter ${name} lease`));
  const dossiers = new DossierRepository(data, postgresDossierSearch);
  const server = { url: sim.url, token: `tok-${name}` };
  const worker = new OutboxWorker({
    outbox: new OutboxRepository(data),
    dossiers,
    serverFor: () => server,
    configured: () => [BUILDING],
    actor: () => actor,
    clock: recordingClock(),
    idleMs: 30,
    lease,
  });
  const updates = new UpdateRepository(data);
  const poller = new UpdatePoller({
    applier: new UpdateApplier({ updates, dossiers, actor: () => actor, now: () => new Date() }),
    updates,
    servers: () => [{ ...server, agencyCodes: [BUILDING] }],
    now: () => new Date(),
    intervalMs: 30,
    lease,
  });
  const c = { name, data, lease, worker, poller };
  closing.push(async () => {
    await worker.stop();
    await poller.stop();
    await lease.release();
    await data.destroy();
  });
  return c;
}

async function until(what: string, probe: () => Promise<boolean> | boolean, timeoutMs = 15_000) {
  const end = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

const senders = (sim: AgencySim, path: string) => new Set(sim.requests.filter((r) => r.url.startsWith(path)).map((r) => r.headers.authorization));
const delivered = async (data: Data, keys: string[]) =>
  (await data.selectFrom('outbox').select('idempotency_key').where('state', '=', 'delivered').execute()).filter((r) => keys.includes(r.idempotency_key)).length === keys.length;

describe.skipIf(skip)('the office’s exchange runs in one counter at a time (PostgreSQL advisory lock)', () => {
  it('only the lease holder sends and polls; killed, its lock goes with its connection and another counter takes over', async () => {
    server = await startTestPostgres();
    const login = await server.createDatabase('office_lease');
    const sim = await startSim({ offices: { 'tok-Q01': '100000', 'tok-Q02': '100000' } });
    closing.push(() => sim.close());
    const q1 = await counter(login, sim, 'Q01');
    const q2 = await counter(login, sim, 'Q02');
    expect(await q1.lease.held()).toBe(true);
    expect(await q2.lease.held()).toBe(false);
    for (const c of [q1, q2]) {
      c.worker.start();
      c.poller.start();
    }

    const enqueue = async (keys: string[], first: number) => {
      for (const [i, key] of keys.entries()) {
        await new BatchRepository(q2.data).enqueueUpload(key, BUILDING, encodeBatch(wireBatch(key, first + i * 10, 2, { MaCoQuan: BUILDING })), new Date().toISOString());
      }
    };
    const before = ['100000-Q01-261128-01', '100000-Q01-261128-02', '100000-Q02-261128-01'];
    await enqueue(before, 1000);
    await until('the first batches delivered', () => delivered(q1.data, before));
    await new Promise((r) => setTimeout(r, 200));
    expect(senders(sim, '/v1/batches')).toEqual(new Set(['Bearer tok-Q01']));
    expect(senders(sim, '/v1/updates')).toEqual(new Set(['Bearer tok-Q01']));

    // Q01 dies: its process and its connections are gone. The server ends the lease's session.
    await q1.worker.stop();
    await q1.poller.stop();
    const admin = new pg.Client({ host: server.superuser.host, port: server.superuser.port, user: server.superuser.user, database: 'postgres' });
    await admin.connect();
    const killed = await admin.query("SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'bcci-counter Q01 lease'");
    await admin.end();
    expect(killed.rows).toEqual([{ ok: true }]);

    sim.requests.length = 0;
    const after = ['100000-Q02-261128-02', '100000-Q02-261128-03'];
    await enqueue(after, 2000);
    await until('Q02 takes over and delivers', () => delivered(q2.data, after));
    expect(await q2.lease.held()).toBe(true);
    expect(senders(sim, '/v1/batches')).toEqual(new Set(['Bearer tok-Q02']));
    // Each batch reached the agency once, whoever sent it.
    expect(Object.values(sim.store.receivedCounts('100000')).every((c) => c.received === 1)).toBe(true);
    expect(Object.keys(sim.store.receivedCounts('100000'))).toHaveLength(10);
  }, 120_000);
});
