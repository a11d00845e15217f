/**
 * The counter's own process (browser mode, electron/serve.ts) killed with SIGKILL at random
 * moments while its outbox uploads closed batches, or reports deliveries, to the agency
 * simulator over real HTTP, and started again each time. The server is then asked what it
 * holds: every dossier of every closed batch once; every delivery event's report once.
 * BCCI_CRASH_SEED=<n> replays a run (the seed is printed, and named in a failure).
 */
import { describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { closedAfterEach } from '../support/closing.js';
import { startCore, tempDir } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { OWNER_QR, resultReady, returnItem } from '../support/returns.js';

const open = closedAfterEach();
const seed = Number(process.env.BCCI_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
const OFFICE = '100000';
const KILLS = 55;
/** each batch exchange waits this long on the server before it is handled and committed */
const LATENCY_MS = 60;
// A kill comes at most 2 × LATENCY_MS after an exchange begins, so a life settles at most two
// batches: this many are always still waiting at the last kill, however fast the machine is.
const BATCHES = 2 * KILLS + 10;
const PER_BATCH = 2;
const REPORT_KILLS = 15;
// A batch upload per result and one report (counter) or three (two failures at an address, then
// back to the agency): about 2.7 rows a result, so RESULTS leaves more than 2 × REPORT_KILLS + 10 rows (20 kills took 135 s on the loaded shared machine).
const RESULTS = 21;

/** Park–Miller: a small generator whose whole state is the seed printed with the run. */
function generator(seed: number) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** The outbox writes of the agency API: a kill is timed around one of them. */
const WRITES = ['/v1/batches', '/v1/deliveries'];
const exchanges = (sim: AgencySim) => sim.requests.filter((r) => WRITES.some((w) => r.url.startsWith(w))).length;

/** Resolves once the simulator has taken in a write request after `seen` of them. */
function nextExchange(sim: AgencySim, seen: number, child: ServeProcess['process']): Promise<boolean> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (exchanges(sim) > seen) return clearInterval(poll), resolve(true);
      if (child.exitCode !== null || child.signalCode !== null) return clearInterval(poll), resolve(false);
    }, 1);
  });
}

/** The outbox as the counter's own file says it (rows of `kind`), read while no process holds it. */
function outboxStates(dataDir: string, kind = 'batch-upload'): Record<string, number> {
  const db = openDatabase(dataDir);
  try {
    const rows = db.prepare('SELECT state, count(*) AS n FROM outbox WHERE kind = ? GROUP BY state').all(kind) as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

/**
 * Starts the counter on `dataDir` again and again, each time killing it at a random moment
 * around a write exchange (before the server commits, after it commits but before the answer is
 * read, or after), until `kills` kills or until `done` says nothing is left; then a last start
 * is left to finish, as the status bar would show it: nothing waiting. Returns the kills made
 * while something was still to send.
 */
async function killAndRestart(sim: AgencySim, dataDir: string, kills: number, random: () => number, done: () => boolean, where: string): Promise<number> {
  let made = 0;
  while (made < kills) {
    const serve = await startServeProcess(dataDir, {}, false);
    const seen = exchanges(sim);
    if (!(await nextExchange(sim, seen, serve.process))) throw new Error(`the counter ended by itself (${where}):\n${serve.output()}`);
    await new Promise((r) => setTimeout(r, random() * LATENCY_MS * 2));
    serve.process.kill('SIGKILL');
    expect((await exitOf(serve.process)).signal, where).toBe('SIGKILL');
    made += 1;
    if (done()) break;
  }
  const last = await startServeProcess(dataDir);
  await expect.poll(async () => (await last.client.exchange.status()).uploadsWaiting, { timeout: 60_000, interval: 100 }).toBe(0);
  last.process.kill('SIGTERM');
  await exitOf(last.process);
  return made;
}

describe('the counter process killed while it uploads', () => {
  it(`SIGKILLed ${KILLS} times at random moments and restarted, it lands every dossier of every closed batch on the server exactly once`, async () => {
    console.log(`upload crash test: BCCI_CRASH_SEED=${seed}`);
    const random = generator(seed);
    const sim = await startSim({ keepRequests: 1_000_000 });
    open.push(sim);
    sim.faults.add({ fault: { kind: 'latency', ms: LATENCY_MS }, path: '/v1/batches', times: 1_000_000 });

    // The closed batches, made before any server is configured: they wait in the outbox.
    const dataDir = tempDir('bcci-upload-crash-');
    const h = await startCore({ dataDir });
    const expected: string[] = [];
    for (let b = 0; b < BATCHES; b++) {
      const items = [];
      for (let i = 0; i < PER_BATCH; i++) items.push(await takeIn(h.client));
      const batch = await h.client.batches.create({ agencyCode: BUILDING });
      await h.client.batches.addByPick({ batchId: batch.id, dossierIds: items.map((d) => d.id) });
      await h.client.batches.close({ batchId: batch.id });
      expected.push(...items.map((d) => d.item));
    }
    expect((await rowsOf(h, "SELECT state, count(*) AS n FROM outbox GROUP BY state"))).toEqual([{ state: 'queued', n: BATCHES }]);
    // Set up, then closed at once: a first try may be cut, as by any other end.
    await configureAgency(h.client, sim);
    await h.stop();

    // Each start uploads by itself, and is killed mid-upload.
    const where = `seed ${seed}`;
    const kills = await killAndRestart(sim, dataDir, KILLS, random, () => (outboxStates(dataDir).delivered ?? 0) >= BATCHES, where);
    expect(kills, `${where}: the uploads ended before the kills did; add batches`).toBe(KILLS);

    // On the server: each dossier once, accepted; none missing, none extra.
    const received = sim.store.receivedCounts(OFFICE);
    expect(Object.keys(received).sort(), where).toEqual([...expected].sort());
    const twice = Object.entries(received).filter(([, c]) => c.received !== 1 || c.accepted !== 1);
    expect(twice, where).toEqual([]);
    expect(sim.store.batchCount(OFFICE), where).toBe(BATCHES);
    // And the counter knows it: every batch delivered, none left sending or waiting.
    expect(outboxStates(dataDir), where).toEqual({ delivered: BATCHES });
  }, 240_000);

  it(`SIGKILLed ${REPORT_KILLS} times while it reports deliveries and restarted, the agency holds each delivery event's report once`, async () => {
    console.log(`delivery report crash test: BCCI_CRASH_SEED=${seed}`);
    const random = generator(seed);
    const sim = await startSim({ keepRequests: 1_000_000 });
    open.push(sim);
    for (const path of WRITES) sim.faults.add({ fault: { kind: 'latency', ms: LATENCY_MS }, path, times: 1_000_000 });

    // Results handed over at the counter (one report each) and results to an address that fail
    // twice and go back to the agency (three each), all before any server is configured.
    const dataDir = tempDir('bcci-report-crash-');
    const h = await startCore({ dataDir }); // Friday 27/11/2026
    const expected: Record<string, number> = {};
    const toAddress: number[] = [];
    for (let n = 1; n <= RESULTS; n++) {
      const atAddress = n % 3 === 0;
      const { id } = await resultReady(h, returnItem(n), atAddress ? { returnMethod: 'to-address', deliveryAddress: 'Số 5 Hàng Bài, Hoàn Kiếm, Hà Nội' } : {});
      await h.client.returns.receive({ code: returnItem(n) });
      if (atAddress) {
        await h.client.returns.attemptFailed({ dossierId: id, reason: 'Không có người nhận tại địa chỉ' });
        toAddress.push(id);
        expected[returnItem(n)] = 3;
      } else {
        await h.client.returns.deliver({ dossierId: id, collectorId: OWNER_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] });
        expected[returnItem(n)] = 1;
      }
    }
    await h.setClock(new Date('2026-12-01T01:00:00Z')); // Tuesday: two working days on
    for (const id of toAddress) {
      await h.client.returns.nextAttempt({ dossierId: id });
      await h.client.returns.attemptFailed({ dossierId: id, reason: 'Người nhận đi vắng' });
    }
    const reportKeys = (h.core.db!.prepare("SELECT idempotency_key AS k FROM outbox WHERE kind = 'delivery-report'").all() as { k: string }[]).map((r) => r.k);
    const rows = RESULTS + reportKeys.length; // a batch upload per result, then the reports
    await configureAgency(h.client, sim);
    await h.stop();

    const where = `seed ${seed}`;
    const allDelivered = () => (outboxStates(dataDir, 'delivery-report').delivered ?? 0) + (outboxStates(dataDir).delivered ?? 0) >= rows;
    const kills = await killAndRestart(sim, dataDir, REPORT_KILLS, random, allDelivered, where);
    expect(kills, `${where}: the reports ended before the kills did; add results`).toBe(REPORT_KILLS);

    // On the server: every event's key once, and per result item as many reports as events.
    const keys = (sim.store.db.prepare("SELECT key FROM writes WHERE post_office = ? AND kind = 'delivery'").all(OFFICE) as { key: string }[]).map((r) => r.key);
    expect(keys.sort(), where).toEqual([...reportKeys].sort());
    expect(sim.store.deliveryCounts(OFFICE), where).toEqual(expected);
    // And the counter knows it: every report delivered, none left sending or waiting.
    expect(outboxStates(dataDir, 'delivery-report'), where).toEqual({ delivered: reportKeys.length });
  }, 180_000);
});
