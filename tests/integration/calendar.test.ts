import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { skipWithout } from '../support/prerequisites.js';
import { ocrVietnamese } from '../support/read-back.js';
import { failure, sampleIntake, startCore, tempDir, type Harness } from '../support/core-harness.js';
import { rowsOf } from '../support/raw-sql.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

// Thursday 4/2/2027, 09:00 in Hà Nội: two days before Tết, whose notice is not out.
const BEFORE_TET_2027 = new Date('2027-02-04T02:00:00Z');

/** The 2027 notice as an administrator might enter it: Tết 5–10/2, make-up Saturday 30/1 for a swapped 11/2. */
const NOTICE_2027 = {
  year: 2027,
  reference: 'Thông báo 1234/TB-BNV ngày 15/10/2026',
  days: [
    { date: '2027-01-01', name: 'Tết Dương lịch', kind: 'off' as const },
    ...['05', '06', '07', '08', '09', '10'].map((d) => ({ date: `2027-02-${d}`, name: 'Tết Nguyên đán', kind: 'off' as const })),
    { date: '2027-02-11', name: 'Nghỉ hoán đổi', kind: 'off' as const },
    { date: '2027-01-30', name: 'Làm bù cho ngày 11/02/2027', kind: 'working' as const },
  ],
};

const auditOf = async (h: Harness) =>
  (await rowsOf<{ clerk_code: string; detail: string }>(h, "SELECT clerk_code, detail FROM audit_log WHERE action = 'calendar.notice' ORDER BY id")).map((r) => ({
    clerk: r.clerk_code,
    ...(JSON.parse(r.detail) as { year: number; reference: string; before: { official: boolean; days: unknown[] }; after: unknown[] }),
  }));

describe('the handover date across a Tết whose notice is not out', () => {
  it('skips the computed Tết, says the date is provisional and stores it', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    // J+2 over Fri 5/2 and Mon 8 – Thu 11/2 (Tết, and the days made up for its weekend).
    expect(r).toMatchObject({ expectedHandoverDate: '2027-02-15', expectedHandoverProvisional: true });
    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d).toMatchObject({ expectedHandoverDate: '2027-02-15', expectedHandoverProvisional: true });
    expect(d.events[0]!.data).toMatchObject({ expectedHandoverProvisional: true });
  });

  it.skipIf(skipWithout('tesseract'))('prints "dự kiến, theo lịch nghỉ chưa công bố" under the date on the receipt', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    const r = await h.client.dossiers.intake(sampleIntake(1));
    const png = join(tempDir('bcci-ocr-'), 'receipt.png');
    writeFileSync(png, Buffer.from((await h.client.printing.preview({ jobId: r.printJobs[0]!.id })).pngBase64, 'base64'));
    const text = await ocrVietnamese(png);
    expect(text).toContain('15/02/2027');
    expect(text).toContain('dự kiến, theo lịch nghỉ chưa công bố');
  });

  it('is not provisional inside a year with a notice', async () => {
    h = await startCore(); // Friday 27/11/2026
    expect(await h.client.dossiers.intake(sampleIntake(1))).toMatchObject({ expectedHandoverDate: '2026-12-01', expectedHandoverProvisional: false });
  });
});

describe('the official notice entered in Settings', () => {
  it('replaces the provisional days, counts its make-up Saturday, and is audited', async () => {
    h = await startCore({ now: new Date('2027-01-28T02:00:00Z') }); // Thursday 28/1/2027
    const provisional = await h.client.calendar.year({ year: 2027 });
    expect(provisional).toMatchObject({ official: false, enteredAt: null });
    expect(provisional.days.some((d) => d.date === '2027-02-05' && d.name === 'Tết Nguyên đán')).toBe(true);

    const saved = await h.client.calendar.saveNotice(NOTICE_2027);
    expect(saved).toMatchObject({ year: 2027, official: true, reference: NOTICE_2027.reference, enteredAt: '2027-01-28T02:00:00.000Z' });
    expect(saved.days).toHaveLength(9);

    // Thu 28/1 + 2: Fri 29/1, then the make-up Saturday 30/1.
    expect(await h.client.dossiers.intake(sampleIntake(1))).toMatchObject({ expectedHandoverDate: '2027-01-30', expectedHandoverProvisional: false });
    // Thu 4/2 + 2 under the notice: Fri 5 – Thu 11 off, so Fri 12/2 and Mon 15/2.
    await h.setClock(BEFORE_TET_2027);
    expect(await h.client.dossiers.intake(sampleIntake(1))).toMatchObject({ expectedHandoverDate: '2027-02-15', expectedHandoverProvisional: false });

    // Editing it again is a second audited change, with what it replaced.
    await h.client.calendar.saveNotice({ ...NOTICE_2027, days: NOTICE_2027.days.filter((d) => d.kind === 'off') });
    const audit = await auditOf(h);
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ clerk: 'gdv01', year: 2027, before: { official: false } });
    expect(audit[1]!.before).toMatchObject({ official: true });
    expect(audit[1]!.before.days).toHaveLength(9);
    expect(audit[1]!.after).toHaveLength(8);
  });

  it('survives a restart on the same data folder', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    await h.client.calendar.saveNotice(NOTICE_2027);
    const dir = h.dataDir;
    await h.stop();
    h = await startCore({ dataDir: dir, now: BEFORE_TET_2027 });
    expect(await h.client.calendar.year({ year: 2027 })).toMatchObject({ official: true, reference: NOTICE_2027.reference });
  });

  it('refuses a notice with a make-up day on a weekday or a date of another year, in words, and keeps the old one', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    await h.client.calendar.saveNotice(NOTICE_2027);
    const weekday = await failure(h.client.calendar.saveNotice({ ...NOTICE_2027, days: [{ date: '2027-02-03', name: 'Làm bù', kind: 'working' }] }));
    expect(weekday).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID' });
    expect(weekday.vi).toContain('03/02/2027 không phải thứ Bảy hay Chủ nhật');
    expect(weekday.en).toContain('not a Saturday or Sunday');
    const otherYear = await failure(h.client.calendar.saveNotice({ ...NOTICE_2027, days: [{ date: '2028-01-01', name: 'Tết Dương lịch', kind: 'off' }] }));
    expect(otherYear.vi).toContain('01/01/2028 không phải một ngày của năm 2027');
    expect((await h.client.calendar.year({ year: 2027 })).days).toHaveLength(9);
    expect(await auditOf(h)).toHaveLength(1);
  });
});

describe('importing a notice from a file', () => {
  const base64 = (b: Buffer | string) => Buffer.from(b).toString('base64');

  it('reads an XLSX with the columns Ngày, Loại, Tên', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Lịch nghỉ 2027');
    ws.addRow(['Ngày', 'Loại', 'Tên']);
    ws.addRow(['05/02/2027', 'Nghỉ', 'Tết Nguyên đán']);
    ws.addRow([new Date(Date.UTC(2027, 1, 8)), 'Nghỉ', 'Tết Nguyên đán']);
    ws.addRow(['30/01/2027', 'Làm bù', 'Làm bù cho ngày 11/02/2027']);
    const days = await h.client.calendar.readNoticeFile({ year: 2027, fileName: 'tb-2027.xlsx', contentBase64: base64(Buffer.from(await wb.xlsx.writeBuffer())) });
    expect(days).toEqual([
      { date: '2027-01-30', kind: 'working', name: 'Làm bù cho ngày 11/02/2027' },
      { date: '2027-02-05', kind: 'off', name: 'Tết Nguyên đán' },
      { date: '2027-02-08', kind: 'off', name: 'Tết Nguyên đán' },
    ]);
    // Reading saves nothing: the administrator checks the days first.
    expect((await h.client.calendar.year({ year: 2027 })).official).toBe(false);
  });

  it('reads JSON shaped like the shipped calendar, and names the bad row of a broken file', async () => {
    h = await startCore({ now: BEFORE_TET_2027 });
    const json = { holidays: [{ date: '2027-02-05', name: 'Tết Nguyên đán' }], workingWeekends: [{ date: '2027-01-30', name: 'Làm bù' }] };
    expect(await h.client.calendar.readNoticeFile({ year: 2027, fileName: 'tb.json', contentBase64: base64(JSON.stringify(json)) })).toEqual([
      { date: '2027-01-30', kind: 'working', name: 'Làm bù' },
      { date: '2027-02-05', kind: 'off', name: 'Tết Nguyên đán' },
    ]);
    const bad = await failure(h.client.calendar.readNoticeFile({ year: 2027, fileName: 'tb.csv', contentBase64: base64('Ngày,Loại,Tên\n31/02/2027,Nghỉ,Tết\n') }));
    expect(bad).toMatchObject({ code: 'CALENDAR_NOTICE_INVALID' });
    expect(bad.vi).toContain('dòng 2');
    expect(bad.en).toContain('row 2');
  });
});

describe('the reminder in the status bar', () => {
  it('asks for next year’s notice from 1 October until it is entered', async () => {
    h = await startCore({ now: new Date('2027-09-30T10:00:00Z') }); // 30/9 17:00 in Hà Nội
    expect((await h.client.system.status()).calendarNoticeMissing).toBeNull();
    await h.setClock(new Date('2027-09-30T17:00:00Z')); // 1/10 00:00 in Hà Nội
    expect((await h.client.system.status()).calendarNoticeMissing).toBe(2028);
    await h.client.calendar.saveNotice({ year: 2028, reference: 'Thông báo 2028', days: [{ date: '2028-01-01', name: 'Tết Dương lịch', kind: 'off' }] });
    expect((await h.client.system.status()).calendarNoticeMissing).toBeNull();
  });
});
