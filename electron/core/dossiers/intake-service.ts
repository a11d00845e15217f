import type { WorkCalendar } from '../../../shared/calendar/working-days.js';
import { createHash } from 'node:crypto';
import type { DossierDetail, IntakeInput, IntakeResult, ProcedureDetail, Settings } from '../../../shared/contract/index.js';
import type { Tx } from '../db/data.js';
import { vnIsoDate, vnYear } from '../../../shared/format/vn-time.js';
import { formatVnd } from '../../../shared/format/money.js';
import { checkS10, makeS10 } from '../../../shared/ids/s10.js';
import { checkItemCode } from '../../../shared/ids/item-code.js';
import { guidanceCode } from '../../../shared/ids/guidance-code.js';
import { INTAKE_FORM_MAX_DAYS, INTAKE_KEY_KEEP_DAYS, intakeKeyMadeAt } from '../../../shared/ids/intake-key.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { checkSender } from '../../../shared/intake/check-sender.js';
import { RESULT_ONLY_ON_F3, serviceMismatch } from '../../../shared/intake/service-fit.js';
import { foldVi } from '../../../shared/text/fold.js';
import { INITIAL_STATUS } from '../../../shared/lifecycle/states.js';
import { handoverDays } from '../config/calendar.js';
import { AppError, appError } from '../errors.js';
import type { CatalogueService } from '../catalog/catalogue-service.js';
import type { Actor } from '../system/actor.js';
import { failpoint } from '../system/failpoints.js';
import { DossierRepository } from './dossier-repository.js';
import { formatRegisterNo } from './dossier-summary.js';
import { realItemNumberInTraining } from '../training/training-words.js';

type Problem = Msg & { field?: string };

/**
 * What commits with a new dossier (its print jobs): handed the transaction and the dossier as
 * written, before its register number is taken so the register row is held no longer (0040).
 * Not called for a replayed request: the first call's work is there already.
 */
export type WrittenWithIntake = (tx: Tx, dossier: DossierDetail, accepted: boolean) => Promise<void>;

/**
 * The audit entry of an intake, appended last in its transaction (the office's chain lock is then
 * held only for the commit): the dossier's place in the global chain, so a dossier deleted from
 * the database is an entry naming a dossier that is gone (decision 0066).
 */
export type RecordIntake = (tx: Tx, at: Date, detail: { dossierId: number; registerNo: string | null; itemNumber: string | null }, actor: Actor) => Promise<void>;

/** How many expired intake keys one intake drops. */
const FORGET_AT_ONCE = 500;

const DAY_MS = 86_400_000;

/** Takes in a dossier: checks everything, then writes it and its first event in one transaction. */
export class IntakeService {
  constructor(
    private readonly repo: DossierRepository,
    private readonly catalogue: CatalogueService,
    private readonly settings: () => Settings,
    private readonly calendar: () => WorkCalendar,
    private readonly now: () => Date,
    /** in training a typed number must be a training one (decision 0045) */
    private readonly training = false,
    /**
     * Before a number is drawn from the range: on an office server it must be this counter's own
     * (decision 0056), or the drawing is refused in words. A counter's own file needs nothing.
     */
    private readonly ownRange: (actor: Actor) => Promise<void> = async () => {},
    private readonly recordIntake?: RecordIntake,
  ) {}

  /**
   * `input` has passed the contract, so its text is already clean. A request key seen before
   * returns the first answer: looked up first, and again inside the write transaction, where
   * recording it commits with the dossier.
   */
  async intake(input: IntakeInput, actor: Actor, alongside?: WrittenWithIntake): Promise<IntakeResult> {
    const payloadSha256 = createHash('sha256').update(JSON.stringify({ ...input, requestKey: undefined })).digest('hex');
    const earlier = await this.replay(this.repo, input.requestKey, payloadSha256);
    if (earlier) return earlier;
    const settings = this.settings();
    const at = this.now();
    this.refuseExpiredForm(input.requestKey, at);
    const today = vnIsoDate(at);
    const procedure = await this.catalogue.get(input.procedureCode, input.catalogVersion);
    const sender = input.sender;
    const problems: Problem[] = [...checkSender(sender, today)];
    this.checkService(procedure, input.service, problems);
    const documents = this.documentsOf(procedure, input, problems);
    const missing = documents.filter((d) => !d.present);
    const missingRequired = missing.filter((d) => d.required);
    if (input.decision === 'accept') {
      if (missingRequired.length > 0) {
        problems.push({
          field: 'documents',
          ...msg(
            `Còn thiếu giấy tờ bắt buộc: ${missingRequired.map((d) => d.name).join('; ')}. Không được tiếp nhận; hãy bấm "Hướng dẫn bổ sung".`,
            `Required documents are missing: ${missingRequired.map((d) => d.name).join('; ')}. It cannot be accepted; use "Guide: not accepted".`,
          ),
        });
      }
      this.checkMoneyAndReturn(input, procedure, problems);
      const itemProblem = await this.itemNumberProblem(this.repo, input.itemNumber, settings);
      if (itemProblem) problems.push(itemProblem);
    } else if (missing.length === 0) {
      problems.push({
        field: 'documents',
        ...msg('Hồ sơ đã đủ giấy tờ; hãy bấm "Tiếp nhận".', 'All documents are present; use "Accept".'),
      });
    }
    if (input.resumes !== undefined) await this.checkResumable(this.repo, input.resumes);
    if (problems.length > 0) {
      throw new AppError('INTAKE_INVALID', { vi: problems[0]!.vi, en: problems[0]!.en }, { field: problems[0]!.field, problems });
    }

    const accept = input.decision === 'accept';
    const days = handoverDays(settings, procedure.agencyCode, procedure.level);
    const expected = accept ? this.calendar().addWorkingDays(today, days) : null;
    // Labelled an estimate on paper, provisional calendar or not.
    const estimatedResult =
      expected && procedure.deadlineDays !== null
        ? this.calendar().addSettlementDays(expected.date, procedure.deadlineDays, procedure.deadlineUnit ?? 'working').date
        : null;
    const fees = accept ? input.fees : [];
    const record = {
      status: INITIAL_STATUS,
      createdAt: at.toISOString(),
      createdDay: today,
      acceptedAt: accept ? at.toISOString() : null,
      catalogVersion: procedure.catalogVersion,
      procedureCode: procedure.code,
      procedureName: procedure.name,
      agencyCode: procedure.agencyCode,
      agencyName: procedure.agencyName,
      sender,
      senderNameKey: foldVi(sender.fullName),
      service: input.service,
      returnMethod: input.returnMethod,
      deliveryAddress: input.returnMethod === 'to-address' ? input.deliveryAddress : '',
      feeReason: accept ? input.feeReason : '',
      fees,
      postage: accept ? input.postage : 0,
      expectedHandoverDate: expected?.date ?? null,
      expectedHandoverProvisional: expected?.provisional ?? false,
      deadlineDays: procedure.deadlineDays,
      deadlineUnit: procedure.deadlineUnit,
      deadlineText: procedure.deadlineText,
      estimatedResultDate: estimatedResult,
      officeName: settings.office.name,
      documents,
      resumes: input.resumes,
    };

    if (accept && input.itemNumber.trim() === '') await this.ownRange(actor);
    // Everything below commits together: the register number, the serial, the dossier, its event
    // and the request key. A failure anywhere leaves none of them, and the number unused.
    try {
      return await this.repo.inTransaction(async (repo, tx): Promise<IntakeResult> => {
        const raced = await this.replay(repo, input.requestKey, payloadSha256);
        if (raced) return raced;
        // again inside the transaction: another counter may have continued the same record meanwhile
        if (input.resumes !== undefined) await this.checkResumable(repo, input.resumes);
        const itemNumber = accept ? await this.itemNumber(repo, input.itemNumber, settings) : null;
        const written = await repo.insert(record, null, itemNumber, actor);
        const id = written.id;
        failpoint('intake.dossier-written');
        await repo.recordRequest(input.requestKey, payloadSha256, id, record.createdAt);
        await this.forgetOldRequests(repo, at);
        if (alongside) await alongside(tx, written, accept);
        // The year's register row is the one every counter of an office queues on, locked from here
        // to the commit: it is taken last, after everything that does not need the number (decision 0040).
        const register = accept ? { year: vnYear(at), seq: await repo.numberInRegister(id, vnYear(at)) } : null;
        const registerNo = register ? formatRegisterNo(register.year, register.seq) : null;
        const total = fees.reduce((s, f) => s + f.amount, 0) + record.postage;
        const status = await repo.appendEvent(id, record.createdAt, accept
          ? { kind: 'accepted', data: { registerNo, itemNumber, total, expectedHandoverDate: record.expectedHandoverDate, expectedHandoverProvisional: record.expectedHandoverProvisional, handoverDays: days } }
          : { kind: 'guided', data: { missing: missing.map((d) => d.name) } }, actor, true);
        await this.recordIntake?.(tx, at, { dossierId: id, registerNo, itemNumber }, actor);
        return {
          dossierId: id,
          replayed: false,
          status,
          registerNo,
          itemNumber,
          acceptedAt: record.acceptedAt,
          expectedHandoverDate: record.expectedHandoverDate,
          expectedHandoverProvisional: record.expectedHandoverProvisional,
          estimatedResultDate: record.estimatedResultDate,
          missing: missing.map((d) => d.name),
        };
      });
    } catch (error) {
      // On the office server two calls with one key (a double Enter) both pass the look-ups above;
      // the second then waits on a row the first writes (its key, or its item number) and is
      // refused once the first commits. The key is then recorded, and the answer is the first's.
      // A look-up that fails too (the server gone) leaves the first failure's words to the clerk.
      const first = await this.replay(this.repo, input.requestKey, payloadSha256).catch((again: unknown) => {
        if (again instanceof AppError && again.data.code === 'INTAKE_ALREADY_RECORDED') throw again;
        return null;
      });
      if (first) return first;
      throw error;
    }
  }

  /**
   * Keys are dropped after INTAKE_KEY_KEEP_DAYS, so a form first sent longer ago than that could
   * be a retry of a dossier whose key is gone: it is refused past INTAKE_FORM_MAX_DAYS, never
   * taken as new. A key is recorded no earlier than its first send, and kept a margin beyond the
   * refusal, so every dropped key belongs to a form this refuses even on a counter whose clock is
   * behind. A key without a time (not from the intake page) has no such guard.
   */
  private refuseExpiredForm(requestKey: string, at: Date): void {
    const madeAt = intakeKeyMadeAt(requestKey);
    if (madeAt === null || madeAt.getTime() >= at.getTime() - INTAKE_FORM_MAX_DAYS * DAY_MS) return;
    throw appError(
      'INTAKE_FORM_EXPIRED',
      `Phiếu nhập này đã được gửi lần đầu từ hơn ${INTAKE_FORM_MAX_DAYS} ngày trước nên không được ghi nữa (có thể đã được tiếp nhận rồi). Hãy tra cứu xem hồ sơ đã có chưa, rồi bấm "Hồ sơ mới" để nhập lại.`,
      `This form was first sent more than ${INTAKE_FORM_MAX_DAYS} days ago and can no longer be recorded (it may have been taken in already). Check in Lookup whether the dossier exists, then start a new dossier.`,
      { status: 'CONFLICT' },
    );
  }

  /** At most once an hour, in the intake's transaction: the keys past their window go. */
  private async forgetOldRequests(repo: DossierRepository, at: Date): Promise<void> {
    if (at.getTime() - this.requestsForgottenAt < 3_600_000) return;
    // A few at a time inside a clerk's intake: a counter upgraded with years of keys drops them
    // over its next intakes instead of stalling one; the hour's rest starts once none is left.
    const more = await repo.forgetRequestsBefore(new Date(at.getTime() - INTAKE_KEY_KEEP_DAYS * DAY_MS).toISOString(), FORGET_AT_ONCE);
    if (!more) this.requestsForgottenAt = at.getTime();
  }

  private requestsForgottenAt = -Infinity;

  /** The answer already given for this request key, or null; the same key with other content is refused. */
  private async replay(repo: DossierRepository, requestKey: string, payloadSha256: string): Promise<IntakeResult | null> {
    const earlier = await repo.requestOf(requestKey);
    if (!earlier) return null;
    const d = (await repo.get(earlier.dossierId))!;
    if (earlier.payloadSha256 !== payloadSha256) {
      const which = d.registerNo ?? `#${d.id}`;
      throw appError(
        'INTAKE_ALREADY_RECORDED',
        `Phiếu nhập này đã được ghi nhận thành hồ sơ ${which} với nội dung khác; không tạo thêm hồ sơ. Mở hồ sơ đó ở màn hình Tra cứu, hoặc bấm "Hồ sơ mới" để nhập hồ sơ khác.`,
        `This form was already recorded as dossier ${which} with other content; no second dossier was made. Open it in Lookup, or start a new dossier.`,
        { status: 'CONFLICT' },
      );
    }
    return {
      dossierId: d.id,
      replayed: true,
      status: d.status,
      registerNo: d.registerNo,
      itemNumber: d.itemNumber,
      acceptedAt: d.acceptedAt,
      expectedHandoverDate: d.expectedHandoverDate,
      expectedHandoverProvisional: d.expectedHandoverProvisional,
      estimatedResultDate: d.estimatedResultDate,
      missing: d.documents.filter((x) => !x.present).map((x) => x.name),
    };
  }

  /** A dossier continues a guided record only once, and only one that was never accepted. */
  private async checkResumable(repo: DossierRepository, guidedId: number): Promise<void> {
    const r = await repo.resumable(guidedId);
    if (r.ok) return;
    const code = guidanceCode(guidedId);
    if (r.resumedBy) {
      const which = r.resumedBy.registerNo ?? guidanceCode(r.resumedBy.id);
      throw appError(
        'RESUME_REFUSED',
        `Hồ sơ hướng dẫn ${code} đã được tiếp tục thành hồ sơ ${which}. Mở hồ sơ đó ở màn hình Tra cứu.`,
        `Guided record ${code} was already continued as dossier ${which}. Open that dossier in Lookup.`,
        { status: 'CONFLICT' },
      );
    }
    throw appError(
      'RESUME_REFUSED',
      `${code} không phải hồ sơ đã hướng dẫn bổ sung chưa tiếp nhận, nên không tiếp tục được. Bấm "Huỷ" (F10) để nhập hồ sơ mới.`,
      `${code} is not a guided, not accepted record, so it cannot be continued. Cancel (F10) to start a new dossier.`,
      { status: 'CONFLICT' },
    );
  }

  /**
   * The number the next accept would take from the configured range, for the clerk to
   * write on the envelope; nothing is reserved (accepting takes it in its transaction).
   */
  async peekItemNumber(actor: Actor): Promise<string> {
    await this.ownRange(actor);
    const s = this.settings().s10;
    let serial = Math.max(s.first, ((await this.repo.lastSerial(s)) ?? s.first - 1) + 1);
    while (serial <= s.last && (await this.repo.itemNumberTaken(makeS10(s.service, serial, s.country)))) serial++;
    return serial <= s.last ? makeS10(s.service, serial, s.country) : '';
  }

  private async freeSerial(repo: DossierRepository, s: Settings['s10']): Promise<number> {
    for (;;) {
      const serial = await repo.nextSerial(s);
      if (serial > s.last) {
        throw appError(
          'S10_RANGE_EXHAUSTED',
          `Đã dùng hết dải số hiệu bưu gửi ${s.service}${s.first}–${s.last}. Nhập số hiệu bưu gửi bằng tay hoặc nhờ quản trị cấp dải mới trong Cài đặt.`,
          `The item number range ${s.service}${s.first}–${s.last} is used up. Type the item number or ask for a new range in Settings.`,
          { field: 'itemNumber' },
        );
      }
      if (!(await repo.itemNumberTaken(makeS10(s.service, serial, s.country)))) return serial;
    }
  }

  /** What is wrong with a typed item number, if anything; empty means "assign one from the range". */
  private async itemNumberProblem(repo: DossierRepository, typed: string, settings: Settings): Promise<Problem | null> {
    if (typed.trim() === '') return null;
    const check = checkItemCode(typed, { serviceLetters: settings.s10.serviceLetters, carriers: settings.s10.carriers });
    if (!check.ok) return { field: 'itemNumber', ...check.problem };
    const real = this.training ? realItemNumberInTraining(check.code, check.s10) : null;
    if (real) return { field: 'itemNumber', ...real };
    if (await repo.itemNumberTaken(check.code)) {
      return {
        field: 'itemNumber',
        ...msg(
          `Số hiệu bưu gửi ${check.code} đã được dùng cho một hồ sơ khác. Dùng bao bì/nhãn khác.`,
          `Item number ${check.code} is already used by another dossier. Use another envelope or label.`,
        ),
      };
    }
    return null;
  }

  /** Inside the intake transaction: checked again there, since another counter may have taken it meanwhile. */
  private async itemNumber(repo: DossierRepository, typed: string, settings: Settings): Promise<string> {
    const s = settings.s10;
    if (typed.trim() === '') return makeS10(s.service, await this.freeSerial(repo, s), s.country);
    const problem = await this.itemNumberProblem(repo, typed, settings);
    if (problem) throw new AppError('ITEM_NUMBER_INVALID', problem, { field: 'itemNumber', status: 'CONFLICT' });
    return checkS10(typed).code;
  }

  private documentsOf(procedure: ProcedureDetail, input: IntakeInput, problems: Problem[]) {
    const given = new Map(input.documents.map((d) => [d.seq, d]));
    for (const seq of given.keys()) {
      if (!procedure.documents.some((d) => d.seq === seq)) {
        problems.push({ field: 'documents', ...msg('Danh sách giấy tờ không khớp danh mục; mở lại thủ tục.', 'The document list does not match the catalogue; reopen the procedure.') });
        break;
      }
    }
    return procedure.documents.map((d) => {
      const g = given.get(d.seq);
      const present = Boolean(g?.present) && (g?.count ?? 0) > 0;
      return {
        seq: d.seq,
        name: d.name,
        required: d.required,
        present,
        form: g?.form ?? (d.original > 0 ? ('original' as const) : ('copy' as const)),
        count: present ? g!.count : 0,
      };
    });
  }

  /**
   * The province decides per procedure whether intake and return by post are allowed. A result
   * alone has nothing to send: it is registered on F3, never taken in here.
   */
  private checkService(procedure: ProcedureDetail, service: IntakeInput['service'], problems: Problem[]): void {
    if (service === 'receive') return void problems.push({ field: 'service', ...RESULT_ONLY_ON_F3 });
    const mismatch = serviceMismatch(procedure, service);
    if (mismatch) problems.push({ field: 'procedure', ...mismatch });
  }

  private checkMoneyAndReturn(input: IntakeInput, procedure: ProcedureDetail, problems: Problem[]): void {
    const total = input.fees.reduce((s, f) => s + f.amount, 0);
    // A fee the list does not give as an amount ("Theo quy định") cannot differ from what is typed.
    if (procedure.fee !== null && total !== procedure.fee && input.feeReason.trim() === '') {
      problems.push({
        field: 'feeReason',
        ...msg(
          `Phí, lệ phí (${formatVnd(total)}) khác danh mục (${formatVnd(procedure.fee)}): ghi lý do thay đổi.`,
          `Fees (${formatVnd(total)}) differ from the catalogue (${formatVnd(procedure.fee)}): give the reason.`,
        ),
      });
    }
    if (input.fees.some((f) => f.name.trim() === '')) {
      problems.push({ field: 'fees', ...msg('Mỗi khoản phí cần có tên.', 'Each fee line needs a name.') });
    }
    if (input.returnMethod === 'to-address' && input.deliveryAddress.trim() === '') {
      problems.push({
        field: 'deliveryAddress',
        ...msg('Chưa nhập địa chỉ nhận kết quả.', 'The delivery address is missing.'),
      });
    }
  }
}
