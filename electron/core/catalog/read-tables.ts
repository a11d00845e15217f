import ExcelJS from 'exceljs';
import { appError } from '../errors.js';

/** A sheet (or CSV section, or JSON array) as rows of cell texts with their 1-based row numbers. */
export interface Table {
  name: string;
  rows: { row: number; cells: string[] }[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    const d = value;
    return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Buffer): Promise<Table[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw appError(
      'IMPORT_UNREADABLE',
      'Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx. Mở tệp bằng Excel, lưu lại dạng "Excel Workbook (.xlsx)" rồi nhập lại.',
      'The Excel file cannot be read: it is damaged or not .xlsx. Open it in Excel, save as "Excel Workbook (.xlsx)" and import again.',
      { cause: error },
    );
  }
  return wb.worksheets.map((ws) => {
    const rows: Table['rows'] = [];
    ws.eachRow({ includeEmpty: false }, (r, rowNumber) => {
      const cells: string[] = [];
      r.eachCell({ includeEmpty: true }, (c, col) => {
        cells[col - 1] = cellText(c.value).normalize('NFC').trim();
      });
      rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    return { name: ws.name, rows };
  });
}

/** RFC 4180 CSV with the delimiter guessed from the first line (Excel in vi-VN writes ';'). */
export function parseCsv(text: string): string[][] {
  const firstLine = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const out: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === delimiter) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      out.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    out.push(row);
  }
  return out;
}

function decodeUtf8(bytes: Buffer, what: string): string {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (text.includes('\uFFFD')) {
    throw appError(
      'IMPORT_NOT_UTF8',
      `Tệp ${what} không ở mã UTF-8 nên chữ tiếng Việt sẽ bị sai. Trong Excel chọn "Lưu dưới dạng" → "CSV UTF-8" rồi nhập lại.`,
      `The ${what} file is not UTF-8, so Vietnamese letters would be wrong. Save it as "CSV UTF-8" and import again.`,
    );
  }
  return text.normalize('NFC');
}

/** A CSV holds the procedures table and, after a blank line, optionally the documents table. */
function readCsv(bytes: Buffer): Table[] {
  const rows = parseCsv(decodeUtf8(bytes, 'CSV'));
  const tables: Table[] = [];
  let current: Table | null = null;
  rows.forEach((cells, i) => {
    const blank = cells.every((c) => c.trim() === '');
    if (blank) {
      current = null;
      return;
    }
    if (!current) {
      current = { name: `CSV (bảng ${tables.length + 1})`, rows: [] };
      tables.push(current);
    }
    current.rows.push({ row: i + 1, cells: cells.map((c) => c.trim()) });
  });
  return tables;
}

/** A catalogue is an object of arrays of flat objects: three levels. Far deeper is not a catalogue. */
const MAX_JSON_DEPTH = 32;

/**
 * How deeply brackets nest, outside strings. Parsing a 100,000-deep file succeeds, but walking
 * it afterwards overflows the stack, so depth is measured on the text before anything parses it.
 */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/** JSON: an object whose values are arrays of objects (one per table), keys as the headers. */
function readJson(bytes: Buffer): Table[] {
  let data: unknown;
  const text = decodeUtf8(bytes, 'JSON');
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) {
    throw appError(
      'IMPORT_TOO_DEEP',
      `Tệp JSON lồng nhau quá ${MAX_JSON_DEPTH} cấp, không phải danh mục thủ tục. Danh mục là một đối tượng gồm các mảng bảng, mỗi dòng một đối tượng phẳng.`,
      `The JSON file nests deeper than ${MAX_JSON_DEPTH} levels; it is not a procedure list. A list is an object of table arrays, one flat object per row.`,
    );
  }
  try {
    data = JSON.parse(text);
  } catch (error) {
    if ((error as { data?: unknown }).data) throw error;
    throw appError(
      'IMPORT_UNREADABLE',
      'Tệp JSON không đúng cú pháp. Kiểm tra lại tệp (dấu ngoặc, dấu phẩy) rồi nhập lại.',
      'The JSON file has a syntax error. Check brackets and commas, then import again.',
      { cause: error },
    );
  }
  const entries = Array.isArray(data) ? [['JSON', data] as const] : Object.entries(data ?? {});
  const tables: Table[] = [];
  for (const [name, value] of entries) {
    if (!Array.isArray(value)) continue;
    const objects = value.filter((v): v is Record<string, unknown> => typeof v === 'object' && v !== null);
    const headers = [...new Set(objects.flatMap((o) => Object.keys(o)))];
    tables.push({
      name,
      rows: [
        { row: 0, cells: headers },
        ...objects.map((o, i) => ({
          row: i + 1,
          cells: headers.map((h) => (o[h] === null || o[h] === undefined ? '' : String(o[h]).normalize('NFC').trim())),
        })),
      ],
    });
  }
  return tables;
}

export async function readTables(fileName: string, bytes: Buffer): Promise<Table[]> {
  const ext = fileName.toLowerCase().split('.').pop();
  if (ext === 'xlsx') return readXlsx(bytes);
  if (ext === 'csv') return readCsv(bytes);
  if (ext === 'json') return readJson(bytes);
  throw appError(
    'IMPORT_FORMAT',
    `Không nhận dạng được loại tệp "${fileName}". Chọn tệp .xlsx, .csv hoặc .json.`,
    `Unknown file type "${fileName}". Choose an .xlsx, .csv or .json file.`,
  );
}
