import { formatWithOptions } from 'node:util';

/**
 * Citizens' data never goes to a log in clear (personal-data rules): whatever the core or a
 * library prints passes through maskPersonal at the log boundary, the console of the host process.
 * Two nets: the values of fields that hold a person's name, ID, birth date, address, phone or email,
 * wherever an object or JSON is printed; and any run of 9–12 digits (ID card, old ID, phone),
 * written as one run or in groups, whatever the field. The last two digits stay, to tell lines apart.
 */
const PERSONAL_FIELDS = [
  'fullName', 'senderName', 'sender_name', 'sender_name_key', 'name',
  'personalId', 'sender_personal_id', 'oldId', 'sender_old_id', 'senderIdNumber', 'idNumber', 'businessCode', 'sender_business_code',
  'birthDate', 'sender_birth_date',
  'address', 'sender_address', 'deliveryAddress', 'delivery_address',
  'phone', 'sender_phone', 'email', 'sender_email',
  'query',
];
const FIELD = new RegExp(`(["']?)\\b(${PERSONAL_FIELDS.join('|')})\\1(\\s*[:=]\\s*)(?:'(?:[^'\\\\]|\\\\.)*'|"(?:[^"\\\\]|\\\\.)*"|\`(?:[^\`\\\\]|\\\\.)*\`)`, 'g');
/** 9–12 digits together, or in groups of 3–4 split by a space or dot (phones as people write them). */
const DIGITS = /(?<![\w.])(?:\+84[ .]?)?(?:\d{9,12}|\d{3,4}(?:[ .]\d{3,4}){2,3})(?![\w])/g;

export const MASK = '[ẩn/hidden]';

export function maskPersonal(text: string): string {
  return text
    .replace(FIELD, (_all, quote: string, key: string, sep: string) => `${quote}${key}${quote}${sep}'${MASK}'`)
    .replace(DIGITS, (run) => `***${run.replace(/\D/g, '').slice(-2)}`);
}

type ConsoleMethod = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** Routes every console line of this process through maskPersonal (objects and errors formatted first). */
export function installLogMasking(target: Pick<Console, ConsoleMethod> = console): void {
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    const write = target[method].bind(target);
    target[method] = (...args: unknown[]) => write(maskPersonal(formatWithOptions({ depth: 8, colors: false }, ...args)));
  }
}
