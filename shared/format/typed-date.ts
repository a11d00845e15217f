import { msg, type Msg } from '../i18n/msg.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** "15031990" → "15/03/1990": eight digits typed without separators read as ddmmyyyy. */
export function slashDigits(text: string): string {
  const m = /^\s*(\d{2})(\d{2})(\d{4})\s*$/.exec(text);
  return m ? `${m[1]}/${m[2]}/${m[3]}` : text;
}

/**
 * A date as a clerk types it (dd/mm/yyyy, d.m.yyyy or ddmmyyyy) → yyyy-mm-dd, or what is wrong
 * with it in the clerk's words ("31/02/2003: tháng 2 không có ngày 31").
 */
export function readTypedDate(text: string): { ok: true; iso: string } | { ok: false; problem: Msg } {
  const typed = slashDigits(text).trim();
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  if (!m) {
    return {
      ok: false,
      problem: msg(`${typed}: nhập ngày dạng dd/mm/yyyy hoặc 8 chữ số ddmmyyyy, ví dụ 15031990.`, `${typed}: type the date as dd/mm/yyyy or 8 digits ddmmyyyy, e.g. 15031990.`),
    };
  }
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const shown = `${pad(d)}/${pad(mo)}/${y}`;
  if (mo < 1 || mo > 12) return { ok: false, problem: msg(`${shown}: không có tháng ${mo}.`, `${shown}: there is no month ${mo}.`) };
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) {
    return {
      ok: false,
      problem: d < 1 ? msg(`${shown}: không có ngày 0.`, `${shown}: there is no day 0.`) : msg(`${shown}: tháng ${mo} không có ngày ${d}.`, `${shown}: month ${mo} has no day ${d}.`),
    };
  }
  if (y < 1900) return { ok: false, problem: msg(`${shown}: năm ${y} không hợp lệ.`, `${shown}: the year ${y} is not valid.`) };
  return { ok: true, iso: `${y}-${pad(mo)}-${pad(d)}` };
}
