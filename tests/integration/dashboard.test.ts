import { afterEach, expect, it } from 'vitest';
import type { DossierEvent } from '../../shared/lifecycle/events.js';
import { transition } from '../../shared/lifecycle/transitions.js';
import { INITIAL_STATUS, type DossierStatus } from '../../shared/lifecycle/states.js';
import { SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { rowsOf, runSql } from '../support/raw-sql.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** 10:00 in Hà Nội on that day. */
const at = (day: string) => `${day}T03:00:00.000Z`;

async function intakeOn(harness: Harness, day: string) {
  await harness.setClock(new Date(at(day)));
  return (await harness.client.dossiers.intake(sampleIntake((await harness.client.catalog.status()).version!))).dossierId;
}

async function record(harness: Harness, id: number, day: string, events: DossierEvent[]) {
  for (const e of events) await harness.core.dossiers.inTransaction((d) => d.appendEvent(id, at(day), e, harness.core.auth.actor(SYSTEM_CLERK)));
}

it('the supervisor’s overview counts today, the month and what waits; each number opens its dossiers', async () => {
  h = await startCore();
  const old = await intakeOn(h, '2026-11-02'); // its handover was due weeks ago
  const collected = await intakeOn(h, '2026-11-03');
  const waitingResult = await intakeOn(h, '2026-11-03');
  const lastMonth = await intakeOn(h, '2026-10-30');
  for (const id of [collected, waitingResult, lastMonth]) {
    await record(h, id, '2026-11-05', [{ kind: 'batched', data: { batchId: 'L-1' } }, { kind: 'handed-over', data: { batchId: 'L-1' } }]);
    await record(h, id, '2026-11-10', [
      { kind: 'received-by-agency', data: { agencyDossierCode: `H26-${id}`, appointmentDate: '2026-11-20' } },
      { kind: 'result-ready', data: { returnItemNumber: `RR${id}`, resultDocuments: [] } },
    ]);
  }
  await record(h, waitingResult, '2026-11-20', [{ kind: 'result-at-post', data: { returnItemNumber: `RR${waitingResult}` } }]);
  await record(h, collected, '2026-11-21', [{ kind: 'result-at-post', data: { returnItemNumber: `RR${collected}` } }]);
  const today = await intakeOn(h, '2026-11-27');
  await record(h, collected, '2026-11-27', [{ kind: 'delivered', data: { recipientName: 'Nguyễn Văn Đức', recipientIdNumber: '001090123456', authorised: false } }]);
  // An upload the agency's server refused for good waits for a person.
  await runSql(h, "INSERT INTO outbox (kind, idempotency_key, agency_code, body, created_at, state, error_vi, error_en) VALUES ('batch-upload', 'L-9', 'X', '{}', ?, 'attention', 'Từ chối', 'Refused')", at('2026-11-26'));

  // The one taken in on 30/10 was handed over on 5/11, after its expected handover date.
  expect((await h.client.dossiers.get({ id: lastMonth })).expectedHandoverDate! < '2026-11-05').toBe(true);
  const d = await h.client.reports.dashboard();
  expect(d).toEqual({
    today: '2026-11-27',
    monthFrom: '2026-11-01',
    flow: { today: { received: 1, handedOver: 0, handedOverLate: 0, returned: 1 }, month: { received: 4, handedOver: 3, handedOverLate: 1, returned: 1 } },
    waitingHandover: 2,
    pastDueHandover: 1,
    resultsWaiting: 1,
    oldestResultAt: at('2026-11-20'),
    uploadsAttention: 1,
  });
  const waiting = await h.client.reports.dashboardList({ kind: 'waiting-handover' });
  expect(waiting.total).toBe(2);
  expect(waiting.rows.map((r) => r.dossierId)).toEqual([old, today]);
  const late = await h.client.reports.dashboardList({ kind: 'past-due' });
  expect(late.rows.map((r) => r.dossierId)).toEqual([old]);
  expect(late.rows[0]!.expectedHandoverDate! < '2026-11-27').toBe(true);
  const results = await h.client.reports.dashboardList({ kind: 'results-waiting' });
  expect(results.rows).toEqual([expect.objectContaining({ dossierId: waitingResult, since: at('2026-11-20'), senderName: expect.any(String) })]);

  const clerk = await h.clientAs('clerk', 'gdv09');
  expect(await failure(clerk.reports.dashboard())).toMatchObject({ code: 'FORBIDDEN' });
});

/** Up to the result at the post office: sent, taken in by the agency, result ready. */
async function toResultReady(harness: Harness, id: number) {
  await record(harness, id, '2026-11-05', [{ kind: 'batched', data: { batchId: 'L-1' } }, { kind: 'handed-over', data: { batchId: 'L-1' } }]);
  await record(harness, id, '2026-11-10', [
    { kind: 'received-by-agency', data: { agencyDossierCode: `H26-${id}`, appointmentDate: '2026-11-20' } },
    { kind: 'result-ready', data: { returnItemNumber: `RR${id}`, resultDocuments: [] } },
  ]);
}

/**
 * The results waiting at the office, rebuilt from the event history alone: each dossier's state
 * replayed through the lifecycle table; at the office after the agency's result reached it, or
 * after a delivery attempt failed and the item came back; waiting since that event.
 */
async function resultsAtOfficeFromEvents(harness: Harness): Promise<{ dossierId: number; since: string }[]> {
  const events = (await rowsOf<{ dossier_id: number; at: string; type: DossierEvent['kind'] }>(harness, 'SELECT dossier_id, at, type FROM dossier_events ORDER BY id'));
  const state = new Map<number, { status: DossierStatus; since: string }>();
  for (const e of events) {
    const before = state.get(e.dossier_id) ?? { status: INITIAL_STATUS, since: '' };
    const status = transition(before.status, e.type)!;
    state.set(e.dossier_id, { status, since: status === 'result-at-post' || status === 'delivery-failed' ? e.at : before.since });
  }
  return [...state]
    .filter(([, s]) => s.status === 'result-at-post' || s.status === 'delivery-failed')
    .map(([dossierId, s]) => ({ dossierId, since: s.since }))
    .sort((a, b) => a.since.localeCompare(b.since) || a.dossierId - b.dossierId);
}

it('a result back at the office after a failed delivery attempt waits to be collected, as the events say', async () => {
  h = await startCore();
  const [atCounter, failedOnce, outNow, sentBack] = [await intakeOn(h, '2026-11-02'), await intakeOn(h, '2026-11-02'), await intakeOn(h, '2026-11-02'), await intakeOn(h, '2026-11-02')];
  for (const id of [atCounter, failedOnce, outNow, sentBack]) await toResultReady(h, id);
  const arrive = (id: number) => ({ kind: 'result-at-post', data: { returnItemNumber: `RR${id}` } }) as const;
  await record(h, atCounter, '2026-11-20', [arrive(atCounter)]);
  // Out to the address on the 18th, nobody home on the 19th: back at the office since then.
  await record(h, failedOnce, '2026-11-18', [arrive(failedOnce), { kind: 'out-for-delivery', data: { attempt: 1 } }]);
  await record(h, failedOnce, '2026-11-19', [{ kind: 'delivery-failed', data: { attempt: 1, reason: 'Không có người nhận' } }]);
  // With the postman now: not at the office.
  await record(h, outNow, '2026-11-18', [arrive(outNow), { kind: 'out-for-delivery', data: { attempt: 1 } }]);
  // Two failed attempts: gone back to the agency, no longer waiting here.
  await record(h, sentBack, '2026-11-12', [arrive(sentBack), { kind: 'out-for-delivery', data: { attempt: 1 } }, { kind: 'delivery-failed', data: { attempt: 1, reason: 'Vắng nhà' } }]);
  await record(h, sentBack, '2026-11-16', [{ kind: 'out-for-delivery', data: { attempt: 2 } }, { kind: 'delivery-failed', data: { attempt: 2, reason: 'Vắng nhà' } }, { kind: 'returned-to-agency', data: {} }]);
  await h.setClock(new Date(at('2026-11-27')));

  const rebuilt = await resultsAtOfficeFromEvents(h);
  expect(rebuilt).toEqual([
    { dossierId: failedOnce, since: at('2026-11-19') },
    { dossierId: atCounter, since: at('2026-11-20') },
  ]);
  const d = await h.client.reports.dashboard();
  expect(d.resultsWaiting).toBe(rebuilt.length);
  expect(d.oldestResultAt).toBe(rebuilt[0]!.since);
  const list = await h.client.reports.dashboardList({ kind: 'results-waiting' });
  expect(list.total).toBe(rebuilt.length);
  expect(list.rows.map((r) => ({ dossierId: r.dossierId, since: r.since }))).toEqual(rebuilt);
  expect(list.rows.map((r) => r.status)).toEqual(['delivery-failed', 'result-at-post']);
});

it('the dossiers behind a number are all there, a page of 200 at a time, in order', async () => {
  h = await startCore();
  await h.setClock(new Date(at('2026-11-27')));
  const version = (await h.client.catalog.status()).version!;
  const ids: number[] = [];
  for (let i = 0; i < 230; i++) ids.push((await h.client.dossiers.intake(sampleIntake(version))).dossierId);

  const first = await h.client.reports.dashboardList({ kind: 'waiting-handover' });
  expect(first).toMatchObject({ total: 230, offset: 0 });
  expect(first.rows).toHaveLength(200);
  const second = await h.client.reports.dashboardList({ kind: 'waiting-handover', offset: first.rows.length });
  expect(second).toMatchObject({ total: 230, offset: 200 });
  expect([...first.rows, ...second.rows].map((r) => r.dossierId)).toEqual(ids);
  expect(await failure(h.client.reports.dashboardList({ kind: 'waiting-handover', limit: 5000 }))).toMatchObject({ code: 'INVALID_INPUT' });
}, 120_000);
