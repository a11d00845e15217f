import { msg, type Msg } from '../i18n/msg.js';
import { checkS10, s10Problem } from './s10.js';

/** Another carrier's item-number format, as an administrator declares it in Settings. */
export interface CarrierPattern {
  name: string;
  /** a regular expression the whole code must match, e.g. `VTP\d{9}` */
  pattern: string;
}

/** Compiles a declared pattern anchored to the whole code; null when it is not a valid expression. */
export function compileCarrierPattern(pattern: string): RegExp | null {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch {
    return null;
  }
}

/** The carrier whose declared pattern the code matches, if any. */
export function carrierOf(code: string, patterns: readonly CarrierPattern[]): CarrierPattern | undefined {
  return patterns.find((p) => compileCarrierPattern(p.pattern)?.test(code));
}

/** Why a code that is not S10 cannot be used, when no declared carrier pattern takes it. */
export function unknownCarrierProblem(code: string): Msg {
  return msg(
    `Mã ${code} không phải số hiệu bưu gửi (2 chữ cái, 9 chữ số, 2 chữ cái) và không khớp mẫu mã của hãng vận chuyển nào đã khai báo trong Cài đặt.`,
    `${code} is not an item number (2 letters, 9 digits, 2 letters) and matches no carrier code pattern declared in Settings.`,
  );
}

export interface ItemCodeRules {
  /** S10 service letters accepted for dossiers; empty = any */
  serviceLetters: readonly string[];
  carriers: readonly CarrierPattern[];
}

export type ItemCodeCheck = { ok: true; code: string; s10: boolean } | { ok: false; code: string; problem: Msg };

/**
 * Whether a typed or scanned code can be a dossier's item number: a valid S10 number, or a code
 * matching a carrier pattern declared in Settings. The one rule for the classifier, form and core.
 */
export function checkItemCode(raw: string, rules: ItemCodeRules): ItemCodeCheck {
  const check = checkS10(raw, rules.serviceLetters);
  if (check.kind === 's10') return { ok: true, code: check.code, s10: true };
  if (carrierOf(check.code, rules.carriers)) return { ok: true, code: check.code, s10: false };
  return { ok: false, code: check.code, problem: s10Problem(check) ?? unknownCarrierProblem(check.code) };
}
