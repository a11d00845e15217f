/**
 * Tells the agency what became of a result (POST /v1/deliveries), once: the event's id as
 * Idempotency-Key and the same bytes on every attempt. The contract has no GET for a delivery,
 * so an unknown outcome is settled by sending the same write again: the server answers 200 if
 * it had recorded it.
 */
import { msg } from '../../../shared/i18n/msg.js';
import type { WireDelivery } from '../../../shared/agency/wire.js';
import type { AgencyHttp } from './http-client.js';
import { WriteRun, type Resume, type RunOptions } from './idempotent-write.js';
import type { AgencyProblem } from './problems.js';
import { encodeDelivery } from './wire-body.js';

export type DeliveryOutcome =
  | { state: 'delivered'; replayed: boolean }
  | { state: 'needs-attention'; problem: AgencyProblem }
  | { state: 'queued'; retryAt: number; resume: Resume; problem: AgencyProblem };

export async function reportDelivery(http: AgencyHttp, eventId: string, delivery: WireDelivery, opts: RunOptions = {}): Promise<DeliveryOutcome> {
  const run = new WriteRun(http, opts);
  const end = await run.write({
    key: eventId,
    path: '/v1/deliveries',
    body: encodeDelivery(delivery),
    what: msg(`báo phát ${delivery.SoHieuBuuGuiKetQua}`, `the delivery report of ${delivery.SoHieuBuuGuiKetQua}`),
  });
  if (end.end === 'answered') return { state: 'delivered', replayed: end.answer.status === 200 };
  if (end.end === 'permanent') return { state: 'needs-attention', problem: end.problem };
  return { state: 'queued', retryAt: run.clock.now() + end.waitMs, resume: run.resume(), problem: end.problem };
}
