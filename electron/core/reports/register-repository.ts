import type { Db } from '../db/open.js';
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
}

/** A run of register numbers of one year that no dossier carries. */
export interface SeqGap {
  from: number;
  to: number;
}

/**
 * The events that fill the register's later columns. Their types are the names of the states
 * they lead to; the latest one counts, so a correction recorded as a new event wins.
 */
const latestEvent = (type: EventKind, alias: string) =>
  `(SELECT e.at FROM dossier_events e WHERE e.dossier_id = d.id AND e.type = '${type}' ORDER BY e.id DESC LIMIT 1) AS ${alias}`;

/** All SQL of the register book: accepted dossiers by day, with their events, and the numbering check. */
export class RegisterRepository {
  private readonly q;

  constructor(db: Db) {
    const rows = `SELECT d.register_year AS registerYear, d.register_seq AS registerSeq,
        d.agency_dossier_code AS agencyDossierCode, d.procedure_name AS procedureName,
        d.sender_name AS senderName, d.sender_address AS senderAddress, d.sender_phone AS senderPhone,
        d.agency_name AS agencyName, d.accepted_at AS acceptedAt,
        (SELECT json_extract(e.data, '$.appointmentDate') FROM dossier_events e
          WHERE e.dossier_id = d.id AND json_extract(e.data, '$.appointmentDate') IS NOT NULL
          ORDER BY e.id DESC LIMIT 1) AS appointmentDate,
        ${latestEvent('handed-over', 'handedOverAt')},
        ${latestEvent('result-at-post', 'resultReceivedAt')},
        ${latestEvent('delivered', 'deliveredAt')}
      FROM dossiers d
      WHERE d.created_day BETWEEN @from AND @to AND d.register_seq IS NOT NULL
      ORDER BY d.register_year, d.register_seq`;
    this.q = {
      page: db.prepare(`${rows} LIMIT @limit OFFSET @offset`),
      all: db.prepare(rows),
      count: db.prepare(
        'SELECT count(*) AS n FROM dossiers WHERE created_day BETWEEN @from AND @to AND register_seq IS NOT NULL',
      ),
      // Numbers present in a year and the holes between them, read from the (year, seq) index.
      span: db.prepare('SELECT min(register_seq) AS first, max(register_seq) AS last, count(*) AS n FROM dossiers WHERE register_year = ?'),
      issued: db.prepare('SELECT last_seq FROM register_counters WHERE year = ?'),
      holes: db.prepare(
        `SELECT seq + 1 AS "from", next - 1 AS "to" FROM (
           SELECT register_seq AS seq, lead(register_seq) OVER (ORDER BY register_seq) AS next
           FROM dossiers WHERE register_year = ?)
         WHERE next > seq + 1 ORDER BY seq`,
      ),
    };
  }

  count(from: string, to: string): number {
    return (this.q.count.get({ from, to }) as { n: number }).n;
  }

  page(from: string, to: string, offset: number, limit: number): RegisterSource[] {
    return this.q.page.all({ from, to, offset, limit }) as RegisterSource[];
  }

  /** Every row of the range, one at a time, so a year's export does not hold two copies of it. */
  each(from: string, to: string): IterableIterator<RegisterSource> {
    return this.q.all.iterate({ from, to }) as IterableIterator<RegisterSource>;
  }

  /**
   * How a year's numbers stand: how many were issued (the counter), how many dossiers carry one,
   * and the runs missing between 1 and the last issued.
   */
  numbering(year: number): { issued: number; present: number; gaps: SeqGap[] } {
    const span = this.q.span.get(year) as { first: number | null; last: number | null; n: number };
    const issued = Math.max((this.q.issued.get(year) as { last_seq: number } | undefined)?.last_seq ?? 0, span.last ?? 0);
    if (span.first === null || span.last === null) return { issued, present: 0, gaps: issued > 0 ? [{ from: 1, to: issued }] : [] };
    const gaps: SeqGap[] = [];
    if (span.first > 1) gaps.push({ from: 1, to: span.first - 1 });
    gaps.push(...(this.q.holes.all(year) as SeqGap[]));
    if (issued > span.last) gaps.push({ from: span.last + 1, to: issued });
    return { issued, present: span.n, gaps };
  }
}
