import { describe, expect, it } from 'vitest';
import { parseCatalogue } from '../../electron/core/catalog/parse-catalogue.js';
import { readTables } from '../../electron/core/catalog/read-tables.js';
import { readDeadline, readFee } from '../../electron/core/catalog/published-values.js';
import { publishedListWorkbook } from '../support/published-list.js';

const parse = async (bytes: Buffer) => parseCatalogue(await readTables('phu-luc.xlsx', bytes));

describe('a list as provinces publish it', () => {
  it('imports text deadlines and fees, refusing only the bad rows, each once', async () => {
    const r = await parse(await publishedListWorkbook());
    expect(r.procedures.map((p) => p.code)).toEqual(['1.000001', '1.000002', '1.000003', '1.000004', '1.000005', '1.000006', '1.000007']);
    expect(r.errors.map((e) => `${e.sheet}:${e.row}`)).toEqual(['Phụ lục:16', 'Phụ lục:17']);
    expect(r.warnings.map((w) => `${w.sheet}:${w.row}`)).toEqual(['Phụ lục:13', 'Phụ lục:15', 'Thành phần hồ sơ:5']);

    const byCode = new Map(r.procedures.map((p) => [p.code, p]));
    const facts = (code: string) => {
      const p = byCode.get(code)!;
      return [p.deadlineText, p.deadlineDays, p.deadlineUnit, p.feeText, p.fee];
    };
    expect(facts('1.000001')).toEqual(['03 ngày làm việc', 3, 'working', 'Không', 0]);
    expect(facts('1.000002')).toEqual(['Không quá 05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ', 5, 'working', '50.000 đồng/hồ sơ', 50000]);
    expect(facts('1.000003')).toEqual(['Trong ngày', 0, 'working', 'Miễn phí', 0]);
    expect(facts('1.000004')).toEqual(['Ngay trong ngày làm việc', 0, 'working', '100.000đ/lần', 100000]);
    expect(facts('1.000005')).toEqual(['1,5 ngày', 2, 'calendar', 'Theo quy định', null]);
    expect(facts('1.000006')).toEqual(['30 ngày', 30, 'calendar', 'Không', 0]);
    expect(facts('1.000007')).toEqual(['Theo quy định của pháp luật', null, null, 'Miễn phí', 0]);
  });

  it('reads the two-line BCCI header, notes and the in-person column', async () => {
    const r = await parse(await publishedListWorkbook());
    const byCode = new Map(r.procedures.map((p) => [p.code, p]));
    expect(byCode.get('1.000001')).toMatchObject({ name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam', intakeByPost: true, returnByPost: true, inPerson: false });
    expect(byCode.get('1.000002')).toMatchObject({ notes: 'Nộp kèm bản chính để đối chiếu', inPerson: null });
    expect(byCode.get('1.000003')).toMatchObject({ intakeByPost: true, returnByPost: false });
    expect(byCode.get('1.000004')).toMatchObject({ intakeByPost: false, returnByPost: true, inPerson: true, notes: 'Người yêu cầu phải có mặt khi nhận kết quả' });
    expect(r.documents.get('1.000001')).toHaveLength(2);
  });

  it('says why a row is only warned: the text and that the value is unknown', async () => {
    const r = await parse(await publishedListWorkbook());
    const [giamHo, caiChinh, docs] = r.warnings;
    expect(giamHo!.message.vi).toContain('thời hạn "1,5 ngày" được tính là 2 ngày');
    expect(giamHo!.message.vi).toContain('phí "Theo quy định" không ghi số tiền');
    expect(caiChinh!.message.en).toContain('deadline "Theo quy định của pháp luật" gives no number of days');
    expect(docs!.message.vi).toBe('2 dòng giấy tờ của Mã TTHC 1.000008 chưa được đọc vì dòng thủ tục của nó (Phụ lục, dòng 16) bị lỗi');
  });

  it('finds a repeated code whatever else is wrong with the row, and keeps the first name', async () => {
    const r = await parse(await publishedListWorkbook());
    expect(r.errors[0]!.message.vi).toContain('Mã cơ quan "UBND XÃ" không hợp lệ');
    expect(r.errors[1]!.message.vi).toContain('"Tiếp nhận qua BCCI" phải là Có hoặc Không');
    expect(r.errors[1]!.message.vi).toContain('Mã TTHC 1.000001 trùng với dòng 8');
    expect(r.procedures.find((p) => p.code === '1.000001')!.name).toBe('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam');
  });
});

describe('published headers', () => {
  it('takes neither a postage column for the fee nor a way of submitting for the in-person flag', () => {
    const header = ['Mã TTHC', 'Tên thủ tục', 'Cơ quan giải quyết', 'Mã cơ quan', 'Tiếp nhận qua BCCI', 'Trả kết quả qua BCCI',
      'Phí dịch vụ bưu chính', 'Phí, lệ phí', 'Nộp trực tiếp', 'Phải có mặt trực tiếp'];
    const r = parseCatalogue([{ name: 'DM', rows: [
      { row: 1, cells: header },
      { row: 2, cells: ['1.1', 'Thủ tục A', 'Sở A', '000.00.01.H26', 'x', 'x', '25.000', '15.000 đồng', 'x', ''] },
      { row: 3, cells: ['1.2', 'Thủ tục B', 'Sở A', '000.00.01.H26', 'x', 'x', '25.000', 'Không', '', 'x'] },
    ] }]);
    expect(r.errors).toEqual([]);
    expect(r.procedures.map((p) => [p.fee, p.inPerson])).toEqual([[15000, null], [0, true]]);
  });
});

describe('reading published deadlines and fees', () => {
  it('takes the unit from the cell, or from a header that says working days', () => {
    expect(readDeadline('5', true)).toMatchObject({ days: 5, unit: 'working' });
    expect(readDeadline('5', false)).toMatchObject({ days: 5, unit: 'calendar' });
    expect(readDeadline('', true)).toEqual({ days: null, unit: null, warning: null });
  });

  it('leaves several or hourly deadlines unknown, with a warning', () => {
    expect(readDeadline('05 ngày làm việc; trường hợp phải xác minh 10 ngày làm việc', false)).toMatchObject({ days: null, unit: null });
    expect(readDeadline('04 giờ làm việc', false).warning!.vi).toContain('tính bằng giờ');
  });

  it('reads an amount only where the text gives one', () => {
    expect(readFee('135.000')).toEqual({ amount: 135000, warning: null });
    expect(readFee('')).toEqual({ amount: 0, warning: null });
    expect(readFee('Lệ phí 20.000 đồng theo Thông tư 85/2019/TT-BTC')).toEqual({ amount: 20000, warning: null });
    expect(readFee('Cấp mới 50.000 đồng; cấp lại 25.000 đồng').amount).toBeNull();
  });
});
