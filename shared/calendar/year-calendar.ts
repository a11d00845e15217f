/**
 * One year's days off and make-up working days. A year is either official (the Government's
 * notice, entered by an administrator or shipped with the app) or provisional (derived by
 * provisional-holidays.ts until the notice is published).
 */
export type DayKind = 'off' | 'working';

export interface CalendarDay {
  /** yyyy-mm-dd */
  date: string;
  name: string;
  /** off: a day off on a weekday (or a holiday on a weekend); working: a weekend day worked to make up a swap */
  kind: DayKind;
}

export interface YearCalendar {
  year: number;
  official: boolean;
  /** the notice it comes from (e.g. "Thông báo 6150/TB-BNV"); empty when provisional */
  reference: string;
  days: CalendarDay[];
}

const DAY_MS = 86_400_000;

export const msOfIso = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
export const isoOfMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const addDays = (iso: string, n: number) => isoOfMs(msOfIso(iso) + n * DAY_MS);
export const isWeekend = (iso: string) => [0, 6].includes(new Date(msOfIso(iso)).getUTCDay());
