import type { MoneyLine } from '../../../shared/contract/periodic-report.js';
import type { Data } from '../db/data.js';

/**
 * Whose money: the "accepted" events in [start, end), of one clerk at one counter when they are
 * named (the day close), of the whole office when not (the periodic report).
 */
export interface TakenScope {
  start: string;
  end: string;
  counterCode?: string;
  clerkCode?: string;
}

/** What was taken at the counter: each fee line by name, and postage. */
export interface MoneyTaken {
  fees: MoneyLine[];
  postage: { count: number; amount: number };
}

function acceptedIn(db: Data, s: TakenScope) {
  let q = db.selectFrom('dossier_events as e').where('e.type', '=', 'accepted').where('e.at', '>=', s.start).where('e.at', '<', s.end);
  if (s.counterCode !== undefined) q = q.where('e.counter_code', '=', s.counterCode);
  if (s.clerkCode !== undefined) q = q.where('e.clerk_code', '=', s.clerkCode);
  return q;
}

/**
 * The money is on the dossiers the "accepted" events name: copied at intake and never changed,
 * so the day close and the periodic report read the same figures for the same events.
 */
export async function moneyTaken(db: Data, s: TakenScope): Promise<MoneyTaken> {
  const fees = await acceptedIn(db, s)
    .innerJoin('dossier_fees as f', 'f.dossier_id', 'e.dossier_id')
    .select((eb) => ['f.name', eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('f.amount').as('amount')])
    .groupBy('f.name')
    .orderBy('f.name')
    .execute();
  const postage = await acceptedIn(db, s)
    .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
    .where('d.postage', '>', 0)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>('d.postage'), eb.lit(0)).as('amount')])
    .executeTakeFirstOrThrow();
  return {
    fees: fees.map((r) => ({ name: r.name, count: Number(r.n), amount: Number(r.amount) })),
    postage: { count: Number(postage.n), amount: Number(postage.amount) },
  };
}
