import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportPreview, Procedure, ProcedureDetail, ProcedureDocument } from '../../../shared/contract/index.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { servesService, type Service } from '../../../shared/intake/service-fit.js';
import { AppError, appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import { CatalogueRepository } from './catalogue-repository.js';
import { parseCatalogue, type ParsedCatalogue } from './parse-catalogue.js';
import { describeChanges } from './describe-changes.js';
import { readTables } from './read-tables.js';
import { ProcedureIndex } from './search-index.js';

const PREVIEW_TTL_MS = 30 * 60_000;
const MAX_PREVIEWS = 5;

interface PendingImport {
  fileName: string;
  parsed: ParsedCatalogue;
  createdAt: number;
}

/** The catalogue: current version, search, and the preview-then-confirm import. */
export class CatalogueService {
  private index = new ProcedureIndex([]);
  private version: number | null = null;
  private readonly previews = new Map<string, PendingImport>();
  /** procedures as read, by version and code: a version is never changed once written */
  private readonly details = new Map<string, ProcedureDetail>();
  /** one reload at a time: searches arriving together share it */
  private reloading: Promise<void> | undefined;

  constructor(
    private readonly repo: CatalogueRepository,
    private readonly now: () => Date,
  ) {}

  /** Reads the current version into the search index; at start, and after each import. */
  async load(): Promise<void> {
    const current = await this.repo.current();
    this.version = current?.id ?? null;
    this.details.clear();
    this.index = new ProcedureIndex(current ? await this.repo.procedures(current.id) : []);
  }

  /**
   * The catalogue in use is the newest on record, wherever it was imported: on an office server
   * another counter may have imported one since this counter loaded (decision 0040). One
   * primary-key read per call tells; the index is rebuilt only when the version moved.
   */
  private async fresh(newest?: number | null): Promise<void> {
    if ((newest === undefined ? await this.repo.currentId() : newest) === this.version) return;
    await (this.reloading ??= this.load().finally(() => (this.reloading = undefined)));
  }

  async status() {
    const c = await this.repo.current();
    await this.fresh(c?.id ?? null);
    return {
      version: c?.id ?? null,
      importedAt: c?.imported_at ?? null,
      sourceName: c?.source_name ?? null,
      procedures: c?.procedure_count ?? 0,
      isDemo: c?.is_demo === 1,
    };
  }

  /**
   * Procedures a clerk can take in here for the chosen service; without one, those the
   * province opened to postal intake.
   */
  async search(query: string, limit: number, service?: Service): Promise<Procedure[]> {
    await this.fresh();
    return this.index.search(query, limit, service ? (p) => servesService(p, service) : (p) => p.intakeByPost);
  }

  async get(code: string, asked?: number | null): Promise<ProcedureDetail> {
    // A version asked for by number is never changed once written; "the one in use" may have moved.
    if (asked === undefined) await this.fresh();
    const version = asked === undefined ? this.version : asked;
    const key = `${version}/${code}`;
    const found = this.details.get(key) ?? (version === null ? undefined : await this.repo.procedure(version, code));
    if (found) this.details.set(key, found);
    if (!found) {
      throw appError(
        'PROCEDURE_NOT_FOUND',
        `Không có thủ tục mã "${code}" trong danh mục đang dùng.`,
        `Procedure "${code}" is not in the catalogue in use.`,
        { status: 'NOT_FOUND', field: 'procedure' },
      );
    }
    return found;
  }

  async previewImport(fileName: string, bytes: Buffer): Promise<ImportPreview> {
    const parsed = parseCatalogue(await readTables(fileName, bytes));
    this.dropOldPreviews();
    const previewId = randomUUID();
    this.previews.set(previewId, { fileName, parsed, createdAt: this.now().getTime() });
    const blockedBy = whyNotConfirm(parsed);
    const documents = [...parsed.documents.values()].reduce((n, list) => n + list.length, 0);
    return {
      previewId,
      fileName,
      procedures: parsed.procedures.length,
      documents,
      errors: parsed.errors,
      warnings: parsed.warnings,
      changes: await this.changes(parsed),
      canConfirm: blockedBy === null,
      blockedBy,
    };
  }

  async confirmImport(previewId: string, actor: Actor): Promise<{ version: number; procedures: number }> {
    const pending = this.previews.get(previewId);
    if (!pending) {
      throw appError(
        'IMPORT_PREVIEW_EXPIRED',
        'Bản xem trước đã hết hạn hoặc đã được nhập. Chọn lại tệp để xem trước.',
        'The preview has expired or was already imported. Choose the file again.',
        { status: 'NOT_FOUND' },
      );
    }
    const blockedBy = whyNotConfirm(pending.parsed);
    if (blockedBy) throw new AppError('IMPORT_HAS_ERRORS', blockedBy);
    const version = await this.repo.insertVersion(
      { name: pending.fileName, isDemo: false },
      pending.parsed.procedures,
      pending.parsed.documents,
      actor,
      this.now(),
    );
    this.previews.delete(previewId);
    await this.load();
    return { version, procedures: pending.parsed.procedures.length };
  }

  /** First start: the demo catalogue shipped in resources/, so the app can be tried at once. */
  async seedDemo(file: string, actor: Actor): Promise<void> {
    if (await this.repo.current()) return;
    const parsed = parseCatalogue(await readTables(file, readFileSync(file)));
    if (parsed.errors.length > 0) throw new Error(`demo catalogue is invalid: ${JSON.stringify(parsed.errors[0])}`);
    await this.repo.insertVersion({ name: basename(file), isDemo: true }, parsed.procedures, parsed.documents, actor, this.now());
    await this.load();
  }

  private dropOldPreviews(): void {
    const now = this.now().getTime();
    for (const [id, p] of this.previews) if (now - p.createdAt > PREVIEW_TTL_MS) this.previews.delete(id);
    while (this.previews.size >= MAX_PREVIEWS) this.previews.delete(this.previews.keys().next().value!);
  }

  private async changes(parsed: ParsedCatalogue) {
    const before = this.version === null ? [] : await this.repo.procedures(this.version);
    const beforeDocs = this.version === null ? new Map<string, ProcedureDocument[]>() : await this.repo.documentsByProcedure(this.version);
    return describeChanges(before, beforeDocs, parsed);
  }
}

/** Why a preview cannot be confirmed, in the supervisor's words; null when it can. */
function whyNotConfirm(parsed: ParsedCatalogue): Msg | null {
  if (parsed.errors.length > 0) {
    const n = parsed.errors.length;
    return msg(
      `Chưa nhập được: tệp có ${n} dòng lỗi (liệt kê bên dưới). Sửa các dòng đó trong tệp rồi chọn lại tệp.`,
      `Cannot import yet: the file has ${n} row${n === 1 ? '' : 's'} with errors (listed below). Fix them in the file and choose it again.`,
    );
  }
  if (parsed.procedures.length === 0) {
    return msg('Chưa nhập được: tệp không có thủ tục nào.', 'Cannot import: the file holds no procedure.');
  }
  return null;
}
