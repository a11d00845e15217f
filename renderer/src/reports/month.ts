import { formatDate } from '../../../shared/format/vn-time.js';

/** The first and last day of the month `today` (yyyy-mm-dd) falls in, as the clerk types them. */
export function monthOf(today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  return { from: formatDate(`${y}-${mm}-01`), to: formatDate(`${y}-${mm}-${String(last).padStart(2, '0')}`) };
}
