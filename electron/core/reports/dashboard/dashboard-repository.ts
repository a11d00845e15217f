import { sql } from 'kysely';
import type { DashboardListKind, DashboardRow } from '../../../../shared/contract/dashboard.js';
import { registerNo } from '../../../../shared/ids/register-no.js';
import type { Data } from '../../db/data.js';

/** Not handed over yet: still at the counter or packed in a batch. */
const BEFORE_HANDOVER = ['accepted-at-post', 'in-batch'];
/** The most rows a list behind a number shows; the number itself counts them all. */
const LIST_LIMIT = 200;

/** How things stand now, read from the dossiers' current state (each row is kept by its events). */
export class DashboardRepository {
  constructor(private readonly db: Data) {}

  async standing(today: string): Promise<{ waiting: number; pastDue: number; results: number; oldestResultAt: string | null; uploads: number }> {
    const r = await this.db
      .selectFrom('dossiers as d')
      .where('d.status', 'in', [...BEFORE_HANDOVER, 'result-at-post'])
      .select([
        sql<number>`COALESCE(SUM(CASE WHEN d.status IN ('accepted-at-post', 'in-batch') THEN 1 ELSE 0 END), 0)`.as('waiting'),
        sql<number>`COALESCE(SUM(CASE WHEN d.status IN ('accepted-at-post', 'in-batch') AND d.expected_handover_date < ${today} THEN 1 ELSE 0 END), 0)`.as('pastDue'),
        sql<number>`COALESCE(SUM(CASE WHEN d.status = 'result-at-post' THEN 1 ELSE 0 END), 0)`.as('results'),
      ])
      .executeTakeFirstOrThrow();
    const oldest = await this.resultsArrived().select((eb) => eb.fn.min('e.at').as('at')).executeTakeFirst();
    const uploads = await this.db.selectFrom('outbox').where('state', '=', 'attention').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { waiting: Number(r.waiting), pastDue: Number(r.pastDue), results: Number(r.results), oldestResultAt: oldest?.at ?? null, uploads: Number(uploads.n) };
  }

  /** The dossiers behind one number, oldest first. */
  async list(kind: DashboardListKind, today: string): Promise<DashboardRow[]> {
    const base = this.db
      .selectFrom('dossiers as d')
      .select(['d.id', 'd.register_year', 'd.register_seq', 'd.item_number', 'd.sender_name', 'd.procedure_name', 'd.agency_name', 'd.expected_handover_date']);
    const rows =
      kind === 'results-waiting'
        ? await base
            .innerJoin('dossier_events as e', 'e.dossier_id', 'd.id')
            .where('d.status', '=', 'result-at-post')
            .where('e.type', '=', 'result-at-post')
            .select((eb) => eb.fn.max('e.at').as('since'))
            .groupBy(['d.id', 'd.register_year', 'd.register_seq', 'd.item_number', 'd.sender_name', 'd.procedure_name', 'd.agency_name', 'd.expected_handover_date'])
            .orderBy('since')
            .orderBy('d.id')
            .limit(LIST_LIMIT)
            .execute()
        : await base
            .select('d.created_at as since')
            .where('d.status', 'in', BEFORE_HANDOVER)
            .$if(kind === 'past-due', (q) => q.where('d.expected_handover_date', '<', today))
            .orderBy('d.id')
            .limit(LIST_LIMIT)
            .execute();
    return rows.map((r) => ({
      dossierId: r.id,
      registerNo: r.register_year === null || r.register_seq === null ? null : registerNo(r.register_year, r.register_seq),
      itemNumber: r.item_number,
      senderName: r.sender_name,
      procedureName: r.procedure_name,
      agencyName: r.agency_name,
      since: String(r.since),
      expectedHandoverDate: r.expected_handover_date,
    }));
  }

  /** Each waiting result's arrival at the post office (its latest "result-at-post" event). */
  private resultsArrived() {
    const latest = this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .where('d.status', '=', 'result-at-post')
      .where('e.type', '=', 'result-at-post')
      .select((eb) => ['e.dossier_id', eb.fn.max('e.at').as('at')])
      .groupBy('e.dossier_id');
    return this.db.selectFrom(latest.as('e'));
  }
}
