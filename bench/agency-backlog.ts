import { Agent } from 'node:http';
import { configureAgency, startSim } from '../tests/support/agency.js';
import { BUILDING, takeIn } from '../tests/support/batches.js';
import { startCore, type Harness } from '../tests/support/core-harness.js';
import { rawPost } from './agency-upload.js';
import { fromMs, summarise, type Row } from './stats.js';

const BENCH = 'agency backlog drain, 2,000 dossiers';

/**
 * 2,000 dossiers closed in 40 batches of 50 while the counter has no way to the agency (its
 * server not set), then drained by the outbox worker once the server is set: from that moment
 * to the last delivery recorded. Beside it, raw keep-alive POSTs of the same stored bodies,
 * one after the other, to a simulator with an empty store (the same work on the server).
 * A drain is about half a second, so one is noise: `rounds` of each, alternating which goes
 * first, each against a fresh simulator, the outbox put back as it was after the outage.
 */
export async function benchAgencyBacklog(batches = 40, perBatch = 50, rounds = 7): Promise<Row[]> {
  const h = await startCore({ outboxIdleMs: 20 });
  const agent = new Agent({ keepAlive: true });
  try {
    for (let b = 0; b < batches; b++) {
      const ids: number[] = [];
      for (let i = 0; i < perBatch; i++) ids.push((await takeIn(h.client)).id);
      const batch = await h.client.batches.create({ agencyCode: BUILDING });
      await h.client.batches.addByPick({ batchId: batch.id, dossierIds: ids });
      await h.client.batches.close({ batchId: batch.id });
    }
    const stored = h.core.db!.prepare("SELECT idempotency_key AS key, body FROM outbox WHERE kind = 'batch-upload' ORDER BY id").all() as { key: string; body: string }[];
    if (stored.length !== batches) throw new Error(`${stored.length} batches queued, not ${batches}`);

    const raw = async () => {
      const sim = await startSim();
      try {
        const t0 = performance.now();
        for (const { key, body } of stored) {
          const status = await rawPost(agent, sim.url, sim.token, key, body);
          if (status !== 201) throw new Error(`raw POST answered ${status}`);
        }
        return performance.now() - t0;
      } finally {
        await sim.close();
      }
    };
    const worker = async () => {
      const sim = await startSim();
      try {
        const t0 = performance.now();
        await configureAgency(h.client, sim);
        await drained(h);
        const ms = performance.now() - t0;
        if (sim.store.batchCount('100000') !== batches) throw new Error('the backlog did not all arrive');
        await outage(h);
        return ms;
      } finally {
        await sim.close();
      }
    };
    const byWorker: number[] = [];
    const byRaw: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        byRaw.push(await raw());
        byWorker.push(await worker());
      } else {
        byWorker.push(await worker());
        byRaw.push(await raw());
      }
    }
    const spread = (ms: number[]) => `${rounds} drains, slowest ${Math.round(Math.max(...ms))} ms (p99 column)`;
    return [
      summarise(BENCH, 'outbox worker, server set', fromMs(byWorker), `${batches} batches × ${perBatch}; recorded delivered in the database; ${spread(byWorker)}`),
      summarise(BENCH, 'raw POST of the same bodies', fromMs(byRaw), `sequential, keep-alive, empty server store; ${spread(byRaw)}`),
    ];
  } finally {
    agent.destroy();
    await h.stop();
  }
}

/** Until the outbox holds nothing waiting: read every 2 ms, so the wait adds at most that to the drain. */
async function drained(h: Harness): Promise<void> {
  const waiting = h.core.db!.prepare("SELECT count(*) AS n FROM outbox WHERE state IN ('queued', 'sending')");
  while ((waiting.get() as { n: number }).n > 0) await new Promise((r) => setTimeout(r, 2));
}

/** The agency's server unset again and its batches back in the queue, unsent: the next round starts from the outage. */
async function outage(h: Harness): Promise<void> {
  await h.client.agencies.save({ agencies: [{ code: BUILDING, name: 'Sở Xây dựng', address: 'Số 2 Tràng Thi, Hoàn Kiếm, Hà Nội', serverUrl: '', token: '' }] });
  h.core.db!.prepare("UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = NULL, resume = NULL, receipt = NULL, last_error = NULL WHERE kind = 'batch-upload'").run();
}
