/**
 * Time at the counter is Asia/Ho_Chi_Minh: UTC+7 all year (no daylight saving),
 * so a fixed offset is exact and does not depend on the machine's time zone or ICU data.
 */
const OFFSET_MS = 7 * 3600_000;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function parts(instant: Date | number) {
  const d = new Date((typeof instant === 'number' ? instant : instant.getTime()) + OFFSET_MS);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
  };
}

/** yyyy-mm-dd of the Vietnamese calendar day the instant falls on. */
export function vnIsoDate(instant: Date | number): string {
  const p = parts(instant);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

export function vnYear(instant: Date | number): number {
  return parts(instant).y;
}

/** 28/11/2026 */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-');
  return `${d}/${m}/${y}`;
}

/** 28/11/2026 09:15 */
export function formatDateTime(instant: Date | number | string): string {
  const p = parts(typeof instant === 'string' ? Date.parse(instant) : instant);
  return `${pad(p.d)}/${pad(p.mo)}/${p.y} ${pad(p.h)}:${pad(p.mi)}`;
}

/** yyyyMMddHHmmss, the exchange format of the one-stop systems. */
export function compactDateTime(instant: Date | number): string {
  const p = parts(instant);
  return `${p.y}${pad(p.mo)}${pad(p.d)}${pad(p.h)}${pad(p.mi)}${pad(p.s)}`;
}

/** The instant a yyyyMMddHHmmss (Vietnamese time) names, as ISO; null when it names none. */
export function fromCompactDateTime(text: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m || !isRealIsoDate(`${m[1]}-${m[2]}-${m[3]}`) || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59) return null;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - OFFSET_MS).toISOString();
}

/** The UTC instant of 00:00 on a Vietnamese calendar day. */
export function vnStartOfDay(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) - OFFSET_MS;
}

/** A yyyy-mm-dd string naming a day that exists (no 31 February, no month 99, no year 0). */
export function isRealIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** dd/MM/yyyy typed by a clerk → yyyy-mm-dd, or null when it is not a real date. */
export function parseDmy(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCDate() !== d || date.getUTCMonth() !== mo - 1) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** "dd/MM/yyyy HH:mm" typed by a clerk (Vietnamese time) → the ISO instant, or null when it names none. */
export function parseDmyHm(text: string): string | null {
  const m = /^\s*(\S+)\s+(\d{1,2})[:hg](\d{2})\s*$/.exec(text);
  const day = m ? parseDmy(m[1]!) : null;
  if (!m || !day || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return new Date(vnStartOfDay(day) + (Number(m[2]) * 60 + Number(m[3])) * 60_000).toISOString();
}
