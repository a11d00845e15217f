import { foldVi, cleanText } from '../../../shared/text/fold.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { ImportNote, Procedure, ProcedureDocument } from '../../../shared/contract/index.js';
import { findHeader, isDecoration, type ColumnSpec, type Header } from './find-header.js';
import { readDeadline, readFee } from './published-values.js';
import type { Table } from './read-tables.js';

export interface ParsedCatalogue {
  procedures: Procedure[];
  documents: Map<string, ProcedureDocument[]>;
  /** Refused rows: any one blocks confirm. */
  errors: ImportNote[];
  /** Rows kept with a value unknown, or skipped because of an error reported elsewhere. */
  warnings: ImportNote[];
  /** Where each imported procedure was read, for the preview's list of changes. */
  rowOf: Map<string, { sheet: string; row: number }>;
}

type ProcedureColumn =
  | 'code' | 'name' | 'field' | 'agencyName' | 'agencyCode' | 'level'
  | 'intakeByPost' | 'returnByPost' | 'deadline' | 'fee' | 'notes' | 'inPerson';
type DocumentColumn = 'code' | 'name' | 'original' | 'copy' | 'required';

const startsWith = (...prefixes: string[]) => (h: string) => prefixes.some((p) => h.startsWith(p));
const byPost = (h: string) => h.includes('bcci') || h.includes('buu chinh');

/**
 * The published headers, matched on folded text (case, diacritics, spacing do not matter) by
 * their first words, so "Thời hạn giải quyết (ngày làm việc)" and "Tên thủ tục hành chính" match.
 * The BCCI flags also match a two-line header: "Thực hiện qua BCCI" over "Tiếp nhận hồ sơ".
 */
const PROCEDURE_COLUMNS: ColumnSpec<ProcedureColumn>[] = [
  { key: 'code', label: 'Mã TTHC', required: true, matches: startsWith('ma tthc', 'ma thu tuc', 'ma so tthc') },
  { key: 'name', label: 'Tên thủ tục', required: true, matches: startsWith('ten thu tuc', 'ten tthc') },
  { key: 'field', label: 'Lĩnh vực', required: false, matches: startsWith('linh vuc') },
  { key: 'agencyName', label: 'Cơ quan giải quyết', required: true, matches: startsWith('co quan giai quyet', 'co quan thuc hien') },
  { key: 'agencyCode', label: 'Mã cơ quan', required: true, matches: startsWith('ma co quan', 'ma dinh danh') },
  { key: 'level', label: 'Cấp thực hiện', required: false, matches: startsWith('cap thuc hien') },
  { key: 'intakeByPost', label: 'Tiếp nhận qua BCCI', required: true, matches: (h) => h.includes('tiep nhan') && byPost(h) },
  { key: 'returnByPost', label: 'Trả kết quả qua BCCI', required: true, matches: (h) => h.includes('tra ket qua') && byPost(h) },
  { key: 'deadline', label: 'Thời hạn giải quyết', required: false, matches: startsWith('thoi han') },
  // postage columns ("Phí dịch vụ bưu chính") are not the agency's fee
  { key: 'fee', label: 'Phí, lệ phí', required: false, matches: (h) => startsWith('phi', 'le phi', 'muc phi')(h) && !byPost(h) },
  { key: 'notes', label: 'Ghi chú', required: false, matches: startsWith('ghi chu') },
  // not "Nộp trực tiếp" (a way to submit): only a column that requires presence
  { key: 'inPerson', label: 'Có mặt trực tiếp', required: false, matches: (h) => h.includes('co mat') || /(phai|yeu cau).*truc tiep/.test(h) },
];
const DOCUMENT_COLUMNS: ColumnSpec<DocumentColumn>[] = [
  { key: 'code', label: 'Mã TTHC', required: true, matches: startsWith('ma tthc', 'ma thu tuc', 'ma so tthc') },
  { key: 'name', label: 'Tên giấy tờ', required: true, matches: startsWith('ten giay to', 'ten thanh phan') },
  { key: 'original', label: 'Bản chính', required: true, matches: startsWith('ban chinh') },
  { key: 'copy', label: 'Bản sao', required: true, matches: startsWith('ban sao') },
  { key: 'required', label: 'Bắt buộc', required: true, matches: startsWith('bat buoc') },
];

const YES = new Set(['co', 'x', '1', 'true', 'yes', 'y', 'dung']);
const NO = new Set(['', 'khong', '0', 'false', 'no', 'n', '-']);
const AGENCY_CODE = /^[0-9A-Z.]{1,35}$/;

function yesNo(text: string): boolean | null {
  const f = foldVi(text);
  return YES.has(f) ? true : NO.has(f) ? false : null;
}

/** "Bản chính"/"Bản sao" hold a count; a tick (x, Có) means one. */
function count(text: string): number | null {
  if (/^\d{1,2}$/.test(text.trim())) return Number(text.trim());
  const b = yesNo(text);
  return b === null ? null : b ? 1 : 0;
}

const joined = (problems: Msg[]) => msg(problems.map((p) => p.vi).join('; '), problems.map((p) => p.en).join('; '));

type Where = { sheet: string; row: number };
/** A table and the header found in it. */
type Found<K extends string> = Header<K> & { t: Table };

const note = (list: ImportNote[], sheet: string, row: number, message: Msg) => list.push({ sheet, row, message });

function missingColumns<K extends string>(found: Found<K>, columns: ColumnSpec<K>[], out: ParsedCatalogue): void {
  for (const { key, label, required } of columns) {
    if (required && !found.map.has(key)) note(out.errors, found.t.name, found.headerRow, msg(`Thiếu cột "${label}".`, `Column "${label}" is missing.`));
  }
}

export function parseCatalogue(tables: Table[]): ParsedCatalogue {
  const out: ParsedCatalogue = { procedures: [], documents: new Map(), errors: [], warnings: [], rowOf: new Map() };
  const procTables = tables.flatMap((t) => {
    const h = findHeader(t, PROCEDURE_COLUMNS, ['code', 'name']);
    return h ? [{ t, ...h }] : [];
  });
  const docTables = tables.flatMap((t) => {
    const h = findHeader(t, DOCUMENT_COLUMNS, ['code', 'name']);
    return h && !procTables.some((p) => p.t === t) ? [{ t, ...h }] : [];
  });
  if (procTables.length === 0) {
    note(out.errors, tables[0]?.name ?? '', 0, msg(
      'Không tìm thấy bảng thủ tục: cần một trang có cột "Mã TTHC" và "Tên thủ tục".',
      'No procedures table: a sheet needs the columns "Mã TTHC" and "Tên thủ tục".',
    ));
    return out;
  }
  const refused = readProcedures(procTables, out);
  readDocuments(docTables, refused, out);
  return out;
}

/** Fills the procedures; returns where each refused code was, for its documents to point at. */
function readProcedures(procTables: Found<ProcedureColumn>[], out: ParsedCatalogue): Map<string, Where> {
  // Duplicates are found among all rows, so a refused row still shows its twin.
  const firstRow = new Map<string, Where>();
  const refused = new Map<string, Where>();
  for (const found of procTables) {
    const { t, headerRow, map, labels } = found;
    missingColumns(found, PROCEDURE_COLUMNS, out);
    const deadlineInWorkingDays = foldVi(labels.get('deadline') ?? '').includes('lam viec');
    for (const { row, cells } of t.rows.filter((r) => r.row > headerRow)) {
      if (isDecoration(cells) || isSectionHeading(cells, map)) continue;
      const { procedure, problems, warnings } = readProcedureRow(cells, map, deadlineInWorkingDays);
      const code = procedure.code;
      const twin = code ? firstRow.get(code) : undefined;
      if (twin) {
        const where = twin.sheet === t.name ? '' : ` (${twin.sheet})`;
        problems.push(msg(`Mã TTHC ${code} trùng với dòng ${twin.row}${where}`, `Mã TTHC ${code} repeats row ${twin.row}${where}`));
      } else if (code) firstRow.set(code, { sheet: t.name, row });
      if (problems.length > 0) {
        note(out.errors, t.name, row, joined(problems));
        if (code && !twin) refused.set(code, { sheet: t.name, row });
        continue;
      }
      if (warnings.length > 0) note(out.warnings, t.name, row, joined(warnings));
      out.rowOf.set(code, { sheet: t.name, row });
      out.procedures.push(procedure);
    }
  }
  return refused;
}

/** One procedure row: what it says, what refuses it (problems) and what is only unknown (warnings). */
function readProcedureRow(cells: string[], map: Map<ProcedureColumn, number>, deadlineInWorkingDays: boolean) {
  const get = (key: ProcedureColumn) => cleanText(cells[map.get(key) ?? -1] ?? '');
  const problems: Msg[] = [];
  const warnings: Msg[] = [];
  const code = get('code');
  const name = get('name');
  if (!code) problems.push(msg('thiếu Mã TTHC', 'Mã TTHC is empty'));
  if (!name) problems.push(msg('thiếu Tên thủ tục', 'Tên thủ tục is empty'));
  const agencyCode = get('agencyCode').toUpperCase();
  if (map.has('agencyCode') && !AGENCY_CODE.test(agencyCode)) {
    problems.push(msg(
      `Mã cơ quan "${agencyCode}" không hợp lệ (chữ số, chữ in hoa và dấu chấm, tối đa 35 ký tự)`,
      `agency code "${agencyCode}" is not valid (digits, capitals, dots, up to 35)`,
    ));
  }
  const intake = yesNo(get('intakeByPost'));
  const ret = yesNo(get('returnByPost'));
  if (map.has('intakeByPost') && intake === null) {
    problems.push(msg('"Tiếp nhận qua BCCI" phải là Có hoặc Không', '"Tiếp nhận qua BCCI" must be Có or Không'));
  }
  if (map.has('returnByPost') && ret === null) {
    problems.push(msg('"Trả kết quả qua BCCI" phải là Có hoặc Không', '"Trả kết quả qua BCCI" must be Có or Không'));
  }
  const inPersonText = get('inPerson');
  const inPerson = inPersonText === '' ? null : yesNo(inPersonText);
  if (inPerson === null && inPersonText !== '') {
    warnings.push(msg(`"có mặt trực tiếp" ghi "${inPersonText}": nhập là chưa rõ`, `"in person" reads "${inPersonText}": imported as unknown`));
  }
  const deadlineText = get('deadline');
  const deadline = readDeadline(deadlineText, deadlineInWorkingDays);
  if (deadline.warning) warnings.push(deadline.warning);
  const feeText = get('fee');
  const fee = readFee(feeText);
  if (fee.warning) warnings.push(fee.warning);
  const procedure: Procedure = {
    code,
    name,
    field: get('field'),
    agencyName: get('agencyName'),
    agencyCode,
    level: get('level'),
    intakeByPost: intake ?? false,
    returnByPost: ret ?? false,
    deadlineText,
    deadlineDays: deadline.days,
    deadlineUnit: deadline.unit,
    feeText,
    fee: fee.amount,
    notes: get('notes'),
    inPerson,
  };
  return { procedure, problems, warnings };
}

/** Documents of a refused procedure get one note pointing at its row, not an error each. */
function readDocuments(docTables: Found<DocumentColumn>[], refused: Map<string, Where>, out: ParsedCatalogue): void {
  const known = new Set(out.procedures.map((p) => p.code));
  const skipped = new Map<string, Where & { count: number }>();
  for (const found of docTables) {
    const { t, headerRow, map } = found;
    missingColumns(found, DOCUMENT_COLUMNS, out);
    for (const { row, cells } of t.rows.filter((r) => r.row > headerRow)) {
      if (isDecoration(cells)) continue;
      const get = (key: DocumentColumn) => cleanText(cells[map.get(key) ?? -1] ?? '');
      const code = get('code');
      if (refused.has(code)) {
        const s = skipped.get(code) ?? { sheet: t.name, row, count: 0 };
        s.count++;
        skipped.set(code, s);
        continue;
      }
      const problems: Msg[] = [];
      const name = get('name');
      if (!name) problems.push(msg('thiếu Tên giấy tờ', 'Tên giấy tờ is empty'));
      if (!known.has(code)) {
        problems.push(msg(`Mã TTHC "${code}" không có trong bảng thủ tục`, `Mã TTHC "${code}" is not in the procedures table`));
      }
      const original = count(get('original'));
      const copy = count(get('copy'));
      const required = yesNo(get('required'));
      if (original === null) problems.push(msg('"Bản chính" phải là số lượng hoặc Có/Không', '"Bản chính" must be a count or Có/Không'));
      if (copy === null) problems.push(msg('"Bản sao" phải là số lượng hoặc Có/Không', '"Bản sao" must be a count or Có/Không'));
      if (required === null) problems.push(msg('"Bắt buộc" phải là Có hoặc Không', '"Bắt buộc" must be Có or Không'));
      if (problems.length > 0) {
        note(out.errors, t.name, row, joined(problems));
        continue;
      }
      const list = out.documents.get(code) ?? [];
      list.push({ seq: list.length + 1, name, original: original!, copy: copy!, required: required! });
      out.documents.set(code, list);
    }
  }
  for (const [code, s] of skipped) {
    const at = refused.get(code)!;
    note(out.warnings, s.sheet, s.row, msg(
      `${s.count} dòng giấy tờ của Mã TTHC ${code} chưa được đọc vì dòng thủ tục của nó (${at.sheet}, dòng ${at.row}) bị lỗi`,
      `${s.count} document rows of Mã TTHC ${code} were not read because its procedure row (${at.sheet}, row ${at.row}) has an error`,
    ));
  }
}

/**
 * Published lists group procedures under headings ("I. LĨNH VỰC HỘ TỊCH"), often merged across
 * the row: a row with no code and nothing in the agency or BCCI columns is such a heading.
 */
function isSectionHeading(cells: string[], map: Map<ProcedureColumn, number>): boolean {
  const at = (k: ProcedureColumn) => cells[map.get(k) ?? -1] ?? '';
  const filled = cells.filter((c) => c !== '');
  if (filled.length > 1 && new Set(filled).size === 1) return true;
  return at('code') === '' && at('agencyCode') === '' && at('intakeByPost') === '' && at('returnByPost') === '';
}
