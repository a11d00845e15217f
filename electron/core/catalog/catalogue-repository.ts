import type { Selectable } from 'kysely';
import type { Data } from '../db/data.js';
import type { ProceduresTable } from '../db/schema.js';
import type { Procedure, ProcedureDetail, ProcedureDocument } from '../../../shared/contract/index.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';

export interface CatalogueVersionRow {
  id: number;
  imported_at: string;
  source_name: string;
  is_demo: number;
  procedure_count: number;
}

type ProcedureRow = Selectable<ProceduresTable>;

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

/** Rows per multi-row insert: well under every engine's limit on bound parameters. */
const CHUNK = 200;
const chunks = <T>(rows: T[]): T[][] => Array.from({ length: Math.ceil(rows.length / CHUNK) }, (_, i) => rows.slice(i * CHUNK, (i + 1) * CHUNK));

/** All SQL about the catalogue lives here. */
export class CatalogueRepository {
  constructor(
    private readonly db: Data,
    private readonly audit: AuditRepository,
  ) {}

  async current(): Promise<CatalogueVersionRow | undefined> {
    return this.db
      .selectFrom('catalog_versions')
      .select(['id', 'imported_at', 'source_name', 'is_demo', 'procedure_count'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  /** The newest version's id alone: asked before each search, so it must stay cheap. */
  async currentId(): Promise<number | null> {
    const row = await this.db.selectFrom('catalog_versions').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
    return row?.id ?? null;
  }

  async procedures(version: number): Promise<Procedure[]> {
    return (await this.db.selectFrom('procedures').selectAll().where('version_id', '=', version).orderBy('code').execute()).map(toProcedure);
  }

  async procedure(version: number, code: string): Promise<ProcedureDetail | undefined> {
    const row = await this.db.selectFrom('procedures').selectAll().where('version_id', '=', version).where('code', '=', code).executeTakeFirst();
    if (!row) return undefined;
    const documents = await this.db
      .selectFrom('procedure_documents')
      .select(['seq', 'name', 'original', 'copy', 'required'])
      .where('version_id', '=', version)
      .where('procedure_code', '=', code)
      .orderBy('seq')
      .execute();
    return { ...toProcedure(row), documents: documents.map((d) => ({ ...d, required: d.required === 1 })), catalogVersion: version };
  }

  /** Every procedure's documents in a version, in one query (for comparing imports). */
  async documentsByProcedure(version: number): Promise<Map<string, ProcedureDocument[]>> {
    const out = new Map<string, ProcedureDocument[]>();
    const rows = await this.db
      .selectFrom('procedure_documents')
      .select(['procedure_code', 'seq', 'name', 'original', 'copy', 'required'])
      .where('version_id', '=', version)
      .orderBy('procedure_code')
      .orderBy('seq')
      .execute();
    for (const r of rows) {
      const list = out.get(r.procedure_code) ?? [];
      list.push({ seq: r.seq, name: r.name, original: r.original, copy: r.copy, required: r.required === 1 });
      out.set(r.procedure_code, list);
    }
    return out;
  }

  /** Writes a whole catalogue as a new version in one transaction: all or nothing. */
  async insertVersion(
    source: { name: string; isDemo: boolean },
    procedures: Procedure[],
    documents: Map<string, ProcedureDocument[]>,
    actor: Actor,
    at: Date,
  ): Promise<number> {
    return this.audit.inTransaction(async (tx) => {
      const { id: version } = await tx
        .insertInto('catalog_versions')
        .values({
          imported_at: at.toISOString(),
          source_name: source.name,
          is_demo: source.isDemo ? 1 : 0,
          procedure_count: procedures.length,
          clerk_code: actor.clerkCode,
          counter_code: actor.counterCode,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const procedureRows = procedures.map((p) => ({
        version_id: version,
        code: p.code,
        name: p.name,
        field: p.field,
        agency_name: p.agencyName,
        agency_code: p.agencyCode,
        level: p.level,
        intake_by_post: p.intakeByPost ? 1 : 0,
        return_by_post: p.returnByPost ? 1 : 0,
        deadline_text: p.deadlineText,
        deadline_days: p.deadlineDays,
        deadline_unit: p.deadlineUnit,
        fee_text: p.feeText,
        fee: p.fee ?? 0,
        fee_unknown: p.fee === null ? 1 : 0,
        notes: p.notes,
        in_person: p.inPerson === null ? null : p.inPerson ? 1 : 0,
      }));
      for (const rows of chunks(procedureRows)) await tx.insertInto('procedures').values(rows).execute();
      const documentRows = procedures.flatMap((p) =>
        (documents.get(p.code) ?? []).map((d) => ({
          version_id: version,
          procedure_code: p.code,
          seq: d.seq,
          name: d.name,
          original: d.original,
          copy: d.copy,
          required: d.required ? 1 : 0,
        })),
      );
      for (const rows of chunks(documentRows)) await tx.insertInto('procedure_documents').values(rows).execute();
      await this.audit.in(tx).record(at, 'catalog.import', actor, { version, source: source.name, procedures: procedures.length, demo: source.isDemo });
      return version;
    });
  }
}
