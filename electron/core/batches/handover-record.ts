import type { Batch } from '../../../shared/contract/batches.js';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDateTime, vnIsoDate, formatDate } from '../../../shared/format/vn-time.js';
import { a4TablePdf } from '../pdf/a4-table.js';

export const HANDOVER_TITLE = 'BIÊN BẢN GIAO NHẬN HỒ SƠ';

/** Both sides keep one: the post office's copy comes back signed, the agency keeps the other. */
export const HANDOVER_COPIES = ['Liên 1: Bưu cục lưu', 'Liên 2: Cơ quan giải quyết lưu'];

const documentsCell = (docs: Batch['items'][number]['documents']) =>
  docs.map((d) => `${d.name} (${d.form === 'original' ? 'BC' : 'BS'} ×${d.count})`).join('; ');

/**
 * The handover record on A4 portrait, in two copies: one line per item for the agency's officer
 * to count against each envelope, the totals of items and of fees remitted, and a signature
 * block for each side. The date is the day it is printed; the signing time is written on it by hand.
 */
export function handoverRecordPdf(batch: Batch, office: { code: string; name: string }, madeAt: Date, resourcesDir: string, training = false): Promise<Buffer> {
  const rows = batch.items.map((item, i) => [
    String(i + 1),
    item.itemNumber ?? '—',
    item.senderName,
    `${item.procedureName} (${item.procedureCode})`,
    documentsCell(item.documents),
    formatVnd(item.fees.reduce((s, f) => s + f.amount, 0)),
  ]);
  return a4TablePdf(
    {
      orientation: 'portrait',
      title: HANDOVER_TITLE,
      subtitle: [
        `Số lô: ${batch.number}`,
        `Bên giao: ${office.name} (mã ${office.code})`,
        `Bên nhận: ${batch.agencyName} (mã ${batch.agencyCode})`,
        `Ngày ${formatDate(vnIsoDate(madeAt))}`,
      ],
      columns: [
        { header: 'STT', weight: 28, align: 'center' },
        { header: 'Số hiệu bưu gửi', weight: 90 },
        { header: 'Người gửi', weight: 100 },
        { header: 'Thủ tục hành chính', weight: 150 },
        { header: 'Thành phần hồ sơ (BC: bản chính, BS: bản sao)', weight: 150 },
        { header: 'Phí, lệ phí', weight: 62, align: 'right' },
      ],
      rows,
      after: [
        `Tổng số hồ sơ: ${batch.totals.items}`,
        `Tổng phí, lệ phí thu hộ: ${formatVnd(batch.totals.fees)}`,
        'Hai bên đã kiểm đếm từng bưu gửi theo số hiệu và phiếu gửi kèm theo, thống nhất số lượng như trên.',
        'Thời điểm ký bàn giao: ........ giờ ........ phút, ngày ......../......../............',
      ],
      signatures: [
        { title: 'ĐẠI DIỆN BÊN GIAO (BƯU ĐIỆN)', name: '' },
        { title: 'ĐẠI DIỆN BÊN NHẬN (CƠ QUAN GIẢI QUYẾT)', name: '' },
      ],
      copies: HANDOVER_COPIES,
      footer: `${HANDOVER_TITLE} · lô ${batch.number} · ${batch.agencyName} · lập lúc ${formatDateTime(madeAt)}`,
      metaTitle: `Biên bản giao nhận hồ sơ, lô ${batch.number}`,
      training,
    },
    resourcesDir,
  );
}
