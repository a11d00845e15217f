import { provisionalYear } from './provisional-holidays.js';
import { addDays, isWeekend, type YearCalendar } from './year-calendar.js';

interface YearIndex {
  calendar: YearCalendar;
  off: ReadonlySet<string>;
  working: ReadonlySet<string>;
}

/** A date n working days ahead, and whether a year it crossed had no official notice yet. */
export interface WorkingDate {
  date: string;
  provisional: boolean;
}

/**
 * Working-day arithmetic for transit limits (J+n) over every year: the official notice where one
 * is known, the provisional derivation elsewhere, so a date past next Tết is never computed over
 * a year that simply has no Tết in it.
 */
export class WorkCalendar {
  private readonly years = new Map<number, YearIndex>();

  constructor(private readonly official: ReadonlyMap<number, YearCalendar>) {}

  year(year: number): YearCalendar {
    return this.index(year).calendar;
  }

  isWorkingDay(isoDate: string): boolean {
    const y = this.index(Number(isoDate.slice(0, 4)));
    if (y.working.has(isoDate)) return true;
    if (y.off.has(isoDate)) return false;
    return !isWeekend(isoDate);
  }

  /** The date n working days after `startIso` (the start day itself is day J, not counted). */
  addWorkingDays(startIso: string, n: number): WorkingDate {
    let day = startIso;
    let provisional = false;
    // A year has at most ~30 days off; the bound stops a corrupt calendar from looping forever.
    for (let left = n, guard = 0; left > 0 && guard < 3660; guard++) {
      day = addDays(day, 1);
      if (!this.index(Number(day.slice(0, 4))).calendar.official) provisional = true;
      if (this.isWorkingDay(day)) left--;
    }
    return { date: day, provisional };
  }

  /** A settlement time from `startIso`: working days over this calendar, or plain calendar days. */
  addSettlementDays(startIso: string, n: number, unit: 'working' | 'calendar'): WorkingDate {
    return unit === 'working' ? this.addWorkingDays(startIso, n) : { date: addDays(startIso, n), provisional: false };
  }

  private index(year: number): YearIndex {
    let y = this.years.get(year);
    if (!y) {
      const calendar = this.official.get(year) ?? provisionalYear(year);
      const of = (kind: string) => new Set(calendar.days.filter((d) => d.kind === kind).map((d) => d.date));
      y = { calendar, off: of('off'), working: of('working') };
      this.years.set(year, y);
    }
    return y;
  }
}
