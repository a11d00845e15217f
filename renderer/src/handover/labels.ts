/** F4's handover signing, in Vietnamese and English; spread into L. */
export const HANDOVER_LABELS = {
  noOpenBatches: [
    'Không có lô nào chưa bàn giao. Bấm "Tạo lô" ở dòng cơ quan có hồ sơ chờ để bắt đầu một lô.',
    'No batch is waiting to be handed over. Press "New batch" on an agency’s line with dossiers waiting to start one.',
  ],
  batchHandedOver: ['Đã bàn giao', 'Handed over'],
  signedHandover: ['Ghi nhận bàn giao', 'Record the handover'],
  signedAt: ['Giờ ký biên bản', 'Time the record was signed'],
  signedAtHint: ['Như trên biên bản đã ký: ngày/tháng/năm giờ:phút', 'As on the signed record: dd/mm/yyyy hh:mm'],
  signedAtFormat: ['Nhập giờ ký theo dạng 28/11/2026 09:15.', 'Type the signing time as 28/11/2026 09:15.'],
  receivingOfficer: ['Cán bộ cơ quan nhận hồ sơ', 'Agency officer who received it'],
  receivingOfficerHint: ['Họ tên như ký trên biên bản', 'Full name as signed on the record'],
  receivingOfficerMissing: ['Nhập họ tên cán bộ cơ quan đã ký nhận.', 'Type the name of the agency officer who signed.'],
  saveHandover: ['Ghi giờ bàn giao', 'Save handover time'],
  handoverSaved: ['Đã ghi giờ bàn giao', 'Handover time saved'],
  handedOverAt: ['Bàn giao lúc', 'Handed over at'],
  handedOverTo: ['cán bộ nhận', 'received by'],
  batchEmpty: [
    'Lô chưa có hồ sơ nào: quét mã trên phong bì, hoặc gõ số hiệu bưu gửi ở trên rồi nhấn Enter.',
    'No dossier in this batch yet: scan the envelope, or type its item number above and press Enter.',
  ],
} as const satisfies Record<string, readonly [string, string]>;
