/**
 * Hands one batch to the agency server exactly once (decision 0025): the MaLo as
 * Idempotency-Key and the same bytes on every attempt; an outcome lost to a timeout, a broken
 * connection or a 5xx is settled by GET /v1/batches/{MaLo} before the batch is sent again;
 * 413 splits the batch into halves with derived keys; 400/401/403/409 stop it for a person.
 * One call is one run: it ends delivered, needing attention, or queued with the time of the
 * next run and what that run must know. The outbox worker stores the outcome as it is.
 */
import { msg } from '../../../shared/i18n/msg.js';
import { MAX_BATCH_ITEMS, MAX_BATCH_KEY, type WireBatch, type WireReceipt } from '../../../shared/agency/wire.js';
import { encodeBatch, splitBatch } from './wire-body.js';
import type { AgencyHttp } from './http-client.js';
import { WriteRun, type Answered, type Resume, type RunOptions } from './idempotent-write.js';
import { problems, type AgencyProblem } from './problems.js';

export type { Resume } from './idempotent-write.js';

export interface ItemOutcome {
  item: string;
  result: 'accepted' | 'rejected';
  /** the agency's reason for a rejection */
  reason?: string;
  /** the MaLo that carried it (a part's, when the batch was split) */
  batch: string;
}

interface Delivered {
  receipts: WireReceipt[];
  items: ItemOutcome[];
}

export type UploadOutcome =
  | ({ state: 'delivered' } & Delivered)
  /** a permanent error; parts delivered before it (after a split) are listed */
  | ({ state: 'needs-attention'; problem: AgencyProblem } & Delivered)
  | ({ state: 'queued'; retryAt: number; resume: Resume; problem: AgencyProblem } & Delivered);

export interface UploadProgress {
  state: 'sending';
  /** the MaLo being sent */
  part: string;
  attempt: number;
  itemsDelivered: number;
  itemsTotal: number;
}

export interface UploadOptions extends Omit<RunOptions, 'onAttempt'> {
  onProgress?: (p: UploadProgress) => void;
  /** `encodeBatch(batch)` when the caller holds it already (the outbox's stored bytes): not encoded twice */
  encoded?: string;
}

type PartEnd = { end: 'done' } | { end: 'permanent'; problem: AgencyProblem } | { end: 'later'; problem: AgencyProblem; waitMs: number };

const what = (b: WireBatch) => msg(`lô ${b.MaLo}`, `batch ${b.MaLo}`);

/** The receipt for `batch`, or why it cannot be read: one ACCEPTED or REJECTED per item sent. */
function readReceipt(batch: WireBatch, r: Answered): { receipt: WireReceipt; items: ItemOutcome[] } | AgencyProblem {
  const fail = (why: string) => problems.unreadable(msg(`biên nhận lô ${batch.MaLo}`, `receipt of batch ${batch.MaLo}`), why, r.status);
  let receipt: WireReceipt;
  try {
    receipt = JSON.parse(r.text) as WireReceipt;
  } catch {
    return fail('not JSON');
  }
  if (receipt?.MaLo !== batch.MaLo || !Array.isArray(receipt.KetQua)) return fail(`MaLo or KetQua missing or for another batch`);
  const byItem = new Map(receipt.KetQua.map((k) => [k?.SoHieuBuuGui, k]));
  const items: ItemOutcome[] = [];
  for (const h of batch.HoSo) {
    const k = byItem.get(h.SoHieuBuuGui);
    if (k?.TrangThai === 'ACCEPTED') items.push({ item: h.SoHieuBuuGui, result: 'accepted', batch: batch.MaLo });
    else if (k?.TrangThai === 'REJECTED') items.push({ item: h.SoHieuBuuGui, result: 'rejected', reason: String(k.LyDo ?? ''), batch: batch.MaLo });
    else return fail(`no ACCEPTED or REJECTED for ${h.SoHieuBuuGui}`);
  }
  return { receipt, items };
}

async function deliverPart(run: WriteRun, delivered: Delivered, batch: WireBatch, encoded = encodeBatch(batch)): Promise<PartEnd> {
  const end = await run.write({
    key: batch.MaLo,
    path: '/v1/batches',
    body: encoded,
    what: what(batch),
    statusPath: `/v1/batches/${encodeURIComponent(batch.MaLo)}`,
    callerHandles: [413],
  });
  if (end.end !== 'answered') return end;
  if (end.answer.status === 413) {
    if (batch.HoSo.length === 1) return { end: 'permanent', problem: problems.itemTooLarge(batch.HoSo[0]!.SoHieuBuuGui, end.answer.text.slice(0, 300)) };
    for (const half of splitBatch(batch)) {
      const part = await deliverPart(run, delivered, half);
      if (part.end !== 'done') return part;
    }
    return { end: 'done' };
  }
  const read = readReceipt(batch, end.answer);
  if ('code' in read) return { end: 'permanent', problem: read };
  delivered.receipts.push(read.receipt);
  delivered.items.push(...read.items);
  return { end: 'done' };
}

/** A batch the contract would refuse is our own mistake: say so instead of sending it. */
function localProblem(batch: WireBatch): AgencyProblem | undefined {
  const n = batch.HoSo.length;
  const items = new Set(batch.HoSo.map((h) => h.SoHieuBuuGui));
  if (n >= 1 && n <= MAX_BATCH_ITEMS && batch.SoLuong === n && items.size === n && batch.MaLo.length >= 1 && batch.MaLo.length <= MAX_BATCH_KEY) return undefined;
  return {
    code: 'BATCH_NOT_SENDABLE',
    permanent: true,
    text: msg(
      `Lô ${batch.MaLo} không gửi được: cần từ 1 đến ${MAX_BATCH_ITEMS} hồ sơ, không trùng số hiệu, số lô tối đa ${MAX_BATCH_KEY} ký tự (lô có ${n} hồ sơ, ${items.size} số hiệu khác nhau, số lô ${batch.MaLo.length} ký tự). Báo quản trị: mã bưu cục hoặc mã quầy quá dài.`,
      `Batch ${batch.MaLo} cannot be sent: it needs 1 to ${MAX_BATCH_ITEMS} dossiers with distinct item numbers and a number of at most ${MAX_BATCH_KEY} characters (it has ${n} dossiers, ${items.size} distinct numbers, a ${batch.MaLo.length}-character number). Tell the administrator: the office or counter code is too long.`,
    ),
  };
}

export async function uploadBatch(http: AgencyHttp, batch: WireBatch, opts: UploadOptions = {}): Promise<UploadOutcome> {
  const delivered: Delivered = { receipts: [], items: [] };
  const invalid = localProblem(batch);
  if (invalid) return { state: 'needs-attention', problem: invalid, ...delivered };
  const total = batch.HoSo.length;
  const run = new WriteRun(http, {
    ...opts,
    onAttempt: (part, attempt) => opts.onProgress?.({ state: 'sending', part, attempt, itemsDelivered: delivered.items.length, itemsTotal: total }),
  });
  const end = await deliverPart(run, delivered, batch, opts.encoded);
  if (end.end === 'done') return { state: 'delivered', ...delivered };
  if (end.end === 'permanent') return { state: 'needs-attention', problem: end.problem, ...delivered };
  return { state: 'queued', retryAt: run.clock.now() + end.waitMs, resume: run.resume(), problem: end.problem, ...delivered };
}
