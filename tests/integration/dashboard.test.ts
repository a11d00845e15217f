import { afterEach, expect, it } from 'vitest';
import type { DossierEvent } from '../../shared/lifecycle/events.js';
import { SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';

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
  h.core.db!.prepare("INSERT INTO outbox (kind, idempotency_key, agency_code, body, created_at, state, error_vi, error_en) VALUES ('batch-upload', 'L-9', 'X', '{}', ?, 'attention', 'Từ chối', 'Refused')").run(at('2026-11-26'));

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
