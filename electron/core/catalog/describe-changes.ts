import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { ImportPreview, Procedure, ProcedureDocument } from '../../../shared/contract/index.js';
import type { ParsedCatalogue } from './parse-catalogue.js';

type Change = ImportPreview['changes'][number];

/** What a changed procedure's fields are called in the preview; read-from-text pairs say one word. */
const FIELD_WORDS: Record<keyof Procedure | 'documents', Msg> = {
  code: msg('mã', 'code'),
  name: msg('tên', 'name'),
  field: msg('lĩnh vực', 'field'),
  agencyName: msg('cơ quan giải quyết', 'deciding agency'),
  agencyCode: msg('mã cơ quan', 'agency code'),
  level: msg('cấp thực hiện', 'level'),
  intakeByPost: msg('tiếp nhận qua BCCI', 'intake by post'),
  returnByPost: msg('trả kết quả qua BCCI', 'return by post'),
  deadlineText: msg('thời hạn', 'deadline'),
  deadlineDays: msg('thời hạn', 'deadline'),
  deadlineUnit: msg('thời hạn', 'deadline'),
  feeText: msg('phí', 'fee'),
  fee: msg('phí', 'fee'),
  notes: msg('ghi chú', 'notes'),
  inPerson: msg('có mặt trực tiếp', 'in person'),
  documents: msg('thành phần hồ sơ', 'documents'),
};

const sameDocuments = (a: ProcedureDocument[], b: ProcedureDocument[]) => JSON.stringify(a) === JSON.stringify(b);

/** Procedures added, changed (saying which fields) and removed, against the catalogue in use. */
export function describeChanges(
  before: Procedure[],
  beforeDocs: Map<string, ProcedureDocument[]>,
  parsed: ParsedCatalogue,
): Change[] {
  const old = new Map(before.map((p) => [p.code, p]));
  const now = new Set(parsed.procedures.map((p) => p.code));
  const changes: Change[] = [];
  for (const p of parsed.procedures) {
    const at = parsed.rowOf.get(p.code) ?? { sheet: '', row: 0 };
    const was = old.get(p.code);
    if (!was) {
      changes.push({ ...at, kind: 'added', code: p.code, message: msg(`Thêm: ${p.code} — ${p.name}`, `Added: ${p.code} — ${p.name}`) });
      continue;
    }
    const keys: (keyof typeof FIELD_WORDS)[] = (Object.keys(p) as (keyof Procedure)[]).filter((k) => p[k] !== was[k]);
    if (!sameDocuments(beforeDocs.get(p.code) ?? [], parsed.documents.get(p.code) ?? [])) keys.push('documents');
    if (keys.length === 0) continue;
    const words = [...new Map(keys.map((k) => [FIELD_WORDS[k].vi, FIELD_WORDS[k]])).values()];
    changes.push({
      ...at,
      kind: 'changed',
      code: p.code,
      message: msg(
        `Đổi ${words.map((w) => w.vi).join(', ')}: ${p.code} — ${p.name}`,
        `Changed ${words.map((w) => w.en).join(', ')}: ${p.code} — ${p.name}`,
      ),
    });
  }
  for (const p of before) {
    if (now.has(p.code)) continue;
    changes.push({
      sheet: '',
      row: 0,
      kind: 'removed',
      code: p.code,
      message: msg(`Bỏ khỏi danh mục: ${p.code} — ${p.name}`, `Removed from the catalogue: ${p.code} — ${p.name}`),
    });
  }
  return changes;
}
