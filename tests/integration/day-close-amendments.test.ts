import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, SECRET, startCore, type Client, type Harness } from '../support/core-harness.js';
import { rowOf, rowsOf } from '../support/raw-sql.js';
import { skipWithout } from '../support/prerequisites.js';
import { ocrVietnamese, pdfText, previewFile } from '../support/read-back.js';

let h: Harness;
let supervisor: Client;
let clerk: Client;
/** everyone signed in at a counter, to unlock after the clock moves */
let people: [Client, string][];
async function signedIn(role: 'clerk' | 'supervisor', code: string, name: string): Promise<Client> {
  const client = await h.clientAs(role, code, name);
  people.push([client, code]);
  return client;
}
beforeEach(async () => {
  h = await startCore(); // Friday 27 November 2026, 09:15 in Hà Nội
  people = [];
  supervisor = await signedIn('supervisor', 'ksv01', 'Phạm Văn Kiểm');
  clerk = await signedIn('clerk', 'gdv02', 'Lê Thị Hoa');
});
afterEach(async () => {
  await h.stop();
});

/** Moves the clock; the counters idle that long have locked, so their people unlock them. */
async function setClock(iso: string) {
  await h.setClock(new Date(iso));
  for (const [client, code] of people) {
    if ((await client.session.state()).locked) await client.session.unlock({ clerkCode: code, secret: SECRET });
  }
}

async function accept(client: Client): Promise<number> {
  return (await client.dossiers.intake(sampleIntake((await client.catalog.status()).version!))).dossierId;
}

/** The figures of a close as stored at closing, read beside the app. */
async function storedSummary(day: string, clerkCode: string): Promise<unknown> {
  return JSON.parse((await rowOf<{ summary: string }>(h, 'SELECT summary FROM day_closes WHERE day = ? AND clerk_code = ?', day, clerkCode))!.summary);
}

describe('voids, corrections and reprints in a clerk’s day', () => {
  it('counts them in the day of the clerk who took the dossier in; a void owes its money back', async () => {
    const kept = await accept(clerk);
    const wrong = await accept(clerk);
    await setClock('2026-11-27T04:00:00Z'); // 11:00
    await supervisor.dossiers.void({ dossierId: wrong, reason: 'Nhận nhầm' });
    await supervisor.dossiers.correct({ dossierId: kept, reason: 'Sai số điện thoại', changes: { phone: '0987654321' } });
    await clerk.printing.reprint({ dossierId: kept, document: 'receipt' });

    const day = await clerk.reports.day({});
    expect(day).toMatchObject({ accepted: 2, voided: 1, corrected: 1, reprints: 1, feesTotal: 270000, refunds: 160000, expectedCash: 160000 });
    expect(day.amendments).toEqual([
      { kind: 'voided', dossierId: wrong, registerNo: '000002/2026', at: '2026-11-27T04:00:00.000Z', byCode: 'ksv01', byName: 'Phạm Văn Kiểm', refund: 160000, movedFrom: null },
      { kind: 'corrected', dossierId: kept, registerNo: '000001/2026', at: '2026-11-27T04:00:00.000Z', byCode: 'ksv01', byName: 'Phạm Văn Kiểm', refund: 0, movedFrom: null },
    ]);
    // The supervisor's own day holds none of it: the money was never in their drawer.
    expect(await supervisor.reports.day({})).toMatchObject({ accepted: 0, voided: 0, refunds: 0, expectedCash: 0 });
  });

  it('a void after the day was closed lands on the next day and says so; the closed day’s figures never change', async () => {
    const wrong = await accept(clerk);
    await accept(clerk);
    await setClock('2026-11-27T10:00:00Z'); // 17:00
    const closed = await clerk.reports.closeDay({ day: '2026-11-27', cashCounted: 320000 });
    expect(closed.close).toMatchObject({ expectedCash: 320000, difference: 0, closedBy: null });

    await setClock('2026-11-27T11:00:00Z'); // 18:00, the same day, after its close
    await supervisor.dossiers.void({ dossierId: wrong, reason: 'Người gửi rút lại ngay' });
    await setClock('2026-11-28T01:30:00Z'); // Saturday 08:30

    const friday = await clerk.reports.day({ day: '2026-11-27' });
    expect(friday).toEqual(closed);
    expect({ ...friday, close: undefined }).toEqual(JSON.parse(JSON.stringify({ ...((await storedSummary('2026-11-27', 'gdv02')) as object), close: undefined })));
    const saturday = await clerk.reports.day({ day: '2026-11-28' });
    expect(saturday).toMatchObject({ accepted: 0, voided: 1, refunds: 160000, expectedCash: -160000, close: null });
    expect(saturday.amendments[0]).toMatchObject({ kind: 'voided', dossierId: wrong, movedFrom: '2026-11-27' });
  });
});

describe('the day report on paper', () => {
  it.skipIf(skipWithout('tesseract') || skipWithout('pdftotext'))('the thermal report and the A4 PDF show the refund, the corrections, a void after the close and who closed the day', async () => {
    const wrong = await accept(clerk);
    const kept = await accept(clerk);
    await setClock('2026-11-27T10:00:00Z'); // 17:00
    await supervisor.reports.closeDayFor({ day: '2026-11-27', counterCode: 'Q01', clerkCode: 'gdv02', cashCounted: 320000 });
    await setClock('2026-11-27T11:00:00Z'); // 18:00, after the close
    await supervisor.dossiers.void({ dossierId: wrong, reason: 'Nhận nhầm' });
    await setClock('2026-11-28T02:00:00Z'); // Saturday 09:00
    await supervisor.dossiers.correct({ dossierId: kept, reason: 'Sai số điện thoại', changes: { phone: '0987654321' } });
    const job = await clerk.reports.printDay({});
    const text = (await ocrVietnamese(await previewFile(h, job.id, 'day-amended'), 6)).replace(/\s+/g, ' ');
    expect(text).toMatch(/Hồ sơ hu[ỷy]: hoàn trả \(1\) -160\.000/);
    expect(text).toMatch(/Sửa thông tin hồ sơ 1/);
    expect(text).toMatch(/000001\/2026 hu[ỷy] lúc 27\/11\/2026 18:00/);
    expect(text).toMatch(/sau khi ng[aà]y 27\/11\/2026/);
    const pdf = await pdfText(Buffer.from((await clerk.reports.dayFile({ day: '2026-11-27' })).contentBase64, 'base64'));
    expect(pdf).toContain('bởi Phạm Văn Kiểm (ksv01) thay cho giao dịch viên');
    const saturday = await pdfText(Buffer.from((await clerk.reports.dayFile({})).contentBase64, 'base64'));
    expect(saturday).toMatch(/Hồ sơ huỷ: phải hoàn trả\s+1\s+-160\.000 ₫/);
    expect(saturday).toContain('Hồ sơ 000002/2026 sửa thông tin lúc 28/11/2026 09:00 (Phạm Văn Kiểm)');
  });
});

describe('the supervisor’s close of every counter', () => {
  it('lists who worked the day and who has not closed; closes for a clerk, recorded as done by the supervisor', async () => {
    await accept(clerk); // gdv02 at Q01
    await h.client.settings.update({ counter: { code: 'Q02' } });
    const third = await signedIn('clerk', 'gdv03', 'Trần Văn Ba');
    await accept(third); // gdv03 at Q02
    await accept(third);
    await setClock('2026-11-27T10:30:00Z'); // 17:30

    const before = await supervisor.reports.counterDays({});
    expect(before.day).toBe('2026-11-27');
    expect(before.counters.map((c) => [c.counterCode, c.clerkCode, c.accepted, c.expectedCash, c.close])).toEqual([
      ['Q01', 'gdv02', 1, 160000, null],
      ['Q02', 'gdv03', 2, 320000, null],
    ]);

    const done = await supervisor.reports.closeDayFor({ day: '2026-11-27', counterCode: 'Q02', clerkCode: 'gdv03', cashCounted: 300000 });
    expect(done).toMatchObject({ counterCode: 'Q02', clerkCode: 'gdv03', clerkName: 'Trần Văn Ba' });
    expect(done.close).toMatchObject({ cashCounted: 300000, difference: -20000, closedBy: { code: 'ksv01', name: 'Phạm Văn Kiểm' } });
    const after = await supervisor.reports.counterDays({ day: '2026-11-27' });
    expect(after.counters.map((c) => [c.clerkCode, c.close?.closedBy?.code ?? null])).toEqual([
      ['gdv02', null],
      ['gdv03', 'ksv01'],
    ]);
    expect(after.counters[0]!.close).toBeNull();
    // The clerk sees their day closed, and by whom.
    expect((await third.reports.day({ day: '2026-11-27' })).close?.closedBy).toEqual({ code: 'ksv01', name: 'Phạm Văn Kiểm' });

    const audit = await rowsOf<{ clerk_code: string; detail: string }>(h, "SELECT clerk_code, detail FROM audit_log WHERE action = 'day.closed'");
    expect(audit.map((a) => [a.clerk_code, JSON.parse(a.detail)])).toEqual([
      ['ksv01', { day: '2026-11-27', counterCode: 'Q02', clerkCode: 'gdv03', expectedCash: 320000, cashCounted: 300000, onBehalf: true }],
    ]);

    expect((await failure(supervisor.reports.closeDayFor({ day: '2026-11-27', counterCode: 'Q02', clerkCode: 'gdv03', cashCounted: 1 }))).code).toBe('DAY_ALREADY_CLOSED');
    const nobody = await failure(supervisor.reports.closeDayFor({ day: '2026-11-27', counterCode: 'Q01', clerkCode: 'gdv09', cashCounted: 0 }));
    expect(nobody).toMatchObject({ code: 'DAY_NOTHING_TO_CLOSE', vi: expect.stringContaining('gdv09') });
    expect((await failure(clerk.reports.counterDays({}))).code).toBe('FORBIDDEN');
    expect((await failure(clerk.reports.closeDayFor({ day: '2026-11-27', counterCode: 'Q02', clerkCode: 'gdv03', cashCounted: 0 }))).code).toBe('FORBIDDEN');
  });
});
