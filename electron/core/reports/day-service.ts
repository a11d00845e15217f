import type { DaySummary, ExportFile, PrintJob } from '../../../shared/contract/index.js';
import { dayPdf } from './day-pdf.js';
import { exportFile } from './export-file.js';
import { formatDate, formatDateTime, vnIsoDate, vnStartOfDay } from '../../../shared/format/vn-time.js';
import { formatVnd } from '../../../shared/format/money.js';
import { appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { DayRepository, DayWindow } from './day-repository.js';

const DAY_MS = 86_400_000;

/** A clerk's day at the counter (Kết ca): figures from the day's events, then the close with the cash counted. */
export class DayService {
  constructor(
    private readonly repo: DayRepository,
    private readonly office: () => { code: string; name: string },
    private readonly resourcesDir: string,
    private readonly now: () => Date,
    private readonly printing: { dayReport(day: DaySummary, actor: Actor): Promise<PrintJob> },
  ) {}

  /** Phiếu kết ca: the day's report on the counter's printer, as the figures stand now. */
  async print(actor: Actor, day = vnIsoDate(this.now())): Promise<PrintJob> {
    return this.printing.dayReport(await this.summary(actor, day), actor);
  }

  /** The day's report as an A4 PDF, closed or not (an open day says so). */
  async file(actor: Actor, day = vnIsoDate(this.now())): Promise<ExportFile> {
    return exportFile(`ket-ca_${day}_${actor.counterCode}`, 'pdf', await dayPdf(await this.summary(actor, day), this.office(), this.now(), this.resourcesDir));
  }

  /** `actor` is the signed-in clerk: the day is theirs at their counter. */
  async summary(actor: Actor, day = vnIsoDate(this.now())): Promise<DaySummary> {
    const w = windowOf(day, actor);
    const counts = await this.repo.eventCounts(w);
    const fees = await this.repo.fees(w);
    const feesTotal = fees.reduce((s, f) => s + f.amount, 0);
    const postage = await this.repo.postage(w);
    const stored = await this.repo.close(day, actor.counterCode, actor.clerkCode);
    return {
      day,
      counterCode: actor.counterCode,
      clerkCode: actor.clerkCode,
      clerkName: actor.clerkName,
      accepted: counts.get('accepted') ?? 0,
      guided: counts.get('guided') ?? 0,
      fees,
      feesTotal,
      postage,
      expectedCash: feesTotal + postage.amount,
      reprints: await this.repo.reprints(w),
      close: stored ? { ...stored, difference: stored.cashCounted - stored.expectedCash } : null,
    };
  }

  /** Closes the day with the cash counted; a day is closed once, and never ahead of time. */
  async close(actor: Actor, day: string, cashCounted: number): Promise<DaySummary> {
    const today = vnIsoDate(this.now());
    if (day > today) {
      throw appError(
        'DAY_NOT_YET',
        `Chưa thể chốt ngày ${formatDate(day)}: hôm nay mới là ${formatDate(today)}.`,
        `Day ${formatDate(day)} cannot be closed yet: today is ${formatDate(today)}.`,
        { field: 'day' },
      );
    }
    const figures = await this.summary(actor, day);
    const recorded = await this.repo.insertClose({
      day,
      counterCode: actor.counterCode,
      clerkCode: actor.clerkCode,
      clerkName: actor.clerkName,
      closedAt: this.now().toISOString(),
      expectedCash: figures.expectedCash,
      cashCounted,
      summary: JSON.stringify({ ...figures, close: undefined }),
    });
    if (!recorded) {
      const c = (await this.repo.close(day, actor.counterCode, actor.clerkCode))!;
      throw appError(
        'DAY_ALREADY_CLOSED',
        `Ngày ${formatDate(day)} đã được chốt lúc ${formatDateTime(c.closedAt)} với tiền mặt ${formatVnd(c.cashCounted)}; không chốt lại. Việc sửa sau khi chốt được ghi vào ngày làm việc tiếp theo.`,
        `Day ${formatDate(day)} was already closed at ${formatDateTime(c.closedAt)} with ${formatVnd(c.cashCounted)} counted; it is not closed again. Corrections after a close go on the next working day.`,
        { status: 'CONFLICT', field: 'cashCounted' },
      );
    }
    return this.summary(actor, day);
  }
}

function windowOf(day: string, actor: Actor): DayWindow {
  const start = vnStartOfDay(day);
  return { start: new Date(start).toISOString(), end: new Date(start + DAY_MS).toISOString(), counterCode: actor.counterCode, clerkCode: actor.clerkCode };
}
