import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkS10, makeS10, s10CheckDigit, s10Problem } from '../../shared/ids/s10.js';
import { checkItemCode } from '../../shared/ids/item-code.js';

describe('S10 item numbers', () => {
  it('computes the UPU check digit (47110815 → 1)', () => {
    expect(s10CheckDigit('47110815')).toBe(1);
    expect(checkS10('EE471108151FR')).toMatchObject({ kind: 's10', service: 'EE', serial: '47110815', country: 'FR' });
  });

  it('maps 10 to 0 and 11 to 5', () => {
    // sum mod 11 = 1 → 10 → 0; sum mod 11 = 0 → 11 → 5
    const serials = Array.from({ length: 2000 }, (_, i) => String(10_000_000 + i * 37));
    const sums = (s: string) => [8, 6, 4, 2, 3, 5, 9, 7].reduce((a, w, i) => a + w * Number(s[i]), 0) % 11;
    const one = serials.find((s) => sums(s) === 1)!;
    const zero = serials.find((s) => sums(s) === 0)!;
    expect(s10CheckDigit(one)).toBe(0);
    expect(s10CheckDigit(zero)).toBe(5);
  });

  it('refuses a wrong check digit without giving the digit that would pass', () => {
    expect(checkS10('EL471108152VN')).toEqual({ kind: 'bad-check-digit', code: 'EL471108152VN' });
    expect(s10Problem(checkS10('EL471108152VN'))!.vi.replace('EL471108152VN', '')).not.toMatch(/\d/);
  });

  it('tells a mistyped S10 number from another carrier’s code', () => {
    for (const code of ['E1471108151VN', 'EL12345678VN', 'EL1234567890VN', '3L471108151VN', 'EL47110815VN']) {
      expect(checkS10(code).kind, code).toBe('malformed');
    }
    for (const code of ['VNP-000123', 'VTP123456789', '123456789012', 'ABC']) expect(checkS10(code).kind, code).toBe('not-s10');
    expect(checkS10(' el 471108151 vn ').kind).toBe('s10');
  });

  it('takes a non-S10 code only where a declared carrier pattern matches it whole', () => {
    const rules = { serviceLetters: [], carriers: [{ name: 'Viettel Post', pattern: 'VTP\\d{9}' }] };
    expect(checkItemCode('VTP123456789', rules)).toEqual({ ok: true, code: 'VTP123456789', s10: false });
    expect(checkItemCode('VTP1234567890', rules).ok).toBe(false);
    expect(checkItemCode('VNP-000123', rules).ok).toBe(false);
    expect(checkItemCode('EL471108151VN', rules)).toEqual({ ok: true, code: 'EL471108151VN', s10: true });
  });

  it('checks the configured service letters', () => {
    expect(checkS10('EE471108151VN', ['EL', 'RR']).kind).toBe('bad-service');
    expect(checkS10('EL471108151VN', ['EL', 'RR']).kind).toBe('s10');
  });

  it('makes numbers that verify, for any serial', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999 }), (n) => {
        expect(checkS10(makeS10('EL', n)).kind).toBe('s10');
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (s) => void checkS10(s)));
  });
});
