import { sql } from 'kysely';
import type { DashboardListKind, DashboardRow } from '../../../../shared/contract/dashboard.js';
import { registerNo } from '../../../../shared/ids/register-no.js';
import type { DossierStatus } from '../../../../shared/lifecycle/states.js';
import type { Data } from '../../db/data.js';

/** Not handed over yet: still at the counter or packed in a batch. */
const BEFORE_HANDOVER = ['accepted-at-post', 'in-batch'] as const;
/**
 * A result waiting at the post office for its owner: received from the agency, or brought back
 * after a failed delivery attempt (it may be collected at the counter or go out again, domain.md,
 * decisions 0035 and 0042). The event of each that put it there dates its wait.
 */
const RESULTS_AT_OFFICE = ['result-at-post', 'delivery-failed'] as const;

/** How things stand now, read from the dossiers' current state (each row is kept by its events). */
export class DashboardRepository {
  constructor(private readonly db: Data) {}

  async standing(today: string): Promise<{ waiting: number; pastDue: number; results: number; oldestResultAt: string | null; uploads: number }> {
    const r = await this.db
      .selectFrom('dossiers as d')
      .where('d.status', 'in', [...BEFORE_HANDOVER, ...RESULTS_AT_OFFICE])
      .select((eb) => {
        const before = eb('d.status', 'in', BEFORE_HANDOVER);
        const count = (when: typeof before) => eb.fn.coalesce(eb.fn.sum<number>(eb.case().when(when).then(1).else(0).end()), sql<number>`0`);
        return [
          count(before).as('waiting'),
          count(eb.and([before, eb('d.expected_handover_date', '<', today)])).as('pastDue'),
          count(eb('d.status', 'in', RESULTS_AT_OFFICE)).as('results'),
        ];
      })
      .executeTakeFirstOrThrow();
    const oldest = await this.resultsArrived().select((eb) => eb.fn.min('e.at').as('at')).executeTakeFirst();
    const uploads = await this.db.selectFrom('outbox').where('state', '=', 'attention').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { waiting: Number(r.waiting), pastDue: Number(r.pastDue), results: Number(r.results), oldestResultAt: oldest?.at ?? null, uploads: Number(uploads.n) };
  }

  /** One page of the dossiers behind one number, oldest first. */
  async list(kind: DashboardListKind, today: string, offset: number, limit: number): Promise<DashboardRow[]> {
    const columns = ['d.id', 'd.register_year', 'd.register_seq', 'd.item_number', 'd.sender_name', 'd.procedure_name', 'd.agency_name', 'd.status', 'd.expected_handover_date'] as const;
    const base = this.db.selectFrom('dossiers as d').select(columns);
    const rows =
      kind === 'results-waiting'
        ? await base
            .innerJoin('dossier_events as e', 'e.dossier_id', 'd.id')
            .where('d.status', 'in', RESULTS_AT_OFFICE)
            .where('e.type', 'in', RESULTS_AT_OFFICE)
            .select((eb) => eb.fn.max('e.at').as('since'))
            .groupBy([...columns])
            .orderBy('since')
            .orderBy('d.id')
            .limit(limit)
            .offset(offset)
            .execute()
        : await base
            .select('d.created_at as since')
            .where('d.status', 'in', BEFORE_HANDOVER)
            .$if(kind === 'past-due', (q) => q.where('d.expected_handover_date', '<', today))
            .orderBy('d.id')
            .limit(limit)
            .offset(offset)
            .execute();
    return rows.map((r) => ({
      dossierId: r.id,
      registerNo: r.register_year === null || r.register_seq === null ? null : registerNo(r.register_year, r.register_seq),
      itemNumber: r.item_number,
      senderName: r.sender_name,
      procedureName: r.procedure_name,
      agencyName: r.agency_name,
      status: r.status as DossierStatus,
      since: String(r.since),
      expectedHandoverDate: r.expected_handover_date,
    }));
  }

  /** When each waiting result came to wait at the post office (the latest event that put it there). */
  private resultsArrived() {
    const latest = this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .where('d.status', 'in', RESULTS_AT_OFFICE)
      .where('e.type', 'in', RESULTS_AT_OFFICE)
      .select((eb) => ['e.dossier_id', eb.fn.max('e.at').as('at')])
      .groupBy('e.dossier_id');
    return this.db.selectFrom(latest.as('e'));
  }
}
