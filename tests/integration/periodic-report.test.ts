import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { IntakeInput, PeriodFigures, PeriodicReport } from '../../shared/contract/index.js';
import type { DossierEvent } from '../../shared/lifecycle/events.js';
import { SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { pdfText } from '../support/read-back.js';
import { skipWithout } from '../support/prerequisites.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

/** 10:00 in Hà Nội on that day. */
const at = (day: string) => `${day}T03:00:00.000Z`;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An intake of any demo procedure with every listed document present. */
async function intakeOf(harness: Harness, code: string, day: string, money: Pick<IntakeInput, 'fees' | 'postage'>, decision: 'accept' | 'guide' = 'accept') {
  await harness.setClock(new Date(at(day)));
  const version = (await harness.client.catalog.status()).version!;
  const procedure = await harness.client.catalog.get({ code });
  const documents = decision === 'guide' ? [] : procedure.documents.map((d) => ({ seq: d.seq, present: true, form: d.original > 0 ? ('original' as const) : ('copy' as const), count: 1 }));
  const r = await harness.client.dossiers.intake(sampleIntake(version, { procedureCode: code, documents, decision, ...money }));
  return r.dossierId;
}

/** What the batch, exchange and return services will record: one event at a time, through the lifecycle. */
async function record(harness: Harness, dossierId: number, day: string, event: DossierEvent) {
  await harness.core.dossiers.inTransaction((d) => d.appendEvent(dossierId, at(day), event, harness.core.auth.actor(SYSTEM_CLERK)));
}

async function handOver(harness: Harness, id: number, day: string) {
  await record(harness, id, day, { kind: 'batched', data: { batchId: 'L-1' } });
  await record(harness, id, day, { kind: 'handed-over', data: { batchId: 'L-1' } });
}

async function deliver(harness: Harness, id: number, appointmentDate: string | null, received: string, delivered: string) {
  await record(harness, id, received, { kind: 'received-by-agency', data: { agencyDossierCode: `H26-${id}`, appointmentDate } });
  await record(harness, id, received, { kind: 'result-ready', data: { returnItemNumber: `RR${id}`, resultDocuments: [] } });
  await record(harness, id, delivered, { kind: 'result-at-post', data: { returnItemNumber: `RR${id}` } });
  await record(harness, id, delivered, { kind: 'delivered', data: { recipientName: 'Nguyễn Văn Đức', recipientIdNumber: '001090123456', authorised: false } });
}

const expectedHandover = async (harness: Harness, id: number) => (await harness.client.dossiers.get({ id })).expectedHandoverDate!;
const pick = (f: PeriodFigures, keys: (keyof PeriodFigures)[]) => Object.fromEntries(keys.map((k) => [k, f[k]]));

const DRIVING = '1.002804'; // Sở GTVT (000.00.15.H26), cấp Tỉnh, 135.000 đ
const BUILDING = '1.004227'; // UBND xã (000.31.01.H26), cấp Xã, 75.000 đ
const catalogueFee = {
  [DRIVING]: { fees: [{ name: 'Phí, lệ phí', amount: 135_000 }], postage: 0 },
  [BUILDING]: { fees: [{ name: 'Phí, lệ phí', amount: 75_000 }], postage: 0 },
};

describe('the periodic report (F6 Báo cáo)', () => {
  it('counts a month as it happened: by agency and level, on time and late, money by kind with voids given back', async () => {
    h = await startCore();
    const fee = (amount: number, postage: number) => ({ fees: [{ name: 'Phí, lệ phí', amount }], postage });
    const a = await intakeOf(h, DRIVING, '2026-11-02', fee(135_000, 25_000));
    const b = await intakeOf(h, DRIVING, '2026-11-02', fee(135_000, 0));
    const c = await intakeOf(h, BUILDING, '2026-11-02', fee(75_000, 25_000));
    await intakeOf(h, DRIVING, '2026-11-02', fee(135_000, 0), 'guide');
    const d = await intakeOf(h, BUILDING, '2026-11-03', fee(75_000, 25_000));
    const e = await intakeOf(h, BUILDING, '2026-11-03', fee(75_000, 25_000));

    await handOver(h, a, await expectedHandover(h, a)); // on the expected day: on time
    await handOver(h, b, addDays(await expectedHandover(h, b), 1)); // a day after it: late
    await handOver(h, c, '2026-11-04');
    await handOver(h, e, '2026-11-04');
    await deliver(h, a, '2026-11-20', '2026-11-06', '2026-11-20'); // on the appointment day
    await deliver(h, b, '2026-11-10', '2026-11-06', '2026-11-12'); // two days after it
    await record(h, c, '2026-11-05', { kind: 'refused', data: { reason: 'Không thuộc thẩm quyền' } });
    // d took 75.000 ₫ in fees and 25.000 ₫ postage; the void gave back the fees only.
    await record(h, d, '2026-11-03', { kind: 'voided', data: { reason: 'Nhận nhầm thủ tục', refund: 75_000 } });
    await record(h, e, '2026-11-05', { kind: 'received-by-agency', data: { agencyDossierCode: 'H26-E', appointmentDate: null } });
    await record(h, e, '2026-11-09', { kind: 'supplement-requested', data: { missing: 'Bản vẽ thiết kế' } });

    const r = await h.client.reports.periodic({ from: '2026-11-01', to: '2026-11-30' });
    expect(r.step).toBe('day');
    expect(r.total).toEqual({
      received: 5, guided: 1, handedOver: 4, handedOverLate: 1, refused: 1, supplementRequested: 1,
      returned: 2, returnedLate: 1, returnedUndated: 0, voided: 1,
    });
    const agencies = Object.fromEntries(r.byAgency.map((g) => [g.key, pick(g, ['received', 'guided', 'handedOverLate', 'returned', 'returnedLate', 'refused', 'voided'])]));
    expect(agencies).toEqual({
      '000.00.15.H26': { received: 2, guided: 1, handedOverLate: 1, returned: 2, returnedLate: 1, refused: 0, voided: 0 },
      '000.31.01.H26': { received: 3, guided: 0, handedOverLate: 0, returned: 0, returnedLate: 0, refused: 1, voided: 1 },
    });
    expect(r.byLevel.map((g) => [g.name, g.received])).toEqual([['Xã', 3], ['Tỉnh', 2]]);
    expect(r.byOffice).toHaveLength(1);
    expect(r.overTime).toHaveLength(30);
    expect(r.overTime.find((p) => p.key === '2026-11-02')).toMatchObject({ received: 3, guided: 1 });
    expect(r.overTime.find((p) => p.key === '2026-11-03')).toMatchObject({ received: 2, voided: 1 });
    expect(r.money).toEqual({
      fees: [{ name: 'Phí, lệ phí', count: 5, amount: 495_000 }],
      postage: { name: 'postage', count: 4, amount: 100_000 },
      refunds: { name: 'refunds', count: 1, amount: 75_000 },
      net: 520_000,
    });
    // The clerk's day close reads the same fees, postage and refund for the days of the month.
    const days = await Promise.all(['2026-11-02', '2026-11-03'].map((day) => h!.client.reports.day({ day })));
    expect(days.reduce((s, x) => s + x.expectedCash, 0)).toBe(r.money.net);
    expect(days[1]!.refunds).toBe(75_000);
  });

  it('a past range reads the same after more happens; a day ends at midnight in Hà Nội, not in UTC', async () => {
    h = await startCore();
    const a = await intakeOf(h, DRIVING, '2026-11-02', catalogueFee[DRIVING]);
    const due = await expectedHandover(h, a);
    const range = { from: '2026-11-01', to: due };
    const before = await h.client.reports.periodic(range);
    // 00:30 in Hà Nội the day after the handover was due is still the due day in UTC: it is late,
    // and it belongs to the next day.
    const afterMidnight = `${due}T17:30:00.000Z`;
    for (const event of [{ kind: 'batched', data: { batchId: 'L-2' } }, { kind: 'handed-over', data: { batchId: 'L-2' } }] as const) {
      await h.core.dossiers.inTransaction((d) => d.appendEvent(a, afterMidnight, event, h!.core.auth.actor(SYSTEM_CLERK)));
    }
    await intakeOf(h, DRIVING, '2026-12-01', catalogueFee[DRIVING]);
    expect(await h.client.reports.periodic(range)).toEqual(before);
    const next = await h.client.reports.periodic({ from: addDays(due, 1), to: addDays(due, 1) });
    expect(next.total).toMatchObject({ handedOver: 1, handedOverLate: 1 });
    expect(next.overTime).toEqual([expect.objectContaining({ key: addDays(due, 1), handedOver: 1 })]);
  });

  it('rebuilds from the events: a random history gives, for any range, what was recorded in it', async () => {
    h = await startCore();
    let seed = 20261128;
    // The high bits of the generator: its low bits repeat with a short period.
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), Math.floor((seed / 2 ** 31) * n));
    /** What happened, as the test did it: each counted event's day, group and lateness. */
    const model: { type: string; day: string; agency: string; late: boolean | null }[] = [];
    const agencyOf = { [DRIVING]: '000.00.15.H26', [BUILDING]: '000.31.01.H26' };
    for (let i = 0; i < 24; i++) {
      const code = rand(2) === 0 ? DRIVING : BUILDING;
      const day = addDays('2026-11-02', rand(20));
      const agency = agencyOf[code];
      if (rand(8) === 0) {
        await intakeOf(h, code, day, catalogueFee[code], 'guide');
        model.push({ type: 'guided', day, agency, late: null });
        continue;
      }
      const id = await intakeOf(h, code, day, catalogueFee[code]);
      model.push({ type: 'accepted', day, agency, late: null });
      if (rand(6) === 0) {
        await record(h, id, day, { kind: 'voided', data: { reason: 'nhầm', refund: 0 } });
        model.push({ type: 'voided', day, agency, late: null });
        continue;
      }
      const handed = addDays(day, rand(6));
      await handOver(h, id, handed);
      model.push({ type: 'handed-over', day: handed, agency, late: handed > (await expectedHandover(h, id)) });
      const decided = addDays(handed, 1 + rand(4));
      const outcome = rand(4);
      if (outcome === 0) {
        await record(h, id, decided, { kind: 'refused', data: { reason: 'thiếu' } });
        model.push({ type: 'refused', day: decided, agency, late: null });
      } else if (outcome === 1) {
        await record(h, id, decided, { kind: 'supplement-requested', data: { missing: 'bản sao' } });
        model.push({ type: 'supplement-requested', day: decided, agency, late: null });
      } else {
        const appointment = outcome === 2 ? addDays(decided, 3 + rand(8)) : null;
        const delivered = addDays(decided, 2 + rand(12));
        await deliver(h, id, appointment, decided, delivered);
        model.push({ type: 'delivered', day: delivered, agency, late: appointment === null ? null : delivered > appointment });
      }
    }
    const expected = (from: string, to: string, agency?: string) => {
      const of = (type: string, late?: boolean | null) =>
        model.filter((m) => m.type === type && m.day >= from && m.day <= to && (!agency || m.agency === agency) && (late === undefined || m.late === late)).length;
      return {
        received: of('accepted'), guided: of('guided'), handedOver: of('handed-over'), handedOverLate: of('handed-over', true),
        refused: of('refused'), supplementRequested: of('supplement-requested'), returned: of('delivered'),
        returnedLate: of('delivered', true), returnedUndated: of('delivered', null), voided: of('voided'),
      };
    };
    for (const [from, to] of [['2026-11-01', '2026-12-31'], ['2026-11-08', '2026-11-21'], ['2026-11-15', '2026-11-15']] as const) {
      const r: PeriodicReport = await h.client.reports.periodic({ from, to });
      expect(r.total).toEqual(expected(from, to));
      for (const agency of Object.values(agencyOf)) {
        const g = r.byAgency.find((x) => x.key === agency);
        const { key: _k, name: _n, ...figures } = g ?? { key: '', name: '', ...expected('9999-01-01', '9999-01-01') };
        expect(figures).toEqual(expected(from, to, agency));
      }
      // Every day of the range is a point of the timeline, and the points add up to the total.
      const sum = r.overTime.reduce((s, p) => s + p.received + p.handedOver + p.returned, 0);
      expect(sum).toBe(r.total.received + r.total.handedOver + r.total.returned);
    }
    expect(model.length).toBeGreaterThan(40);
  });

  it('is for supervisors; a range backwards is refused in words', async () => {
    h = await startCore();
    const clerk = await h.clientAs('clerk', 'gdv09');
    expect(await failure(clerk.reports.periodic({ from: '2026-11-01', to: '2026-11-30' }))).toMatchObject({ code: 'FORBIDDEN' });
    const backwards = await failure(h.client.reports.periodic({ from: '2026-11-30', to: '2026-11-01' }));
    expect(backwards.code).toBe('RANGE_INVALID');
    expect(backwards.vi).toContain('30/11/2026');
  });

  it('saves as a workbook and as an A4 PDF that read back with the same figures', async () => {
    h = await startCore();
    await intakeOf(h, DRIVING, '2026-11-02', { fees: [{ name: 'Phí, lệ phí', amount: 135_000 }], postage: 25_000 });
    await intakeOf(h, BUILDING, '2026-11-02', { fees: [{ name: 'Phí, lệ phí', amount: 75_000 }], postage: 0 });
    const range = { from: '2026-01-01', to: '2026-12-31' };
    const xlsx = await h.client.reports.periodicFile({ ...range, format: 'xlsx' });
    expect(xlsx.fileName).toBe('bao-cao_2026-01-01_2026-12-31.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Thu tiền', 'Theo cơ quan giải quyết', 'Theo cấp thực hiện', 'Theo thủ tục hành chính', 'Theo bưu cục', 'Theo thời gian']);
    const byMonth = wb.getWorksheet('Theo thời gian')!;
    const rows = byMonth.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1));
    expect(rows).toContainEqual(['11/2026', 2, 0, 0, 0, '–', 0, 0, 0, 0, '–', 0]);
    expect(rows.filter((r) => /^\d\d\/2026$/.test(String(r[0])))).toHaveLength(12);
    const money = wb.getWorksheet('Thu tiền')!.getSheetValues().filter(Array.isArray).map((row) => (row as unknown[]).slice(1));
    expect(money).toContainEqual(['Thực thu', '', '235.000 ₫']);

    if (skipWithout('pdftotext')) return;
    const pdf = await h.client.reports.periodicFile({ ...range, format: 'pdf' });
    const text = await pdfText(Buffer.from(pdf.contentBase64, 'base64'));
    expect(text).toContain('BÁO CÁO TIẾP NHẬN VÀ TRẢ KẾT QUẢ');
    for (const heading of ['Theo cơ quan giải quyết', 'Theo cấp thực hiện', 'Theo thủ tục hành chính', 'Theo bưu cục', 'Theo thời gian']) expect(text).toContain(heading);
    expect(text).toMatch(/Thực thu\s+235\.000 ₫/);
  });
});
