import type { Db } from '../db/open.js';
import type { Procedure, ProcedureDetail, ProcedureDocument } from '../../../shared/contract/index.js';
import type { Actor } from '../system/actor.js';
import { AuditRepository } from '../system/audit-repository.js';

export interface CatalogueVersionRow {
  id: number;
  imported_at: string;
  source_name: string;
  is_demo: number;
  procedure_count: number;
}

interface ProcedureRow {
  code: string;
  name: string;
  field: string;
  agency_name: string;
  agency_code: string;
  level: string;
  intake_by_post: number;
  return_by_post: number;
  deadline_text: string;
  deadline_days: number | null;
  deadline_unit: 'working' | 'calendar' | null;
  fee_text: string;
  fee: number;
  fee_unknown: number;
  notes: string;
  in_person: number | null;
}

const toProcedure = (r: ProcedureRow): Procedure => ({
  code: r.code,
  name: r.name,
  field: r.field,
  agencyName: r.agency_name,
  agencyCode: r.agency_code,
  level: r.level,
  intakeByPost: r.intake_by_post === 1,
  returnByPost: r.return_by_post === 1,
  deadlineText: r.deadline_text,
  deadlineDays: r.deadline_days,
  deadlineUnit: r.deadline_unit,
  feeText: r.fee_text,
  fee: r.fee_unknown === 1 ? null : r.fee,
  notes: r.notes,
  inPerson: r.in_person === null ? null : r.in_person === 1,
});

/** All SQL about the catalogue lives here. */
export class CatalogueRepository {
  private readonly q;

  private readonly audit: AuditRepository;

  constructor(private readonly db: Db) {
    this.audit = new AuditRepository(db);
    this.q = {
      current: db.prepare(
        'SELECT id, imported_at, source_name, is_demo, procedure_count FROM catalog_versions ORDER BY id DESC LIMIT 1',
      ),
      procedures: db.prepare('SELECT * FROM procedures WHERE version_id = ? ORDER BY code'),
      procedure: db.prepare('SELECT * FROM procedures WHERE version_id = ? AND code = ?'),
      allDocuments: db.prepare(
        'SELECT procedure_code, seq, name, original, copy, required FROM procedure_documents WHERE version_id = ? ORDER BY procedure_code, seq',
      ),
      documents: db.prepare(
        'SELECT seq, name, original, copy, required FROM procedure_documents WHERE version_id = ? AND procedure_code = ? ORDER BY seq',
      ),
      insertVersion: db.prepare(
        `INSERT INTO catalog_versions (imported_at, source_name, is_demo, procedure_count, clerk_code, counter_code)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      insertProcedure: db.prepare(
        `INSERT INTO procedures (version_id, code, name, field, agency_name, agency_code, level,
           intake_by_post, return_by_post, deadline_text, deadline_days, deadline_unit,
           fee_text, fee, fee_unknown, notes, in_person)
         VALUES (@version, @code, @name, @field, @agencyName, @agencyCode, @level,
           @intakeByPost, @returnByPost, @deadlineText, @deadlineDays, @deadlineUnit,
           @feeText, @fee, @feeUnknown, @notes, @inPerson)`,
      ),
      insertDocument: db.prepare(
        `INSERT INTO procedure_documents (version_id, procedure_code, seq, name, original, copy, required)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  current(): CatalogueVersionRow | undefined {
    return this.q.current.get() as CatalogueVersionRow | undefined;
  }

  procedures(version: number): Procedure[] {
    return (this.q.procedures.all(version) as ProcedureRow[]).map(toProcedure);
  }

  procedure(version: number, code: string): ProcedureDetail | undefined {
    const row = this.q.procedure.get(version, code) as ProcedureRow | undefined;
    if (!row) return undefined;
    const documents = (this.q.documents.all(version, code) as (Omit<ProcedureDocument, 'required'> & { required: number })[]).map(
      (d) => ({ ...d, required: d.required === 1 }),
    );
    return { ...toProcedure(row), documents, catalogVersion: version };
  }

  /** Every procedure's documents in a version, in one query (for comparing imports). */
  documentsByProcedure(version: number): Map<string, ProcedureDocument[]> {
    const out = new Map<string, ProcedureDocument[]>();
    for (const r of this.q.allDocuments.all(version) as (Omit<ProcedureDocument, 'required'> & { procedure_code: string; required: number })[]) {
      const list = out.get(r.procedure_code) ?? [];
      list.push({ seq: r.seq, name: r.name, original: r.original, copy: r.copy, required: r.required === 1 });
      out.set(r.procedure_code, list);
    }
    return out;
  }

  /** Writes a whole catalogue as a new version in one transaction: all or nothing. */
  insertVersion(
    source: { name: string; isDemo: boolean },
    procedures: Procedure[],
    documents: Map<string, ProcedureDocument[]>,
    actor: Actor,
    at: Date,
  ): number {
    return this.db.transaction(() => {
      const version = Number(
        this.q.insertVersion.run(at.toISOString(), source.name, source.isDemo ? 1 : 0, procedures.length, actor.clerkCode, actor.counterCode)
          .lastInsertRowid,
      );
      for (const p of procedures) {
        this.q.insertProcedure.run({
          ...p,
          version,
          intakeByPost: p.intakeByPost ? 1 : 0,
          returnByPost: p.returnByPost ? 1 : 0,
          fee: p.fee ?? 0,
          feeUnknown: p.fee === null ? 1 : 0,
          inPerson: p.inPerson === null ? null : p.inPerson ? 1 : 0,
        });
        for (const d of documents.get(p.code) ?? []) {
          this.q.insertDocument.run(version, p.code, d.seq, d.name, d.original, d.copy, d.required ? 1 : 0);
        }
      }
      this.audit.record(at, 'catalog.import', actor, { version, source: source.name, procedures: procedures.length, demo: source.isDemo });
      return version;
    })();
  }
}
