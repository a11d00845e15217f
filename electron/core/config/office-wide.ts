import { SettingsSchema, type Settings } from '../../../shared/contract/index.js';

/**
 * Which settings belong to the office and which to this counter (decision 0038). The office's
 * live in the database as one row per section, so every counter of an office reads the same;
 * the counter's stay in its settings.json.
 */
export const COUNTER_KEYS = ['lang', 'counter', 'scanner', 'printer', 'officeServer'] as const satisfies readonly (keyof Settings)[];
/** Whole sections kept office-wide, each a row named as its key. */
const OFFICE_SECTIONS = ['office', 'security', 'handover', 'agencies'] as const satisfies readonly (keyof Settings)[];
/** The item-number formats every counter accepts (service letters, other carriers). */
const ITEM_CODES = 'itemCodes';
/** Each counter draws item numbers from its own range, so the range is kept per counter code. */
const RANGE_PREFIX = 's10:';
export const rangeRowOf = (counterCode: string): string => `${RANGE_PREFIX}${counterCode}`;
export const counterOfRangeRow = (name: string): string | null => (name.startsWith(RANGE_PREFIX) ? name.slice(RANGE_PREFIX.length) : null);

/** The settings key a row's value is taken from. */
export const keyOfRow = (name: string): string => (name === ITEM_CODES || counterOfRangeRow(name) !== null ? 's10' : name);

export type S10Range = Pick<Settings['s10'], 'service' | 'country' | 'first' | 'last'>;
type ItemCodes = Pick<Settings['s10'], 'serviceLetters' | 'carriers'>;

/** The office-wide rows these settings hold: row name → its value as JSON text. */
export function officeRowsOf(s: Settings): Map<string, string> {
  const rows = new Map<string, string>(OFFICE_SECTIONS.map((k) => [k, JSON.stringify(s[k])]));
  const { service, country, first, last, serviceLetters, carriers } = s.s10;
  rows.set(ITEM_CODES, JSON.stringify({ serviceLetters, carriers } satisfies ItemCodes));
  rows.set(rangeRowOf(s.counter.code), JSON.stringify({ service, country, first, last } satisfies S10Range));
  return rows;
}

/** The counter-local part, as settings.json keeps it. */
export function counterPartOf(s: Settings): Record<string, unknown> {
  return Object.fromEntries(COUNTER_KEYS.map((k) => [k, s[k]]));
}

/**
 * The settings this counter works with: its own file's, with every office-wide row there is laid
 * over them. A row that no longer reads (written by a newer version, edited by hand) is left out
 * rather than stopping the counter: the value under it is the file's or the default.
 */
export function withOfficeRows(local: Settings, rows: ReadonlyMap<string, string>): Settings {
  const out: Record<string, unknown> = { ...local };
  for (const key of OFFICE_SECTIONS) {
    const row = rows.get(key);
    const parsed = row === undefined ? undefined : SettingsSchema.shape[key].safeParse(parseJson(row));
    if (parsed?.success) out[key] = parsed.data;
  }
  const s10 = SettingsSchema.shape.s10;
  const itemCodes = rows.get(ITEM_CODES);
  const range = rows.get(rangeRowOf(local.counter.code));
  const merged = s10.safeParse({ ...local.s10, ...(itemCodes && object(itemCodes)), ...(range && object(range)) });
  if (merged.success) out['s10'] = merged.data;
  return out as Settings;
}

/** The ranges in the rows, by counter code. */
export function rangesIn(rows: Iterable<[string, string]>): Map<string, S10Range> {
  const out = new Map<string, S10Range>();
  for (const [name, value] of rows) {
    const counter = counterOfRangeRow(name);
    const parsed = counter === null ? undefined : SettingsSchema.shape.s10.safeParse(object(value));
    if (counter !== null && parsed?.success) out.set(counter, parsed.data);
  }
  return out;
}

/** The other counter whose range shares item numbers with `range`, if any. */
export function overlapping(range: S10Range, counterCode: string, others: ReadonlyMap<string, S10Range>): [string, S10Range] | null {
  for (const [counter, r] of others) {
    if (counter === counterCode || r.service !== range.service || r.country !== range.country) continue;
    if (r.first <= range.last && range.first <= r.last) return [counter, r];
  }
  return null;
}

/** The office-wide keys a settings file written before decision 0038 still holds. */
export function officeKeysIn(file: Record<string, unknown>): string[] {
  return Object.keys(file).filter((k) => !(COUNTER_KEYS as readonly string[]).includes(k) && k in SettingsSchema.shape);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
const object = (text: string): Record<string, unknown> => {
  const v = parseJson(text);
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
};
