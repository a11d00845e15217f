import { lunarNewYear, solarOfLunar } from './lunar.js';
import { addDays, isWeekend, type CalendarDay, type YearCalendar } from './year-calendar.js';

/**
 * The public holidays of the Labour Code 2019 (art. 112) for a year whose official notice is not
 * out yet, as a documented guess (decision 0010):
 * - Tết Dương lịch 1/1; Giỗ Tổ Hùng Vương 10/3 âm lịch; 30/4 and 1/5.
 * - Tết Nguyên đán, 5 days: the last day of the old lunar year and 1–4 of the new one, as recent
 *   notices placed them (2026: 29 Tháng Chạp to mùng 4).
 * - Quốc khánh, 2 days: 2/9 and 1/9, or 3/9 when 2/9 is a Monday, so the pair touches a weekend.
 * - A holiday on a Saturday or Sunday gives a day off on the next working day (art. 112(3)).
 * Swaps and make-up Saturdays are decided each year by notice and are never guessed here.
 */
export function provisionalYear(year: number): YearCalendar {
  const tet = lunarNewYear(year);
  const nationalDay = `${year}-09-02`;
  const nationalDayMonday = new Date(`${nationalDay}T00:00:00Z`).getUTCDay() === 1;
  const holidays: CalendarDay[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch', kind: 'off' },
    ...[-1, 0, 1, 2, 3].map((n) => ({ date: addDays(tet, n), name: 'Tết Nguyên đán', kind: 'off' as const })),
    { date: solarOfLunar(year, 3, 10), name: 'Giỗ Tổ Hùng Vương', kind: 'off' },
    { date: `${year}-04-30`, name: 'Ngày Giải phóng miền Nam', kind: 'off' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế Lao động', kind: 'off' },
    { date: nationalDayMonday ? `${year}-09-03` : `${year}-09-01`, name: 'Quốc khánh', kind: 'off' },
    { date: nationalDay, name: 'Quốc khánh', kind: 'off' },
  ];
  holidays.sort((a, b) => a.date.localeCompare(b.date));
  return { year, official: false, reference: '', days: withCompensation(holidays) };
}

/** Adds, for each holiday on a weekend, a day off on the first following weekday not already off. */
function withCompensation(holidays: CalendarDay[]): CalendarDay[] {
  const off = new Set(holidays.map((h) => h.date));
  const out = [...holidays];
  for (const h of holidays) {
    if (!isWeekend(h.date)) continue;
    let day = addDays(h.date, 1);
    while (isWeekend(day) || off.has(day)) day = addDays(day, 1);
    off.add(day);
    out.push({ date: day, name: `Nghỉ bù ${h.name}`, kind: 'off' });
  }
  return out.sort((a, b) => a.date.localeCompare(b.date));
}
