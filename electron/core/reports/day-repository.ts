import type { Data } from '../db/data.js';

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

/** The day's events of one clerk at one counter. */
const ofDay = (db: Data, w: DayWindow) =>
  db
    .selectFrom('dossier_events as e')
    .where('e.at', '>=', w.start)
    .where('e.at', '<', w.end)
    .where('e.counter_code', '=', w.counterCode)
    .where('e.clerk_code', '=', w.clerkCode);

/** All SQL of a clerk's day: what the events of the day say, and the day's close. */
export class DayRepository {
  constructor(private readonly db: Data) {}

  async eventCounts(w: DayWindow): Promise<Map<string, number>> {
    const rows = await ofDay(this.db, w).select((eb) => ['e.type', eb.fn.countAll<number>().as('n')]).groupBy('e.type').execute();
    return new Map(rows.map((r) => [r.type, Number(r.n)]));
  }

  /** The money taken is on the dossiers the day's "accepted" events name: copied at intake, never changed. */
  async fees(w: DayWindow): Promise<{ name: string; count: number; amount: number }[]> {
    const rows = await ofDay(this.db, w)
      .innerJoin('dossier_fees as f', 'f.dossier_id', 'e.dossier_id')
      .where('e.type', '=', 'accepted')
      .select((eb) => ['f.name', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('f.amount').as('amount')])
      .groupBy('f.name')
      .orderBy('f.name')
      .execute();
    return rows.map((r) => ({ name: r.name, count: Number(r.n), amount: Number(r.amount) }));
  }

  async postage(w: DayWindow): Promise<{ count: number; amount: number }> {
    const r = await ofDay(this.db, w)
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .where('e.type', '=', 'accepted')
      .where('d.postage', '>', 0)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('d.postage'), eb.lit(0)).as('amount')])
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), amount: Number(r.amount) };
  }

  async reprints(w: DayWindow): Promise<number> {
    const r = await this.db
      .selectFrom('print_jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('reprint', '=', 1)
      .where('created_at', '>=', w.start)
      .where('created_at', '<', w.end)
      .where('counter_code', '=', w.counterCode)
      .where('clerk_code', '=', w.clerkCode)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async close(day: string, counterCode: string, clerkCode: string): Promise<StoredClose | undefined> {
    return this.db
      .selectFrom('day_closes')
      .select(['closed_at as closedAt', 'clerk_name as clerkName', 'expected_cash as expectedCash', 'cash_counted as cashCounted'])
      .where('day', '=', day)
      .where('counter_code', '=', counterCode)
      .where('clerk_code', '=', clerkCode)
      .executeTakeFirst();
  }

  /** Records the close; false when this clerk's day at this counter was already closed. */
  async insertClose(c: { day: string; counterCode: string; clerkCode: string; clerkName: string; closedAt: string; expectedCash: number; cashCounted: number; summary: string }): Promise<boolean> {
    const r = await this.db
      .insertInto('day_closes')
      .values({
        day: c.day,
        counter_code: c.counterCode,
        clerk_code: c.clerkCode,
        clerk_name: c.clerkName,
        closed_at: c.closedAt,
        expected_cash: c.expectedCash,
        cash_counted: c.cashCounted,
        summary: c.summary,
      })
      // The key is the day, counter and clerk: a second close of the same day takes no row.
      .onConflict((oc) => oc.columns(['day', 'counter_code', 'clerk_code']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
