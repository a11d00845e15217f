import ExcelJS from 'exceljs';

export interface SampleProcedure {
  code: string;
  name: string;
  agency: string;
  agencyCode: string;
  intake: string;
  fee: string | number;
  documents: [name: string, original: number, copy: number, required: string][];
}

/** A province-style list: a title row, headers in an unusual order and case, an extra column. */
export const SAMPLE: SampleProcedure[] = [
  {
    code: '1.002804',
    name: 'Cấp đổi giấy phép lái xe',
    agency: 'Sở Xây dựng',
    agencyCode: '000.00.15.H26',
    intake: 'Có',
    fee: '135.000',
    documents: [
      ['Đơn đề nghị đổi giấy phép lái xe', 1, 0, 'Có'],
      ['Giấy phép lái xe đang sử dụng', 0, 1, 'Có'],
      ['Giấy khám sức khỏe của người lái xe', 1, 0, 'Có'],
      ['Thẻ Căn cước', 0, 1, 'Không'],
    ],
  },
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    agency: 'Sở Tư pháp',
    agencyCode: '000.00.16.H26',
    intake: 'x',
    fee: 200000,
    documents: [
      ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 1, 0, 'Có'],
      ['Thẻ Căn cước hoặc Hộ chiếu', 0, 1, 'Có'],
    ],
  },
  {
    code: '1.001022',
    name: 'Đăng ký kết hôn',
    agency: 'UBND xã Tràng Tiền',
    agencyCode: '000.31.01.H26',
    intake: 'Không',
    fee: 'Miễn phí',
    documents: [['Tờ khai đăng ký kết hôn', 1, 0, 'Có']],
  },
];

export async function catalogueWorkbook(
  procedures: SampleProcedure[] = SAMPLE,
  tweak?: (procSheet: ExcelJS.Worksheet, docSheet: ExcelJS.Worksheet) => void,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ps = wb.addWorksheet('Danh mục TTHC');
  ps.addRow(['DANH MỤC THỦ TỤC HÀNH CHÍNH TIẾP NHẬN VÀ TRẢ KẾT QUẢ QUA DỊCH VỤ BƯU CHÍNH CÔNG ÍCH']);
  ps.addRow([
    'STT',
    'TÊN THỦ TỤC',
    'mã tthc',
    'Lĩnh vực',
    'Co quan giai quyet',
    'Mã  cơ quan',
    'Cấp thực hiện',
    'Tiếp nhận qua BCCI',
    'Trả kết quả qua BCCI',
    'Thời hạn giải quyết (ngày làm việc)',
    'Phí/Lệ phí',
    'Ghi chú',
  ]);
  procedures.forEach((p, i) =>
    ps.addRow([i + 1, p.name, p.code, 'Lĩnh vực', p.agency, p.agencyCode, 'Tỉnh', p.intake, 'Có', 5, p.fee, '']),
  );
  const ds = wb.addWorksheet('Thành phần hồ sơ');
  ds.addRow(['Mã TTHC', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Bắt buộc']);
  for (const p of procedures) for (const d of p.documents) ds.addRow([p.code, ...d]);
  tweak?.(ps, ds);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
