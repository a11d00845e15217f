import type { DaySummary } from '../../../shared/contract/reports.js';
import { formatVnd, formatVndSigned } from '../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { a4TablePdf } from '../pdf/a4-table.js';
import { amendmentLine, closedDayNote } from '../../../shared/reports/day-amendments.js';

/** The clerk's day on A4 portrait: the figures, then the close (or that the day is still open), then signatures. */
export function dayPdf(day: DaySummary, office: { code: string; name: string }, madeAt: Date, resourcesDir: string, training = false): Promise<Buffer> {
  const close = day.close;
  return a4TablePdf(
    {
      orientation: 'portrait',
      title: 'BÁO CÁO KẾT CA',
      subtitle: [`${office.name} · mã ${office.code}`, `Ngày ${formatDate(day.day)} · Quầy ${day.counterCode} · ${day.clerkName} (${day.clerkCode})`],
      columns: [
        { header: 'Khoản', weight: 300 },
        { header: 'Số hồ sơ', weight: 80, align: 'right' },
        { header: 'Số tiền', weight: 120, align: 'right' },
      ],
      rows: [
        ['Hồ sơ đã tiếp nhận', String(day.accepted), ''],
        ['Hướng dẫn bổ sung (không tiếp nhận)', String(day.guided), ''],
        ...day.fees.map((f) => [f.name, String(f.count), formatVnd(f.amount)]),
        ['Cước bưu chính', String(day.postage.count), formatVnd(day.postage.amount)],
        ['Hồ sơ huỷ: phải hoàn trả', String(day.voided), formatVndSigned(-day.refunds)],
        ['Tổng tiền phải thu', '', formatVnd(day.expectedCash)],
        ['Sửa thông tin hồ sơ', String(day.corrected), ''],
        ['Số lần in lại', String(day.reprints), ''],
      ],
      after: [
        ...day.amendments.map((a) => amendmentLine(a, 'vi')),
        ...(close
        ? [
            `Đã chốt ngày lúc ${formatDateTime(close.closedAt)}${close.closedBy ? ` bởi ${close.closedBy.name} (${close.closedBy.code}) thay cho giao dịch viên` : ''}.`,
            `Tiền mặt đã đếm: ${formatVnd(close.cashCounted)} · Chênh lệch: ${formatVndSigned(close.difference)}`,
            closedDayNote(day.day).vi,
            '',
            'Giao dịch viên                                                    Trưởng bưu cục',
          ]
        : ['Ngày chưa chốt: số liệu có thể còn thay đổi.']),
      ],
      footer: `Báo cáo kết ca · ${office.name} · ${formatDate(day.day)} · lập lúc ${formatDateTime(madeAt)}`,
      metaTitle: `Báo cáo kết ca ${formatDate(day.day)}`,
      training,
    },
    resourcesDir,
  );
}
