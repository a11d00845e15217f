import type { CalendarDay, DayKind, YearCalendar } from '../../../shared/calendar/year-calendar.js';
import type { Db } from '../db/open.js';
import type { Actor } from '../system/actor.js';
import { AuditRepository } from '../system/audit-repository.js';

export interface StoredNotice extends YearCalendar {
  enteredAt: string;
}

/** Official notices entered by an administrator; each change is audited in its own transaction. */
export class NoticeRepository {
  private readonly audit: AuditRepository;
  private readonly q;

  constructor(private readonly db: Db) {
    this.audit = new AuditRepository(db);
    this.q = {
      notices: db.prepare('SELECT year, reference, entered_at FROM calendar_notices ORDER BY year'),
      days: db.prepare('SELECT date, name, kind FROM calendar_notice_days WHERE year = ? ORDER BY date'),
      upsert: db.prepare(
        `INSERT INTO calendar_notices (year, reference, entered_at, clerk_code, counter_code) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (year) DO UPDATE SET reference = excluded.reference, entered_at = excluded.entered_at,
           clerk_code = excluded.clerk_code, counter_code = excluded.counter_code`,
      ),
      clearDays: db.prepare('DELETE FROM calendar_notice_days WHERE year = ?'),
      insertDay: db.prepare('INSERT INTO calendar_notice_days (date, year, kind, name) VALUES (?, ?, ?, ?)'),
    };
  }

  all(): StoredNotice[] {
    return (this.q.notices.all() as { year: number; reference: string; entered_at: string }[]).map((n) => ({
      year: n.year,
      official: true,
      reference: n.reference,
      enteredAt: n.entered_at,
      days: this.q.days.all(n.year) as { date: string; name: string; kind: DayKind }[],
    }));
  }

  /** Replaces a year's notice (or enters the first one) and records before and after in the audit log. */
  save(year: number, reference: string, days: CalendarDay[], before: YearCalendar, actor: Actor, at: Date): void {
    this.db.transaction(() => {
      this.q.upsert.run(year, reference, at.toISOString(), actor.clerkCode, actor.counterCode);
      this.q.clearDays.run(year);
      for (const d of days) this.q.insertDay.run(d.date, year, d.kind, d.name);
      this.audit.record(at, 'calendar.notice', actor, {
        year,
        reference,
        before: { official: before.official, reference: before.reference, days: before.days },
        after: days,
      });
    })();
  }
}
