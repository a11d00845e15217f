import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lunarNewYear, lunarYear, solarOfLunar } from '../../shared/calendar/lunar.js';
import { provisionalYear } from '../../shared/calendar/provisional-holidays.js';

// Mùng 1 Tết as Vietnamese almanacs publish it (lịch vạn niên; Hồ Ngọc Đức's tables), not as
// computed here. Where China's date differs it is in the comment: the UTC+7 rule must show there.
const TET: Record<number, string> = {
  1985: '1985-01-21', // China 20/02/1985: month 11 differs, a whole month apart
  1986: '1986-02-09',
  1987: '1987-01-29',
  1988: '1988-02-17',
  1989: '1989-02-06',
  1990: '1990-01-27',
  1991: '1991-02-15',
  1992: '1992-02-04',
  1993: '1993-01-23',
  1994: '1994-02-10',
  1995: '1995-01-31',
  1996: '1996-02-19',
  1997: '1997-02-07',
  1998: '1998-01-28',
  1999: '1999-02-16',
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17', // China 18/02/2007
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02', // China 03/02/2030
  2031: '2031-01-23',
  2033: '2033-01-31',
  2036: '2036-01-28',
  2040: '2040-02-12',
  2045: '2045-02-17',
  2050: '2050-01-23',
};

// Giỗ Tổ Hùng Vương, 10/3 âm lịch, as announced for each year.
const GIO_TO: Record<number, string> = {
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
  2028: '2028-04-04',
  2029: '2029-04-23',
  2030: '2030-04-12',
};

describe('the Vietnamese lunar calendar (UTC+7)', () => {
  it.each(Object.entries(TET))('Tết %s falls on %s', (year, date) => {
    expect(lunarNewYear(Number(year))).toBe(date);
  });

  it.each(Object.entries(GIO_TO))('Giỗ Tổ %s falls on %s', (year, date) => {
    expect(solarOfLunar(Number(year), 3, 10)).toBe(date);
  });

  it('puts the leap month where almanacs do, and has no 30 Tết from the eve of 2025 to that of 2032', () => {
    expect(lunarYear(2023).filter((m) => m.leap).map((m) => m.month)).toEqual([2]); // tháng 2 nhuận 2023
    expect(lunarYear(2025).filter((m) => m.leap).map((m) => m.month)).toEqual([6]); // tháng 6 nhuận 2025
    expect(lunarYear(2026).some((m) => m.leap)).toBe(false);
    // Eve 9/2/2024 was 30 Tháng Chạp; the next 30 Tết is the eve of 2033 (lunar year 2032 ends on it).
    expect(lunarYear(2023).at(-1)!.length).toBe(30);
    for (let y = 2024; y <= 2031; y++) expect(lunarYear(y).at(-1)!.length, `lunar year ${y}`).toBe(29);
    expect(lunarYear(2032).at(-1)!.length).toBe(30);
  });

  it('holds together for any year: Tết between 21/1 and 20/2, months of 29 or 30 days ending the day before the next Tết', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2000, max: 2100 }), (y) => {
        const tet = lunarNewYear(y);
        expect(tet >= `${y}-01-21` && tet <= `${y}-02-20`).toBe(true);
        const months = lunarYear(y);
        expect([12, 13]).toContain(months.length);
        expect(months.every((m) => m.length === 29 || m.length === 30)).toBe(true);
        const days = months.reduce((n, m) => n + m.length, 0);
        expect(Date.parse(lunarNewYear(y + 1)) - Date.parse(tet)).toBe(days * 86_400_000);
      }),
      { numRuns: 40 },
    );
  });
});

describe('provisional holidays', () => {
  it('places Tết 2027 as five days from the last day of the year, with the weekend days made up after', () => {
    const days = provisionalYear(2027).days.filter((d) => d.date.startsWith('2027-02'));
    expect(days.map((d) => [d.date, d.name])).toEqual([
      ['2027-02-05', 'Tết Nguyên đán'],
      ['2027-02-06', 'Tết Nguyên đán'],
      ['2027-02-07', 'Tết Nguyên đán'],
      ['2027-02-08', 'Tết Nguyên đán'],
      ['2027-02-09', 'Tết Nguyên đán'],
      ['2027-02-10', 'Nghỉ bù Tết Nguyên đán'],
      ['2027-02-11', 'Nghỉ bù Tết Nguyên đán'],
    ]);
  });

  it('keeps Quốc khánh next to a weekend and is marked provisional', () => {
    const y2029 = provisionalYear(2029); // 2/9/2029 is a Sunday: 1/9 Saturday, both made up Monday and Tuesday
    expect(y2029.official).toBe(false);
    expect(y2029.days.filter((d) => d.date.startsWith('2029-09')).map((d) => d.date)).toEqual(['2029-09-01', '2029-09-02', '2029-09-03', '2029-09-04']);
    const y2030 = provisionalYear(2030); // 2/9/2030 is a Monday: 3/9 rather than Sunday 1/9
    expect(y2030.days.filter((d) => d.date.startsWith('2030-09')).map((d) => d.date)).toEqual(['2030-09-02', '2030-09-03']);
  });
});
