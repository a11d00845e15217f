import { formatDate } from '../format/vn-time.js';
import type { WorkCalendar } from '../calendar/working-days.js';
import { msg, type Msg } from '../i18n/msg.js';
import { parseIdCardQr } from '../ids/id-card-qr.js';

/**
 * The rules of returning a result (decision 0035), as pure functions the core enforces and the
 * F3 screen explains with: who may take a result, and when an address may be tried again.
 */

export interface Refusal {
  code: string;
  words: Msg;
}

const refusal = (code: string, vi: string, en: string): Refusal => ({ code, words: msg(vi, en) });

/** After this many failed attempts at the address, the result goes back to the agency. */
export const MAX_DELIVERY_ATTEMPTS = 2;

/** The numbers an ID card carries, or a person's numbers on the dossier. */
export interface IdNumbers {
  personalId: string;
  oldId: string;
}

/** What was read off the collector's card: the numbers, and the name when the QR gave one. */
export interface PresentedId extends IdNumbers {
  name: string;
}

/**
 * The collector's ID as scanned (the chip card's QR text) or typed (12 digits, or the 9-digit
 * old number): the numbers, or why they cannot be read.
 */
export function readPresentedId(text: string): PresentedId | Refusal {
  const t = text.normalize('NFC').trim();
  if (/^\d{12}$/.test(t)) return { personalId: t, oldId: '', name: '' };
  if (/^\d{9}$/.test(t)) return { personalId: '', oldId: t, name: '' };
  const card = parseIdCardQr(t);
  if (card.ok) return { personalId: card.card.personalId, oldId: card.card.oldId, name: card.card.fullName };
  return refusal(
    'RETURN_ID_UNREADABLE',
    `Không đọc được số giấy tờ của người nhận (${card.reason.vi}). Quét mã QR trên thẻ Căn cước, hoặc gõ 12 chữ số định danh (hoặc 9 chữ số CMND cũ).`,
    `The collector's ID cannot be read (${card.reason.en}). Scan the QR on the ID card, or type the 12-digit personal ID (or the 9-digit old ID).`,
  );
}

export const isRefusal = (v: unknown): v is Refusal => typeof v === 'object' && v !== null && 'code' in v && 'words' in v;

/** The last digits only: enough for the clerk to compare, not a whole number on the screen. */
const tail = (n: string) => (n ? `…${n.slice(-4)}` : '—');

/**
 * Whether the card presented is the owner's: the 12-digit numbers match, or the old 9-digit
 * number the card carries matches the one on the dossier. A mismatch names both numbers' last
 * digits and says how to go on (the authorised person's record).
 */
export function refuseCollector(owner: IdNumbers, presented: IdNumbers): Refusal | null {
  if (owner.personalId && presented.personalId === owner.personalId) return null;
  if (owner.oldId && presented.oldId === owner.oldId) return null;
  if (!owner.personalId && !owner.oldId) {
    return refusal(
      'RETURN_OWNER_HAS_NO_ID',
      'Chủ hồ sơ không có số định danh cá nhân (tổ chức, doanh nghiệp): người đến nhận phải có giấy uỷ quyền. Ghi người được uỷ quyền và giấy uỷ quyền.',
      'The owner has no personal ID (an organisation or business): the collector needs an authorisation. Record the authorised person and the document.',
    );
  }
  const shown = presented.personalId || presented.oldId;
  const expected = owner.personalId || owner.oldId;
  return refusal(
    'RETURN_ID_MISMATCH',
    `Số giấy tờ của người nhận (${tail(shown)}) không khớp với chủ hồ sơ (${tail(expected)}). Không trả kết quả; nếu người này được uỷ quyền, ghi người được uỷ quyền và giấy uỷ quyền.`,
    `The collector's ID (${tail(shown)}) does not match the owner's (${tail(expected)}). Do not hand over; if this person is authorised, record the authorised person and the document.`,
  );
}

/**
 * Working days from a failed attempt to the next. domain.md wants the two failed attempts at
 * least two working days apart; the issue wants the second no sooner than the next working day.
 * Two working days meets both (decision 0042).
 */
export const WORKING_DAYS_BETWEEN_ATTEMPTS = 2;

/** The first day another attempt at the address may start after one failed on `failedDay`. */
export const nextAttemptFrom = (failedDay: string, calendar: WorkCalendar): string => calendar.addWorkingDays(failedDay, WORKING_DAYS_BETWEEN_ATTEMPTS).date;

/** Refuses another attempt before `nextAttemptFrom` (working days per the calendar, days off included). */
export function refuseNextAttempt(failedDay: string, today: string, calendar: WorkCalendar): Refusal | null {
  const earliest = nextAttemptFrom(failedDay, calendar);
  if (today >= earliest) return null;
  return refusal(
    'RETURN_ATTEMPT_TOO_SOON',
    `Lần phát trước không thành công ngày ${formatDate(failedDay)}; hai lần phát phải cách nhau ít nhất hai ngày làm việc, nên chỉ phát lại từ ngày ${formatDate(earliest)}.`,
    `The last attempt failed on ${formatDate(failedDay)}; two attempts must be at least two working days apart, so the next may start on ${formatDate(earliest)}.`,
  );
}

/**
 * The Idempotency-Key of a delivery report: the event it reports. The office, counter and the
 * event's number in this counter's log, so two counters of one post office (one token at the
 * agency) never send the same key for different events.
 */
export const deliveryReportKey = (officeCode: string, counterCode: string, eventId: number) => `${officeCode}-${counterCode}-EV${eventId}`;
