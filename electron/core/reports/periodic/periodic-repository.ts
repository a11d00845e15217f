import { sql, type RawBuilder } from 'kysely';
import type { EventKind } from '../../../../shared/lifecycle/events.js';
import type { Data } from '../../db/data.js';
import type { EngineSql } from '../../db/engine-sql.js';
import { moneyTaken, type MoneyTaken } from '../money-taken.js';

/** ISO instants: the range's first moment in Vietnamese time, and the moment after its last day. */
export interface RangeWindow {
  start: string;
  end: string;
}

/** How a report groups events: by what the dossier names, or by when the event happened. */
export type Dimension = 'agency' | 'procedure' | 'level' | 'office' | 'day' | 'month';

/** The events the periodic report counts; the others (batched, processing…) are steps between. */
export const COUNTED_EVENTS = ['accepted', 'guided', 'handed-over', 'refused', 'supplement-requested', 'delivered', 'voided'] as const satisfies readonly EventKind[];

/** How many events of one type a group had, split by whether they came late. */
export interface EventCount {
  key: string;
  name: string;
  type: (typeof COUNTED_EVENTS)[number];
  /** 1 late, 0 on time, null when there is no date to judge by (or the type is not judged) */
  late: number | null;
  n: number;
}

/** All SQL of the periodic report: events of the range counted by group, and the money. */
export class PeriodicRepository {
  constructor(
    private readonly db: Data,
    private readonly engine: EngineSql,
  ) {}

  /** The range's counted events, one row per (group, type, lateness). */
  async counts(w: RangeWindow, dim: Dimension): Promise<EventCount[]> {
    const day = this.engine.vnDay(sql.ref<string>('e.at'));
    const appointment = this.engine.jsonText(sql.ref<string>('a.data'), 'appointmentDate');
    // The agency's latest appointment date for the dossier: a delivery after it came late.
    const appointed = sql<string | null>`(SELECT ${appointment} FROM dossier_events a WHERE a.dossier_id = e.dossier_id AND a.type = 'received-by-agency' ORDER BY a.id DESC LIMIT 1)`;
    const late = sql<number | null>`CASE
      WHEN e.type = 'handed-over' THEN CASE WHEN d.expected_handover_date IS NOT NULL AND ${day} > d.expected_handover_date THEN 1 ELSE 0 END
      WHEN e.type = 'delivered' THEN CASE WHEN ${appointed} IS NULL THEN NULL WHEN ${day} > ${appointed} THEN 1 ELSE 0 END
    END`;
    const [key, name] = this.grouping(dim, day);
    const each = this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .leftJoin('procedures as p', (j) => j.onRef('p.version_id', '=', 'd.catalog_version').onRef('p.code', '=', 'd.procedure_code'))
      .select([key.as('key'), name.as('name'), 'e.type as type', late.as('late')])
      .where('e.at', '>=', w.start)
      .where('e.at', '<', w.end)
      .where('e.type', 'in', COUNTED_EVENTS);
    const rows = await this.db
      .selectFrom(each.as('s'))
      .select((eb) => ['s.key', eb.fn.max('s.name').as('name'), 's.type', 's.late', eb.fn.countAll<number>().as('n')])
      .groupBy(['s.key', 's.type', 's.late'])
      .execute();
    return rows.map((r) => ({ key: r.key, name: r.name ?? r.key, type: r.type as EventCount['type'], late: r.late === null ? null : Number(r.late), n: Number(r.n) }));
  }

  private grouping(dim: Dimension, day: RawBuilder<string>): [RawBuilder<string>, RawBuilder<string>] {
    switch (dim) {
      case 'agency':
        return [sql.ref('d.agency_code'), sql.ref('d.agency_name')];
      case 'procedure':
        return [sql.ref('d.procedure_code'), sql.ref('d.procedure_name')];
      case 'level': {
        // A dossier whose catalogue version is gone still counts, under an empty level.
        const level = sql<string>`COALESCE(p.level, '')`;
        return [level, level];
      }
      case 'office':
        return [sql.ref('d.office_code'), sql.ref('d.office_name')];
      case 'day':
        return [day, day];
      case 'month': {
        const month = sql<string>`substr(${day}, 1, 7)`;
        return [month, month];
      }
    }
  }

  /** Fee lines and postage of the dossiers taken in during the range. */
  money(w: RangeWindow): Promise<MoneyTaken> {
    return moneyTaken(this.db, w);
  }

  /**
   * What the voids of the range gave back: the `refund` each void event recorded, not the
   * dossier's fees and postage, so a refund smaller than what was taken counts as paid.
   */
  async refunds(w: RangeWindow): Promise<{ count: number; amount: number }> {
    const refund = sql<number>`CAST(${this.engine.jsonText(sql.ref<string>('e.data'), 'refund')} AS BIGINT)`;
    const r = await this.eventsOf(w, 'voided')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.coalesce(eb.fn.sum<number>(refund), eb.lit(0)).as('amount')])
      .executeTakeFirstOrThrow();
    return { count: Number(r.n), amount: Number(r.amount) };
  }

  private eventsOf(w: RangeWindow, type: EventKind) {
    return this.db.selectFrom('dossier_events as e').where('e.at', '>=', w.start).where('e.at', '<', w.end).where('e.type', '=', type);
  }
}
