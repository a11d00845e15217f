import type { DayAmendment } from '../contract/reports.js';
import { msg, type Lang, type Msg } from '../i18n/msg.js';
import { formatDate, formatDateTime, vnIsoDate, vnStartOfDay } from '../format/vn-time.js';

/**
 * One void or correction in a day's report, in words: which dossier, when, by whom, and, when it
 * came from a day already closed, that it was counted here instead (the screen, the PDF and the
 * thermal paper say the same).
 */
export function amendmentLine(a: DayAmendment, lang: Lang): string {
  const what = a.registerNo ?? `#${a.dossierId}`;
  const kind = lang === 'vi' ? (a.kind === 'voided' ? 'huỷ' : 'sửa thông tin') : a.kind === 'voided' ? 'voided' : 'details corrected';
  const line = lang === 'vi' ? `Hồ sơ ${what} ${kind} lúc ${formatDateTime(a.at)} (${a.byName})` : `Dossier ${what} ${kind} at ${formatDateTime(a.at)} (${a.byName})`;
  if (!a.movedFrom) return line;
  return lang === 'vi'
    ? `${line} — sau khi ngày ${formatDate(a.movedFrom)} đã chốt, tính vào ngày này`
    : `${line} — after ${formatDate(a.movedFrom)} was closed, counted in this day`;
}

/**
 * What a closed day says of later changes. They count on the next calendar day, not the next
 * working day: the day close reads the day after the closed one (decision 0037), weekend or not,
 * so the words name that date.
 */
export function closedDayNote(day: string): Msg {
  const next = formatDate(vnIsoDate(vnStartOfDay(day) + 86_400_000));
  return msg(`Ngày đã khoá: việc huỷ, sửa hồ sơ sau khi chốt được tính vào ngày ${next}.`, `The day is locked: voids and corrections after the close count in ${next}.`);
}
