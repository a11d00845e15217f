/** UPU S10 postal item numbers: 2 letters, 8-digit serial, check digit, 2-letter country. */
import { msg, type Msg } from '../i18n/msg.js';

const WEIGHTS = [8, 6, 4, 2, 3, 5, 9, 7];
const S10_SHAPE = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('S10 serial must be 8 digits');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}

export type S10Check =
  | { kind: 's10'; code: string; service: string; serial: string; country: string }
  | { kind: 'bad-check-digit'; code: string }
  | { kind: 'bad-service'; code: string; service: string }
  /** shaped almost like S10 (a mistyped or misread number): never an opaque carrier code */
  | { kind: 'malformed'; code: string; reason: Msg }
  | { kind: 'not-s10'; code: string };

/** A letter in the first two places, six digits or more, a letter last: a mistyped or misread S10 number. */
const S10_NEAR = /^(?=[A-Z]|.[A-Z])[A-Z0-9]{2}\d{6,}[A-Z0-9]*[A-Z]$/;

function malformedReason(code: string): Msg {
  const example = 'EL123456785VN';
  if (code.length !== 13) {
    return msg(
      `Số hiệu bưu gửi ${code} có ${code.length} ký tự; số hiệu đúng có 13 ký tự: 2 chữ cái, 9 chữ số, 2 chữ cái (ví dụ ${example}). Kiểm tra số trên bao bì rồi nhập lại.`,
      `Item number ${code} has ${code.length} characters; a valid one has 13: 2 letters, 9 digits, 2 letters (e.g. ${example}). Check the number on the envelope and type it again.`,
    );
  }
  return msg(
    `Số hiệu bưu gửi ${code} có chữ số ở chỗ của chữ cái hoặc ngược lại; số hiệu đúng gồm 2 chữ cái, 9 chữ số, 2 chữ cái (ví dụ ${example}). Kiểm tra số trên bao bì rồi nhập lại.`,
    `Item number ${code} has a digit where a letter belongs or the reverse; a valid one is 2 letters, 9 digits, 2 letters (e.g. ${example}). Check the number on the envelope and type it again.`,
  );
}

/**
 * Classifies a carrier code. `serviceLetters` lists the allowed service indicators
 * (empty = any two letters). A code without the S10 shape is an opaque carrier code.
 */
export function checkS10(raw: string, serviceLetters: readonly string[] = []): S10Check {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = S10_SHAPE.exec(code);
  if (!m) {
    return code.length >= 10 && code.length <= 16 && S10_NEAR.test(code)
      ? { kind: 'malformed', code, reason: malformedReason(code) }
      : { kind: 'not-s10', code };
  }
  const [, service, serial, digit, country] = m as unknown as [string, string, string, string, string];
  if (Number(digit) !== s10CheckDigit(serial)) return { kind: 'bad-check-digit', code };
  if (serviceLetters.length > 0 && !serviceLetters.includes(service)) {
    return { kind: 'bad-service', code, service };
  }
  return { kind: 's10', code, service, serial, country };
}

export function makeS10(service: string, serialNumber: number, country = 'VN'): string {
  const serial = String(serialNumber).padStart(8, '0');
  if (!/^[A-Z]{2}$/.test(service) || !/^[A-Z]{2}$/.test(country) || serial.length !== 8) {
    throw new RangeError('invalid S10 parts');
  }
  return `${service}${serial}${s10CheckDigit(serial)}${country}`;
}

/** Why a checked code cannot be a dossier's item number, in the clerk's words; null when it can. */
export function s10Problem(check: S10Check): Msg | null {
  if (check.kind === 'bad-check-digit') {
    // The right digit is not shown: a clerk given it would "fix" a misread number into another item's.
    return msg(
      `Số hiệu bưu gửi ${check.code} không đúng (sai số kiểm tra): có thể đã đọc hoặc gõ nhầm một chữ số. Kiểm tra số trên bao bì rồi quét hoặc nhập lại.`,
      `Item number ${check.code} is wrong (its check digit does not match): a digit was probably misread or mistyped. Check the number on the envelope, then scan or type it again.`,
    );
  }
  if (check.kind === 'malformed') return check.reason;
  if (check.kind === 'bad-service') {
    return msg(
      `Mã dịch vụ "${check.service}" của số hiệu ${check.code} không dùng cho hồ sơ hành chính.`,
      `Service letters "${check.service}" of ${check.code} are not used for dossiers.`,
    );
  }
  return null;
}
