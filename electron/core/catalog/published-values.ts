import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { parseVnd } from '../../../shared/format/money.js';

/**
 * Provinces publish settlement times and fees as prose ("Không quá 05 ngày làm việc kể từ…",
 * "50.000 đồng/hồ sơ", "Theo quy định"). These read the one number a cell gives; when it gives
 * none, or several, the value is unknown and the caller keeps the row with a warning.
 */

export interface Deadline {
  days: number | null;
  unit: 'working' | 'calendar' | null;
  warning: Msg | null;
}

/** Lower case without diacritics, punctuation kept (unlike foldVi) so "1,5" stays one number. */
function plain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/\s+/g, ' ').trim();
}

const WORKING = /lam viec/;
/** "03 ngày", "1,5 ngày", "04 giờ": a number and its unit. */
const AMOUNT_OF_TIME = /(\d+(?:[.,]\d+)?)\s*(ngay|gio)/g;

/**
 * Days are working days when the cell or its column header says "làm việc", otherwise calendar
 * days, as Vietnamese legal texts read a bare "ngày". Half days round up: the result is not due
 * before the end of that day.
 */
export function readDeadline(text: string, headerSaysWorking: boolean): Deadline {
  const t = plain(text);
  if (t === '') return { days: null, unit: null, warning: null };
  const working = headerSaysWorking || WORKING.test(t);
  const unit = working ? 'working' : 'calendar';
  if (/^\d{1,3}$/.test(t)) return { days: Number(t), unit, warning: null };
  const found = [...t.matchAll(AMOUNT_OF_TIME)].map((m) => ({ n: Number(m[1]!.replace(',', '.')), unit: m[2]! }));
  const unknown = (vi: string, en: string): Deadline => ({ days: null, unit: null, warning: msg(vi, en) });
  if (found.length === 0) {
    if (/trong ngay/.test(t)) return { days: 0, unit: 'working', warning: null };
    return unknown(
      `thời hạn "${text}" không ghi số ngày: nhập với thời hạn chưa rõ`,
      `deadline "${text}" gives no number of days: imported with the deadline unknown`,
    );
  }
  if (found.some((f) => f.unit === 'gio')) {
    return unknown(
      `thời hạn "${text}" tính bằng giờ: nhập với số ngày chưa rõ`,
      `deadline "${text}" is in hours: imported with the number of days unknown`,
    );
  }
  const values = [...new Set(found.map((f) => f.n))];
  if (values.length > 1) {
    return unknown(
      `thời hạn "${text}" ghi nhiều số ngày: nhập với thời hạn chưa rõ`,
      `deadline "${text}" gives several numbers of days: imported with the deadline unknown`,
    );
  }
  const days = Math.ceil(values[0]!);
  const warning =
    days === values[0]
      ? null
      : msg(`thời hạn "${text}" được tính là ${days} ngày`, `deadline "${text}" is counted as ${days} days`);
  return { days, unit, warning };
}

export interface Fee {
  amount: number | null;
  warning: Msg | null;
}

const FREE = /^(khong|mien phi|khong thu|khong thu phi|khong co|khong mat phi|mien|-|0)\.?$/;
/** An amount written with its currency: "50.000 đồng", "100.000đ", "20000 VNĐ". */
const AMOUNT_OF_MONEY = /(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:dong|vnd|d)(?![a-z])/g;

/** An empty fee cell means no fee, as before; text with no single amount is unknown. */
export function readFee(text: string): Fee {
  const whole = parseVnd(text);
  if (whole !== null) return { amount: whole, warning: null };
  const t = plain(text);
  if (FREE.test(t)) return { amount: 0, warning: null };
  const amounts = [...new Set([...t.matchAll(AMOUNT_OF_MONEY)].map((m) => Number(m[1]!.replace(/[.,]/g, ''))))];
  if (amounts.length === 1) return { amount: amounts[0]!, warning: null };
  return {
    amount: null,
    warning:
      amounts.length === 0
        ? msg(`phí "${text}" không ghi số tiền: nhập với phí chưa rõ`, `fee "${text}" gives no amount: imported with the fee unknown`)
        : msg(`phí "${text}" ghi nhiều số tiền: nhập với phí chưa rõ`, `fee "${text}" gives several amounts: imported with the fee unknown`),
  };
}
