import { describe, expect, it } from 'vitest';
import type { ExchangeStatus } from '../../shared/contract/exchange.js';
import { counterWithSim, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { closedAfterEach } from '../support/closing.js';
import type { Harness } from '../support/core-harness.js';

const open = closedAfterEach();

/** What the status bar's feed said, and when. */
function record(stream: AsyncIterable<ExchangeStatus>) {
  const seen: { at: number; status: ExchangeStatus }[] = [];
  void (async () => {
    for await (const status of stream) seen.push({ at: Date.now(), status });
  })().catch(() => undefined);
  /** resolves with the time of the first status (from `since`) that passes `test` */
  const until = async (test: (s: ExchangeStatus) => boolean, since: number, timeoutMs: number): Promise<number> => {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const hit = seen.find((s) => s.at >= since && test(s.status));
      if (hit) return hit.at;
      if (Date.now() > end) throw new Error(`no status passed within ${timeoutMs} ms: ${JSON.stringify(seen.map((s) => s.status))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  return { seen, until };
}

/** Takes in one dossier, batches it and closes the batch; returns the batch and when it was closed. */
async function closeOne(h: Harness): Promise<{ batchId: number; closedAt: number }> {
  const { id } = await takeIn(h.client);
  const batch = await h.client.batches.create({ agencyCode: BUILDING });
  await h.client.batches.addByPick({ batchId: batch.id, dossierIds: [id] });
  const closedAt = Date.now();
  await h.client.batches.close({ batchId: batch.id });
  return { batchId: batch.id, closedAt };
}

describe('the status bar’s feed of the exchange', () => {
  it('pushes a closed batch waiting, its delivery, and a stopped upload in red within two seconds of each change', async () => {
    const sim = await startSim();
    open.push(sim);
    // Slow enough for the waiting batch to be seen, and a later one refused for good.
    sim.faults.add({ fault: { kind: 'latency', ms: 2500 }, method: 'POST', path: '/v1/batches' });
    const { h } = await counterWithSim(sim);
    open.push(h);
    const stream = await h.client.exchange.events();
    const feed = record(stream);
    await feed.until((s) => s.uploadsWaiting === 0, 0, 5000);

    const { batchId, closedAt } = await closeOne(h);
    const waitingAt = await feed.until((s) => s.uploadsWaiting === 1, closedAt, 2000);
    expect(waitingAt - closedAt).toBeLessThan(2000);
    // Delivered after the server's 2.5 s: the count goes back to none without being asked.
    const deliveredAt = await feed.until((s) => s.uploadsWaiting === 0, waitingAt, 6000);
    expect((await h.client.batches.get({ batchId })).upload?.state).toBe('delivered');
    expect(deliveredAt - closedAt).toBeLessThan(2500 + 2000);

    // A refused token stops the next batch for a person: "Cần xử lý" counts it at once.
    sim.faults.add({ fault: { kind: 'status', status: 403 }, method: 'POST', path: '/v1/batches' });
    const { closedAt: secondClosedAt } = await closeOne(h);
    const stoppedAt = await feed.until((s) => s.attention === 1, secondClosedAt, 4000);
    expect(stoppedAt - secondClosedAt).toBeLessThan(2000);
    await stream.return?.();
  });
});
