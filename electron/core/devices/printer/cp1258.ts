import iconv from 'iconv-lite';

/** Marks that change the letter (â ê ô ă ơ ư): CP1258 has these letters precomposed. */
const SHAPE_MARKS = /[\u0302\u0306\u031B]/;
/** Tone marks: CP1258 sends these as separate combining bytes after the letter. */
const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/;

/**
 * Vietnamese text to Windows-1258 bytes, the way CP1258 spells it: the base letter with its
 * shape (â, ơ, ư…) precomposed, followed by the tone mark as a combining character. Encoding
 * precomposed Unicode ("ễ") directly would lose it; this never does. Characters CP1258 lacks
 * become "?".
 */
export function encodeCp1258(text: string): Buffer {
  let out = '';
  for (const cluster of text.normalize('NFD').match(/\P{M}\p{M}*|\p{M}+/gu) ?? []) {
    const base = cluster[0]!;
    const marks = [...cluster.slice(1)];
    const shaped = (base + marks.filter((m) => SHAPE_MARKS.test(m)).join('')).normalize('NFC');
    out += shaped + marks.filter((m) => TONE_MARKS.test(m)).join('') + marks.filter((m) => !SHAPE_MARKS.test(m) && !TONE_MARKS.test(m)).join('');
  }
  return iconv.encode(out, 'windows1258');
}

/** The reverse, for tests and for reading a CP1258 printer's transcript back. */
export function decodeCp1258(bytes: Uint8Array): string {
  return iconv.decode(Buffer.from(bytes), 'windows1258').normalize('NFC');
}
