/**
 * Hands one batch to the agency server exactly once (decision 0025): the MaLo as
 * Idempotency-Key and the same bytes on every attempt; an outcome lost to a timeout, a broken
 * connection or a 5xx is settled by GET /v1/batches/{MaLo} before the batch is sent again;
 * 413 splits the batch into halves with derived keys; 400/401/403/409 stop it for a person.
 * One call is one run: it ends delivered, needing attention, or queued with the time of the
 * next run and what that run must know. The outbox worker stores the outcome as it is.
 */
import { msg } from '../../../shared/i18n/msg.js';
import { MAX_BATCH_ITEMS, type WireBatch, type WireReceipt } from '../../../shared/agency/wire.js';
import { failureOf, type Failure } from './answers.js';
import { encodeBatch, splitBatch } from './encode-batch.js';
import type { AgencyHttp, WireResult } from './http-client.js';
import { problems, type AgencyProblem } from './problems.js';
import { backoffMs, DEFAULT_RETRY_POLICY, SYSTEM_CLOCK, type Clock, type RetryPolicy } from './retry-policy.js';

export interface ItemOutcome {
  item: string;
  result: 'accepted' | 'rejected';
  /** the agency's reason for a rejection */
  reason?: string;
  /** the MaLo that carried it (a part's, when the batch was split) */
  batch: string;
}

/** Carried from a run that ended queued to the next run of the same batch. */
export interface Resume {
  /** retries so far, so the backoff keeps growing across runs */
  retries: number;
  /** MaLo whose last attempt was lost: ask the server about them before sending again */
  unsettled: string[];
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

export interface UploadOptions {
  policy?: RetryPolicy;
  clock?: Clock;
  random?: () => number;
  resume?: Resume;
  onProgress?: (p: UploadProgress) => void;
}

type PartEnd = { end: 'done' } | { end: 'permanent'; problem: AgencyProblem } | { end: 'later'; problem: AgencyProblem; waitMs: number };

class Run implements Delivered {
  receipts: WireReceipt[] = [];
  items: ItemOutcome[] = [];
  attempts = 0;
  retries: number;
  unsettled: Set<string>;
  readonly policy: RetryPolicy;
  readonly clock: Clock;
  readonly random: () => number;

  constructor(
    readonly http: AgencyHttp,
    readonly total: number,
    readonly opts: UploadOptions,
  ) {
    this.policy = opts.policy ?? DEFAULT_RETRY_POLICY;
    this.clock = opts.clock ?? SYSTEM_CLOCK;
    this.random = opts.random ?? Math.random;
    this.retries = opts.resume?.retries ?? 0;
    this.unsettled = new Set(opts.resume?.unsettled ?? []);
  }

  send(part: string, method: 'GET' | 'POST', path: string, extra?: { headers: Record<string, string>; body: string }): Promise<WireResult> {
    this.attempts += 1;
    this.opts.onProgress?.({ state: 'sending', part, attempt: this.attempts, itemsDelivered: this.items.length, itemsTotal: this.total });
    return this.http.send(method, path, extra);
  }

  /** Waits out a transient failure, or ends the run when the wait is long or the attempts are spent. */
  async waitOut(f: Failure): Promise<PartEnd | undefined> {
    const waitMs = f.retryAfterMs ?? backoffMs(this.policy, this.retries, this.random);
    this.retries += 1;
    if (this.attempts >= this.policy.attemptsPerRun || waitMs > this.policy.maxWaitInRunMs) return { end: 'later', problem: f.problem, waitMs };
    await this.clock.sleep(waitMs);
    return undefined;
  }
}

const what = (b: WireBatch) => msg(`lô ${b.MaLo}`, `batch ${b.MaLo}`);

/** The receipt for `batch`, or why it cannot be read: one ACCEPTED or REJECTED per item sent. */
function readReceipt(batch: WireBatch, r: Extract<WireResult, { kind: 'answer' }>): { receipt: WireReceipt; items: ItemOutcome[] } | AgencyProblem {
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

async function deliverPart(run: Run, batch: WireBatch): Promise<PartEnd> {
  const body = encodeBatch(batch);
  const statusPath = `/v1/batches/${encodeURIComponent(batch.MaLo)}`;
  const landed = (r: Extract<WireResult, { kind: 'answer' }>): PartEnd => {
    const read = readReceipt(batch, r);
    if ('code' in read) return { end: 'permanent', problem: read };
    run.receipts.push(read.receipt);
    run.items.push(...read.items);
    run.unsettled.delete(batch.MaLo);
    return { end: 'done' };
  };
  for (;;) {
    if (run.unsettled.has(batch.MaLo)) {
      const r = await run.send(batch.MaLo, 'GET', statusPath);
      if (r.kind === 'answer' && r.status === 200) return landed(r);
      if (r.kind === 'answer' && r.status === 404) {
        run.unsettled.delete(batch.MaLo);
      } else {
        const f = failureOf(r, what(batch), batch.MaLo, run.clock.now());
        if (f.problem.permanent) return { end: 'permanent', problem: f.problem };
        const ended = await run.waitOut(f);
        if (ended) return ended;
        continue;
      }
    }
    const r = await run.send(batch.MaLo, 'POST', '/v1/batches', { headers: { 'Idempotency-Key': batch.MaLo }, body });
    if (r.kind === 'answer' && (r.status === 201 || r.status === 200)) return landed(r);
    if (r.kind === 'answer' && r.status === 413) {
      if (batch.HoSo.length === 1) return { end: 'permanent', problem: problems.itemTooLarge(batch.HoSo[0]!.SoHieuBuuGui, r.text.slice(0, 300)) };
      for (const half of splitBatch(batch)) {
        const end = await deliverPart(run, half);
        if (end.end !== 'done') return end;
      }
      return { end: 'done' };
    }
    const f = failureOf(r, what(batch), batch.MaLo, run.clock.now());
    if (f.problem.permanent) return { end: 'permanent', problem: f.problem };
    if (f.unknown) run.unsettled.add(batch.MaLo);
    const ended = await run.waitOut(f);
    if (ended) return ended;
  }
}

/** A batch the contract would refuse is our own mistake: say so instead of sending it. */
function localProblem(batch: WireBatch): AgencyProblem | undefined {
  const n = batch.HoSo.length;
  const items = new Set(batch.HoSo.map((h) => h.SoHieuBuuGui));
  if (n >= 1 && n <= MAX_BATCH_ITEMS && batch.SoLuong === n && items.size === n) return undefined;
  return {
    code: 'BATCH_NOT_SENDABLE',
    permanent: true,
    text: msg(
      `Lô ${batch.MaLo} không gửi được: cần từ 1 đến ${MAX_BATCH_ITEMS} hồ sơ, không trùng số hiệu (lô có ${n} hồ sơ, ${items.size} số hiệu khác nhau). Mở lại lô, sửa rồi đóng lô.`,
      `Batch ${batch.MaLo} cannot be sent: it needs 1 to ${MAX_BATCH_ITEMS} dossiers with distinct item numbers (it has ${n} dossiers, ${items.size} distinct numbers). Reopen the batch, correct it and close it.`,
    ),
  };
}

export async function uploadBatch(http: AgencyHttp, batch: WireBatch, opts: UploadOptions = {}): Promise<UploadOutcome> {
  const run = new Run(http, batch.HoSo.length, opts);
  const invalid = localProblem(batch);
  if (invalid) return { state: 'needs-attention', problem: invalid, receipts: [], items: [] };
  const end = await deliverPart(run, batch);
  const delivered = { receipts: run.receipts, items: run.items };
  if (end.end === 'done') return { state: 'delivered', ...delivered };
  if (end.end === 'permanent') return { state: 'needs-attention', problem: end.problem, ...delivered };
  return {
    state: 'queued',
    retryAt: run.clock.now() + end.waitMs,
    resume: { retries: run.retries, unsettled: [...run.unsettled] },
    problem: end.problem,
    ...delivered,
  };
}
