import type { Lang } from '../i18n/msg.js';
import { formatDate } from '../format/vn-time.js';
import { formatVnd } from '../format/money.js';
import type { PeriodFigures, PeriodGroup, PeriodicReport } from '../contract/periodic-report.js';

/** An on-time share in whole percent, or a dash when nothing was judged. */
export function share(onTime: number, judged: number): string {
  return judged === 0 ? '–' : `${Math.round((onTime * 100) / judged)}%`;
}

export const handoverOnTime = (f: PeriodFigures) => share(f.handedOver - f.handedOverLate, f.handedOver);
export const returnOnTime = (f: PeriodFigures) => share(f.returned - f.returnedLate - f.returnedUndated, f.returned - f.returnedUndated);

/**
 * The figures' columns in one order, with both languages' headers; the screen, the XLSX and the
 * PDF read this table, so they cannot disagree. Weights are relative widths on A4 landscape.
 */
export const PERIOD_COLUMNS: { key: string; header: [vi: string, en: string]; weight: number; cell: (f: PeriodFigures) => string }[] = [
  { key: 'received', header: ['Tiếp nhận', 'Received'], weight: 34, cell: (f) => String(f.received) },
  { key: 'guided', header: ['Hướng dẫn, chưa nhận', 'Guided only'], weight: 38, cell: (f) => String(f.guided) },
  { key: 'handedOver', header: ['Đã chuyển cơ quan', 'Handed over'], weight: 38, cell: (f) => String(f.handedOver) },
  { key: 'handedOverLate', header: ['Chuyển trễ', 'Handed over late'], weight: 34, cell: (f) => String(f.handedOverLate) },
  { key: 'handoverOnTime', header: ['Chuyển đúng hạn', 'Handover on time'], weight: 36, cell: handoverOnTime },
  { key: 'refused', header: ['Bị từ chối', 'Refused'], weight: 32, cell: (f) => String(f.refused) },
  { key: 'supplement', header: ['Yêu cầu bổ sung', 'Supplement asked'], weight: 36, cell: (f) => String(f.supplementRequested) },
  { key: 'returned', header: ['Đã trả kết quả', 'Results returned'], weight: 36, cell: (f) => String(f.returned) },
  { key: 'returnedLate', header: ['Trả trễ hẹn', 'Returned late'], weight: 32, cell: (f) => String(f.returnedLate) },
  { key: 'returnOnTime', header: ['Trả đúng hẹn', 'Return on time'], weight: 34, cell: returnOnTime },
  { key: 'voided', header: ['Đã hủy', 'Voided'], weight: 28, cell: (f) => String(f.voided) },
];

/** The report's sections, each a dimension with the header of its name column. */
export const PERIOD_SECTIONS: { key: 'byAgency' | 'byLevel' | 'byProcedure' | 'byOffice' | 'overTime'; title: [string, string]; nameHeader: [string, string] }[] = [
  { key: 'byAgency', title: ['Theo cơ quan giải quyết', 'By deciding agency'], nameHeader: ['Cơ quan', 'Agency'] },
  { key: 'byLevel', title: ['Theo cấp thực hiện', 'By level'], nameHeader: ['Cấp', 'Level'] },
  { key: 'byProcedure', title: ['Theo thủ tục hành chính', 'By procedure'], nameHeader: ['Thủ tục', 'Procedure'] },
  { key: 'byOffice', title: ['Theo bưu cục', 'By post office'], nameHeader: ['Bưu cục', 'Post office'] },
  { key: 'overTime', title: ['Theo thời gian', 'Over time'], nameHeader: ['Thời gian', 'Period'] },
];

/** A group's name as shown: days and months in Vietnamese order, an unknown level said so. */
export function groupName(section: (typeof PERIOD_SECTIONS)[number]['key'], g: PeriodGroup, lang: Lang): string {
  if (section === 'overTime') return g.key.length === 7 ? `${g.key.slice(5)}/${g.key.slice(0, 4)}` : formatDate(g.key);
  if (section === 'byLevel' && g.name === '') return lang === 'vi' ? '(không rõ cấp)' : '(level unknown)';
  return g.name;
}

/** "Từ ngày … đến ngày …" of a report, in one language. */
export function rangeWords(r: Pick<PeriodicReport, 'from' | 'to'>, lang: Lang): string {
  if (r.from === r.to) return lang === 'vi' ? `Ngày ${formatDate(r.from)}` : `${formatDate(r.from)}`;
  return lang === 'vi' ? `Từ ngày ${formatDate(r.from)} đến ngày ${formatDate(r.to)}` : `From ${formatDate(r.from)} to ${formatDate(r.to)}`;
}

/** One section as a table of words: a name column, the figures, and a total row at the foot. */
export function sectionTable(report: PeriodicReport, section: (typeof PERIOD_SECTIONS)[number], lang: Lang): { header: string[]; rows: string[][] } {
  const i = lang === 'vi' ? 0 : 1;
  const rows = report[section.key].map((g) => [groupName(section.key, g, lang), ...PERIOD_COLUMNS.map((c) => c.cell(g))]);
  rows.push([lang === 'vi' ? 'Tổng cộng' : 'Total', ...PERIOD_COLUMNS.map((c) => c.cell(report.total))]);
  return { header: [section.nameHeader[i], ...PERIOD_COLUMNS.map((c) => c.header[i])], rows };
}

/** The money by kind as lines of words: each fee, postage, what voids gave back, and the net. */
export function moneyTable(report: PeriodicReport, lang: Lang): { header: string[]; rows: string[][] } {
  const vi = lang === 'vi';
  const m = report.money;
  return {
    header: vi ? ['Khoản thu', 'Số hồ sơ', 'Số tiền'] : ['Kind', 'Dossiers', 'Amount'],
    rows: [
      ...m.fees.map((f) => [f.name, String(f.count), formatVnd(f.amount)]),
      [vi ? 'Cước bưu chính' : 'Postage', String(m.postage.count), formatVnd(m.postage.amount)],
      [vi ? 'Hoàn trả do hủy hồ sơ' : 'Refunded for voided dossiers', String(m.refunds.count), m.refunds.amount ? `−${formatVnd(m.refunds.amount)}` : formatVnd(0)],
      [vi ? 'Thực thu' : 'Net taken', '', formatVnd(m.net)],
    ],
  };
}
