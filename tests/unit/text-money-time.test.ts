import { describe, expect, it } from 'vitest';
import { foldVi } from '../../shared/text/fold.js';
import { formatVnd, groupAsTyped, parseVnd } from '../../shared/format/money.js';
import { readTypedDate, slashDigits } from '../../shared/format/typed-date.js';
import { compactDateTime, formatDateTime, parseDmy, parseDmyHm, vnIsoDate } from '../../shared/format/vn-time.js';

describe('folding Vietnamese for search', () => {
  it('drops diacritics and case, and maps đ to d', () => {
    expect(foldVi('Cấp đổi GIẤY PHÉP lái xe')).toBe('cap doi giay phep lai xe');
    expect(foldVi('NGUYỄN VĂN ĐỨC')).toBe('nguyen van duc');
    expect(foldVi('Nguyễn Văn Đức'.normalize('NFD'))).toBe('nguyen van duc');
  });
  it('keeps dotted codes and folds punctuation to spaces', () => {
    expect(foldVi('Phí/lệ phí')).toBe('phi le phi');
    expect(foldVi('  1.004227 ')).toBe('1.004227');
  });
});

describe('money in integer VND', () => {
  it('shows dot thousands separators', () => {
    expect(formatVnd(135000)).toBe('135.000 ₫');
    expect(formatVnd(1200000)).toBe('1.200.000 ₫');
    expect(formatVnd(0)).toBe('0 ₫');
  });
  it('reads amounts as lists and clerks write them', () => {
    expect(parseVnd('135.000')).toBe(135000);
    expect(parseVnd('135,000 đồng')).toBe(135000);
    expect(parseVnd('Miễn phí')).toBe(0);
    expect(parseVnd('')).toBe(0);
    expect(parseVnd(200000)).toBe(200000);
    expect(parseVnd('12,5')).toBeNull();
    expect(parseVnd('-5')).toBeNull();
    expect(parseVnd(1.5)).toBeNull();
  });
});

describe('amounts and dates as the clerk types them', () => {
  it('regroups an amount at every key, and leaves what is not an amount as typed', () => {
    expect(groupAsTyped('25000')).toBe('25.000');
    expect(groupAsTyped('1.2500')).toBe('12.500');
    expect(groupAsTyped('0')).toBe('0');
    expect(groupAsTyped('')).toBe('');
    expect(groupAsTyped('12a')).toBe('12a');
    expect(parseVnd(groupAsTyped('1250000'))).toBe(1_250_000);
  });
  it('reads ddmmyyyy typed as digits and says exactly what is wrong', () => {
    expect(slashDigits('15031990')).toBe('15/03/1990');
    expect(slashDigits('1503199')).toBe('1503199');
    expect(readTypedDate('15031990')).toEqual({ ok: true, iso: '1990-03-15' });
    expect(readTypedDate('5/3/1990')).toEqual({ ok: true, iso: '1990-03-05' });
    expect(readTypedDate('29022024')).toEqual({ ok: true, iso: '2024-02-29' });
    const vi = (text: string) => {
      const r = readTypedDate(text);
      return r.ok ? r.iso : r.problem.vi;
    };
    expect(vi('31022003')).toBe('31/02/2003: tháng 2 không có ngày 31.');
    expect(vi('29022023')).toBe('29/02/2023: tháng 2 không có ngày 29.');
    expect(vi('31/04/2000')).toBe('31/04/2000: tháng 4 không có ngày 31.');
    expect(vi('15131990')).toBe('15/13/1990: không có tháng 13.');
    expect(vi('00011990')).toBe('00/01/1990: không có ngày 0.');
    expect(vi('1503')).toBe('1503: nhập ngày dạng dd/mm/yyyy hoặc 8 chữ số ddmmyyyy, ví dụ 15031990.');
  });
});

describe('time at the counter is Asia/Ho_Chi_Minh', () => {
  it('takes the Vietnamese calendar day, whatever the machine zone', () => {
    const late = Date.parse('2026-11-27T17:30:00Z'); // 00:30 on 28/11 in Hà Nội
    expect(vnIsoDate(late)).toBe('2026-11-28');
    expect(formatDateTime(late)).toBe('28/11/2026 00:30');
    expect(compactDateTime(late)).toBe('20261128003000');
  });
  it('reads dd/mm/yyyy and refuses impossible dates', () => {
    expect(parseDmy('15/03/1990')).toBe('1990-03-15');
    expect(parseDmy('5/3/1990')).toBe('1990-03-05');
    expect(parseDmy('31/02/1990')).toBeNull();
    expect(parseDmy('1990-03-15')).toBeNull();
  });
  it('reads "dd/mm/yyyy hh:mm" as a time in Hà Nội, whatever the machine zone, and refuses what names none', () => {
    expect(parseDmyHm('28/11/2026 00:30')).toBe('2026-11-27T17:30:00.000Z');
    expect(parseDmyHm(' 5/3/2026 9:05 ')).toBe('2026-03-05T02:05:00.000Z');
    expect(parseDmyHm(formatDateTime(Date.parse('2026-11-28T08:14:00Z')))).toBe('2026-11-28T08:14:00.000Z');
    for (const bad of ['28/11/2026', '28/11/2026 24:00', '28/11/2026 09:60', '31/02/2026 09:00', '2026-11-28T09:00', 'hôm qua']) expect(parseDmyHm(bad)).toBeNull();
  });
});
