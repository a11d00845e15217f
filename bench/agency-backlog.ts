import { Agent } from 'node:http';
import { configureAgency, startSim } from '../tests/support/agency.js';
import { BUILDING, takeIn } from '../tests/support/batches.js';
import { startCore } from '../tests/support/core-harness.js';
import { rawPost } from './agency-upload.js';
import type { Row } from './stats.js';

const BENCH = 'agency backlog drain, 2,000 dossiers';

/**
 * 2,000 dossiers closed in 40 batches of 50 while the counter has no way to the agency (its
 * server not set), then drained by the outbox worker once the server is set: from that moment
 * to the last delivery recorded. Beside it, raw keep-alive POSTs of the same stored bodies,
 * one after the other, to a second simulator with an empty store (the same work on the server).
 */
export async function benchAgencyBacklog(batches = 40, perBatch = 50): Promise<Row[]> {
  const forWorker = await startSim();
  const forRaw = await startSim();
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

    const r0 = performance.now();
    for (const { key, body } of stored) {
      const status = await rawPost(agent, forRaw.url, forRaw.token, key, body);
      if (status !== 201) throw new Error(`raw POST answered ${status}`);
    }
    const raw = performance.now() - r0;

    const w0 = performance.now();
    await configureAgency(h.client, forWorker);
    while ((await h.core.exchange.status()).uploadsWaiting > 0) await new Promise((r) => setTimeout(r, 20));
    const worker = performance.now() - w0;
    if (forWorker.store.batchCount('100000') !== batches) throw new Error('the backlog did not all arrive');

    const row = (variant: string, ms: number, note: string): Row => ({ bench: BENCH, variant, n: 1, median_us: Math.round(ms * 1000), p99_us: Math.round(ms * 1000), note });
    return [
      row('outbox worker, server set', worker, `${batches} batches × ${perBatch}; recorded delivered in the database`),
      row('raw POST of the same bodies', raw, 'sequential, keep-alive, empty server store'),
    ];
  } finally {
    agent.destroy();
    await h.stop();
    await forWorker.close();
    await forRaw.close();
  }
}
