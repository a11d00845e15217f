import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkS10, makeS10, s10CheckDigit } from '../../shared/ids/s10.js';

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

  it('refuses a wrong check digit and says which digit is right', () => {
    expect(checkS10('EL471108152VN')).toEqual({ kind: 'bad-check-digit', code: 'EL471108152VN', expected: 1 });
  });

  it('keeps a code without the S10 shape as an opaque carrier code', () => {
    expect(checkS10('VNP-000123').kind).toBe('not-s10');
    expect(checkS10(' el 471108151 vn ').kind).toBe('s10');
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
