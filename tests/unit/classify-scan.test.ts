import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyScan } from '../../shared/scan/classify.js';

describe('one classifier for every scanner', () => {
  it('tells an ID card, with full diacritics in NFC', () => {
    const s = classifyScan('001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021\r\n'.normalize('NFD'));
    expect(s.kind).toBe('id-card');
    if (s.kind === 'id-card') expect(s.card.fullName).toBe('Nguyễn Văn Đức'.normalize('NFC'));
  });

  it('refuses a damaged card with the reason, instead of calling it something else', () => {
    const s = classifyScan('001090123456|123456789|Nguyễn Văn Đức|31021990|Nam|HN|');
    expect(s).toMatchObject({ kind: 'refused', of: 'id-card' });
  });

  it('tells S10 item numbers and refuses a wrong check digit or service', () => {
    expect(classifyScan('EL471108151VN')).toMatchObject({ kind: 'item', code: 'EL471108151VN', s10: true });
    expect(classifyScan('el 471108151 vn')).toMatchObject({ kind: 'item', code: 'EL471108151VN' });
    expect(classifyScan('EL471108152VN')).toMatchObject({ kind: 'refused', of: 'item' });
    expect(classifyScan('EE471108151VN', { serviceLetters: ['EL'] })).toMatchObject({ kind: 'refused', of: 'item' });
    expect(classifyScan('E1471108151VN')).toMatchObject({ kind: 'refused', of: 'item' });
    expect(classifyScan('EL12345678VN')).toMatchObject({ kind: 'refused', of: 'item' });
  });

  it('routes another carrier’s code as an item only where its pattern is declared', () => {
    expect(classifyScan('VTP123456789').kind).toBe('other');
    expect(classifyScan('VTP123456789', { carriers: [{ name: 'Viettel Post', pattern: 'VTP\\d{9}' }] })).toMatchObject({ kind: 'item', code: 'VTP123456789', s10: false });
  });

  it('tells an agency dossier code', () => {
    expect(classifyScan('000.00.15.H12-261128-0007')).toEqual({ kind: 'dossier-code', text: '000.00.15.H12-261128-0007', code: '000.00.15.H12-261128-0007' });
  });

  it('reads the item number from a receipt QR that also carries the register number', () => {
    expect(classifyScan('EL471108151VN|000123/2026')).toMatchObject({ kind: 'item', code: 'EL471108151VN', s10: true });
    expect(classifyScan('EL471108152VN|000123/2026')).toMatchObject({ kind: 'refused', of: 'item' });
  });

  it('tells a guidance slip code, which Lookup finds like a dossier code', () => {
    expect(classifyScan('HD000042')).toMatchObject({ kind: 'dossier-code', code: 'HD000042' });
  });

  it('calls anything else other', () => {
    expect(classifyScan('8934567890123').kind).toBe('other');
    expect(classifyScan('').kind).toBe('other');
  });

  it('never throws, on any text', () => {
    fc.assert(fc.property(fc.string(), (s) => void classifyScan(s)));
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => void classifyScan(s)));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('001090123456', '|', 'Nam', 'Nữ', '15031990', 'EL', '471108151', 'VN', '-', '261128', 'x'), { maxLength: 12 }), (parts) =>
        void classifyScan(parts.join('')),
      ),
    );
  });
});
