import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../shared/calendar/working-days.js';
import { addDays, type YearCalendar } from '../../shared/calendar/year-calendar.js';
import { loadCalendarFile } from '../../electron/core/calendar/notice-file.js';

const resources = fileURLToPath(new URL('../../resources/', import.meta.url));
const shipped = new WorkCalendar(new Map(loadCalendarFile(resources, join(resources, 'no-data-dir')).map((y) => [y.year, y])));
const noHolidays = (...years: number[]) => new WorkCalendar(new Map(years.map((year): [number, YearCalendar] => [year, { year, official: true, reference: 't', days: [] }])));

describe('working-day calendar', () => {
  it('skips weekends', () => {
    const cal = noHolidays(2026);
    expect(cal.addWorkingDays('2026-11-27', 1).date).toBe('2026-11-30'); // Friday → Monday
    expect(cal.addWorkingDays('2026-11-28', 2).date).toBe('2026-12-01'); // Saturday → Tuesday
    expect(cal.addWorkingDays('2026-11-30', 0)).toEqual({ date: '2026-11-30', provisional: false });
  });

  it('skips the shipped public holidays (Hùng Kings day off and 30/4)', () => {
    // Friday 24/4/2026: Mon 27/4 is the day off for Giỗ Tổ, then Tue 28, Wed 29.
    expect(shipped.addWorkingDays('2026-04-24', 2)).toEqual({ date: '2026-04-29', provisional: false });
    // Wed 29/4: 30/4 and 1/5 are holidays, then a weekend.
    expect(shipped.addWorkingDays('2026-04-29', 1).date).toBe('2026-05-04');
  });

  it('spans Tết 2026 from the shipped notice', () => {
    expect(shipped.addWorkingDays('2026-02-13', 1)).toEqual({ date: '2026-02-23', provisional: false });
  });

  it('spans Tết 2027 before its notice exists, and says the date is provisional', () => {
    // Thursday 4/2/2027: Fri 5/2 (29 Tháng Chạp), Mon–Tue 8–9/2 and the made-up Wed–Thu 10–11/2 are off.
    expect(shipped.addWorkingDays('2027-02-04', 2)).toEqual({ date: '2027-02-15', provisional: true });
    // From mid-January a 20-working-day estimate lands after Tết, not on 12/2.
    expect(shipped.addWorkingDays('2027-01-15', 20)).toEqual({ date: '2027-02-19', provisional: true });
  });

  it('moves a holiday on a weekend to the next working day (1/5/2027 is a Saturday)', () => {
    // Thu 29/4/2027: Fri 30/4 off, Sat 1/5 made up on Mon 3/5, so the next working day is Tue 4/5.
    expect(shipped.addWorkingDays('2027-04-29', 1)).toEqual({ date: '2027-05-04', provisional: true });
  });

  it('counts a declared make-up Saturday as a working day', () => {
    expect(shipped.isWorkingDay('2025-04-26')).toBe(true);
    expect(shipped.isWorkingDay('2025-05-02')).toBe(false);
    // Friday 25/4/2025 + 1: the make-up Saturday 26/4.
    expect(shipped.addWorkingDays('2025-04-25', 1)).toEqual({ date: '2025-04-26', provisional: false });
  });

  it('is provisional only when the days counted reach a year without a notice', () => {
    expect(shipped.addWorkingDays('2026-12-29', 2)).toEqual({ date: '2026-12-31', provisional: false });
    expect(shipped.addWorkingDays('2026-12-30', 2)).toEqual({ date: '2027-01-04', provisional: true });
  });

  it('lands on a working day with exactly n working days after J, in any year', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 30 }), fc.integer({ min: 0, max: 30 }), (offset, n) => {
        const start = addDays('2020-01-01', offset);
        const { date } = shipped.addWorkingDays(start, n);
        let counted = 0;
        for (let d = addDays(start, 1); d <= date; d = addDays(d, 1)) if (shipped.isWorkingDay(d)) counted++;
        expect(counted).toBe(n);
        if (n > 0) expect(shipped.isWorkingDay(date)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
