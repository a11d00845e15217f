/**
 * The counter's own process (browser mode, electron/serve.ts) killed with SIGKILL at random
 * moments while its outbox uploads closed batches to the agency simulator over real HTTP, and
 * started again each time. The server is then asked what it holds: every dossier of every
 * closed batch, once. BCCI_CRASH_SEED=<n> replays a run (the seed is printed, and named in a
 * failure).
 */
import { describe, expect, it } from 'vitest';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { closedAfterEach } from '../support/closing.js';
import { startCore, tempDir } from '../support/core-harness.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';
import { openDatabase } from '../../electron/core/db/open.js';

const open = closedAfterEach();
const OFFICE = '100000';
const KILLS = 55;
/** each batch exchange waits this long on the server before it is handled and committed */
const LATENCY_MS = 60;
// A kill comes at most 2 × LATENCY_MS after an exchange begins, so a life settles at most two
// batches: this many are always still waiting at the last kill, however fast the machine is.
const BATCHES = 2 * KILLS + 10;
const PER_BATCH = 2;

/** Park–Miller: a small generator whose whole state is the seed printed with the run. */
function generator(seed: number) {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Resolves once the simulator has taken in a batch request after `seen` of them. */
function nextExchange(sim: AgencySim, seen: number, child: ServeProcess['process']): Promise<boolean> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (sim.requests.filter((r) => r.url.startsWith('/v1/batches')).length > seen) return clearInterval(poll), resolve(true);
      if (child.exitCode !== null || child.signalCode !== null) return clearInterval(poll), resolve(false);
    }, 1);
  });
}

const batchExchanges = (sim: AgencySim) => sim.requests.filter((r) => r.url.startsWith('/v1/batches')).length;

/** The outbox as the counter's own file says it, read while no process holds it. */
function outboxStates(dataDir: string): Record<string, number> {
  const db = openDatabase(dataDir);
  try {
    const rows = db.prepare("SELECT state, count(*) AS n FROM outbox WHERE kind = 'batch-upload' GROUP BY state").all() as { state: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  } finally {
    db.close();
  }
}

describe('the counter process killed while it uploads', () => {
  it(`SIGKILLed ${KILLS} times at random moments and restarted, it lands every dossier of every closed batch on the server exactly once`, async () => {
    const seed = Number(process.env.BCCI_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
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
    expect(h.core.db!.prepare("SELECT state, count(*) AS n FROM outbox GROUP BY state").all()).toEqual([{ state: 'queued', n: BATCHES }]);
    // Set up, then closed at once: a first try may be cut, as by any other end.
    await configureAgency(h.client, sim);
    await h.stop();

    // Each start uploads by itself; it is killed at a random moment around a batch exchange:
    // before the server commits, after it commits but before the answer is read, or after.
    const where = `seed ${seed}`;
    let kills = 0;
    let midUpload = 0;
    while (kills < KILLS) {
      const serve = await startServeProcess(dataDir, {}, false);
      const seen = batchExchanges(sim);
      if (!(await nextExchange(sim, seen, serve.process))) throw new Error(`the counter ended by itself (${where}):\n${serve.output()}`);
      await new Promise((r) => setTimeout(r, random() * LATENCY_MS * 2));
      serve.process.kill('SIGKILL');
      expect((await exitOf(serve.process)).signal, where).toBe('SIGKILL');
      kills += 1;
      const states = outboxStates(dataDir);
      if ((states.delivered ?? 0) < BATCHES) midUpload += 1;
      else break;
    }
    expect(kills, `${where}: the uploads ended before the kills did; add batches`).toBe(KILLS);
    expect(midUpload).toBe(KILLS);

    // A last start is left to finish, as the status bar would show it: nothing waiting.
    const last = await startServeProcess(dataDir);
    await expect.poll(async () => (await last.client.exchange.status()).uploadsWaiting, { timeout: 60_000, interval: 100 }).toBe(0);
    last.process.kill('SIGTERM');
    await exitOf(last.process);

    // On the server: each dossier once, accepted; none missing, none extra.
    const received = sim.store.receivedCounts(OFFICE);
    expect(Object.keys(received).sort(), where).toEqual([...expected].sort());
    const twice = Object.entries(received).filter(([, c]) => c.received !== 1 || c.accepted !== 1);
    expect(twice, where).toEqual([]);
    expect(sim.store.batchCount(OFFICE), where).toBe(BATCHES);
    // And the counter knows it: every batch delivered, none left sending or waiting.
    expect(outboxStates(dataDir), where).toEqual({ delivered: BATCHES });
  }, 240_000);
});
