import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import type { RegisterRow, YearNumbering } from '../../../shared/contract/reports.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import { TRAINING_BAND } from '../training/training-band.js';
import type { RegisterHeading } from './register-service.js';

export const REGISTER_TITLE = 'SỔ THEO DÕI HỒ SƠ';

/**
 * The register book as a workbook: a heading, the official columns, one row per dossier, then
 * the numbering check. A year of a busy office is a few hundred thousand rows, so the sheet is
 * streamed: each row is written out as it is read (a workbook built whole took gigabytes).
 */
export async function registerXlsx(heading: RegisterHeading, rows: AsyncIterable<RegisterRow>, numbering: YearNumbering[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => out.on('end', resolve).on('error', reject));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'BCCI Counter';
  const ws = wb.addWorksheet('Sổ theo dõi', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    views: [{ state: 'frozen', ySplit: heading.training ? 6 : 5 }],
  });
  // weights are points at 7 pt; a spreadsheet character at 11 pt is about 4 of them
  ws.columns = REGISTER_COLUMNS.map((c) => ({ width: Math.max(6, Math.round(c.weight / 4)), style: { alignment: { wrapText: true, vertical: 'top' } } }));
  const width = REGISTER_COLUMNS.length;
  const add = (values: (string | number)[], font?: Partial<ExcelJS.Font>) => {
    const r = ws.addRow(values);
    if (font) r.font = font;
    return r;
  };
  const line = (text: string, bold = false) => {
    const r = add([text], { bold, size: bold ? 14 : 11 });
    ws.mergeCells(r.number, 1, r.number, width);
    r.alignment = { horizontal: 'center' };
    r.commit();
  };
  if (heading.training) line(TRAINING_BAND, true);
  line(REGISTER_TITLE, true);
  line(`${heading.officeName} · mã ${heading.officeCode}`);
  line(heading.range);
  add([]).commit();
  // The header is row 5 (6 in training), the frozen one above.
  const header = add(REGISTER_COLUMNS.map((c) => c.header[0]), { bold: true });
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  header.commit();
  let count = 0;
  for await (const row of rows) {
    add(REGISTER_COLUMNS.map((c, i) => (i === 0 ? row.stt : c.cell(row)))).commit();
    count++;
  }
  add([]);
  add([`Tổng số hồ sơ: ${count}`], { bold: true });
  add([CODE_NOTE.vi]);
  add(['Kiểm tra số sổ (liên tục trong năm):'], { bold: true });
  for (const n of numbering) for (const text of numberingLines(n, 'vi')) add([text]);
  add([`Lập lúc ${heading.madeAt}`]);
  ws.commit();
  await wb.commit();
  await ended;
  return Buffer.concat(chunks);
}
