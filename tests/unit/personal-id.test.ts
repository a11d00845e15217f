import { describe, expect, it } from 'vitest';
import { checkPersonalId, readPersonalId } from '../../shared/ids/personal-id.js';

describe('personal ID numbers', () => {
  it('accepts a 12-digit number that agrees with birth year and gender', () => {
    expect(checkPersonalId('001090123456', '1990-03-15', 'male')).toEqual([]);
    expect(checkPersonalId('079305000123', '2005-01-01', 'female')).toEqual([]);
  });

  it('accepts an old 9-digit number', () => {
    expect(checkPersonalId('123456789')).toEqual([]);
  });

  it('rejects wrong lengths and letters with the count entered', () => {
    expect(checkPersonalId('00109012345')[0]!.vi).toContain('11 chữ số');
    expect(checkPersonalId('00109012345A')[0]!.vi).toContain('chỉ gồm chữ số');
  });

  it('rejects an unknown birth-province code', () => {
    const problems = checkPersonalId('003090123456');
    expect(problems.map((p) => p.vi).join()).toContain('"003"');
  });

  it('rejects a century/gender digit that disagrees with the date of birth', () => {
    // digit 4 = 2: born in the 2000s, male; but the date says 1990
    expect(checkPersonalId('001290123456', '1990-03-15', 'male').length).toBeGreaterThan(0);
    // digit 4 = 0: male; the clerk chose female
    expect(checkPersonalId('001090123456', '1990-03-15', 'female')[0]!.vi).toContain('giới tính Nam');
    // year digits 90 vs 1991
    expect(checkPersonalId('001090123456', '1991-03-15')[0]!.vi).toContain('năm sinh 1991');
  });

  it('reads century and gender from the 4th digit', () => {
    expect(readPersonalId('001190123456')).toMatchObject({ century: 1900, gender: 'female' });
    expect(readPersonalId('001405123456')).toMatchObject({ century: 2100, gender: 'male' });
    expect(readPersonalId('001690123456')).toBeNull();
  });
});
