import { describe, expect, it } from 'vitest';
import { charOf, KeyboardWedge, type KeyLike } from '../../renderer/src/scan/keyboard-wedge.js';

/** Key events as a US-layout scanner sends them: physical key, Shift when needed. */
function keysFor(text: string, start: number, gap: number): KeyLike[] {
  const table: Record<string, [string, boolean]> = { '|': ['Backslash', true], '.': ['Period', false], '-': ['Minus', false], ' ': ['Space', false], ',': ['Comma', false] };
  return [...text].map((ch, i) => {
    const t = start + i * gap;
    if (/[A-Z]/.test(ch)) return { code: `Key${ch}`, shiftKey: true, timeStamp: t };
    if (/[a-z]/.test(ch)) return { code: `Key${ch.toUpperCase()}`, shiftKey: false, timeStamp: t };
    if (/\d/.test(ch)) return { code: `Digit${ch}`, shiftKey: false, timeStamp: t };
    const [code, shiftKey] = table[ch]!;
    return { code, shiftKey, timeStamp: t };
  });
}

function run(wedge: KeyboardWedge, keys: KeyLike[], end: KeyLike) {
  for (const k of keys) expect(wedge.feed(k)).toEqual({ type: 'none' });
  return wedge.feed(end);
}

describe('keyboard-wedge scanner detection', () => {
  it('takes a fast burst ended by Enter or Tab as one scan', () => {
    const w = new KeyboardWedge();
    expect(run(w, keysFor('EL471108151VN', 1000, 8), { code: 'Enter', shiftKey: false, timeStamp: 1000 + 13 * 8 })).toEqual({ type: 'scan', text: 'EL471108151VN' });
    expect(run(w, keysFor('000.00.15.H12-261128-0007', 5000, 4), { code: 'Tab', shiftKey: false, timeStamp: 5000 + 25 * 4 })).toEqual({
      type: 'scan',
      text: '000.00.15.H12-261128-0007',
    });
  });

  it('never takes typing at human speed, or a burst too short, as a scan', () => {
    const w = new KeyboardWedge();
    expect(run(w, keysFor('EL471108151VN', 0, 110), { code: 'Enter', shiftKey: false, timeStamp: 13 * 110 })).toEqual({ type: 'none' });
    expect(run(w, keysFor('AB12', 0, 5), { code: 'Enter', shiftKey: false, timeStamp: 20 })).toEqual({ type: 'none' });
    // a fast burst, then a pause before Enter: the clerk pressed Enter, not the scanner
    expect(run(w, keysFor('EL471108151VN', 0, 5), { code: 'Enter', shiftKey: false, timeStamp: 400 })).toEqual({ type: 'none' });
  });

  it('keeps a burst through one stall, as a wireless scanner or a busy PC makes', () => {
    const w = new KeyboardWedge();
    const keys = keysFor('EL471108151VN', 0, 6).map((k, i) => (i >= 7 ? { ...k, timeStamp: k.timeStamp + 120 } : k));
    expect(run(w, keys, { code: 'Enter', shiftKey: false, timeStamp: 120 + 13 * 6 })).toEqual({ type: 'scan', text: 'EL471108151VN' });
  });

  it('never takes a quick typist as a scanner: the typical gap, not the fastest, decides', () => {
    const w = new KeyboardWedge();
    expect(run(w, keysFor('Nguyen Van', 0, 70), { code: 'Enter', shiftKey: false, timeStamp: 10 * 70 })).toEqual({ type: 'none' });
  });

  it('starts over after a pause, so earlier typing does not join a scan', () => {
    const w = new KeyboardWedge();
    for (const k of keysFor('Nguyen', 0, 150)) w.feed(k);
    expect(run(w, keysFor('EL471108151VN', 2000, 6), { code: 'Enter', shiftKey: false, timeStamp: 2000 + 13 * 6 })).toEqual({ type: 'scan', text: 'EL471108151VN' });
  });

  it('reads the physical key, whatever the layout says the key is', () => {
    // AZERTY: the key in the US "Q" position reports "A"; the scanner meant "Q".
    expect(charOf({ code: 'KeyQ', key: 'A', shiftKey: true, timeStamp: 0 })).toBe('Q');
    expect(charOf({ code: 'KeyQ', key: 'a', shiftKey: false, timeStamp: 0 })).toBe('q');
    expect(charOf({ code: 'Digit1', key: '&', shiftKey: false, timeStamp: 0 })).toBe('1');
    expect(charOf({ code: 'Backslash', key: '|', shiftKey: false, timeStamp: 0 })).toBe('|');
    expect(charOf({ code: 'KeyA', shiftKey: false, timeStamp: 0, getModifierState: () => true })).toBe('A');
    expect(charOf({ code: 'ArrowLeft', shiftKey: false, timeStamp: 0 })).toBeNull();
  });

  it('ignores modifier keys inside a burst and resets on other keys', () => {
    const w = new KeyboardWedge();
    const keys = keysFor('EL471108151VN', 0, 5).flatMap((k, i) => (i === 0 ? [{ code: 'ShiftLeft', shiftKey: true, timeStamp: 0 }, k] : [k]));
    expect(run(w, keys, { code: 'Enter', shiftKey: false, timeStamp: 70 })).toEqual({ type: 'scan', text: 'EL471108151VN' });
    for (const k of keysFor('EL4711', 100, 5)) w.feed(k);
    w.feed({ code: 'Backspace', shiftKey: false, timeStamp: 131 });
    expect(run(w, keysFor('08151', 135, 5), { code: 'Enter', shiftKey: false, timeStamp: 160 })).toEqual({ type: 'scan', text: '08151' });
  });
});
