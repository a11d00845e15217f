import type { CorrectInput, DossierDetail } from '../../../shared/contract/index.js';
import { vnIsoDate } from '../../../shared/format/vn-time.js';
import { checkSender } from '../../../shared/intake/check-sender.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { CORRECTABLE_FIELDS, type FieldChange } from '../../../shared/lifecycle/corrections.js';
import { inTransaction, type Data } from '../db/data.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import { AppError, appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import { currentValues } from './as-of.js';

/**
 * Huỷ hồ sơ and Sửa thông tin (decision 0037): a supervisor's change to an accepted dossier is
 * a new event with who, when and why, written with its audit entry in one transaction. The
 * lifecycle table decides until when (before the dossier leaves the office); the permission
 * table decides who.
 */
export class AmendmentService {
  constructor(
    private readonly d: { data: Data; dossiers: DossierRepository; audit: AuditRepository; now: () => Date },
  ) {}

  /** The dossier ends as voided; its register number stays used, and what was taken is owed back. */
  async void(dossierId: number, reason: string, actor: Actor): Promise<DossierDetail> {
    const at = this.d.now();
    await inTransaction(this.d.data, async (tx) => {
      const dossiers = this.d.dossiers.in(tx);
      const d = await this.mustDossier(dossiers, dossierId);
      await dossiers.appendEvent(dossierId, at.toISOString(), { kind: 'voided', data: { reason, refund: d.total } }, actor);
      await this.d.audit.in(tx).record(at, 'dossier.voided', actor, { dossierId, reason, refund: d.total });
    });
    return (await this.d.dossiers.get(dossierId))!;
  }

  /** The row shows the new values; the event keeps each field before and after. */
  async correct(input: CorrectInput, actor: Actor): Promise<DossierDetail> {
    const at = this.d.now();
    await inTransaction(this.d.data, async (tx) => {
      const dossiers = this.d.dossiers.in(tx);
      const d = await this.mustDossier(dossiers, input.dossierId);
      const changes = changesOf(d, input.changes);
      checkChanges(d, changes, vnIsoDate(at));
      await dossiers.appendEvent(d.id, at.toISOString(), { kind: 'corrected', data: { reason: input.reason, changes } }, actor);
      await dossiers.applyCorrection(d.id, changes);
      // The values stay in the dossier's own history; the audit entry names the fields.
      await this.d.audit.in(tx).record(at, 'dossier.corrected', actor, { dossierId: d.id, reason: input.reason, fields: changes.map((c) => c.field) });
    });
    return (await this.d.dossiers.get(input.dossierId))!;
  }

  private async mustDossier(dossiers: DossierRepository, id: number): Promise<DossierDetail> {
    const d = await dossiers.get(id);
    if (!d) throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ số ${id}.`, `There is no dossier ${id}.`, { status: 'NOT_FOUND' });
    return d;
  }
}

/** The fields whose new value differs from the dossier's, in the table's order. */
function changesOf(d: DossierDetail, wanted: CorrectInput['changes']): FieldChange[] {
  const now = currentValues(d);
  const changes = CORRECTABLE_FIELDS.flatMap((field): FieldChange[] => {
    const to = wanted[field];
    return to === undefined || to === now[field] ? [] : [{ field, from: now[field], to }];
  });
  if (changes.length === 0) {
    throw appError('NOTHING_CHANGED', 'Không có thông tin nào khác với hồ sơ hiện tại; không ghi gì.', 'Nothing differs from the dossier as it is; nothing was recorded.', { field: 'reason' });
  }
  return changes;
}

/** The sender with the new values passes the intake's own checks, as far as the changed fields go. */
function checkChanges(d: DossierDetail, changes: FieldChange[], today: string): void {
  const next = { ...currentValues(d) };
  for (const c of changes) next[c.field] = c.to;
  const changed = new Set<string>(changes.map((c) => c.field));
  // A birth date or gender is checked against the ID number, which names the ID field.
  if (changed.has('birthDate') || changed.has('gender')) changed.add('personalId');
  const { deliveryAddress, ...senderFields } = next;
  const problems: (Msg & { field: string })[] = checkSender({ ...d.sender, ...senderFields, gender: senderFields.gender as DossierDetail['sender']['gender'] }, today).filter((p) => changed.has(p.field));
  if (changed.has('deliveryAddress') && d.returnMethod === 'to-address' && deliveryAddress === '') {
    problems.push({
      field: 'deliveryAddress',
      ...msg('Kết quả trả tại địa chỉ: không được để trống địa chỉ nhận kết quả.', 'The result goes to an address: the delivery address cannot be empty.'),
    });
  }
  if (problems.length > 0) throw new AppError('CORRECTION_INVALID', { vi: problems[0]!.vi, en: problems[0]!.en }, { field: problems[0]!.field, problems });
}
