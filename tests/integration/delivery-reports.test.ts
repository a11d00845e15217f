import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import type { ReturnDetail } from '../../shared/contract/returns.js';
import type { AgencySim } from '../../tools/agency-sim/server.js';
import { closedAfterEach } from '../support/closing.js';
import { counterWithSim, startSim, type CounterOptions } from '../support/agency.js';
import type { Harness } from '../support/core-harness.js';
import { rowOf } from '../support/raw-sql.js';
import { OWNER_QR, resultReady, returnItem } from '../support/returns.js';

const open = closedAfterEach();

const OFFICE = '100000';
const PATH = '/v1/deliveries';

async function counter(sim: AgencySim, opts: CounterOptions = {}) {
  const c = await counterWithSim(sim, opts);
  open.push(c.h);
  return c;
}

/** A result received and handed to its owner at the counter; its report is now in the outbox. */
async function delivered(h: Harness, n: number): Promise<{ id: number; key: string }> {
  const { id } = await resultReady(h, returnItem(n));
  await h.client.returns.receive({ code: returnItem(n) });
  const out = await h.client.returns.deliver({ dossierId: id, collectorId: OWNER_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] });
  return { id, key: `${OFFICE}-Q01-EV${out.detail.dossier.events.at(-1)!.id}` };
}

/** The result as F3 shows it, once its delivery report has reached `state` after at least one try. */
async function untilReported(h: Harness, dossierId: number, state: string, timeoutMs = 10_000): Promise<ReturnDetail> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const d = await h.client.returns.get({ dossierId });
    const r = d.reports[0];
    if (r?.state === state && r.attempts > 0) return d;
    if (Date.now() > end) throw new Error(`report of ${dossierId} is ${JSON.stringify(d.reports)}, not ${state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const storedBody = async (h: Harness, key: string) => (await rowOf<{ body: string }>(h, 'SELECT body FROM outbox WHERE idempotency_key = ?', key))!.body;
const posts = (sim: AgencySim) => sim.requests.filter((r) => r.method === 'POST' && r.url === PATH);

describe('delivery reports reach the agency exactly once', () => {
  it('are sent by themselves: the stored bytes under the event’s key, recorded once', async () => {
    const sim = await startSim();
    open.push(sim);
    const { h } = await counter(sim);
    const { id, key } = await delivered(h, 1);

    const done = await untilReported(h, id, 'delivered');
    expect(done.reports).toEqual([{ status: 'DELIVERED', attempt: 1, state: 'delivered', attempts: 1, problem: null }]);
    expect(posts(sim).map((p) => [p.headers['idempotency-key'], sha(p.body)])).toEqual([[key, sha(await storedBody(h, key))]]);
    expect(sim.store.deliveryCounts(OFFICE)).toEqual({ [returnItem(1)]: 1 });
  });

  it('ride out 5xx and 429 with the same key and bytes', async () => {
    const sim = await startSim();
    open.push(sim);
    const { h, clock } = await counter(sim);
    sim.faults.add({ fault: { kind: 'status', status: 500 }, method: 'POST', path: PATH, times: 2 }, { fault: { kind: 'status', status: 429, retryAfter: 9 }, method: 'POST', path: PATH });
    const { id, key } = await delivered(h, 2);

    await untilReported(h, id, 'delivered');
    const sent = posts(sim);
    expect(sent).toHaveLength(4);
    expect(new Set(sent.map((p) => `${p.headers['idempotency-key']} ${sha(p.body)}`))).toEqual(new Set([`${key} ${sha(await storedBody(h, key))}`]));
    expect(clock.sleeps).toContain(9000);
    expect(sim.store.deliveryCounts(OFFICE)).toEqual({ [returnItem(2)]: 1 });
  });

  it('an answer lost after the server recorded it, then a restart: sent again under the same key, recorded once', async () => {
    const sim = await startSim();
    open.push(sim);
    const first = await counter(sim, { policy: { attemptsPerRun: 1, baseMs: 10 * 60_000 } });
    sim.faults.add({ fault: { kind: 'drop-after-commit' }, method: 'POST', path: PATH });
    const { id, key } = await delivered(first.h, 3);
    const queued = await untilReported(first.h, id, 'queued');
    expect(queued.reports[0]!.problem!.code).toBe('AGENCY_UNREACHABLE');
    const dataDir = first.h.dataDir;
    await first.h.stop();
    open.splice(open.indexOf(first.h), 1);
    expect(posts(sim)).toHaveLength(1);

    const again = await counter(sim, { dataDir, aheadMs: 3600_000 });
    await untilReported(again.h, id, 'delivered');
    expect(posts(sim).map((p) => p.headers['idempotency-key'])).toEqual([key, key]);
    expect(sim.store.deliveryCounts(OFFICE)).toEqual({ [returnItem(3)]: 1 });
  });

  it('a core closed while a report is in flight sends it again at the next start, recorded once', async () => {
    const sim = await startSim();
    open.push(sim);
    const first = await counter(sim);
    sim.faults.add({ fault: { kind: 'latency', ms: 3000 }, method: 'POST', path: PATH });
    const { id, key } = await delivered(first.h, 4);
    await untilReported(first.h, id, 'sending');
    await vi.waitFor(() => expect(posts(sim)).toHaveLength(1));
    const dataDir = first.h.dataDir;
    await first.h.stop();
    open.splice(open.indexOf(first.h), 1);

    const again = await counter(sim, { dataDir });
    const done = await untilReported(again.h, id, 'delivered');
    expect(done.reports[0]!.attempts).toBe(2);
    expect(posts(sim).map((p) => p.headers['idempotency-key'])).toEqual([key, key]);
    // The slow first request may land after the second: either way the agency records one.
    await vi.waitFor(() => expect(sim.store.deliveryCounts(OFFICE)).toEqual({ [returnItem(4)]: 1 }), { timeout: 5000 });
  });

  it('a report the agency refuses (400) stops with words and is not sent again by itself', async () => {
    const sim = await startSim();
    open.push(sim);
    const { h } = await counter(sim);
    sim.faults.add({ fault: { kind: 'status', status: 400 }, method: 'POST', path: PATH });
    const { id } = await delivered(h, 5);
    const stopped = await untilReported(h, id, 'attention');
    expect(stopped.reports[0]!.problem).toMatchObject({ vi: expect.any(String), en: expect.any(String) });
    await new Promise((r) => setTimeout(r, 200));
    expect(posts(sim)).toHaveLength(1);
    expect(sim.store.deliveryCounts(OFFICE)).toEqual({});
  });
});
