import { describe, expect, it } from 'vitest';
import { SettingsSchema } from '../../shared/contract/index.js';
import { counterPartOf, officeRowsOf, overlapping, withOfficeRows, type S10Range } from '../../electron/core/config/office-wide.js';

const range = (first: number, last: number, service = 'EL', country = 'VN'): S10Range => ({ service, country, first, last });

describe('office-wide settings', () => {
  it('a range touching another counter’s end does not overlap it; one sharing a single number does', () => {
    const others = new Map([['Q01', range(10_000_000, 19_999_999)]]);
    expect(overlapping(range(20_000_000, 29_999_999), 'Q02', others)).toBeNull();
    expect(overlapping(range(19_999_999, 29_999_999), 'Q02', others)?.[0]).toBe('Q01');
    expect(overlapping(range(0, 10_000_000), 'Q02', others)?.[0]).toBe('Q01');
    // Other service letters or country: other item numbers, so no clash; nor with the counter's own old range.
    expect(overlapping(range(10_000_000, 19_999_999, 'EE'), 'Q02', others)).toBeNull();
    expect(overlapping(range(10_000_000, 19_999_999, 'EL', 'LA'), 'Q02', others)).toBeNull();
    expect(overlapping(range(15_000_000, 16_000_000), 'Q01', others)).toBeNull();
  });

  it('splits settings into the office’s rows and the counter’s file, and puts them back together', () => {
    const s = SettingsSchema.parse({ office: { code: '700000', name: 'Bưu cục Bến Thành' }, counter: { code: 'Q02' }, s10: { first: 30_000_000, last: 30_999_999, serviceLetters: ['EL'] }, lang: 'en' });
    const rows = officeRowsOf(s);
    expect([...rows.keys()].sort()).toEqual(['agencies', 'handover', 'itemCodes', 'office', 's10:Q02', 'security']);
    expect(Object.keys(counterPartOf(s)).sort()).toEqual(['counter', 'lang', 'officeServer', 'printer', 'scanner']);
    const fileOnly = SettingsSchema.parse(counterPartOf(s));
    expect(withOfficeRows(fileOnly, rows)).toEqual(s);
    // A row that no longer reads leaves the value under it, and the counter keeps working.
    expect(withOfficeRows(fileOnly, new Map([['office', '{not json'], ['security', '{"idleLockMinutes":-3}']])).office).toEqual(fileOnly.office);
  });
});
