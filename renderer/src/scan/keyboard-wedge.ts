/**
 * Keyboard-emulating scanners type fast: keys a few ms apart, ended by Enter or Tab.
 * Characters are built from `KeyboardEvent.code` (the physical key) with Shift, as a
 * US-layout scanner sends them, so the clerk's keyboard layout or Vietnamese input method
 * does not change what is read. A burst is at least 5 keys whose typical (median) gap is
 * under 50 ms; a single stall up to 150 ms (a wireless scanner, a busy PC) does not break
 * it. A clerk typing normally (keys ~100 ms+ apart) never makes one.
 */
export const WEDGE = { typicalGapMs: 50, maxGapMs: 150, minLength: 5 } as const;

const SHIFTED: Record<string, [string, string]> = {
  Minus: ['-', '_'],
  Equal: ['=', '+'],
  BracketLeft: ['[', '{'],
  BracketRight: [']', '}'],
  Backslash: ['\\', '|'],
  IntlBackslash: ['\\', '|'],
  Semicolon: [';', ':'],
  Quote: ["'", '"'],
  Comma: [',', '<'],
  Period: ['.', '>'],
  Slash: ['/', '?'],
  Backquote: ['`', '~'],
  Space: [' ', ' '],
  Digit1: ['1', '!'],
  Digit2: ['2', '@'],
  Digit3: ['3', '#'],
  Digit4: ['4', '$'],
  Digit5: ['5', '%'],
  Digit6: ['6', '^'],
  Digit7: ['7', '&'],
  Digit8: ['8', '*'],
  Digit9: ['9', '('],
  Digit0: ['0', ')'],
  NumpadDecimal: ['.', '.'],
  NumpadSubtract: ['-', '-'],
  NumpadAdd: ['+', '+'],
  NumpadMultiply: ['*', '*'],
  NumpadDivide: ['/', '/'],
};

export interface KeyLike {
  code: string;
  key?: string;
  shiftKey: boolean;
  timeStamp: number;
  getModifierState?(key: string): boolean;
}

/**
 * The character a key stands for. The physical key decides which letter or symbol; the
 * reported `key` is trusted only to tell its case or shift state when it is one of that
 * key's two US characters (so another layout cannot change what is read).
 */
export function charOf(e: KeyLike): string | null {
  const letter = /^Key([A-Z])$/.exec(e.code);
  if (letter) {
    const reported = e.key && /^[a-zA-Z]$/.test(e.key) ? e.key === e.key.toUpperCase() : null;
    const upper = reported ?? e.shiftKey !== Boolean(e.getModifierState?.('CapsLock'));
    return upper ? letter[1]! : letter[1]!.toLowerCase();
  }
  const numpad = /^Numpad(\d)$/.exec(e.code);
  if (numpad) return numpad[1]!;
  const pair = SHIFTED[e.code];
  if (!pair) return null;
  return e.key === pair[0] || e.key === pair[1] ? e.key : pair[e.shiftKey ? 1 : 0];
}

const TERMINATORS = new Set(['Enter', 'NumpadEnter', 'Tab']);
const MODIFIERS = new Set(['ShiftLeft', 'ShiftRight', 'CapsLock', 'ControlLeft', 'ControlRight', 'AltLeft', 'AltRight', 'MetaLeft', 'MetaRight']);

export type WedgeResult = { type: 'none' } | { type: 'scan'; text: string };

/** Pure burst detection; the DOM side (restoring the field, stopping Enter) is in use-keyboard-scans. */
export class KeyboardWedge {
  private chars: string[] = [];
  private gaps: number[] = [];
  private lastAt = -Infinity;

  /** True when this key starts a possible burst (the caller snapshots the focused field). */
  startsBurst(e: KeyLike): boolean {
    return charOf(e) !== null && (this.chars.length === 0 || e.timeStamp - this.lastAt > WEDGE.maxGapMs);
  }

  feed(e: KeyLike): WedgeResult {
    if (MODIFIERS.has(e.code)) return { type: 'none' };
    const gap = e.timeStamp - this.lastAt;
    if (TERMINATORS.has(e.code)) {
      const text = this.chars.join('');
      const gaps = [...this.gaps, gap].sort((a, b) => a - b);
      const median = gaps[Math.floor(gaps.length / 2)]!;
      const isScan = this.chars.length >= WEDGE.minLength && gap <= WEDGE.maxGapMs && median <= WEDGE.typicalGapMs;
      this.reset();
      return isScan ? { type: 'scan', text } : { type: 'none' };
    }
    const ch = charOf(e);
    if (ch === null) {
      this.reset();
      return { type: 'none' };
    }
    if (gap > WEDGE.maxGapMs) {
      this.chars = [];
      this.gaps = [];
    } else {
      this.gaps.push(gap);
    }
    this.chars.push(ch);
    this.lastAt = e.timeStamp;
    return { type: 'none' };
  }

  reset(): void {
    this.chars = [];
    this.gaps = [];
    this.lastAt = -Infinity;
  }
}
