import { describe, expect, it } from 'vitest';
import type { Batch } from '../../shared/contract/batches.js';
import { handoverRecordPdf } from '../../electron/core/batches/handover-record.js';
import { defaultResourcesDir } from '../../electron/core/system/paths.js';
import { pdfText } from '../support/read-back.js';

const OFFICE = { code: '100000', name: 'Bưu cục Trung tâm Hà Nội' };
const MADE_AT = new Date('2026-11-28T03:15:00Z'); // 10:15 in Hà Nội

const item = (i: number): Batch['items'][number] => ({
  dossierId: i,
  itemNumber: `EL${String(47110815 + i).padStart(8, '0')}1VN`,
  registerNo: `2026/${i}`,
  senderName: i % 2 ? 'Nguyễn Văn Đức' : 'Trần Thị Hồng Nhung',
  procedureCode: '1.004227',
  procedureName: 'Cấp đổi giấy phép lái xe',
  documents: [
    { name: 'Đơn đề nghị', form: 'original', count: 1 },
    { name: 'Giấy khám sức khoẻ', form: 'copy', count: 2 },
  ],
  fees: [{ name: 'Lệ phí cấp đổi', amount: 135000 }],
  addedAt: '2026-11-28T02:00:00.000Z',
});

function batchOf(n: number): Batch {
  const items = Array.from({ length: n }, (_, i) => item(i + 1));
  return {
    id: 1,
    number: '100000-Q01-261128-01',
    agencyCode: '000.00.15.H12',
    agencyName: 'Sở Giao thông vận tải Hà Nội',
    state: 'closed',
    createdAt: '2026-11-28T01:00:00.000Z',
    createdBy: { code: 'KS01', name: 'Lê Văn Kiểm' },
    closedAt: '2026-11-28T03:00:00.000Z',
    handedOverAt: null,
    handoverOfficer: null,
    upload: null,
    items,
    totals: { items: n, fees: n * 135000 },
  };
}

describe('the handover record (Biên bản giao nhận hồ sơ)', () => {
  it('reads back with both sides, the batch, every item line, the totals and both signature blocks, in two copies', async () => {
    const pdf = await handoverRecordPdf(batchOf(3), OFFICE, MADE_AT, defaultResourcesDir());
    const pages = (await pdfText(pdf)).split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    const [first, second] = pages as [string, string];
    expect(first).toContain('Liên 1: Bưu cục lưu');
    expect(second).toContain('Liên 2: Cơ quan giải quyết lưu');
    for (const page of pages) {
      expect(page).toContain('BIÊN BẢN GIAO NHẬN HỒ SƠ');
      expect(page).toContain('Số lô: 100000-Q01-261128-01');
      expect(page).toContain('Bưu cục Trung tâm Hà Nội (mã 100000)');
      expect(page).toContain('Sở Giao thông vận tải Hà Nội (mã 000.00.15.H12)');
      expect(page).toContain('Ngày 28/11/2026');
      expect(page).toMatch(/1\s+EL471108161VN\s+Nguyễn Văn Đức\s+Cấp đổi giấy phép lái xe/);
      expect(page).toMatch(/3\s+EL471108181VN\s+Nguyễn Văn Đức/);
      expect(page).toContain('Đơn đề nghị (BC ×1)');
      expect(page).toContain('Tổng số hồ sơ: 3');
      expect(page).toContain('Tổng phí, lệ phí thu hộ: 405.000 ₫');
      expect(page).toContain('ĐẠI DIỆN BÊN GIAO (BƯU ĐIỆN)');
      expect(page).toContain('ĐẠI DIỆN BÊN NHẬN (CƠ QUAN GIẢI QUYẾT)');
      expect(page).toContain('Trang 1/1');
    }
  });

  it('runs each copy over as many pages as its lines need, numbered within the copy', async () => {
    const pdf = await handoverRecordPdf(batchOf(120), OFFICE, MADE_AT, defaultResourcesDir());
    const pages = (await pdfText(pdf)).split('\f').filter((p) => p.trim() !== '');
    expect(pages.length % 2).toBe(0);
    const perCopy = pages.length / 2;
    expect(perCopy).toBeGreaterThan(1);
    expect(pages[0]).toContain(`Trang 1/${perCopy}`);
    expect(pages[perCopy]).toContain('Liên 2: Cơ quan giải quyết lưu');
    expect(pages[perCopy]).toContain(`Trang 1/${perCopy}`);
    const text = pages.join('\n');
    // every item number is listed once in each copy
    expect(text.match(/EL471109351VN/g)).toHaveLength(2);
    expect(pages[perCopy - 1]).toContain('Tổng số hồ sơ: 120');
    expect(pages[perCopy - 1]).toContain('ĐẠI DIỆN BÊN NHẬN');
  });
});
