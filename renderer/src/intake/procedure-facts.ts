import type { Procedure } from '../../../shared/contract/index.js';
import { formatVnd } from '../../../shared/format/money.js';
import type { useT } from '../i18n.js';

type T = ReturnType<typeof useT>;

/** The amount when the list gives one; otherwise its words as published ("Theo quy định"). */
export function feeWords(p: Procedure): string {
  return p.fee !== null ? formatVnd(p.fee) : p.feeText || '—';
}

/** "3 ngày làm việc" when the days are known; otherwise the published text. */
export function deadlineWords(p: Procedure, t: T): string {
  if (p.deadlineDays === null) return p.deadlineText || '—';
  if (p.deadlineDays === 0) return t('sameDay');
  return `${p.deadlineDays} ${t(p.deadlineUnit === 'calendar' ? 'calendarDays' : 'workingDays')}`;
}
