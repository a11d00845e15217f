import type { Batch, BatchSummary, WaitingGroup } from '../../../shared/contract/batches.js';
import type { ExportFile, PrintJob, Settings } from '../../../shared/contract/index.js';
import { batchNumber, groupByAgency, isOverdue, refuseChange, refuseHandover, refuseToAdd, refuseToClose, type BatchFacts, type Refusal } from '../../../shared/batches/rules.js';
import { vnIsoDate } from '../../../shared/format/vn-time.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import type { PrintService } from '../devices/printer/print-service.js';
import { AppError, appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import { failpoint } from '../system/failpoints.js';
import type { BatchRepository } from './batch-repository.js';
import { handoverRecordPdf } from './handover-record.js';
import { exportFile } from '../reports/export-file.js';
import { uploadBody } from './upload-body.js';
import type { OutboxRepository } from '../outbox/outbox-repository.js';
import type { AuditRepository } from '../system/audit-repository.js';

const refused = (r: Refusal) => new AppError(r.code, r.words, { status: 'CONFLICT' });

const noSuchBatch = () =>
  appError('BATCH_NOT_FOUND', 'Không tìm thấy lô này. Tải lại danh sách lô.', 'This batch was not found. Reload the list of batches.', { status: 'NOT_FOUND' });

export interface BatchDeps {
  batches: BatchRepository;
  dossiers: DossierRepository;
  printing: PrintService;
  settings: () => Settings;
  resourcesDir: string;
  /** the handover record says it is a training paper (decision 0045) */
  training?: boolean;
  now: () => Date;
  outbox: OutboxRepository;
  audit: AuditRepository;
  /** a batch's upload was queued (closed) or queued again (sent again): the worker looks now */
  uploadQueued: () => void;
  /** a handover was recorded: agency updates waiting for it may apply */
  handedOver: () => void;
}

/**
 * F4 Bàn giao: builds batches by the rules (shared/batches/rules.ts), moves each dossier
 * through the lifecycle table in the same transaction as the batch's own rows, and queues
 * a closed batch's upload in the transaction that closes it (decision 0029).
 */
export class BatchService {
  constructor(private readonly d: BatchDeps) {}

  async waiting(): Promise<WaitingGroup[]> {
    const today = vnIsoDate(this.d.now());
    return groupByAgency(await this.d.batches.waiting(), today).map((g) => ({
      ...g,
      dossiers: g.dossiers.map(({ agencyCode: _c, agencyName: _n, ...w }) => ({ ...w, overdue: isOverdue(w, today) })),
    }));
  }

  unfinished(): Promise<BatchSummary[]> {
    return this.d.batches.unfinished();
  }

  async get(id: number): Promise<Batch> {
    return (await this.d.batches.get(id)) ?? Promise.reject(noSuchBatch());
  }

  async create(agencyCode: string, actor: Actor): Promise<Batch> {
    const at = this.d.now();
    const day = vnIsoDate(at);
    const id = await this.d.batches.inTransaction(async (repo) => {
      const agencyName = await repo.agencyName(agencyCode);
      if (agencyName === undefined) {
        throw appError(
          'BATCH_UNKNOWN_AGENCY',
          `Chưa có hồ sơ nào gửi cơ quan mã ${agencyCode}. Chọn cơ quan trong danh sách hồ sơ chờ bàn giao.`,
          `No dossier goes to agency ${agencyCode}. Pick an agency from the list of dossiers waiting for handover.`,
          { field: 'agencyCode' },
        );
      }
      const seq = await repo.nextSeq(actor.counterCode, day);
      const number = batchNumber(actor.officeCode, actor.counterCode, day, seq);
      return repo.insert({ number, day, seq, agencyCode, agencyName, at: at.toISOString() }, actor);
    });
    return this.get(id);
  }

  /** A scanned or typed item number: the dossier it names, or a refusal in words. */
  async addByCode(batchId: number, code: string, actor: Actor): Promise<Batch> {
    const dossierId = await this.d.dossiers.idByCode(code.toUpperCase());
    if (dossierId === undefined) {
      throw appError(
        'BATCH_UNKNOWN_ITEM',
        `Không có hồ sơ nào mang số hiệu ${code}. Kiểm tra lại mã trên phong bì.`,
        `No dossier carries the number ${code}. Check the code on the envelope.`,
        { status: 'NOT_FOUND' },
      );
    }
    return this.add(batchId, [dossierId], actor);
  }

  /** Puts dossiers into an open batch: all of them, or none when one is refused (it is named). */
  async add(batchId: number, dossierIds: number[], actor: Actor): Promise<Batch> {
    const at = this.d.now().toISOString();
    await this.d.batches.inTransaction(async (repo, tx) => {
      const facts = await this.facts(repo, batchId);
      const dossiers = this.d.dossiers.in(tx);
      for (const dossierId of dossierIds) {
        const d = await dossiers.get(dossierId);
        if (!d) throw appError('BATCH_UNKNOWN_DOSSIER', 'Không tìm thấy hồ sơ này.', 'This dossier was not found.', { status: 'NOT_FOUND' });
        const refusal = refuseToAdd({ status: d.status, agencyCode: d.agencyCode, agencyName: d.agencyName, batchNumber: await repo.batchOf(dossierId) }, facts);
        if (refusal) throw refused(refusal);
        await repo.addItem(batchId, dossierId, at);
        await dossiers.appendEvent(dossierId, at, { kind: 'batched', data: { batchId: facts.number } }, actor);
        facts.size++;
      }
    });
    return this.get(batchId);
  }

  /** Takes a dossier out of an open batch: it is accepted again and waits for another batch. */
  async remove(batchId: number, dossierId: number, reason: string, actor: Actor): Promise<Batch> {
    const at = this.d.now().toISOString();
    await this.d.batches.inTransaction(async (repo, tx) => {
      const facts = await this.facts(repo, batchId);
      const closed = refuseChange(facts);
      if (closed) throw refused(closed);
      if (!(await repo.removeItem(batchId, dossierId))) {
        throw appError('BATCH_NOT_IN_BATCH', `Hồ sơ này không có trong lô ${facts.number}.`, `This dossier is not in batch ${facts.number}.`, { status: 'CONFLICT' });
      }
      await this.d.dossiers.in(tx).appendEvent(dossierId, at, { kind: 'unbatched', data: { batchId: facts.number, reason } }, actor);
    });
    return this.get(batchId);
  }

  /** Closes the bag: the batch takes no more changes and its upload is queued in the same transaction. */
  async close(batchId: number, actor: Actor): Promise<Batch> {
    const closedAt = this.d.now().toISOString();
    await this.d.batches.inTransaction(async (repo, tx) => {
      const facts = await this.facts(repo, batchId);
      const refusal = refuseToClose(facts);
      if (refusal) throw refused(refusal);
      await repo.setState(batchId, 'closed', { closed_at: closedAt });
      failpoint('batch.closed-unqueued');
      const dossiers = this.d.dossiers.in(tx);
      const details = [];
      for (const id of await repo.dossierIds(batchId)) details.push((await dossiers.get(id))!);
      const body = uploadBody({ number: facts.number, agencyCode: facts.agencyCode, closedAt }, actor, details);
      await repo.enqueueUpload(facts.number, facts.agencyCode, body, closedAt);
    });
    this.d.uploadQueued();
    return this.get(batchId);
  }

  /**
   * "Gửi lại": a supervisor sends again an upload that stopped for a person, once its cause is
   * fixed (a token entered again, the agency's limit raised). The same key and bytes go out; a
   * key whose outcome was lost is still asked about first. Audited with the problem it had.
   */
  async resend(batchId: number, actor: Actor): Promise<Batch> {
    const b = await this.get(batchId);
    if (b.upload?.state !== 'attention') {
      throw appError(
        'BATCH_NOT_STOPPED',
        `Lô ${b.number} không dừng chờ xử lý nên không cần gửi lại; lô đang chờ gửi hoặc đã gửi xong.`,
        `Batch ${b.number} has not stopped for a person, so there is nothing to send again; it is waiting to be sent or already delivered.`,
        { status: 'CONFLICT' },
      );
    }
    await this.d.outbox.inTransaction(async (outbox, tx) => {
      if (await outbox.requeue(b.number)) await this.d.audit.in(tx).record(this.d.now(), 'batch.resend', actor, { batch: b.number, problem: b.upload?.problem?.code ?? null });
    });
    this.d.uploadQueued();
    return this.get(batchId);
  }

  /** The time on the signed record: the legal submission time of every dossier in the batch. */
  async recordHandover(batchId: number, signedAt: string, officerName: string, actor: Actor): Promise<Batch> {
    const signed = new Date(signedAt);
    await this.d.batches.inTransaction(async (repo, tx) => {
      const row = await repo.row(batchId);
      if (!row) throw noSuchBatch();
      const facts = await this.facts(repo, batchId);
      const refusal = refuseHandover({ ...facts, closedAt: row.closed_at }, signed, this.d.now());
      if (refusal) throw refused(refusal);
      const at = signed.toISOString();
      await repo.setState(batchId, 'handed-over', { handed_over_at: at, handover_officer: officerName });
      const dossiers = this.d.dossiers.in(tx);
      for (const id of await repo.dossierIds(batchId)) await dossiers.appendEvent(id, at, { kind: 'handed-over', data: { batchId: facts.number, officer: officerName } }, actor);
    });
    this.d.handedOver();
    return this.get(batchId);
  }

  async handoverRecord(batchId: number): Promise<ExportFile> {
    const batch = await this.get(batchId);
    const pdf = await handoverRecordPdf(batch, this.d.settings().office, this.d.now(), this.d.resourcesDir, this.d.training);
    return exportFile(`bien-ban-giao-nhan-${batch.number}`, 'pdf', pdf, this.d.training);
  }

  /** The bag's label, once the batch is closed: the count on it is then final. */
  async printLabel(batchId: number, actor: Actor): Promise<PrintJob> {
    const b = await this.get(batchId);
    if (b.state === 'open' || !b.closedAt) {
      throw appError(
        'BATCH_LABEL_OPEN',
        `Lô ${b.number} chưa đóng. Đóng lô rồi in nhãn, để số hồ sơ trên nhãn là số cuối cùng.`,
        `Batch ${b.number} is still open. Close it, then print the label, so the count on it is final.`,
        { status: 'CONFLICT' },
      );
    }
    return this.d.printing.batchLabel({ number: b.number, agencyCode: b.agencyCode, agencyName: b.agencyName, items: b.totals.items, closedAt: b.closedAt }, actor);
  }

  private async facts(repo: BatchRepository, batchId: number): Promise<BatchFacts> {
    const row = await repo.row(batchId);
    if (!row) throw noSuchBatch();
    return { number: row.number, agencyCode: row.agency_code, agencyName: row.agency_name, state: row.state, size: await repo.size(batchId) };
  }
}
