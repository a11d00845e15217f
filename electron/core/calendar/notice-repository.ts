import type { CalendarDay, YearCalendar } from '../../../shared/calendar/year-calendar.js';
import type { Data } from '../db/data.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';

export interface StoredNotice extends YearCalendar {
  enteredAt: string;
}

/** Official notices entered by an administrator; each change is audited in its own transaction. */
export class NoticeRepository {
  constructor(
    private readonly db: Data,
    private readonly audit: AuditRepository,
  ) {}

  async all(): Promise<StoredNotice[]> {
    const notices = await this.db.selectFrom('calendar_notices').select(['year', 'reference', 'entered_at']).orderBy('year').execute();
    const days = await this.db.selectFrom('calendar_notice_days').select(['year', 'date', 'name', 'kind']).orderBy('date').execute();
    return notices.map((n) => ({
      year: n.year,
      official: true,
      reference: n.reference,
      enteredAt: n.entered_at,
      days: days.filter((d) => d.year === n.year).map(({ date, name, kind }) => ({ date, name, kind })),
    }));
  }

  /** Replaces a year's notice (or enters the first one) and records before and after in the audit log. */
  async save(year: number, reference: string, days: CalendarDay[], before: YearCalendar, actor: Actor, at: Date): Promise<void> {
    await this.audit.inTransaction(async (tx) => {
      const notice = { reference, entered_at: at.toISOString(), clerk_code: actor.clerkCode, counter_code: actor.counterCode };
      await tx
        .insertInto('calendar_notices')
        .values({ year, ...notice })
        .onConflict((oc) => oc.column('year').doUpdateSet(notice))
        .execute();
      await tx.deleteFrom('calendar_notice_days').where('year', '=', year).execute();
      if (days.length > 0) {
        await tx.insertInto('calendar_notice_days').values(days.map((d) => ({ date: d.date, year, kind: d.kind, name: d.name }))).execute();
      }
      await this.audit.in(tx).record(at, 'calendar.notice', actor, {
        year,
        reference,
        before: { official: before.official, reference: before.reference, days: before.days },
        after: days,
      });
    });
  }
}
