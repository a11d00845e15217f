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
  | { kind: 'bad-check-digit'; code: string; expected: number }
  | { kind: 'bad-service'; code: string; service: string }
  | { kind: 'not-s10'; code: string };

/**
 * Classifies a carrier code. `serviceLetters` lists the allowed service indicators
 * (empty = any two letters). A code without the S10 shape is an opaque carrier code.
 */
export function checkS10(raw: string, serviceLetters: readonly string[] = []): S10Check {
  const code = raw.trim().toUpperCase().replace(/\s+/g, '');
  const m = S10_SHAPE.exec(code);
  if (!m) return { kind: 'not-s10', code };
  const [, service, serial, digit, country] = m as unknown as [string, string, string, string, string];
  const expected = s10CheckDigit(serial);
  if (Number(digit) !== expected) return { kind: 'bad-check-digit', code, expected };
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
    return msg(
      `Số hiệu bưu gửi ${check.code} sai số kiểm tra (chữ số thứ 11 phải là ${check.expected}). Quét lại hoặc nhập lại.`,
      `Item number ${check.code} has a wrong check digit (the 11th digit should be ${check.expected}). Scan or type it again.`,
    );
  }
  if (check.kind === 'bad-service') {
    return msg(
      `Mã dịch vụ "${check.service}" của số hiệu ${check.code} không dùng cho hồ sơ hành chính.`,
      `Service letters "${check.service}" of ${check.code} are not used for dossiers.`,
    );
  }
  return null;
}
