import { z } from 'zod';
import { msg, type Msg } from '../i18n/msg.js';
import { FIELD_ALIASES, FIELD_LABELS, isLabelledField, NESTED_FIELDS, type LabelledField } from './field-labels.js';
import { FORM_LABELS, formLabelOf } from './form-field-labels.js';

/**
 * Validation messages carry both languages, Vietnamese first, separated by a line break, so an
 * issue keeps its words through oRPC's standard-schema issues (which keep only a message and a path).
 */
export const bilingual = (vi: string, en: string) => `${vi}\n${en}`;

const splitBilingual = (message: string): Msg => {
  const at = message.indexOf('\n');
  return at < 0 ? msg(message, message) : msg(message.slice(0, at), message.slice(at + 1));
};

/** zod's issues in the clerk's words; installed once wherever the contract's schemas are loaded. */
z.config({
  customError: (iss) => {
    switch (iss.code) {
      case 'too_big':
        return iss.origin === 'string'
          ? bilingual(`dài quá ${iss.maximum} ký tự`, `longer than ${iss.maximum} characters`)
          : iss.origin === 'array'
            ? bilingual(`nhiều quá ${iss.maximum} dòng`, `more than ${iss.maximum} lines`)
            : bilingual(`lớn hơn mức cho phép (${iss.maximum})`, `above the limit (${iss.maximum})`);
      case 'too_small':
        return iss.origin === 'string' || iss.origin === 'array'
          ? bilingual('không được để trống', 'must not be empty')
          : bilingual(`nhỏ hơn mức cho phép (${iss.minimum})`, `below the limit (${iss.minimum})`);
      case 'invalid_type':
        return iss.input === undefined
          ? bilingual('bị thiếu', 'is missing')
          : bilingual('sai kiểu dữ liệu', 'has the wrong kind of value');
      case 'invalid_value':
      case 'invalid_union':
        return bilingual('không phải một lựa chọn hợp lệ', 'is not one of the allowed choices');
      case 'invalid_format':
        return bilingual('không đúng định dạng', 'is not in the expected format');
      default:
        return bilingual('không hợp lệ', 'is not valid');
    }
  },
});

export interface IssueLike {
  message: string;
  path?: readonly (PropertyKey | { key: PropertyKey })[] | undefined;
}

/** The keys of an issue's path, whatever form oRPC gave its segments. */
const keysOf = (path: IssueLike['path']) => (path ?? []).map((p) => (typeof p === 'object' ? p.key : p));

/** The form field an issue path points at: the deepest segment the form has a label for. */
export function fieldOfPath(path: IssueLike['path']): LabelledField | undefined {
  const keys = keysOf(path);
  for (let i = keys.length - 1; i >= 0; i--) {
    const k = keys[i];
    const nested = i > 0 && typeof k === 'string' ? NESTED_FIELDS[String(keys[i - 1])]?.[k] : undefined;
    if (nested) return nested;
    if (isLabelledField(k)) return k;
    if (typeof k === 'string' && FIELD_ALIASES[k]) return FIELD_ALIASES[k];
  }
  return undefined;
}

/**
 * One problem per field, each worded "Label: what is wrong", in both languages. A field of a form
 * outside intake (`procedure` names it) is worded with that form's label; only intake's fields
 * are named in `field`, for the form to put the words next to them.
 */
export function problemsOfIssues(issues: readonly IssueLike[], procedure?: string): (Msg & { field?: string })[] {
  const seen = new Set<string>();
  const out: (Msg & { field?: string })[] = [];
  for (const issue of issues) {
    const formLabel = formLabelOf(procedure, keysOf(issue.path));
    const field = formLabel ? undefined : fieldOfPath(issue.path);
    // A form's field by its path without row numbers: two sections may share a label (the
    // printer's and the scanner's baud rate), and neither refusal may hide the other.
    const key = formLabel ? keysOf(issue.path).filter((k) => typeof k !== 'number').join('.') : (field ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    const words = splitBilingual(issue.message);
    const label = formLabel ? FORM_LABELS[formLabel] : field ? FIELD_LABELS[field] : undefined;
    out.push({
      field,
      vi: label ? `${label[0]}: ${words.vi}` : `Dữ liệu gửi lên: ${words.vi}`,
      en: label ? `${label[1]}: ${words.en}` : `The data sent: ${words.en}`,
    });
  }
  return out;
}
