import { sql, type ExpressionBuilder } from 'kysely';
import type { Data } from '../db/data.js';
import type { EngineSql } from '../db/engine-sql.js';
import type { Schema } from '../db/schema.js';
import type { EventKind } from '../../../shared/lifecycle/events.js';

/** A dossier as the register book needs it; the four dates come from its events. */
export interface RegisterSource {
  registerYear: number;
  registerSeq: number;
  agencyDossierCode: string | null;
  procedureName: string;
  senderName: string;
  senderAddress: string;
  senderPhone: string;
  agencyName: string;
  acceptedAt: string;
  appointmentDate: string | null;
  handedOverAt: string | null;
  resultReceivedAt: string | null;
  deliveredAt: string | null;
  /** a voided dossier keeps its line and number; the book says it was voided */
  voidedAt: string | null;
}

/** A run of register numbers of one year that no dossier carries. */
export interface SeqGap {
  from: number;
  to: number;
}

/** All SQL of the register book: accepted dossiers by day, with their events, and the numbering check. */
export class RegisterRepository {
  constructor(
    private readonly db: Data,
    private readonly engine: EngineSql,
  ) {}

  /** Accepted dossiers created in the range, in register order. */
  private rows(from: string, to: string) {
    /**
     * The events that fill the register's later columns. Their types are the names of the states
     * they lead to; the latest one counts, so a correction recorded as a new event wins.
     */
    const latestEvent = (eb: ExpressionBuilder<Schema & { d: Schema['dossiers'] }, 'd'>, type: EventKind) =>
      eb.selectFrom('dossier_events as e').select('e.at').whereRef('e.dossier_id', '=', 'd.id').where('e.type', '=', type).orderBy('e.id', 'desc').limit(1);
    return this.db
      .selectFrom('dossiers as d')
      .select((eb) => {
        const appointment = this.engine.jsonText(sql.ref<string>('e.data'), 'appointmentDate');
        return [
          'd.register_year as registerYear',
          'd.register_seq as registerSeq',
          'd.agency_dossier_code as agencyDossierCode',
          'd.procedure_name as procedureName',
          'd.sender_name as senderName',
          'd.sender_address as senderAddress',
          'd.sender_phone as senderPhone',
          'd.agency_name as agencyName',
          'd.accepted_at as acceptedAt',
          eb
            .selectFrom('dossier_events as e')
            .select(appointment.as('v'))
            .whereRef('e.dossier_id', '=', 'd.id')
            .where(appointment, 'is not', null)
            .orderBy('e.id', 'desc')
            .limit(1)
            .as('appointmentDate'),
          latestEvent(eb, 'handed-over').as('handedOverAt'),
          latestEvent(eb, 'result-at-post').as('resultReceivedAt'),
          latestEvent(eb, 'delivered').as('deliveredAt'),
          latestEvent(eb, 'voided').as('voidedAt'),
        ];
      })
      .where('d.created_day', '>=', from)
      .where('d.created_day', '<=', to)
      .where('d.register_seq', 'is not', null)
      .orderBy('d.register_year')
      .orderBy('d.register_seq')
      .$castTo<RegisterSource>();
  }

  async count(from: string, to: string): Promise<number> {
    const r = await this.db
      .selectFrom('dossiers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_day', '>=', from)
      .where('created_day', '<=', to)
      .where('register_seq', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  page(from: string, to: string, offset: number, limit: number): Promise<RegisterSource[]> {
    return this.rows(from, to).limit(limit).offset(offset).execute();
  }

  /** Every row of the range, one at a time, so a year's export does not hold two copies of it. */
  each(from: string, to: string): AsyncIterableIterator<RegisterSource> {
    return this.rows(from, to).stream();
  }

  /**
   * How a year's numbers stand: how many were issued (the counter), how many dossiers carry one,
   * and the runs missing between 1 and the last issued.
   */
  async numbering(year: number): Promise<{ issued: number; present: number; gaps: SeqGap[] }> {
    // Numbers present in a year and the holes between them, read from the (year, seq) index.
    const span = await this.db
      .selectFrom('dossiers')
      .select((eb) => [eb.fn.min('register_seq').as('first'), eb.fn.max('register_seq').as('last'), eb.fn.countAll<number>().as('n')])
      .where('register_year', '=', year)
      .executeTakeFirstOrThrow();
    const counter = await this.db.selectFrom('register_counters').select('last_seq').where('year', '=', year).executeTakeFirst();
    const issued = Math.max(counter?.last_seq ?? 0, span.last ?? 0);
    if (span.first === null || span.last === null) return { issued, present: 0, gaps: issued > 0 ? [{ from: 1, to: issued }] : [] };
    const gaps: SeqGap[] = [];
    if (span.first > 1) gaps.push({ from: 1, to: span.first - 1 });
    const holes = await this.db
      .selectFrom((eb) =>
        eb
          .selectFrom('dossiers')
          .select((inner) => ['register_seq as seq', sql<number | null>`lead(${inner.ref('register_seq')}) OVER (ORDER BY ${inner.ref('register_seq')})`.as('next')])
          .where('register_year', '=', year)
          .as('s'),
      )
      .select((eb) => [eb(eb.ref('s.seq'), '+', 1).as('from'), eb(eb.ref('s.next'), '-', 1).as('to')])
      .where((eb) => eb(eb.ref('s.next'), '>', eb(eb.ref('s.seq'), '+', 1)))
      .orderBy('s.seq')
      .execute();
    gaps.push(...(holes as SeqGap[]));
    if (issued > span.last) gaps.push({ from: span.last + 1, to: issued });
    return { issued, present: Number(span.n), gaps };
  }
}
