import ExcelJS from 'exceljs';
import type { PeriodicReport } from '../../../../shared/contract/periodic-report.js';
import { formatDateTime } from '../../../../shared/format/vn-time.js';
import { moneyTable, PERIOD_SECTIONS, rangeWords, sectionTable } from '../../../../shared/reports/period-columns.js';
import { TRAINING_BAND } from '../../training/training-band.js';
import type { PeriodicHeading } from './periodic-service.js';

export const PERIODIC_TITLE = 'BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ THỦ TỤC HÀNH CHÍNH QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH';

/** The report as a workbook: a summary sheet with the money, then one sheet per breakdown. */
export async function periodicXlsx(heading: PeriodicHeading, report: PeriodicReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'BCCI Counter';
  const sheet = (name: string, header: string[], rows: string[][], numeric: (col: number) => boolean) => {
    const ws = wb.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const line = (text: string, bold = false) => {
      const r = ws.addRow([text]);
      ws.mergeCells(r.number, 1, r.number, header.length);
      r.font = { bold, size: bold ? 13 : 11 };
      r.alignment = { horizontal: 'center', wrapText: true };
    };
    if (heading.training) line(TRAINING_BAND, true);
    line(PERIODIC_TITLE, true);
    line(`${heading.officeName} · mã ${heading.officeCode} · ${rangeWords(report, 'vi')}`);
    line(name);
    ws.addRow([]);
    const h = ws.addRow(header);
    h.font = { bold: true };
    h.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    ws.views = [{ state: 'frozen', ySplit: h.number }];
    // Counts are written as numbers so a spreadsheet can sum them; shares and money stay as shown.
    for (const r of rows) ws.addRow(r.map((cell, i) => (numeric(i) && /^\d+$/.test(cell) ? Number(cell) : cell)));
    ws.getColumn(1).width = 42;
    for (let c = 2; c <= header.length; c++) ws.getColumn(c).width = 13;
    ws.addRow([]);
    ws.addRow([`Lập lúc ${formatDateTime(heading.madeAt)}`]);
  };
  const money = moneyTable(report, 'vi');
  sheet('Thu tiền', money.header, money.rows, (i) => i === 1);
  for (const section of PERIOD_SECTIONS) {
    const t = sectionTable(report, section, 'vi');
    sheet(section.title[0], t.header, t.rows, (i) => i > 0);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
