import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeCp1258, encodeCp1258 } from '../../electron/core/devices/printer/cp1258.js';

describe('CP1258 text encoding', () => {
  it('keeps the shape precomposed and sends the tone as a combining byte', () => {
    // ễ = ê (0xEA) + combining tilde (0xDE); ứ = ư (0xFD) + combining acute (0xEC)
    expect([...encodeCp1258('ễ')]).toEqual([0xea, 0xde]);
    expect([...encodeCp1258('ứ')]).toEqual([0xfd, 0xec]);
    expect([...encodeCp1258('Đ')]).toEqual([0xd0]);
    expect([...encodeCp1258('ậ')]).toEqual([0xe2, 0xf2]);
  });

  it('round-trips every Vietnamese letter, whatever the input normalisation', () => {
    const letters = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY';
    const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
    const all = [...letters].flatMap((l) => tones.map((t) => (l + t).normalize('NFC'))).join(' ');
    expect(decodeCp1258(encodeCp1258(all))).toBe(all);
    expect(decodeCp1258(encodeCp1258(all.normalize('NFD')))).toBe(all);
    expect(decodeCp1258(encodeCp1258('Nguyễn Văn Đức — 135.000 ₫'))).toBe('Nguyễn Văn Đức — 135.000 ₫');
    expect(decodeCp1258(encodeCp1258('Giấy → 中'))).toBe('Giấy ? ?');
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => void encodeCp1258(s)));
  });
});
