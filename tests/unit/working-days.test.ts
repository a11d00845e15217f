import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay, toCalendar, type CalendarData } from '../../shared/calendar/working-days.js';

const shipped = toCalendar(JSON.parse(readFileSync(new URL('../../resources/calendar/vn-holidays.json', import.meta.url), 'utf8')) as CalendarData);

describe('working-day calendar', () => {
  it('skips weekends', () => {
    const cal = toCalendar({ holidays: [] });
    expect(addWorkingDays('2026-11-27', 1, cal)).toBe('2026-11-30'); // Friday → Monday
    expect(addWorkingDays('2026-11-28', 2, cal)).toBe('2026-12-01'); // Saturday → Tuesday
    expect(addWorkingDays('2026-11-30', 0, cal)).toBe('2026-11-30');
  });

  it('skips the shipped public holidays (Hùng Kings day off and 30/4)', () => {
    // Friday 24/4/2026: Mon 27/4 is the day off for Giỗ Tổ, then Tue 28, Wed 29.
    expect(addWorkingDays('2026-04-24', 2, shipped)).toBe('2026-04-29');
    // Wed 29/4: 30/4 and 1/5 are holidays, then a weekend.
    expect(addWorkingDays('2026-04-29', 1, shipped)).toBe('2026-05-04');
  });

  it('spans Tết', () => {
    expect(addWorkingDays('2026-02-13', 1, shipped)).toBe('2026-02-23');
  });

  it('counts a declared make-up Saturday as a working day', () => {
    expect(isWorkingDay('2025-04-26', shipped)).toBe(true);
    expect(isWorkingDay('2025-05-02', shipped)).toBe(false);
  });
});
