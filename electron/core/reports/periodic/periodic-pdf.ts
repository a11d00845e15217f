import type { PeriodicReport } from '../../../../shared/contract/periodic-report.js';
import { formatDateTime } from '../../../../shared/format/vn-time.js';
import { moneyTable, PERIOD_COLUMNS, PERIOD_SECTIONS, rangeWords, sectionTable } from '../../../../shared/reports/period-columns.js';
import { a4TablePdf, type PdfColumn } from '../../pdf/a4-table.js';
import type { PeriodicHeading } from './periodic-service.js';
import { PERIODIC_TITLE } from './periodic-xlsx.js';

const figureColumns = (nameHeader: string): ((header: string, i: number) => PdfColumn) => (header, i) =>
  i === 0 ? { header: nameHeader, weight: 150 } : { header, weight: PERIOD_COLUMNS[i - 1]!.weight, align: 'right' };

/** The report on A4 landscape: the money first, then each breakdown under its heading. */
export function periodicPdf(heading: PeriodicHeading, report: PeriodicReport, resourcesDir: string, training = false): Promise<Buffer> {
  const money = moneyTable(report, 'vi');
  const range = rangeWords(report, 'vi');
  return a4TablePdf(
    {
      orientation: 'landscape',
      title: PERIODIC_TITLE,
      subtitle: [`${heading.officeName} · mã ${heading.officeCode}`, range, 'Thu tiền theo khoản'],
      columns: money.header.map((header, i) => ({ header, weight: i === 0 ? 300 : 80, align: i === 0 ? 'left' : 'right' })),
      rows: money.rows,
      more: PERIOD_SECTIONS.map((section) => {
        const t = sectionTable(report, section, 'vi');
        return { heading: section.title[0], columns: t.header.map(figureColumns(section.nameHeader[0])), rows: t.rows };
      }),
      after: [
        'Đúng hạn chuyển: ngày bàn giao cho cơ quan không muộn hơn ngày dự kiến bàn giao. Đúng hẹn trả: ngày trả kết quả không muộn hơn ngày hẹn trả của cơ quan; kết quả chưa có ngày hẹn không tính đúng hay trễ.',
        'Mỗi số liệu đếm các sự kiện xảy ra trong khoảng ngày (tiếp nhận, bàn giao, trả kết quả…), nên báo cáo một khoảng đã qua luôn cho cùng kết quả.',
      ],
      footer: `Báo cáo · ${heading.officeName} · ${range} · lập lúc ${formatDateTime(heading.madeAt)}`,
      metaTitle: `Báo cáo tiếp nhận và trả kết quả ${range}`,
      training,
    },
    resourcesDir,
  );
}
