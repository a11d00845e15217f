import { foldVi, cleanText } from '../../../shared/text/fold.js';
import { parseVnd } from '../../../shared/format/money.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { Procedure, ProcedureDocument } from '../../../shared/contract/index.js';
import type { Table } from './read-tables.js';

export interface ParsedCatalogue {
  procedures: Procedure[];
  documents: Map<string, ProcedureDocument[]>;
  errors: { sheet: string; row: number; message: Msg }[];
}

type ProcedureKey = keyof Procedure;
type DocumentKey = 'code' | 'name' | 'original' | 'copy' | 'required';

/** The published headers; matched after folding, so case, diacritics and spacing do not matter. */
const PROCEDURE_COLUMNS: [ProcedureKey, string, boolean][] = [
  ['code', 'Mã TTHC', true],
  ['name', 'Tên thủ tục', true],
  ['field', 'Lĩnh vực', false],
  ['agencyName', 'Cơ quan giải quyết', true],
  ['agencyCode', 'Mã cơ quan', true],
  ['level', 'Cấp thực hiện', false],
  ['intakeByPost', 'Tiếp nhận qua BCCI', true],
  ['returnByPost', 'Trả kết quả qua BCCI', true],
  ['deadlineDays', 'Thời hạn giải quyết (ngày làm việc)', false],
  ['fee', 'Phí/lệ phí', false],
];
const DOCUMENT_COLUMNS: [DocumentKey, string, boolean][] = [
  ['code', 'Mã TTHC', true],
  ['name', 'Tên giấy tờ', true],
  ['original', 'Bản chính', true],
  ['copy', 'Bản sao', true],
  ['required', 'Bắt buộc', true],
];

const YES = new Set(['co', 'x', '1', 'true', 'yes', 'y', 'dung']);
const NO = new Set(['', 'khong', '0', 'false', 'no', 'n', '-']);
const AGENCY_CODE = /^[0-9A-Z.]{1,35}$/;

function columnMap<K extends string>(header: string[], columns: [K, string, boolean][]) {
  const folded = header.map((h) => foldVi(h));
  const map = new Map<K, number>();
  for (const [key, label] of columns) {
    const at = folded.indexOf(foldVi(label));
    if (at >= 0) map.set(key, at);
  }
  return map;
}

/** A table's header is the first of its first 10 rows that names the table's key columns. */
function findHeader<K extends string>(table: Table, columns: [K, string, boolean][], mustHave: K[]) {
  for (const r of table.rows.slice(0, 10)) {
    const map = columnMap(r.cells, columns);
    if (mustHave.every((k) => map.has(k))) return { headerRow: r.row, map };
  }
  return null;
}

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

export function parseCatalogue(tables: Table[]): ParsedCatalogue {
  const errors: ParsedCatalogue['errors'] = [];
  const procedures: Procedure[] = [];
  const documents = new Map<string, ProcedureDocument[]>();
  const err = (sheet: string, row: number, vi: string, en: string) => errors.push({ sheet, row, message: msg(vi, en) });

  const procTables = tables.flatMap((t) => {
    const h = findHeader(t, PROCEDURE_COLUMNS, ['code', 'name']);
    return h ? [{ t, ...h }] : [];
  });
  const docTables = tables.flatMap((t) => {
    const h = findHeader(t, DOCUMENT_COLUMNS, ['code', 'name']);
    return h && !procTables.some((p) => p.t === t) ? [{ t, ...h }] : [];
  });
  if (procTables.length === 0) {
    err(
      tables[0]?.name ?? '',
      0,
      'Không tìm thấy bảng thủ tục: cần một trang có cột "Mã TTHC" và "Tên thủ tục".',
      'No procedures table: a sheet needs the columns "Mã TTHC" and "Tên thủ tục".',
    );
    return { procedures, documents, errors };
  }

  const seen = new Map<string, number>();
  for (const { t, headerRow, map } of procTables) {
    for (const [key, label, required] of PROCEDURE_COLUMNS) {
      if (required && !map.has(key)) {
        err(t.name, headerRow, `Thiếu cột "${label}".`, `Column "${label}" is missing.`);
      }
    }
    const get = (cells: string[], key: ProcedureKey) => cleanText(cells[map.get(key) ?? -1] ?? '');
    for (const { row, cells } of t.rows.filter((r) => r.row > headerRow)) {
      if (cells.every((c) => c === '')) continue;
      const problems: Msg[] = [];
      const code = get(cells, 'code');
      const name = get(cells, 'name');
      if (!code) problems.push(msg('thiếu Mã TTHC', 'Mã TTHC is empty'));
      if (!name) problems.push(msg('thiếu Tên thủ tục', 'Tên thủ tục is empty'));
      const agencyCode = get(cells, 'agencyCode').toUpperCase();
      if (map.has('agencyCode') && !AGENCY_CODE.test(agencyCode)) {
        problems.push(
          msg(
            `Mã cơ quan "${agencyCode}" không hợp lệ (chữ số, chữ in hoa và dấu chấm, tối đa 35 ký tự)`,
            `agency code "${agencyCode}" is not valid (digits, capitals, dots, up to 35)`,
          ),
        );
      }
      const intake = yesNo(get(cells, 'intakeByPost'));
      const ret = yesNo(get(cells, 'returnByPost'));
      if (map.has('intakeByPost') && intake === null) {
        problems.push(msg('"Tiếp nhận qua BCCI" phải là Có hoặc Không', '"Tiếp nhận qua BCCI" must be Có or Không'));
      }
      if (map.has('returnByPost') && ret === null) {
        problems.push(msg('"Trả kết quả qua BCCI" phải là Có hoặc Không', '"Trả kết quả qua BCCI" must be Có or Không'));
      }
      const deadlineText = get(cells, 'deadlineDays');
      const deadline = deadlineText === '' ? null : /^\d{1,3}$/.test(deadlineText) ? Number(deadlineText) : NaN;
      if (Number.isNaN(deadline)) {
        problems.push(msg(`thời hạn "${deadlineText}" không phải số ngày`, `deadline "${deadlineText}" is not a number of days`));
      }
      const fee = parseVnd(get(cells, 'fee'));
      if (fee === null) {
        problems.push(
          msg(`phí "${get(cells, 'fee')}" không phải số tiền (đồng)`, `fee "${get(cells, 'fee')}" is not an amount in VND`),
        );
      }
      if (code && seen.has(code)) {
        problems.push(msg(`Mã TTHC ${code} trùng với dòng ${seen.get(code)}`, `Mã TTHC ${code} repeats row ${seen.get(code)}`));
      }
      if (problems.length > 0) {
        err(t.name, row, problems.map((p) => p.vi).join('; '), problems.map((p) => p.en).join('; '));
        continue;
      }
      seen.set(code, row);
      procedures.push({
        code,
        name,
        field: get(cells, 'field'),
        agencyName: get(cells, 'agencyName'),
        agencyCode,
        level: get(cells, 'level'),
        intakeByPost: intake ?? false,
        returnByPost: ret ?? false,
        deadlineDays: deadline,
        fee: fee ?? 0,
      });
    }
  }

  const known = new Set(procedures.map((p) => p.code));
  for (const { t, headerRow, map } of docTables) {
    for (const [key, label, required] of DOCUMENT_COLUMNS) {
      if (required && !map.has(key)) err(t.name, headerRow, `Thiếu cột "${label}".`, `Column "${label}" is missing.`);
    }
    const get = (cells: string[], key: DocumentKey) => cleanText(cells[map.get(key) ?? -1] ?? '');
    for (const { row, cells } of t.rows.filter((r) => r.row > headerRow)) {
      if (cells.every((c) => c === '')) continue;
      const problems: Msg[] = [];
      const code = get(cells, 'code');
      const name = get(cells, 'name');
      if (!name) problems.push(msg('thiếu Tên giấy tờ', 'Tên giấy tờ is empty'));
      if (!known.has(code)) {
        problems.push(msg(`Mã TTHC "${code}" không có trong bảng thủ tục`, `Mã TTHC "${code}" is not in the procedures table`));
      }
      const original = count(get(cells, 'original'));
      const copy = count(get(cells, 'copy'));
      const required = yesNo(get(cells, 'required'));
      if (original === null) problems.push(msg('"Bản chính" phải là số lượng hoặc Có/Không', '"Bản chính" must be a count or Có/Không'));
      if (copy === null) problems.push(msg('"Bản sao" phải là số lượng hoặc Có/Không', '"Bản sao" must be a count or Có/Không'));
      if (required === null) problems.push(msg('"Bắt buộc" phải là Có hoặc Không', '"Bắt buộc" must be Có or Không'));
      if (problems.length > 0) {
        err(t.name, row, problems.map((p) => p.vi).join('; '), problems.map((p) => p.en).join('; '));
        continue;
      }
      const list = documents.get(code) ?? [];
      list.push({ seq: list.length + 1, name, original: original!, copy: copy!, required: required! });
      documents.set(code, list);
    }
  }
  return { procedures, documents, errors };
}
