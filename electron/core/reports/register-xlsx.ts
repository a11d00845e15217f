import ExcelJS from 'exceljs';
import type { RegisterRow, YearNumbering } from '../../../shared/contract/reports.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import type { RegisterHeading } from './register-service.js';

export const REGISTER_TITLE = 'SỔ THEO DÕI HỒ SƠ';

/**
 * The register book as a workbook: a heading, the official columns, one row per dossier, then
 * the numbering check. The rows are consumed in one synchronous loop, because they are read
 * straight from an open SQLite statement that nothing else may use meanwhile.
 */
export async function registerXlsx(heading: RegisterHeading, rows: AsyncIterable<RegisterRow>, numbering: YearNumbering[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BCCI Counter';
  const ws = wb.addWorksheet('Sổ theo dõi', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const width = REGISTER_COLUMNS.length;
  const line = (text: string, bold = false) => {
    const r = ws.addRow([text]);
    ws.mergeCells(r.number, 1, r.number, width);
    r.font = { bold, size: bold ? 14 : 11 };
    r.alignment = { horizontal: 'center' };
  };
  line(REGISTER_TITLE, true);
  line(`${heading.officeName} · mã ${heading.officeCode}`);
  line(heading.range);
  ws.addRow([]);
  const header = ws.addRow(REGISTER_COLUMNS.map((c) => c.header[0]));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  REGISTER_COLUMNS.forEach((c, i) => {
    // weights are points at 7 pt; a spreadsheet character at 11 pt is about 4 of them
    ws.getColumn(i + 1).width = Math.max(6, Math.round(c.weight / 4));
    ws.getColumn(i + 1).alignment = { wrapText: true, vertical: 'top' };
  });
  let count = 0;
  for await (const row of rows) {
    ws.addRow(REGISTER_COLUMNS.map((c, i) => (i === 0 ? row.stt : c.cell(row))));
    count++;
  }
  ws.addRow([]);
  ws.addRow([`Tổng số hồ sơ: ${count}`]).font = { bold: true };
  ws.addRow([CODE_NOTE.vi]);
  ws.addRow(['Kiểm tra số sổ (liên tục trong năm):']).font = { bold: true };
  for (const n of numbering) for (const text of numberingLines(n, 'vi')) ws.addRow([text]);
  ws.addRow([`Lập lúc ${heading.madeAt}`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
