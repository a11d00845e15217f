import { WorkCalendar } from '../../../shared/calendar/working-days.js';
import type { CalendarDay, YearCalendar } from '../../../shared/calendar/year-calendar.js';
import { vnIsoDate } from '../../../shared/format/vn-time.js';
import { AppError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import { noticeProblems, readNoticeFile } from './notice-file.js';
import type { NoticeRepository } from './notice-repository.js';

/** Month (1-12) from which the status bar asks for next year's notice. */
const REMINDER_FROM_MONTH = 10;

export interface YearView extends YearCalendar {
  /** when an administrator entered the notice; null for the shipped file and for provisional years */
  enteredAt: string | null;
}

/**
 * The working-day calendar the counter computes with: notices entered in Settings first, then the
 * shipped (or data-folder) file, and for any other year the provisional derivation.
 */
export class CalendarService {
  private entered = new Map<number, YearView>();
  private current!: WorkCalendar;

  constructor(
    private readonly repo: NoticeRepository,
    private readonly fromFile: YearCalendar[],
    private readonly now: () => Date,
  ) {}

  calendar(): WorkCalendar {
    return this.current;
  }

  year(year: number): YearView {
    return this.entered.get(year) ?? { ...this.current.year(year), enteredAt: null };
  }

  async save(year: number, reference: string, days: CalendarDay[], actor: Actor): Promise<YearView> {
    const clean = days.map((d) => ({ date: d.date, kind: d.kind, name: d.name.normalize('NFC').trim() })).sort((a, b) => a.date.localeCompare(b.date));
    const problems = noticeProblems(year, clean);
    if (problems.length > 0) throw new AppError('CALENDAR_NOTICE_INVALID', problems[0]!, { problems });
    await this.repo.save(year, reference.normalize('NFC').trim(), clean, this.year(year), actor, this.now());
    await this.load();
    return this.year(year);
  }

  readFile(fileName: string, bytes: Buffer, year: number): Promise<CalendarDay[]> {
    return readNoticeFile(fileName, bytes, year);
  }

  /** Next year, from 1 October while its notice is missing; otherwise null. */
  missingNotice(): number | null {
    const [y, m] = vnIsoDate(this.now()).split('-').map(Number) as [number, number];
    return m >= REMINDER_FROM_MONTH && !this.year(y + 1).official ? y + 1 : null;
  }

  /** Reads the notices entered; at start, and again after each change. */
  async load(): Promise<void> {
    this.entered = new Map((await this.repo.all()).map((n) => [n.year, n]));
    const official = new Map<number, YearCalendar>(this.fromFile.map((n) => [n.year, n]));
    for (const [year, notice] of this.entered) official.set(year, notice);
    this.current = new WorkCalendar(official);
  }
}
