import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseIdCardQr } from '../../shared/ids/id-card-qr.js';

const CARD = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';

describe('ID card QR text', () => {
  it('parses the standard layout', () => {
    const r = parseIdCardQr(CARD);
    expect(r).toEqual({
      ok: true,
      card: {
        personalId: '001090123456',
        oldId: '123456789',
        fullName: 'Nguyễn Văn Đức',
        birthDate: '1990-03-15',
        gender: 'male',
        address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
        issueDate: '2021-01-01',
        flags: [],
      },
    });
  });

  it('flags a card whose number disagrees with its own gender or birth date', () => {
    // 4th digit 1 = a woman born in the 1900s, but the card says Nam; digits 5–6 say 90, the date 1991.
    const gender = parseIdCardQr('001190123456|123456789|Nguyễn Văn Đức|15031990|Nam|Hà Nội|01012021');
    expect(gender.ok && gender.card.flags.map((f) => f.vi).join(' ')).toMatch(/không khớp.*Đối chiếu thẻ gốc/);
    const year = parseIdCardQr('001090123456|123456789|Nguyễn Văn Đức|15031991|Nam|Hà Nội|01012021');
    expect(year.ok && year.card.flags).toHaveLength(1);
    expect(year.ok && year.card.flags[0]!.vi).toContain('1991');
  });

  it('parses an empty old ID, the variant without it, and trailing fields', () => {
    const empty = parseIdCardQr('079305000123||Trần Thị Ánh|01012005|Nữ|Phường Bến Thành, TP Hồ Chí Minh|20052022');
    const without = parseIdCardQr('079305000123|Trần Thị Ánh|01012005|Nữ|Phường Bến Thành, TP Hồ Chí Minh|20052022');
    const trailing = parseIdCardQr(`${CARD}|extra|more\r\n`);
    for (const r of [empty, without]) {
      expect(r.ok && r.card).toMatchObject({ fullName: 'Trần Thị Ánh', gender: 'female', oldId: '', birthDate: '2005-01-01' });
    }
    expect(trailing.ok && trailing.card.issueDate).toBe('2021-01-01');
  });

  it('normalises decomposed (NFD) text to NFC', () => {
    const r = parseIdCardQr(CARD.normalize('NFD'));
    expect(r.ok && r.card.fullName).toBe('Nguyễn Văn Đức'.normalize('NFC'));
    expect(r.ok && r.card.fullName.length).toBe('Nguyễn Văn Đức'.normalize('NFC').length);
  });

  it('says why a text is not a card', () => {
    const cases = ['EL471108151VN', '00109012345|x|y|z|w', '001090123456||Nguyễn Văn Đức|31021990|Nam|HN|', '001090123456||Nguyễn Văn Đức|15031990|Khác|HN|'];
    for (const text of cases) {
      const r = parseIdCardQr(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason.vi.length).toBeGreaterThan(10);
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseIdCardQr(s)));
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('Nam', 'Nữ', '15031990', '001090123456', '')), { maxLength: 10 }), (parts) =>
        void parseIdCardQr(parts.join('|')),
      ),
    );
  });
});
