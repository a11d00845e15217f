import type { RegisterRow, YearNumbering } from '../../../shared/contract/reports.js';
import { CODE_NOTE, numberingLines, REGISTER_COLUMNS } from '../../../shared/reports/register-columns.js';
import { TRAINING_BAND } from '../training/training-band.js';
import type { RegisterHeading } from './register-service.js';
import { StreamedSheet } from './streamed-sheet.js';

export const REGISTER_TITLE = 'SỔ THEO DÕI HỒ SƠ';

/**
 * The register book as a workbook: a heading, the official columns, one row per dossier, then
 * the numbering check. A year of a busy office is a few hundred thousand rows, so each row is
 * written out as it is read, as sheet XML (decision 0052).
 */
export async function registerXlsx(heading: RegisterHeading, rows: AsyncIterable<RegisterRow>, numbering: YearNumbering[]): Promise<Buffer> {
  const sheet = new StreamedSheet({
    sheetName: 'Sổ theo dõi',
    creator: 'BCCI Counter',
    // weights are points at 7 pt; a spreadsheet character at 11 pt is about 4 of them
    widths: REGISTER_COLUMNS.map((c) => Math.max(6, Math.round(c.weight / 4))),
    // the heading lines, a blank row and the column headers stay in view
    frozenRows: heading.training ? 6 : 5,
  });
  if (heading.training) sheet.line(TRAINING_BAND, 'title');
  sheet.line(REGISTER_TITLE, 'title');
  sheet.line(`${heading.officeName} · mã ${heading.officeCode}`, 'centred');
  sheet.line(heading.range, 'centred');
  sheet.row([]);
  sheet.row(REGISTER_COLUMNS.map((c) => c.header[0]), 'header');
  let count = 0;
  for await (const row of rows) {
    sheet.row(REGISTER_COLUMNS.map((c, i) => (i === 0 ? row.stt : c.cell(row))));
    count++;
  }
  sheet.row([]);
  sheet.row([`Tổng số hồ sơ: ${count}`], 'boldNote');
  sheet.row([CODE_NOTE.vi], 'note');
  sheet.row(['Kiểm tra số sổ (liên tục trong năm):'], 'boldNote');
  for (const n of numbering) for (const text of numberingLines(n, 'vi')) sheet.row([text], 'note');
  sheet.row([`Lập lúc ${heading.madeAt}`], 'note');
  return sheet.finish();
}
