import type { Data, Tx } from '../db/data.js';
import { moneyTaken, type MoneyTaken } from './money-taken.js';

/** Whose day: a clerk at a counter. */
export interface DayOwner {
  counterCode: string;
  clerkCode: string;
  clerkName: string;
}

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
  /** the supervisor who closed it for the clerk, if not the clerk */
  closedBy: { code: string; name: string } | null;
}

/** A void or correction of one of the clerk's dossiers, whoever made it. */
export interface AmendmentRow {
  kind: 'voided' | 'corrected';
  dossierId: number;
  registerYear: number | null;
  registerSeq: number | null;
  at: string;
  byCode: string;
  byName: string;
  /** the event's data, JSON */
  data: string;
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

  in(tx: Tx): DayRepository {
    return new DayRepository(tx);
  }

  async eventCounts(w: DayWindow): Promise<Map<string, number>> {
    const rows = await ofDay(this.db, w).select((eb) => ['e.type', eb.fn.countAll<number>().as('n')]).groupBy('e.type').execute();
    return new Map(rows.map((r) => [r.type, Number(r.n)]));
  }

  money(w: DayWindow): Promise<MoneyTaken> {
    return moneyTaken(this.db, w);
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

  /**
   * Voids and corrections made in the window to dossiers this clerk took in at this counter:
   * they count in the day of the clerk whose drawer took the money and whose paper was wrong.
   */
  async amendments(w: DayWindow): Promise<AmendmentRow[]> {
    const rows = await this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .select(['e.type', 'e.dossier_id as dossierId', 'd.register_year as registerYear', 'd.register_seq as registerSeq', 'e.at', 'e.clerk_code as byCode', 'e.clerk_name as byName', 'e.data'])
      .where('e.type', 'in', ['voided', 'corrected'])
      .where('e.at', '>=', w.start)
      .where('e.at', '<', w.end)
      .where('d.counter_code', '=', w.counterCode)
      .where('d.clerk_code', '=', w.clerkCode)
      .orderBy('e.id')
      .execute();
    return rows.map(({ type, ...r }) => ({ kind: type as AmendmentRow['kind'], ...r }));
  }

  /**
   * Everyone who may have a day to close in the window: who wrote an event or a print job at a
   * counter, whose dossiers were voided or corrected, and who has a close for `day`.
   */
  async candidates(start: string, end: string, day: string): Promise<DayOwner[]> {
    const actors = await this.db
      .selectFrom('dossier_events')
      .select(['counter_code as counterCode', 'clerk_code as clerkCode', 'clerk_name as clerkName'])
      .where('at', '>=', start)
      .where('at', '<', end)
      .distinct()
      .execute();
    const printers = await this.db
      .selectFrom('print_jobs')
      .select(['counter_code as counterCode', 'clerk_code as clerkCode', 'clerk_name as clerkName'])
      .where('created_at', '>=', start)
      .where('created_at', '<', end)
      .distinct()
      .execute();
    const owners = await this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .select(['d.counter_code as counterCode', 'd.clerk_code as clerkCode', 'd.clerk_name as clerkName'])
      .where('e.type', 'in', ['voided', 'corrected'])
      .where('e.at', '>=', start)
      .where('e.at', '<', end)
      .distinct()
      .execute();
    const closed = await this.db.selectFrom('day_closes').select(['counter_code as counterCode', 'clerk_code as clerkCode', 'clerk_name as clerkName']).where('day', '=', day).execute();
    const byKey = new Map([...actors, ...printers, ...owners, ...closed].map((o) => [`${o.counterCode}\u0000${o.clerkCode}`, o]));
    return [...byKey.values()].sort((a, b) => a.counterCode.localeCompare(b.counterCode) || a.clerkCode.localeCompare(b.clerkCode));
  }

  async close(day: string, counterCode: string, clerkCode: string): Promise<StoredClose | undefined> {
    const r = await this.db
      .selectFrom('day_closes')
      .select(['closed_at as closedAt', 'clerk_name as clerkName', 'expected_cash as expectedCash', 'cash_counted as cashCounted', 'closed_by_code', 'closed_by_name'])
      .where('day', '=', day)
      .where('counter_code', '=', counterCode)
      .where('clerk_code', '=', clerkCode)
      .executeTakeFirst();
    if (!r) return undefined;
    const { closed_by_code, closed_by_name, ...close } = r;
    return { ...close, closedBy: closed_by_code ? { code: closed_by_code, name: closed_by_name ?? '' } : null };
  }

  /** Records the close; false when this clerk's day at this counter was already closed. */
  async insertClose(c: {
    day: string;
    owner: DayOwner;
    closedAt: string;
    expectedCash: number;
    cashCounted: number;
    summary: string;
    closedBy: { code: string; name: string } | null;
  }): Promise<boolean> {
    const r = await this.db
      .insertInto('day_closes')
      .values({
        day: c.day,
        counter_code: c.owner.counterCode,
        clerk_code: c.owner.clerkCode,
        clerk_name: c.owner.clerkName,
        closed_at: c.closedAt,
        expected_cash: c.expectedCash,
        cash_counted: c.cashCounted,
        summary: c.summary,
        closed_by_code: c.closedBy?.code ?? null,
        closed_by_name: c.closedBy?.name ?? null,
      })
      // The key is the day, counter and clerk: a second close of the same day takes no row.
      .onConflict((oc) => oc.columns(['day', 'counter_code', 'clerk_code']).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
