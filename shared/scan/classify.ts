import { parseIdCardQr, type IdCard } from '../ids/id-card-qr.js';
import { checkS10, s10Problem } from '../ids/s10.js';
import type { Msg } from '../i18n/msg.js';

/**
 * What a scan is, whichever scanner it came from (serial or keyboard wedge).
 * Screens route on `kind`; refused scans carry the reason for the clerk.
 */
export type Scan =
  | { kind: 'id-card'; text: string; card: IdCard }
  | { kind: 'item'; text: string; code: string; s10: boolean }
  | { kind: 'dossier-code'; text: string; code: string }
  | { kind: 'refused'; text: string; of: 'id-card' | 'item'; reason: Msg }
  | { kind: 'other'; text: string };

const AGENCY_DOSSIER_CODE = /^[0-9A-Z.]{1,35}-\d{6}-\d{4}$/;
const S10_LIKE = /^[A-Z]{2}\d{9}[A-Z]{2}$/;
/** The card text starts with a 12-digit number and is split by `|`. */
const CARD_LIKE = /^\s*\d{12}\s*\|/;

export interface ClassifyOptions {
  /** S10 service letters accepted for dossiers; empty = any */
  serviceLetters?: readonly string[];
}

/** Never throws: every input, however broken, gets a kind. */
export function classifyScan(raw: string, options: ClassifyOptions = {}): Scan {
  const text = typeof raw === 'string' ? raw.normalize('NFC').replace(/[\r\n]+$/g, '').trim() : '';
  if (CARD_LIKE.test(text)) {
    const parsed = parseIdCardQr(text);
    return parsed.ok ? { kind: 'id-card', text, card: parsed.card } : { kind: 'refused', text, of: 'id-card', reason: parsed.reason };
  }
  const compact = text.toUpperCase().replace(/\s+/g, '');
  if (S10_LIKE.test(compact)) {
    const check = checkS10(compact, options.serviceLetters ?? []);
    if (check.kind === 's10') return { kind: 'item', text, code: check.code, s10: true };
    const problem = s10Problem(check);
    if (problem) return { kind: 'refused', text, of: 'item', reason: problem };
  }
  if (AGENCY_DOSSIER_CODE.test(compact)) return { kind: 'dossier-code', text, code: compact };
  return { kind: 'other', text };
}
