import { describe, expect, it } from 'vitest';
import { foldVi } from '../../shared/text/fold.js';
import { formatVnd, parseVnd } from '../../shared/format/money.js';
import { compactDateTime, formatDateTime, parseDmy, vnIsoDate } from '../../shared/format/vn-time.js';

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
});
