import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { bilingual, fieldOfPath, problemsOfIssues } from '../../shared/contract/validation-words.js';

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; [k: string]: unknown };

/** Every object key a procedure's input can hold, as a path from the input's root. */
function keysOf(def: Def, path: string[], out: string[][], seen = new Set<Def>()) {
  if (seen.has(def)) return;
  seen.add(def);
  const inner = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        out.push([...path, k]);
        keysOf(inner(v), [...path, k], out, seen);
      }
      return;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return keysOf(inner(def.innerType), path, out, seen);
    case 'array':
      return keysOf(inner(def.element), [...path, '0'], out, seen);
    case 'union': case 'discriminated_union':
      for (const o of def.options as unknown[]) keysOf(inner(o), path, out, seen);
      return;
    case 'pipe':
      return keysOf(inner(def.in), path, out, seen);
    case 'lazy':
      return keysOf(inner((def.getter as () => unknown)()), path, out, seen);
  }
}

function procedures(node: Record<string, unknown>, name: string[] = []): [string, Def][] {
  return Object.entries(node).flatMap(([k, v]) => {
    const orpc = (v as { '~orpc'?: { inputSchema?: { _zod: { def: Def } } } })['~orpc'];
    if (orpc) return orpc.inputSchema ? [[[...name, k].join('.'), orpc.inputSchema._zod.def] as [string, Def]] : [];
    return procedures(v as Record<string, unknown>, [...name, k]);
  });
}

/** What the forms set themselves, never typed by the clerk, so never the field a refusal names. */
const SET_BY_THE_FORM = new Set(['requestKey', 'decision', 'resumes', 'sender', 'kind', 'dossierId', 'authorisation']);

/** The same for the other forms: paging, the button pressed, what a preview handed back, today. */
const SET_BY_OTHER_FORMS: Record<string, string[]> = {
  '*': ['offset', 'limit', 'before', 'format', 'restoreId', 'cutoff'],
  // kept as read: the screen has no field for them
  'settings.update': ['s10.country', 's10.serviceLetters'],
  'reports.closeDay': ['day'],
};

/** The paths the clerk fills: an object only groups its fields (a section of the form), an array is a list the form names. */
const fieldsOf = (paths: string[][]) =>
  paths.filter((p) => !paths.some((q) => q.length === p.length + 1 && q.at(-1) !== '0' && p.every((k, i) => q[i] === k)));

/** The forms outside intake: Settings (its backups, calendar, retention, audit log) and F6. */
const OTHER_FORMS = [
  'settings.update',
  'agencies.save',
  'agencies.test',
  'calendar.year',
  'calendar.saveNotice',
  'calendar.readNoticeFile',
  'backup.create',
  'backup.setAutomatic',
  'backup.previewRestore',
  'retention.setPeriod',
  'audit.list',
  'audit.exportKey',
  'audit.importKey',
  'reports.register',
  'reports.registerFile',
  'reports.periodic',
  'reports.periodicFile',
  'reports.closeDay',
  'reports.counterDays',
  'reports.closeDayFor',
];

/** The procedures behind the forms where the clerk types a citizen's details. */
const CLERK_FORMS = ['dossiers.intake', 'returns.registerResultOnly', 'returns.deliver', 'batches.create'];

describe('a refused field is named in the form’s own words', () => {
  const inputs = new Map(procedures(contract as unknown as Record<string, unknown>));

  it.each(CLERK_FORMS)('every field %s takes has a label', (name) => {
    const out: string[][] = [];
    keysOf(inputs.get(name)!, [], out);
    expect(out.length).toBeGreaterThan(0);
    const unnamed = out.filter((p) => !SET_BY_THE_FORM.has(p.at(-1)!) && !fieldOfPath(p)).map((p) => p.join('.'));
    expect(unnamed).toEqual([]);
  });

  it.each(OTHER_FORMS)('every field %s takes is named in its form’s words, never as “the data sent”', (name) => {
    const out: string[][] = [];
    keysOf(inputs.get(name)!, [], out);
    expect(out.length).toBeGreaterThan(0);
    const notTyped = new Set([...SET_BY_OTHER_FORMS['*']!, ...(SET_BY_OTHER_FORMS[name] ?? [])]);
    const unnamed = fieldsOf(out)
      .filter((p) => !notTyped.has(p.join('.')) && !notTyped.has(p.at(-1)!))
      .filter((p) => problemsOfIssues([{ message: bilingual('không hợp lệ', 'is not valid'), path: p }], name)[0]!.vi.startsWith('Dữ liệu gửi lên'))
      .map((p) => p.join('.'));
    expect(unnamed).toEqual([]);
  });

  it('names one key by the form it is typed in: each passphrase, and S10’s service letters rather than intake’s service', () => {
    const words = (name: string, path: (string | number)[]) => problemsOfIssues([{ message: bilingual('không được để trống', 'must not be empty'), path }], name)[0];
    expect(words('backup.create', ['passphrase'])).toEqual({ field: undefined, vi: 'Mật khẩu sao lưu: không được để trống', en: 'Backup passphrase: must not be empty' });
    expect(words('backup.previewRestore', ['passphrase'])?.vi).toBe('Mật khẩu của bản sao lưu: không được để trống');
    expect(words('audit.importKey', ['passphrase'])?.vi).toBe('Mật khẩu của tệp khoá: không được để trống');
    expect(words('settings.update', ['s10', 'service'])?.vi).toBe('Mã dịch vụ (2 chữ): không được để trống');
    expect(words('settings.update', ['s10', 'carriers', 2, 'pattern'])?.en).toBe('Code pattern (regular expression, whole code): must not be empty');
    // intake's own fields keep their names, and the field for the form to put the words beside it
    expect(words('dossiers.intake', ['sender', 'phone'])).toMatchObject({ field: 'phone', vi: 'Số điện thoại: không được để trống' });
  });

  it('keeps both refusals when two sections share a label (the printer’s and the scanner’s baud rate)', () => {
    const empty = bilingual('nhỏ hơn mức cho phép (1200)', 'below the limit (1200)');
    const problems = problemsOfIssues(
      [
        { message: empty, path: ['printer', 'baudRate'] },
        { message: empty, path: ['scanner', 'baudRate'] },
        { message: empty, path: ['handover', 'rules', 0, 'agencyCode'] },
        { message: empty, path: ['handover', 'rules', 1, 'agencyCode'] },
      ],
      'settings.update',
    );
    expect(problems.map((p) => p.vi)).toEqual([
      'Tốc độ (baud): nhỏ hơn mức cho phép (1200)',
      'Tốc độ (baud): nhỏ hơn mức cho phép (1200)',
      'Mã cơ quan: nhỏ hơn mức cho phép (1200)',
    ]);
  });

  it('names a nested field by its parent: the authorised person’s name, not the citizen’s', () => {
    expect(fieldOfPath(['authorisation', 'name'])).toBe('authorisedName');
    expect(fieldOfPath(['sender', 'fullName'])).toBe('fullName');
  });
});
