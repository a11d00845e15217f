import type { Db } from '../db/open.js';

export interface DayWindow {
  /** ISO instants: the day's first moment in Vietnamese time, and the next day's */
  start: string;
  end: string;
  counterCode: string;
  clerkCode: string;
}

export interface StoredClose {
  closedAt: string;
  clerkName: string;
  expectedCash: number;
  cashCounted: number;
}

/** All SQL of a clerk's day: what the events of the day say, and the day's close. */
export class DayRepository {
  private readonly q;

  constructor(private readonly db: Db) {
    const ofDay = `e.at >= @start AND e.at < @end AND e.counter_code = @counterCode AND e.clerk_code = @clerkCode`;
    this.q = {
      eventCounts: db.prepare(`SELECT e.type, count(*) AS n FROM dossier_events e WHERE ${ofDay} GROUP BY e.type`),
      // The money taken is on the dossiers the day's "accepted" events name: copied at intake, never changed.
      fees: db.prepare(
        `SELECT f.name, count(*) AS n, sum(f.amount) AS amount FROM dossier_events e JOIN dossier_fees f ON f.dossier_id = e.dossier_id
         WHERE ${ofDay} AND e.type = 'accepted' GROUP BY f.name ORDER BY f.name`,
      ),
      postage: db.prepare(
        `SELECT count(*) AS n, coalesce(sum(d.postage), 0) AS amount FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
         WHERE ${ofDay} AND e.type = 'accepted' AND d.postage > 0`,
      ),
      reprints: db.prepare(
        `SELECT count(*) AS n FROM print_jobs WHERE reprint = 1 AND created_at >= @start AND created_at < @end
         AND counter_code = @counterCode AND clerk_code = @clerkCode`,
      ),
      close: db.prepare(
        `SELECT closed_at AS closedAt, clerk_name AS clerkName, expected_cash AS expectedCash, cash_counted AS cashCounted
         FROM day_closes WHERE day = ? AND counter_code = ? AND clerk_code = ?`,
      ),
      insertClose: db.prepare(
        `INSERT INTO day_closes (day, counter_code, clerk_code, clerk_name, closed_at, expected_cash, cash_counted, summary)
         VALUES (@day, @counterCode, @clerkCode, @clerkName, @closedAt, @expectedCash, @cashCounted, @summary)`,
      ),
    };
  }

  eventCounts(w: DayWindow): Map<string, number> {
    return new Map((this.q.eventCounts.all(w) as { type: string; n: number }[]).map((r) => [r.type, r.n]));
  }

  fees(w: DayWindow): { name: string; count: number; amount: number }[] {
    return (this.q.fees.all(w) as { name: string; n: number; amount: number }[]).map((r) => ({ name: r.name, count: r.n, amount: r.amount }));
  }

  postage(w: DayWindow): { count: number; amount: number } {
    const r = this.q.postage.get(w) as { n: number; amount: number };
    return { count: r.n, amount: r.amount };
  }

  reprints(w: DayWindow): number {
    return (this.q.reprints.get(w) as { n: number }).n;
  }

  close(day: string, counterCode: string, clerkCode: string): StoredClose | undefined {
    return this.q.close.get(day, counterCode, clerkCode) as StoredClose | undefined;
  }

  /** Records the close; false when this clerk's day at this counter was already closed. */
  insertClose(c: { day: string; counterCode: string; clerkCode: string; clerkName: string; closedAt: string; expectedCash: number; cashCounted: number; summary: string }): boolean {
    return this.db.transaction(() => {
      if (this.close(c.day, c.counterCode, c.clerkCode)) return false;
      this.q.insertClose.run(c);
      return true;
    }).immediate();
  }
}
