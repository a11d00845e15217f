import type { CounterDays, DayAmendment, DaySummary, ExportFile, PrintJob } from '../../../shared/contract/index.js';
import { dayPdf } from './day-pdf.js';
import { exportFile } from './export-file.js';
import { formatDate, formatDateTime, vnIsoDate, vnStartOfDay } from '../../../shared/format/vn-time.js';
import { formatVnd } from '../../../shared/format/money.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import { closedDayNote } from '../../../shared/reports/day-amendments.js';
import { inTransaction, type Data } from '../db/data.js';
import { appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { AmendmentRow, DayOwner, DayRepository, DayWindow } from './day-repository.js';

const DAY_MS = 86_400_000;

/** A clerk's day at the counter (Kết ca): figures from the day's events, then the close with the cash counted. */
export class DayService {
  constructor(
    private readonly d: {
      data: Data;
      repo: DayRepository;
      audit: AuditRepository;
      office: () => { code: string; name: string };
      resourcesDir: string;
      /** the PDF says it is a training paper (decision 0045) */
      training?: boolean;
      now: () => Date;
      printing: { dayReport(day: DaySummary, actor: Actor): Promise<PrintJob> };
    },
  ) {}

  /** Phiếu kết ca: the day's report on the counter's printer, as the figures stand now. */
  async print(actor: Actor, day = this.today()): Promise<PrintJob> {
    return this.d.printing.dayReport(await this.summary(actor, day), actor);
  }

  /** The day's report as an A4 PDF, closed or not (an open day says so). */
  async file(actor: Actor, day = this.today()): Promise<ExportFile> {
    return exportFile(`ket-ca_${day}_${actor.counterCode}`, 'pdf', await dayPdf(await this.summary(actor, day), this.d.office(), this.d.now(), this.d.resourcesDir, this.d.training), this.d.training);
  }

  /** `owner` is a clerk at a counter: the signed-in clerk's own day, or one a supervisor looks at. */
  async summary(owner: DayOwner, day = this.today()): Promise<DaySummary> {
    const { repo } = this.d;
    const w = windowOf(day, owner);
    const counts = await repo.eventCounts(w);
    const { fees, postage } = await repo.money(w);
    const feesTotal = fees.reduce((s, f) => s + f.amount, 0);
    const stored = await repo.close(day, owner.counterCode, owner.clerkCode);
    const amendments = await this.amendmentsOf(owner, day, stored?.closedAt);
    const refunds = amendments.reduce((s, a) => s + a.refund, 0);
    return {
      day,
      counterCode: owner.counterCode,
      clerkCode: owner.clerkCode,
      clerkName: owner.clerkName,
      accepted: counts.get('accepted') ?? 0,
      guided: counts.get('guided') ?? 0,
      fees,
      feesTotal,
      postage,
      amendments,
      voided: amendments.filter((a) => a.kind === 'voided').length,
      corrected: amendments.filter((a) => a.kind === 'corrected').length,
      refunds,
      expectedCash: feesTotal + postage.amount - refunds,
      reprints: await repo.reprints(w),
      close: stored ? { ...stored, difference: stored.cashCounted - stored.expectedCash } : null,
    };
  }

  /**
   * The voids and corrections that count in `day`: those made on it before it was closed, and
   * those made on the day before after that day was closed (a closed day never changes, so what
   * comes after its close lands on the next day, which says where it came from).
   */
  private async amendmentsOf(owner: DayOwner, day: string, closedAt: string | undefined): Promise<DayAmendment[]> {
    const before = dayBefore(day);
    const closedBefore = (await this.d.repo.close(before, owner.counterCode, owner.clerkCode))?.closedAt;
    const rows = await this.d.repo.amendments({ ...windowOf(before, owner), end: boundsOf(day).end });
    return rows.flatMap((r): DayAmendment[] => {
      const madeOn = vnIsoDate(Date.parse(r.at));
      const lands = madeOn === before ? closedBefore !== undefined && r.at >= closedBefore : closedAt === undefined || r.at < closedAt;
      return lands ? [toAmendment(r, madeOn === before ? before : null)] : [];
    });
  }

  /** Closes the clerk's own day with the cash counted; a day is closed once, and never ahead of time. */
  close(actor: Actor, day: string, cashCounted: number): Promise<DaySummary> {
    return this.closeDay(actor, day, cashCounted, actor);
  }

  /** A supervisor closes a clerk's day for them: recorded as done by the supervisor for that clerk. */
  async closeFor(supervisor: Actor, day: string, counterCode: string, clerkCode: string, cashCounted: number): Promise<DaySummary> {
    const owner = (await this.counters(day)).counters.find((c) => c.counterCode === counterCode && c.clerkCode === clerkCode);
    if (!owner) {
      throw appError(
        'DAY_NOTHING_TO_CLOSE',
        `Ngày ${formatDate(day)} không có việc nào của ${clerkCode} tại quầy ${counterCode}; không có gì để chốt.`,
        `On ${formatDate(day)} nothing was recorded for ${clerkCode} at counter ${counterCode}; there is nothing to close.`,
        { status: 'NOT_FOUND', field: 'clerkCode' },
      );
    }
    return this.closeDay(owner, day, cashCounted, supervisor);
  }

  /** Every clerk at every counter who has a day on `day`, with their figures and close. */
  async counters(day = this.today()): Promise<CounterDays> {
    // From the day before: a void after that day's close lands on this one.
    const candidates = await this.d.repo.candidates(boundsOf(dayBefore(day)).start, boundsOf(day).end, day);
    const counters = [];
    for (const owner of candidates) {
      const s = await this.summary(owner, day);
      // A supervisor's own voids or a window's edge bring names with nothing in this day.
      if (s.close || s.accepted + s.guided + s.amendments.length + s.reprints > 0) {
        counters.push({ counterCode: s.counterCode, clerkCode: s.clerkCode, clerkName: s.clerkName, accepted: s.accepted, voided: s.voided, corrected: s.corrected, reprints: s.reprints, expectedCash: s.expectedCash, close: s.close });
      }
    }
    return { day, counters };
  }

  private async closeDay(owner: DayOwner, day: string, cashCounted: number, by: Actor): Promise<DaySummary> {
    const today = this.today();
    if (day > today) {
      throw appError(
        'DAY_NOT_YET',
        `Chưa thể chốt ngày ${formatDate(day)}: hôm nay mới là ${formatDate(today)}.`,
        `Day ${formatDate(day)} cannot be closed yet: today is ${formatDate(today)}.`,
        { field: 'day' },
      );
    }
    const figures = await this.summary(owner, day);
    const onBehalf = by.clerkCode !== owner.clerkCode;
    const at = this.d.now();
    const recorded = await inTransaction(this.d.data, async (tx) => {
      const inserted = await this.d.repo.in(tx).insertClose({
        day,
        owner,
        closedAt: at.toISOString(),
        expectedCash: figures.expectedCash,
        cashCounted,
        summary: JSON.stringify({ ...figures, close: undefined }),
        closedBy: onBehalf ? { code: by.clerkCode, name: by.clerkName } : null,
      });
      if (inserted) {
        await this.d.audit.in(tx).record(at, 'day.closed', by, { day, counterCode: owner.counterCode, clerkCode: owner.clerkCode, expectedCash: figures.expectedCash, cashCounted, onBehalf });
      }
      return inserted;
    });
    if (!recorded) {
      const c = (await this.d.repo.close(day, owner.counterCode, owner.clerkCode))!;
      const later = closedDayNote(day);
      throw appError(
        'DAY_ALREADY_CLOSED',
        `Ngày ${formatDate(day)} đã được chốt lúc ${formatDateTime(c.closedAt)} với tiền mặt ${formatVnd(c.cashCounted)}; không chốt lại. ${later.vi}`,
        `Day ${formatDate(day)} was already closed at ${formatDateTime(c.closedAt)} with ${formatVnd(c.cashCounted)} counted; it is not closed again. ${later.en}`,
        { status: 'CONFLICT', field: 'cashCounted' },
      );
    }
    return this.summary(owner, day);
  }

  private today(): string {
    return vnIsoDate(this.d.now());
  }
}

function toAmendment(r: AmendmentRow, movedFrom: string | null): DayAmendment {
  const data = JSON.parse(r.data) as { refund?: number };
  return {
    kind: r.kind,
    dossierId: r.dossierId,
    registerNo: r.registerYear === null || r.registerSeq === null ? null : registerNo(r.registerYear, r.registerSeq),
    at: r.at,
    byCode: r.byCode,
    byName: r.byName,
    refund: r.kind === 'voided' ? (data.refund ?? 0) : 0,
    movedFrom,
  };
}

const dayBefore = (day: string): string => vnIsoDate(vnStartOfDay(day) - DAY_MS);

/** A Vietnamese day as ISO instants: its first moment and the next day's. */
function boundsOf(day: string): { start: string; end: string } {
  const start = vnStartOfDay(day);
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString() };
}

const windowOf = (day: string, owner: DayOwner): DayWindow => ({ ...boundsOf(day), counterCode: owner.counterCode, clerkCode: owner.clerkCode });
