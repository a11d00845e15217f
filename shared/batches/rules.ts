import { msg, type Msg } from '../i18n/msg.js';
import type { DossierStatus } from '../lifecycle/states.js';
import { MAX_BATCH_ITEMS } from '../agency/wire.js';

/**
 * The batch rules, as pure functions the core enforces and the F4 screen explains with
 * (decision 0029). A batch is one bag for one agency: built while open, closed when packed,
 * handed over when the agency's officer signs the record.
 */

export const BATCH_STATES = ['open', 'closed', 'handed-over'] as const;
export type BatchState = (typeof BATCH_STATES)[number];

/** A batch holds no more than one upload may carry (agency-api.md, SoLuong). */
export { MAX_BATCH_ITEMS };

/**
 * 100000-Q01-261128-01: post office, counter, day of creation (Asia/Ho_Chi_Minh) and the
 * day's sequence at that counter. It is also the upload's MaLo and Idempotency-Key, so it must
 * never repeat at a post office: the counter code keeps two counters of one office apart.
 * ASCII only, so it prints as Code 128.
 */
export function batchNumber(officeCode: string, counterCode: string, isoDay: string, seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > 999) throw new RangeError(`batch sequence out of range: ${seq}`);
  const day = isoDay.slice(2).replaceAll('-', '');
  return `${officeCode}-${counterCode}-${day}-${String(seq).padStart(2, '0')}`;
}

export const BATCH_NUMBER_PATTERN = /^[A-Za-z0-9]{1,20}-[A-Za-z0-9]{1,20}-\d{6}-\d{2,3}$/;

/** What the rules need to know about a dossier someone wants to put in a batch. */
export interface Candidate {
  status: DossierStatus;
  agencyCode: string;
  agencyName: string;
  /** the batch already holding it, if any */
  batchNumber: string | null;
}

export interface BatchFacts {
  number: string;
  agencyCode: string;
  agencyName: string;
  state: BatchState;
  size: number;
}

/** A refused move, with a stable code for logs and tests and the words for the clerk. */
export interface Refusal {
  code: string;
  words: Msg;
}

const refusal = (code: string, vi: string, en: string): Refusal => ({ code, words: msg(vi, en) });

/** Why a batch no longer takes changes, or null while it is open. */
export function refuseChange(batch: BatchFacts): Refusal | null {
  if (batch.state === 'open') return null;
  return refusal(
    'BATCH_NOT_OPEN',
    `Lô ${batch.number} đã đóng, không thêm hoặc rút hồ sơ được nữa. Tạo lô mới cho các hồ sơ còn lại.`,
    `Batch ${batch.number} is closed: nothing can be added or taken out. Create a new batch for the remaining dossiers.`,
  );
}

/**
 * Why `item` (a scanned or picked dossier) may not go into `batch`, or null when it may.
 * The order matters to the clerk: the dossier's own state first, then where it is going.
 */
export function refuseToAdd(item: Candidate, batch: BatchFacts): Refusal | null {
  const closed = refuseChange(batch);
  if (closed) return closed;
  if (item.batchNumber === batch.number) {
    return refusal('BATCH_ALREADY_HERE', `Hồ sơ này đã có trong lô ${batch.number}.`, `This dossier is already in batch ${batch.number}.`);
  }
  if (item.batchNumber !== null) {
    return refusal(
      'BATCH_ALREADY_IN_ANOTHER',
      `Hồ sơ này đã nằm trong lô ${item.batchNumber}. Rút nó khỏi lô đó trước nếu muốn chuyển lô.`,
      `This dossier is already in batch ${item.batchNumber}. Take it out of that batch first to move it.`,
    );
  }
  if (item.status !== 'accepted-at-post') {
    return refusal(
      'BATCH_NOT_ACCEPTED',
      'Hồ sơ này không ở trạng thái "Đã tiếp nhận" nên không xếp lô được (chưa tiếp nhận, đã huỷ hoặc đã bàn giao).',
      'This dossier is not in the "Accepted" state, so it cannot go in a batch (not accepted, voided or already handed over).',
    );
  }
  if (item.agencyCode !== batch.agencyCode) {
    return refusal(
      'BATCH_OTHER_AGENCY',
      `Hồ sơ này gửi ${item.agencyName} (${item.agencyCode}), không phải ${batch.agencyName}. Để riêng cho lô của cơ quan đó.`,
      `This dossier goes to ${item.agencyName} (${item.agencyCode}), not ${batch.agencyName}. Keep it for that agency's batch.`,
    );
  }
  if (batch.size >= MAX_BATCH_ITEMS) {
    return refusal(
      'BATCH_FULL',
      `Lô ${batch.number} đã đủ ${MAX_BATCH_ITEMS} hồ sơ. Đóng lô này và tạo lô mới.`,
      `Batch ${batch.number} already holds ${MAX_BATCH_ITEMS} dossiers. Close it and create a new batch.`,
    );
  }
  return null;
}

/** An open batch closes only with something in it: an empty bag has no handover record. */
export function refuseToClose(batch: BatchFacts): Refusal | null {
  const closed = refuseChange(batch);
  if (closed) return closed;
  if (batch.size === 0) {
    return refusal('BATCH_EMPTY', `Lô ${batch.number} chưa có hồ sơ nào, chưa đóng được.`, `Batch ${batch.number} is empty and cannot be closed.`);
  }
  return null;
}

/**
 * The handover time is the legal submission time: it is recorded once, on a closed batch, and
 * can be neither before the minute the batch was closed nor in the future (a clock a minute ahead is allowed).
 */
export function refuseHandover(batch: BatchFacts & { closedAt: string | null }, signedAt: Date, now: Date): Refusal | null {
  if (batch.state === 'open') {
    return refusal('BATCH_STILL_OPEN', `Lô ${batch.number} chưa đóng. Đóng lô trước khi ghi giờ bàn giao.`, `Batch ${batch.number} is still open. Close it before recording the handover.`);
  }
  if (batch.state === 'handed-over') {
    return refusal('BATCH_HANDED_OVER', `Lô ${batch.number} đã ghi giờ bàn giao rồi.`, `Batch ${batch.number} already has its handover time.`);
  }
  if (signedAt.getTime() > now.getTime() + 60_000) {
    return refusal('HANDOVER_IN_FUTURE', 'Giờ ký bàn giao không được ở tương lai.', 'The handover signing time cannot be in the future.');
  }
  // The paper gives minutes: a record signed in the minute the batch was closed is not before it.
  if (batch.closedAt && signedAt.getTime() < Math.floor(Date.parse(batch.closedAt) / 60_000) * 60_000) {
    return refusal('HANDOVER_BEFORE_CLOSE', 'Giờ ký bàn giao không được trước giờ đóng lô.', 'The handover signing time cannot be before the batch was closed.');
  }
  return null;
}

/** An accepted dossier waiting for a batch, as the F4 list groups it. */
export interface Waiting {
  agencyCode: string;
  agencyName: string;
  acceptedAt: string;
  /** yyyy-mm-dd; null when it was not computed at intake */
  expectedHandoverDate: string | null;
}

/** Past its expected handover day: that day has ended without a handover. */
export const isOverdue = (w: Pick<Waiting, 'expectedHandoverDate'>, today: string) => w.expectedHandoverDate !== null && w.expectedHandoverDate < today;

export interface WaitingGroup<W extends Waiting> {
  agencyCode: string;
  agencyName: string;
  count: number;
  oldestAcceptedAt: string;
  overdue: number;
  dossiers: W[];
}

/**
 * Groups waiting dossiers by destination agency, oldest first inside a group; groups with
 * overdue dossiers come first, then by their oldest dossier, so what is late is on top.
 */
export function groupByAgency<W extends Waiting>(waiting: readonly W[], today: string): WaitingGroup<W>[] {
  const groups = new Map<string, WaitingGroup<W>>();
  for (const w of waiting) {
    let g = groups.get(w.agencyCode);
    if (!g) groups.set(w.agencyCode, (g = { agencyCode: w.agencyCode, agencyName: w.agencyName, count: 0, oldestAcceptedAt: w.acceptedAt, overdue: 0, dossiers: [] }));
    g.count++;
    g.dossiers.push(w);
    if (w.acceptedAt < g.oldestAcceptedAt) g.oldestAcceptedAt = w.acceptedAt;
    if (isOverdue(w, today)) g.overdue++;
  }
  const list = [...groups.values()];
  for (const g of list) g.dossiers.sort((a, b) => a.acceptedAt.localeCompare(b.acceptedAt));
  return list.sort((a, b) => Number(b.overdue > 0) - Number(a.overdue > 0) || a.oldestAcceptedAt.localeCompare(b.oldestAcceptedAt));
}

/** The totals printed under the handover record: items and the fees remitted to the agency. */
export function batchTotals(items: readonly { fees: readonly { amount: number }[] }[]): { items: number; fees: number } {
  return { items: items.length, fees: items.reduce((s, i) => s + i.fees.reduce((t, f) => t + f.amount, 0), 0) };
}
