import { parseGuidanceCode } from '../../../shared/ids/guidance-code.js';
import { foldVi } from '../../../shared/text/fold.js';

/** What a lookup query is, read the way a clerk means it. */
export type LookupKey =
  | { kind: 'all' }
  /** ID number (12 or 9 digits), phone or business code: compared digit for digit */
  | { kind: 'digits'; digits: string }
  | { kind: 'register'; year: number; seq: number }
  /** an item number or the agency's dossier code */
  | { kind: 'code'; code: string }
  /** a guidance slip's code (HD000042): the guided dossier it was printed for */
  | { kind: 'guidance'; guidedId: number }
  /**
   * the folded name's words, each matched whole, except the last one while it is being typed
   * (`lastIsPrefix`); each engine turns them into its own full-text query
   */
  | { kind: 'name'; words: string[]; lastIsPrefix: boolean };

/**
 * "000001/2026" and "1/2026" are register numbers; 9 or more digits (spaces, dots and dashes
 * allowed, +84 read as 0) are an ID, phone or business code; HD and six digits is a guidance
 * slip; one word mixing letters and digits is a code; anything else is a name. A name's last word counts as a prefix until the clerk
 * types a space after it, so results follow the typing.
 */
export function readLookupQuery(query: string): LookupKey {
  const text = query.trim();
  if (!text) return { kind: 'all' };
  const register = /^0*(\d{1,6})\s*\/\s*(\d{4})$/.exec(text);
  if (register) return { kind: 'register', seq: Number(register[1]), year: Number(register[2]) };
  const digits = text.replace(/^\+84/, '0').replace(/[\s.\-]/g, '');
  if (/^\d{9,15}$/.test(digits)) return { kind: 'digits', digits };
  const guidedId = parseGuidanceCode(text);
  if (guidedId !== undefined) return { kind: 'guidance', guidedId };
  if (!/\s/.test(text) && /\d/.test(text) && /[a-z]/i.test(text)) return { kind: 'code', code: text.toUpperCase() };
  const words = foldVi(text).replace(/[^a-z0-9]+/g, ' ').split(' ').filter(Boolean);
  if (words.length === 0) return { kind: 'all' };
  return { kind: 'name', words, lastIsPrefix: !/\s$/.test(query) };
}
