import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../electron/core/catalog/parse-catalogue.js';
import { readTables } from '../../electron/core/catalog/read-tables.js';
import { catalogueWorkbook, SAMPLE } from '../support/catalogue-workbook.js';

const parse = async (name: string, bytes: Buffer) => parseCatalogue(await readTables(name, bytes));
const errorText = (e: unknown) => (e as { data: { vi: string; code: string } }).data;

describe('catalogue import from XLSX', () => {
  it('matches headers in any order, case and diacritics, under a title row, ignoring extra columns', async () => {
    const r = await parse('ds.xlsx', await catalogueWorkbook());
    expect(r.errors).toEqual([]);
    expect(r.procedures.map((p) => p.code)).toEqual(['1.002804', '2.000488', '1.001022']);
    expect(r.procedures[0]).toMatchObject({ name: 'Cấp đổi giấy phép lái xe', agencyCode: '000.00.15.H26', fee: 135000, intakeByPost: true, deadlineDays: 5 });
    expect(r.procedures[1]).toMatchObject({ fee: 200000, intakeByPost: true });
    expect(r.procedures[2]).toMatchObject({ fee: 0, intakeByPost: false });
    expect(r.documents.get('1.002804')).toHaveLength(4);
    expect(r.documents.get('1.002804')![1]).toEqual({ seq: 2, name: 'Giấy phép lái xe đang sử dụng', original: 0, copy: 1, required: true });
  });

  it('lists every bad row with its sheet, row number and reason', async () => {
    const bytes = await catalogueWorkbook(SAMPLE, (ps, ds) => {
      ps.addRow([4, '', '9.999999', '', 'Sở X', 'bad code!', 'Tỉnh', 'Có', 'Có', 5, '10k']);
      ps.addRow([5, 'Trùng mã', '1.002804', '', 'Sở X', '000.00.15.H26', 'Tỉnh', 'Có', 'Có', 5, 0]);
      ps.addRow([6, 'Sai cờ', '3.000001', '', 'Sở X', '000.00.15.H26', 'Tỉnh', 'Có thể', 'Có', 'năm', 0]);
      ds.addRow(['7.777777', 'Giấy lạ', 1, 0, 'Có']);
      ds.addRow(['1.002804', 'Giấy thiếu cờ', 1, 0, 'Tuỳ']);
    });
    const r = await parse('ds.xlsx', bytes);
    const rows = r.errors.map((e) => `${e.sheet}:${e.row}`);
    expect(rows).toEqual(['Danh mục TTHC:6', 'Danh mục TTHC:7', 'Danh mục TTHC:8', 'Thành phần hồ sơ:9', 'Thành phần hồ sơ:10']);
    expect(r.errors[0]!.message.vi).toContain('thiếu Tên thủ tục');
    expect(r.errors[0]!.message.vi).toContain('Mã cơ quan "BAD CODE!"');
    // an unreadable fee alone never refuses a row; on a refused row it is not worth saying
    expect(r.errors[0]!.message.vi).not.toContain('phí');
    expect(r.errors[1]!.message.vi).toContain('trùng với dòng 3');
    expect(r.errors[2]!.message.vi).toContain('"Tiếp nhận qua BCCI" phải là Có hoặc Không');
    expect(r.errors[3]!.message.vi).toContain('"7.777777" không có trong bảng thủ tục');
    expect(r.errors[4]!.message.en).toContain('"Bắt buộc" must be Có or Không');
  });

  it('names a missing required column', async () => {
    const bytes = await catalogueWorkbook(SAMPLE, (ps) => ps.spliceColumns(6, 1));
    const r = await parse('ds.xlsx', bytes);
    expect(r.errors[0]).toMatchObject({ sheet: 'Danh mục TTHC', row: 2 });
    expect(r.errors[0]!.message.vi).toBe('Thiếu cột "Mã cơ quan".');
  });

  it('says so when no sheet has the procedure columns', async () => {
    const bytes = await catalogueWorkbook(SAMPLE, (ps) => {
      ps.getRow(2).getCell(2).value = 'Tên';
    });
    const r = await parse('ds.xlsx', bytes);
    expect(r.procedures).toEqual([]);
    expect(r.errors[0]!.message.vi).toContain('Không tìm thấy bảng thủ tục');
  });

  it('refuses damaged workbooks in words, never a stack trace', async () => {
    const good = await catalogueWorkbook();
    for (const bytes of [Buffer.from('not a zip at all'), good.subarray(0, good.length / 2), Buffer.alloc(0)]) {
      await expect(readTables('ds.xlsx', bytes)).rejects.toSatisfy((e: unknown) => errorText(e).code === 'IMPORT_UNREADABLE');
    }
  });

  it('refuses an unknown file type', async () => {
    await expect(readTables('ds.pdf', Buffer.from('%PDF'))).rejects.toSatisfy((e: unknown) => errorText(e).vi.includes('.xlsx, .csv hoặc .json'));
  });
});

describe('catalogue import from CSV and JSON', () => {
  it('reads a CSV with ; delimiter, quotes, BOM and a documents table after a blank line', async () => {
    const csv =
      '\uFEFFMã TTHC;Tên thủ tục;Cơ quan giải quyết;Mã cơ quan;Tiếp nhận qua BCCI;Trả kết quả qua BCCI;Phí/lệ phí\r\n' +
      '1.002804;"Cấp đổi giấy phép lái xe; hạng A";Sở Xây dựng;000.00.15.H26;Có;Có;"135.000"\r\n' +
      '\r\n' +
      'Mã TTHC;Tên giấy tờ;Bản chính;Bản sao;Bắt buộc\r\n' +
      '1.002804;"Đơn đề nghị ""mẫu 1""";1;0;Có\r\n';
    const r = await parse('ds.csv', Buffer.from(csv));
    expect(r.errors).toEqual([]);
    expect(r.procedures[0]).toMatchObject({ name: 'Cấp đổi giấy phép lái xe; hạng A', fee: 135000 });
    expect(r.documents.get('1.002804')![0]!.name).toBe('Đơn đề nghị "mẫu 1"');
  });

  it('refuses a CSV that is not UTF-8 and says how to save it', async () => {
    const latin1 = Buffer.from([0x4d, 0xe3, 0x20, 0x54, 0x54, 0x48, 0x43, 0x0a]);
    await expect(readTables('ds.csv', latin1)).rejects.toSatisfy((e: unknown) => errorText(e).vi.includes('CSV UTF-8'));
  });

  it('reads JSON tables keyed by the Vietnamese headers and refuses broken JSON', async () => {
    const json = JSON.stringify({
      'Thủ tục': [{ 'Mã TTHC': '1.1', 'Tên thủ tục': 'Thủ tục A', 'Cơ quan giải quyết': 'Sở A', 'Mã cơ quan': '000.00.01.H26', 'Tiếp nhận qua BCCI': true, 'Trả kết quả qua BCCI': false, 'Phí/lệ phí': 5000 }],
      'Thành phần hồ sơ': [{ 'Mã TTHC': '1.1', 'Tên giấy tờ': 'Đơn', 'Bản chính': 1, 'Bản sao': 0, 'Bắt buộc': 'Có' }],
    });
    const r = await parse('ds.json', Buffer.from(json));
    expect(r.errors).toEqual([]);
    expect(r.procedures[0]).toMatchObject({ code: '1.1', intakeByPost: true, returnByPost: false, fee: 5000 });
    await expect(readTables('ds.json', Buffer.from('{"Thủ tục": ['))).rejects.toSatisfy((e: unknown) => errorText(e).code === 'IMPORT_UNREADABLE');
  });
});
