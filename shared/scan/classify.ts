import { parseIdCardQr, type IdCard } from '../ids/id-card-qr.js';
import { parseGuidanceCode } from '../ids/guidance-code.js';
import { checkItemCode, type ItemCodeRules } from '../ids/item-code.js';
import { itemOfReceiptQr } from '../ids/receipt-qr.js';
import { checkS10 } from '../ids/s10.js';
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
/** The card text starts with a 12-digit number and is split by `|`. */
const CARD_LIKE = /^\s*\d{12}\s*\|/;

export type ClassifyOptions = Partial<ItemCodeRules>;

/** Never throws: every input, however broken, gets a kind. */
export function classifyScan(raw: string, options: ClassifyOptions = {}): Scan {
  const text = typeof raw === 'string' ? raw.normalize('NFC').replace(/[\r\n]+$/g, '').trim() : '';
  if (CARD_LIKE.test(text)) {
    const parsed = parseIdCardQr(text);
    return parsed.ok ? { kind: 'id-card', text, card: parsed.card } : { kind: 'refused', text, of: 'id-card', reason: parsed.reason };
  }
  // A receipt's QR carries the register number too; the item number is what finds the dossier.
  const compact = itemOfReceiptQr(text) ?? text.toUpperCase().replace(/\s+/g, '');
  // A guidance slip's code finds its dossier the way an agency dossier code does.
  if (AGENCY_DOSSIER_CODE.test(compact) || parseGuidanceCode(compact) !== undefined) return { kind: 'dossier-code', text, code: compact };
  const item = checkItemCode(compact, { serviceLetters: options.serviceLetters ?? [], carriers: options.carriers ?? [] });
  if (item.ok) return { kind: 'item', text, code: item.code, s10: item.s10 };
  // Only what is shaped like an item number is refused as one; anything else is left to the screen.
  if (checkS10(compact).kind !== 'not-s10') return { kind: 'refused', text, of: 'item', reason: item.problem };
  return { kind: 'other', text };
}
