/**
 * Working-day arithmetic for transit limits (J+n). The calendar is data (holidays and
 * make-up working Saturdays announced each year), loaded from resources/ and editable.
 */
export interface WorkCalendar {
  /** yyyy-mm-dd days off in addition to weekends */
  holidays: ReadonlySet<string>;
  /** yyyy-mm-dd weekend days that are declared working days */
  workingWeekends: ReadonlySet<string>;
}

export interface CalendarData {
  holidays: { date: string; name: string }[];
  workingWeekends?: { date: string; name: string }[];
}

export function toCalendar(data: CalendarData): WorkCalendar {
  return {
    holidays: new Set(data.holidays.map((h) => h.date)),
    workingWeekends: new Set((data.workingWeekends ?? []).map((h) => h.date)),
  };
}

const DAY_MS = 86_400_000;
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function isWorkingDay(isoDate: string, cal: WorkCalendar): boolean {
  if (cal.workingWeekends.has(isoDate)) return true;
  if (cal.holidays.has(isoDate)) return false;
  const dow = new Date(`${isoDate}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
}

/** The date n working days after `startIso` (the start day itself is day J, not counted). */
export function addWorkingDays(startIso: string, n: number, cal: WorkCalendar): string {
  let ms = Date.parse(`${startIso}T00:00:00Z`);
  let left = n;
  // A year has at most ~30 days off; the bound stops a corrupt calendar from looping forever.
  for (let guard = 0; left > 0 && guard < 3660; guard++) {
    ms += DAY_MS;
    if (isWorkingDay(isoOf(ms), cal)) left--;
  }
  return isoOf(ms);
}
