import type { ResultOnlyInput, ResultOnlyOutcome } from '../../../shared/contract/returns.js';
import type { Settings } from '../../../shared/contract/index.js';
import { vnIsoDate, vnYear } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { checkSender } from '../../../shared/intake/check-sender.js';
import { serviceMismatch } from '../../../shared/intake/service-fit.js';
import { INITIAL_STATUS } from '../../../shared/lifecycle/states.js';
import { foldVi } from '../../../shared/text/fold.js';
import type { CatalogueService } from '../catalog/catalogue-service.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import { formatRegisterNo } from '../dossiers/dossier-summary.js';
import { violatesUnique } from '../db/unique-violation.js';
import { AppError, appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { ReturnRepository } from './return-repository.js';

export interface ResultOnlyDeps {
  returns: ReturnRepository;
  dossiers: DossierRepository;
  catalogue: CatalogueService;
  audit: AuditRepository;
  settings: () => Settings;
  now: () => Date;
}

type Problem = Msg & { field?: string };

/** The agency's dossier codes are letters, digits and . - _ / (e.g. 000.00.15.H12-261128-0007). */
const AGENCY_CODE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
/** One dossier per agency code (migrations 002 and 015). */
const AGENCY_CODE_INDEX = { name: 'dossiers_by_agency_code', table: 'dossiers', column: 'agency_dossier_code' };

/**
 * "Chỉ nhận kết quả" (decision 0042): the citizen applied online or at the agency and chose
 * return by post. Nothing is sent, so no item number and no batch: the dossier gets its register
 * number and goes straight to "received by the agency" under the agency's dossier code, where
 * the agency's updates find it and its result is received, told and delivered like any other.
 * No money is taken here; what is due is collected when the result is handed over.
 */
export class ResultOnlyIntake {
  constructor(private readonly d: ResultOnlyDeps) {}

  async register(input: ResultOnlyInput, actor: Actor): Promise<ResultOnlyOutcome> {
    const at = this.d.now();
    const today = vnIsoDate(at);
    const procedure = await this.d.catalogue.get(input.procedureCode, input.catalogVersion);
    const code = input.agencyDossierCode.trim();
    const problems: Problem[] = [...checkSender(input.sender, today)];
    if (!AGENCY_CODE.test(code)) {
      problems.push({
        field: 'agencyDossierCode',
        ...msg(
          'Mã hồ sơ của cơ quan chỉ gồm chữ, số và các dấu . - _ / (ví dụ 000.00.15.H12-261128-0007). Chép đúng như trên giấy tiếp nhận của cơ quan.',
          "The agency's dossier code has letters, digits and . - _ / only (e.g. 000.00.15.H12-261128-0007). Copy it as on the agency's receipt.",
        ),
      });
    }
    const mismatch = serviceMismatch(procedure, 'receive');
    if (mismatch) problems.push({ field: 'procedure', ...mismatch });
    if (input.returnMethod === 'to-address' && input.deliveryAddress.trim() === '') {
      problems.push({ field: 'deliveryAddress', ...msg('Chưa nhập địa chỉ nhận kết quả.', 'The delivery address is missing.') });
    }
    if (problems.length > 0) throw new AppError('INTAKE_INVALID', { vi: problems[0]!.vi, en: problems[0]!.en }, { field: problems[0]!.field, problems });

    const record = {
      status: INITIAL_STATUS,
      createdAt: at.toISOString(),
      createdDay: today,
      acceptedAt: at.toISOString(),
      catalogVersion: procedure.catalogVersion,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      agencyCode: procedure.agencyCode,
      agencyName: procedure.agencyName,
      sender: input.sender,
      senderNameKey: foldVi(input.sender.fullName),
      service: 'receive',
      returnMethod: input.returnMethod,
      deliveryAddress: input.returnMethod === 'to-address' ? input.deliveryAddress : '',
      feeReason: '',
      fees: [],
      postage: 0,
      expectedHandoverDate: null,
      expectedHandoverProvisional: false,
      deadlineDays: procedure.deadlineDays,
      deadlineUnit: procedure.deadlineUnit,
      deadlineText: procedure.deadlineText,
      estimatedResultDate: null,
      officeName: this.d.settings().office.name,
      documents: [],
    };
    try {
      return await this.d.returns.inTransaction(async (_repo, tx) => {
        const dossiers = this.d.dossiers.in(tx);
        // Checked inside the transaction; a counter registering the same code at the same moment
        // on the office server is stopped by the unique index instead, and told the same below.
        const existing = await dossiers.idByCode(code);
        if (existing !== undefined) throw await this.alreadyRegistered(dossiers, existing, code);
        const { id } = await dossiers.insert(record, null, null, actor);
        const status = await dossiers.appendEvent(id, record.createdAt, { kind: 'received-by-agency', data: { agencyDossierCode: code, appointmentDate: input.appointmentDate } }, actor, true);
        // The register number near the end, as intake takes it (decision 0040): the year's row every
        // counter queues on is held only for the number and the commit, and a lost duel takes none.
        const register = { year: vnYear(at), seq: await dossiers.numberInRegister(id, vnYear(at)) };
        await dossiers.sealState(id);
        // The audit chain's lock after the register row, in the intake's order: taken the other
        // way round, an intake and this on an office server each wait on the other (40P01).
        await this.d.audit.in(tx).record(at, 'returns.resultOnly', actor, { dossierId: id, agencyDossierCode: code });
        return { dossierId: id, registerNo: formatRegisterNo(register.year, register.seq)!, status, agencyDossierCode: code };
      });
    } catch (error) {
      if (!violatesUnique(error, AGENCY_CODE_INDEX)) throw error;
      // The transaction is gone; the dossier that won is read after the other's commit.
      const winner = await this.d.dossiers.idByCode(code);
      throw winner === undefined ? error : await this.alreadyRegistered(this.d.dossiers, winner, code);
    }
  }

  private async alreadyRegistered(dossiers: DossierRepository, id: number, code: string): Promise<AppError> {
    const d = await dossiers.get(id);
    const which = d?.registerNo ?? `#${id}`;
    return appError(
      'RESULT_ONLY_ALREADY_REGISTERED',
      `Mã ${code} đã có ở bưu cục: hồ sơ ${which} (${d?.sender.fullName ?? ''}). Không ghi thêm; mở hồ sơ đó ở màn hình Tra cứu.`,
      `${code} is already here: dossier ${which} (${d?.sender.fullName ?? ''}). Nothing new was recorded; open that dossier in Lookup.`,
      { status: 'CONFLICT', field: 'agencyDossierCode' },
    );
  }
}
