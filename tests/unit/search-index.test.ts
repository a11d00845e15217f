import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcedureIndex } from '../../electron/core/catalog/search-index.js';
import { parseCatalogue } from '../../electron/core/catalog/parse-catalogue.js';
import { readTables } from '../../electron/core/catalog/read-tables.js';

const demo = parseCatalogue(await readTables('catalogue.json', readFileSync(new URL('../../resources/demo/catalogue.json', import.meta.url))));
const index = new ProcedureIndex(demo.procedures);
const names = (q: string) => index.search(q, 5, (p) => p.intakeByPost).map((p) => p.name);

describe('procedure search', () => {
  it('finds without diacritics or case, by initials too', () => {
    expect(names('cap doi gplx')[0]).toBe('Cấp đổi giấy phép lái xe');
    expect(names('giay phep lai xe')).toContain('Cấp đổi giấy phép lái xe');
    expect(names('GIẤY PHÉP LÁI XE')).toContain('Cấp lại giấy phép lái xe');
  });

  it('puts the best match first', () => {
    expect(names('cap lai giay phep lai xe')[0]).toBe('Cấp lại giấy phép lái xe');
    expect(names('ly lich tu phap')[0]).toBe('Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam');
  });

  it('finds by code', () => {
    expect(names('1.002804')[0]).toBe('Cấp đổi giấy phép lái xe');
    expect(names('2.000488')[0]).toContain('lý lịch tư pháp');
  });

  it('offers only procedures open to postal intake', () => {
    expect(names('dang ky ket hon')).toEqual([]);
    expect(index.search('dang ky ket hon', 5).map((p) => p.name)).toContain('Đăng ký kết hôn');
  });

  it('returns nothing for an empty query or a word in no name', () => {
    expect(names('   ')).toEqual([]);
    expect(names('xyzzy')).toEqual([]);
  });
});

describe('procedure search ranks as the clerk means the query', () => {
  const list = (...names: string[]) =>
    new ProcedureIndex(names.map((name, i) => ({ ...demo.procedures[0]!, code: `9.00000${i}`, name })));
  const first = (index: ProcedureIndex, q: string) => index.search(q, 3)[0]?.name;

  it('puts names with the marks the clerk typed first, and ignores marks not typed', () => {
    const index = list('Xác nhận thuộc hộ nghèo', 'Cấp phép bán lẻ thuốc lá');
    expect(first(index, 'thuốc')).toBe('Cấp phép bán lẻ thuốc lá');
    expect(first(index, 'thuộc')).toBe('Xác nhận thuộc hộ nghèo');
    expect(index.search('thuoc', 3)).toHaveLength(2);
  });

  it('lets a single word find the name holding it whole before names that merely start with its letters', () => {
    const index = list('Xét miễn giảm học phí', 'Xếp hạng di tích', 'Đăng ký sang tên xe');
    expect(first(index, 'xe')).toBe('Đăng ký sang tên xe');
    expect(first(index, 'xet')).toBe('Xét miễn giảm học phí');
  });

  it('gives the start-of-name bonus only where the marks typed agree', () => {
    const index = list('Hỗ trợ chi phí mai táng', 'Đăng ký giám hộ');
    expect(first(index, 'hộ')).toBe('Đăng ký giám hộ');
    expect(first(index, 'hỗ trợ')).toBe('Hỗ trợ chi phí mai táng');
  });
});
