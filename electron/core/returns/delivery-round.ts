import type { ExportFile } from '../../../shared/contract/reports.js';
import type { RoundLine } from '../../../shared/contract/returns.js';
import type { Settings } from '../../../shared/contract/index.js';
import { formatDate, formatDateTime, vnIsoDate } from '../../../shared/format/vn-time.js';
import { a4TablePdf } from '../pdf/a4-table.js';
import { exportFile } from '../reports/export-file.js';
import type { ReturnRepository } from './return-repository.js';

export const ROUND_TITLE = 'DANH SÁCH PHÁT KẾT QUẢ TẠI ĐỊA CHỈ';
const HAND_ROOM = ' \n \n \n ';

export interface RoundDeps {
  returns: ReturnRepository;
  settings: () => Settings;
  resourcesDir: string;
  now: () => Date;
  /** the list says it is a training paper and is named so (decision 0045) */
  training: boolean;
}

/**
 * The postman's day (decision 0042): the results out for delivery, as a list on screen and on
 * A4 for the round, with a blank column for each outcome and the recipient's signature. The
 * outcomes come back by scanning each return item on F3, where the existing actions record them.
 */
export class DeliveryRound {
  constructor(private readonly d: RoundDeps) {}

  async lines(): Promise<RoundLine[]> {
    return (await this.d.returns.outForDelivery()).map((r) => ({
      dossierId: r.dossier_id,
      returnItemNumber: r.return_item_number,
      recipientName: r.sender_name,
      phone: r.sender_phone,
      deliveryAddress: r.delivery_address,
      procedureName: r.procedure_name,
      attempt: r.attempt,
    }));
  }

  async pdf(): Promise<ExportFile> {
    const at = this.d.now();
    const lines = await this.lines();
    const office = this.d.settings().office;
    const day = formatDate(vnIsoDate(at));
    const pdf = await a4TablePdf(
      {
        orientation: 'landscape',
        title: ROUND_TITLE,
        subtitle: [`Bưu cục: ${office.name} (mã ${office.code})`, `Ngày ${day}`, 'Bưu tá: ..........................................'],
        columns: [
          { header: 'STT', weight: 26, align: 'center' },
          { header: 'Số hiệu bưu gửi kết quả', weight: 92 },
          { header: 'Người nhận, điện thoại', weight: 120 },
          { header: 'Địa chỉ nhận kết quả', weight: 190 },
          { header: 'Lần phát', weight: 36, align: 'center' },
          { header: 'Kết quả (đã phát / lý do không phát được)', weight: 150 },
          { header: 'Người nhận ký, ghi rõ họ tên, số giấy tờ', weight: 150 },
        ],
        // Four lines high at least: room for the postman's and the recipient's handwriting.
        rows: lines.map((l, i) => [String(i + 1), l.returnItemNumber, `${l.recipientName} · ${l.phone}`, l.deliveryAddress, String(l.attempt), HAND_ROOM, HAND_ROOM]),
        after: [
          `Tổng số bưu gửi: ${lines.length}`,
          'Người nhận xuất trình giấy tờ tuỳ thân trước khi ký. Bưu gửi không phát được mang về bưu cục trong ngày; quầy quét từng bưu gửi để ghi kết quả.',
        ],
        signatures: [
          { title: 'NGƯỜI LẬP DANH SÁCH', name: '' },
          { title: 'BƯU TÁ', name: '' },
        ],
        footer: `${ROUND_TITLE} · ${office.name} · lập lúc ${formatDateTime(at)}`,
        metaTitle: `Danh sách phát kết quả ngày ${day}`,
        training: this.d.training,
      },
      this.d.resourcesDir,
    );
    return exportFile(`danh-sach-phat-${vnIsoDate(at)}`, 'pdf', pdf, this.d.training);
  }
}
