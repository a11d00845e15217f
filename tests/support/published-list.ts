import ExcelJS from 'exceljs';

/** One procedure row of a published list, cells as the province writes them. */
export interface PublishedRow {
  code: string;
  name: string;
  agencyCode: string;
  deadline: string;
  fee: string;
  intake: string;
  ret: string;
  inPerson: string;
  notes: string;
  documents: [name: string, original: number, copy: number, required: string][];
}

const row = (code: string, name: string, deadline: string, fee: string, more: Partial<PublishedRow> = {}): PublishedRow => ({
  code, name, agencyCode: '000.00.16.H26', deadline, fee, intake: 'x', ret: 'x', inPerson: '', notes: '', documents: [], ...more,
});

/**
 * Shaped like a province's decision annex: a merged title and subtitle, a two-line header with
 * "Thực hiện qua BCCI" over "Tiếp nhận hồ sơ" / "Trả kết quả", a "(1) (2) …" numbering row,
 * section headings merged across, and settlement times and fees written as text.
 */
export const PUBLISHED: (PublishedRow | string)[] = [
  'I. LĨNH VỰC TƯ PHÁP',
  row('1.000001', 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', '03 ngày làm việc', 'Không', {
    inPerson: 'Không',
    documents: [['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 1, 0, 'Có'], ['Bản sao Thẻ Căn cước', 0, 1, 'Có']],
  }),
  row('1.000002', 'Chứng thực bản sao từ bản chính', 'Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', '50.000 đồng/hồ sơ', {
    notes: 'Nộp kèm bản chính để đối chiếu',
  }),
  row('1.000003', 'Cấp bản sao trích lục hộ tịch', 'Trong ngày', 'Miễn phí', { ret: '' }),
  'II. LĨNH VỰC HỘ TỊCH',
  row('1.000004', 'Đăng ký khai sinh', 'Ngay trong ngày làm việc', '100.000đ/lần', {
    intake: '',
    inPerson: 'x',
    notes: 'Người yêu cầu phải có mặt khi nhận kết quả',
  }),
  row('1.000005', 'Đăng ký giám hộ', '1,5 ngày', 'Theo quy định'),
  row('1.000006', 'Đăng ký nhận cha, mẹ, con', '30 ngày', 'Không'),
  row('1.000007', 'Thay đổi, cải chính hộ tịch', 'Theo quy định của pháp luật', 'Miễn phí'),
  // refused: the agency cell holds a name, not a code; its documents must not cascade
  row('1.000008', 'Đăng ký kết hôn', '05 ngày làm việc', 'Không', {
    agencyCode: 'UBND xã',
    documents: [['Tờ khai đăng ký kết hôn', 1, 0, 'Có'], ['Giấy xác nhận tình trạng hôn nhân', 1, 0, 'Có']],
  }),
  // refused twice over: a repeated code with a bad flag too; the first row's name must stay
  row('1.000001', 'Tên lặp lại', '03 ngày làm việc', 'Không', { intake: 'Có thể' }),
];

export async function publishedListWorkbook(rows: (PublishedRow | string)[] = PUBLISHED): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Phụ lục');
  const last = 'L';
  ws.addRow(['DANH MỤC THỦ TỤC HÀNH CHÍNH THUỘC THẨM QUYỀN GIẢI QUYẾT CỦA TỈNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH']);
  ws.mergeCells(`A1:${last}1`);
  ws.addRow(['(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15/10/2025 của Chủ tịch Ủy ban nhân dân tỉnh)']);
  ws.mergeCells(`A2:${last}2`);
  ws.addRow([]);
  ws.addRow(['STT', 'Mã TTHC', 'Tên thủ tục hành chính', 'Lĩnh vực', 'Cơ quan giải quyết', 'Mã cơ quan', 'Thời hạn giải quyết', 'Phí, lệ phí',
    'Thực hiện qua dịch vụ BCCI', '', 'Yêu cầu có mặt trực tiếp', 'Ghi chú']);
  ws.addRow(['', '', '', '', '', '', '', '', 'Tiếp nhận hồ sơ', 'Trả kết quả', '', '']);
  for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'K', 'L']) ws.mergeCells(`${c}4:${c}5`);
  ws.mergeCells('I4:J4');
  ws.addRow(Array.from({ length: 12 }, (_, i) => `(${i + 1})`));
  let n = 0;
  for (const r of rows) {
    if (typeof r === 'string') {
      const at = ws.addRow([r]).number;
      ws.mergeCells(`A${at}:${last}${at}`);
      continue;
    }
    ws.addRow([++n, r.code, r.name, 'Tư pháp', 'Sở Tư pháp', r.agencyCode, r.deadline, r.fee, r.intake, r.ret, r.inPerson, r.notes]);
  }
  const ds = wb.addWorksheet('Thành phần hồ sơ');
  ds.addRow(['THÀNH PHẦN HỒ SƠ CỦA TỪNG THỦ TỤC']);
  ds.mergeCells('A1:E1');
  ds.addRow(['Mã TTHC', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Bắt buộc']);
  for (const r of rows) if (typeof r !== 'string') for (const d of r.documents) ds.addRow([r.code, ...d]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
