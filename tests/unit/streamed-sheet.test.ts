import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { StreamedSheet } from '../../electron/core/reports/streamed-sheet.js';

async function readBack(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return { wb, ws: wb.worksheets[0]! };
}

describe('a sheet written row by row as XML into a streaming zip', () => {
  it('opens in a spreadsheet reader with its text, numbers, merged title, frozen rows, widths and A4 landscape page', async () => {
    const sheet = new StreamedSheet({ sheetName: 'Sổ theo dõi', creator: 'BCCI Counter', widths: [6, 25, 20], frozenRows: 3 });
    sheet.line('SỔ THEO DÕI HỒ SƠ', 'title');
    sheet.row([]);
    sheet.row(['STT', 'Người nộp', 'Ghi chú'], 'header');
    // What a citizen's name or a pasted address may hold: markup, quotes, a bell, edge spaces.
    sheet.row([1, 'Nguyễn Thị <b>Ánh</b> & "Tuyết"', '  lùi vào\u0007 ']);
    sheet.row([2, '', 'Đặng Văn Ơn']);
    for (let stt = 3; stt <= 2000; stt++) sheet.row([stt, `Người thứ ${stt}`, 'ĐÃ HUỶ 01/12/2026']);
    sheet.row(['Tổng số hồ sơ: 2000'], 'boldNote');
    const { wb, ws } = await readBack(await sheet.finish());

    expect(ws.name).toBe('Sổ theo dõi');
    expect(wb.creator).toBe('BCCI Counter');
    expect(ws.getCell('A1').value).toBe('SỔ THEO DÕI HỒ SƠ');
    expect(ws.getCell('C1').isMerged).toBe(true);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A1').alignment?.horizontal).toBe('center');
    expect(ws.getRow(3).values).toEqual([undefined, 'STT', 'Người nộp', 'Ghi chú']);
    expect(ws.getRow(4).values).toEqual([undefined, 1, 'Nguyễn Thị <b>Ánh</b> & "Tuyết"', '  lùi vào ']);
    // An empty string leaves its cell empty; the rest of the row keeps its place.
    expect(ws.getRow(5).values).toEqual([undefined, 2, undefined, 'Đặng Văn Ơn']);
    expect(ws.getCell('B4').alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    // Numbers stay numbers, in order and gapless.
    const stts: unknown[] = [];
    for (let r = 4; r <= 2003; r++) stts.push(ws.getCell(r, 1).value);
    expect(stts).toEqual(Array.from({ length: 2000 }, (_, i) => i + 1));
    expect(ws.getCell('A2004').value).toBe('Tổng số hồ sơ: 2000');
    expect(ws.getCell('A2004').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.columns.map((c) => c.width)).toEqual([6, 25, 20]);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  });

  it('is a sound zip with every part of a workbook (checked by unzip)', async () => {
    const sheet = new StreamedSheet({ sheetName: 'S', creator: 'BCCI Counter', widths: [10], frozenRows: 0 });
    sheet.row(['một']);
    const file = join(mkdtempSync(join(tmpdir(), 'bcci-sheet-')), 'book.xlsx');
    writeFileSync(file, await sheet.finish());
    expect(execFileSync('unzip', ['-t', file]).toString()).toContain('No errors detected');
    const names = execFileSync('unzip', ['-Z1', file]).toString().trim().split('\n').sort();
    expect(names).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']);
  });
});
