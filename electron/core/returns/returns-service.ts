import type { WireDelivery } from '../../../shared/agency/wire.js';
import type { WorkCalendar } from '../../../shared/calendar/working-days.js';
import type { DeliverInput, DeliveryRecord, ReturnDetail, ReturnLine, UnmatchedScan } from '../../../shared/contract/returns.js';
import type { DossierDetail, PrintJob, Settings } from '../../../shared/contract/index.js';
import { vnIsoDate } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { statusLabel } from '../../../shared/lifecycle/labels.js';
import type { DossierEvent } from '../../../shared/lifecycle/events.js';
import { deliveryReportKey, isRefusal, MAX_DELIVERY_ATTEMPTS, nextAttemptFrom, readPresentedId, refuseCollector, refuseNextAttempt, type Refusal } from '../../../shared/returns/rules.js';
import { encodeDelivery } from '../agency/wire-body.js';
import type { Tx } from '../db/data.js';
import type { PrintService } from '../devices/printer/print-service.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import { AppError, appError } from '../errors.js';
import { OutboxRepository } from '../outbox/outbox-repository.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { CitizenNotifier } from './citizen-notifier.js';
import { deliveryBody, type ReportedEvent } from './delivery-report.js';
import type { ReturnLineRow, ReturnRepository } from './return-repository.js';

export interface ReturnDeps {
  returns: ReturnRepository;
  dossiers: DossierRepository;
  audit: AuditRepository;
  printing: PrintService;
  notifier: CitizenNotifier;
  calendar: () => WorkCalendar;
  settings: () => Settings;
  now: () => Date;
}

const refused = (r: Refusal, field?: string) => new AppError(r.code, r.words, { status: 'CONFLICT', field });

const NOT_EXPECTED: Refusal = {
  code: 'RETURN_NOT_EXPECTED',
  words: msg(
    'Không có kết quả nào đang chờ với số hiệu này. Đã ghi vào danh sách "Chưa khớp" để xử lý sau; để riêng bưu gửi này.',
    'No result is expected with this number. It is kept in the "Unmatched" list to sort out; set this item aside.',
  ),
};

const noSuchReturn = (code: string) =>
  appError(
    'RETURN_NOT_FOUND',
    `Bưu cục chưa nhận kết quả nào mang số hiệu ${code}. Nếu bưu gửi vừa lấy từ cơ quan về, quét ở ô "Nhận kết quả từ cơ quan" trước.`,
    `No result with the number ${code} has been received here. If the item just came from the agency, scan it under "Receive from agency" first.`,
    { status: 'NOT_FOUND' },
  );

/** The events the agency is told of (POST /v1/deliveries). */
const REPORTED = new Set<string>(['delivered', 'delivery-failed', 'returned-to-agency']);

const parseList = (json: string | null): string[] => (json ? (JSON.parse(json) as string[]) : []);

/** A dossier's events of one kind, oldest first, with their data. */
const eventsOf = (d: DossierDetail, kind: DossierEvent['kind']) => d.events.filter((e) => e.type === kind);

/**
 * F3 Trả kết quả (decision 0035): results taken in from the agency by scanning their return
 * items, the citizen told, the handover after the ID check with its note printed, the attempts
 * at an address. Every change goes through the lifecycle table; what the agency must learn is
 * written to the outbox in the same transaction; every write is audited.
 */
export class ReturnsService {
  constructor(private readonly d: ReturnDeps) {}

  /** A return item picked up from the agency; a code no result expects is kept, then refused. */
  async receive(scanned: string, actor: Actor): Promise<ReturnLine> {
    const code = scanned.trim().toUpperCase();
    const at = this.d.now();
    const outcome = await this.d.returns.inTransaction(async (repo, tx): Promise<{ dossierId: number } | Refusal> => {
      const already = await repo.byItem(code);
      if (already) {
        return {
          code: 'RETURN_ALREADY_RECEIVED',
          words: msg(`Kết quả ${code} đã nhận về bưu cục lúc trước; không cần quét lại.`, `Result ${code} was already received here; no need to scan it again.`),
        };
      }
      const expected = (await repo.expected()).find((r) => (JSON.parse(r.data) as { returnItemNumber: string }).returnItemNumber === code);
      const audit = this.d.audit.in(tx);
      if (!expected) {
        await repo.addUnmatched({ code, scanned_at: at.toISOString(), reason_code: NOT_EXPECTED.code, clerk_code: actor.clerkCode, counter_code: actor.counterCode });
        await audit.record(at, 'returns.unmatched', actor, { code });
        return NOT_EXPECTED;
      }
      const dossiers = this.d.dossiers.in(tx);
      const dossier = (await dossiers.get(expected.dossierId))!;
      const ready = JSON.parse(expected.data) as { resultDocuments: string[] };
      await repo.insert({
        dossier_id: dossier.id,
        return_item_number: code,
        result_documents: JSON.stringify(ready.resultDocuments),
        received_at: at.toISOString(),
        received_clerk_code: actor.clerkCode,
        received_counter_code: actor.counterCode,
      });
      await dossiers.appendEvent(dossier.id, at.toISOString(), { kind: 'result-at-post', data: { returnItemNumber: code } }, actor);
      // A result to be delivered at an address leaves with the postman: the first attempt starts.
      if (dossier.returnMethod === 'to-address') await dossiers.appendEvent(dossier.id, at.toISOString(), { kind: 'out-for-delivery', data: { attempt: 1 } }, actor);
      await repo.settleUnmatched(code, at.toISOString());
      await audit.record(at, 'returns.receive', actor, { dossierId: dossier.id, returnItemNumber: code });
      return { dossierId: dossier.id };
    });
    if (isRefusal(outcome)) throw refused(outcome, 'code');
    return (await this.line(outcome.dossierId))!;
  }

  async unmatched(): Promise<UnmatchedScan[]> {
    return (await this.d.returns.unmatched()).map((r) => ({
      id: r.id,
      code: r.code,
      scannedAt: r.scanned_at,
      reason: NOT_EXPECTED.words,
      clerkCode: r.clerk_code,
      counterCode: r.counter_code,
    }));
  }

  async waiting(): Promise<ReturnLine[]> {
    return (await this.d.returns.waitingAtOffice()).map((r) => this.toLine(r));
  }

  async find(scanned: string): Promise<ReturnDetail> {
    const code = scanned.trim().toUpperCase();
    const row = await this.d.returns.byItem(code);
    if (!row) throw noSuchReturn(code);
    return this.get(row.dossier_id);
  }

  async get(dossierId: number): Promise<ReturnDetail> {
    const row = await this.d.returns.line(dossierId);
    const dossier = await this.d.dossiers.get(dossierId);
    if (!row || !dossier) throw noSuchReturn(dossier?.itemNumber ?? String(dossierId));
    const started = eventsOf(dossier, 'out-for-delivery');
    const failed = eventsOf(dossier, 'delivery-failed');
    const attempts = started.map((e, i) => ({
      attempt: Number(e.data['attempt']),
      startedAt: e.at,
      failedAt: failed[i]?.at ?? null,
      reason: (failed[i]?.data['reason'] as string | undefined) ?? null,
    }));
    const lastFailed = failed.at(-1);
    const delivery: DeliveryRecord | null = row.delivered_at
      ? {
          deliveredAt: row.delivered_at,
          recipientName: row.recipient_name ?? '',
          recipientIdNumber: row.recipient_id_number ?? '',
          authorised: row.authorised === 1,
          authorisationDocument: row.authorisation_document ?? '',
          documentsHanded: parseList(row.documents_handed),
          fees: row.fees_due ? (JSON.parse(row.fees_due) as DeliveryRecord['fees']) : [],
          feesTotal: row.fees_total ?? 0,
        }
      : null;
    return {
      line: this.toLine(row),
      dossier,
      resultDocuments: parseList(row.result_documents),
      attempts,
      nextAttemptFrom: dossier.status === 'delivery-failed' && lastFailed ? nextAttemptFrom(vnIsoDate(new Date(lastFailed.at)), this.d.calendar()) : null,
      delivery,
      reports: await this.reports(dossier),
    };
  }

  /** The outbox rows of the dossier's reported events, found by the keys those events were given. */
  private async reports(dossier: DossierDetail): Promise<ReturnDetail['reports']> {
    const keys = dossier.events.filter((e) => REPORTED.has(e.type)).map((e) => deliveryReportKey(dossier.officeCode, e.counterCode, e.id));
    return (await this.d.returns.reports(keys)).map((r) => {
      const body = JSON.parse(r.body) as WireDelivery;
      return {
        status: body.TrangThai,
        attempt: body.LanPhat,
        state: r.state,
        attempts: r.attempts,
        problem: r.error_code ? { code: r.error_code, vi: r.error_vi ?? '', en: r.error_en ?? '' } : null,
      };
    });
  }

  /** "Đã báo": the citizen was told, through the notifier (the clerk's phone call today). */
  async notified(dossierId: number, actor: Actor): Promise<ReturnLine> {
    const row = await this.d.returns.line(dossierId);
    if (!row) throw noSuchReturn(String(dossierId));
    if (row.status !== 'result-at-post') throw this.wrongState(row.status, msg('báo cho người dân', 'notify the citizen'));
    const sent = await this.d.notifier.notify({
      dossierId,
      phone: row.sender_phone,
      citizenName: row.sender_name,
      returnItemNumber: row.return_item_number,
      officeName: this.d.settings().office.name,
    });
    await this.d.returns.inTransaction(async (repo, tx) => {
      await repo.setNotified(dossierId, sent.at.toISOString(), actor.clerkCode);
      await this.d.audit.in(tx).record(sent.at, 'returns.notified', actor, { dossierId, channel: sent.channel });
    });
    return (await this.line(dossierId))!;
  }

  /**
   * Hands the result over after the ID check: the owner's card, or anyone's with the
   * authorisation recorded. The 'delivered' event, the record and the report to the agency
   * commit together; the note is queued after, and a printer problem never undoes the handover.
   */
  async deliver(input: DeliverInput, actor: Actor): Promise<{ detail: ReturnDetail; printJob: PrintJob | null; printProblem: Msg | null }> {
    const presented = readPresentedId(input.collectorId);
    if (isRefusal(presented)) throw refused(presented, 'collectorId');
    const at = this.d.now();
    const note = await this.d.returns.inTransaction(async (repo, tx) => {
      const { dossier, row } = await this.current(repo, tx, input.dossierId);
      if (dossier.status !== 'result-at-post' && dossier.status !== 'out-for-delivery') throw this.wrongState(dossier.status, msg('trả kết quả', 'hand the result over'));
      const mismatch = refuseCollector({ personalId: dossier.sender.personalId, oldId: dossier.sender.oldId }, presented);
      if (mismatch && !input.authorisation) throw refused(mismatch, 'collectorId');
      const authorised = mismatch !== null;
      const recipientName = (authorised ? input.authorisation!.name : presented.name || dossier.sender.fullName).normalize('NFC');
      const recipientIdNumber = presented.personalId || presented.oldId;
      const fees = input.fees.map((f) => ({ name: f.name.normalize('NFC'), amount: f.amount }));
      const record = {
        returnItemNumber: row.return_item_number,
        deliveredAt: at.toISOString(),
        recipientName,
        recipientIdNumber,
        authorised,
        authorisationDocument: authorised ? input.authorisation!.document.normalize('NFC') : '',
        documentsHanded: input.documentsHanded.map((x) => x.normalize('NFC')),
        fees,
        feesTotal: fees.reduce((sum, f) => sum + f.amount, 0),
      };
      await this.d.dossiers.in(tx).appendEvent(dossier.id, record.deliveredAt, { kind: 'delivered', data: { recipientName, recipientIdNumber, authorised } }, actor);
      await repo.setDelivered(dossier.id, {
        delivered_at: record.deliveredAt,
        recipient_name: recipientName,
        recipient_id_number: recipientIdNumber,
        authorised: authorised ? 1 : 0,
        authorisation_document: record.authorisationDocument,
        documents_handed: JSON.stringify(record.documentsHanded),
        fees_due: JSON.stringify(fees),
        fees_total: record.feesTotal,
      });
      const attempt = Math.max(1, eventsOf(dossier, 'out-for-delivery').length);
      await this.report(repo, tx, dossier, row, actor, { state: 'DELIVERED', at, attempt, recipient: { name: recipientName, idNumber: recipientIdNumber, authorised } });
      await this.d.audit.in(tx).record(at, 'returns.deliver', actor, { dossierId: dossier.id, returnItemNumber: row.return_item_number, authorised, feesTotal: record.feesTotal });
      return record;
    });
    let printJob: PrintJob | null = null;
    let printProblem: Msg | null = null;
    try {
      printJob = await this.d.printing.deliveryNote(input.dossierId, note, actor);
    } catch (error) {
      console.error('[returns] delivery note not queued', error);
      printProblem = msg(
        'Đã ghi nhận việc trả kết quả, nhưng chưa in được phiếu giao kết quả. Kiểm tra máy in ở Cài đặt rồi in lại từ hàng đợi in.',
        'The handover is recorded, but the delivery note could not be queued. Check the printer in Settings, then print it from the print queue.',
      );
    }
    return { detail: await this.get(input.dossierId), printJob, printProblem };
  }

  /**
   * An attempt at the address failed, for the reason given. After the last allowed attempt the
   * result goes back to the agency in the same transaction; the agency hears of both.
   */
  async attemptFailed(dossierId: number, reason: string, actor: Actor): Promise<ReturnDetail> {
    const at = this.d.now();
    await this.d.returns.inTransaction(async (repo, tx) => {
      const { dossier, row } = await this.current(repo, tx, dossierId);
      if (dossier.status !== 'out-for-delivery') throw this.wrongState(dossier.status, msg('ghi phát không thành công', 'record a failed delivery'));
      const attempt = eventsOf(dossier, 'out-for-delivery').length;
      const dossiers = this.d.dossiers.in(tx);
      await dossiers.appendEvent(dossierId, at.toISOString(), { kind: 'delivery-failed', data: { attempt, reason: reason.normalize('NFC') } }, actor);
      await this.report(repo, tx, dossier, row, actor, { state: 'DELIVERY_FAILED', at, attempt });
      const back = attempt >= MAX_DELIVERY_ATTEMPTS;
      if (back) {
        await dossiers.appendEvent(dossierId, at.toISOString(), { kind: 'returned-to-agency', data: {} }, actor);
        await this.report(repo, tx, dossier, row, actor, { state: 'RETURNED_TO_AGENCY', at, attempt });
      }
      await this.d.audit.in(tx).record(at, 'returns.attemptFailed', actor, { dossierId, attempt, returnedToAgency: back });
    });
    return this.get(dossierId);
  }

  /** The next attempt at the address, no sooner than two working days after the failed one (decision 0042). */
  async nextAttempt(dossierId: number, actor: Actor): Promise<ReturnDetail> {
    const at = this.d.now();
    await this.d.returns.inTransaction(async (repo, tx) => {
      const { dossier } = await this.current(repo, tx, dossierId);
      const lastFailed = eventsOf(dossier, 'delivery-failed').at(-1);
      if (dossier.status !== 'delivery-failed' || !lastFailed) throw this.wrongState(dossier.status, msg('phát lại', 'try again'));
      const tooSoon = refuseNextAttempt(vnIsoDate(new Date(lastFailed.at)), vnIsoDate(at), this.d.calendar());
      if (tooSoon) throw refused(tooSoon);
      const attempt = eventsOf(dossier, 'out-for-delivery').length + 1;
      await this.d.dossiers.in(tx).appendEvent(dossierId, at.toISOString(), { kind: 'out-for-delivery', data: { attempt } }, actor);
      await this.d.audit.in(tx).record(at, 'returns.nextAttempt', actor, { dossierId, attempt });
    });
    return this.get(dossierId);
  }

  /**
   * The event just appended, reported to the agency under its own key, in the same transaction.
   * The key names the office the dossier was taken in under, which never changes, so F3 and the
   * retention purge find the row again after the office's code is changed (decision 0048).
   */
  private async report(repo: ReturnRepository, tx: Tx, dossier: DossierDetail, row: ReturnLineRow, actor: Actor, e: Omit<ReportedEvent, 'returnItemNumber' | 'agencyDossierCode'>): Promise<void> {
    const eventId = await repo.lastEventId(dossier.id);
    const body: WireDelivery = deliveryBody({ ...e, returnItemNumber: row.return_item_number, agencyDossierCode: row.agency_dossier_code ?? agencyCodeOf(dossier) });
    await new OutboxRepository(tx).enqueue('delivery-report', deliveryReportKey(dossier.officeCode, actor.counterCode, eventId), dossier.agencyCode, encodeDelivery(body), e.at.toISOString());
  }

  private async current(repo: ReturnRepository, tx: Tx, dossierId: number): Promise<{ dossier: DossierDetail; row: ReturnLineRow }> {
    const row = await repo.line(dossierId);
    const dossier = await this.d.dossiers.in(tx).get(dossierId);
    if (!row || !dossier) throw noSuchReturn(String(dossierId));
    return { dossier, row };
  }

  private wrongState(status: string, doing: Msg): AppError {
    const s = status as DossierDetail['status'];
    return appError(
      'RETURN_WRONG_STATE',
      `Không thể ${doing.vi}: hồ sơ đang ở trạng thái "${statusLabel(s, 'vi')}".`,
      `Cannot ${doing.en}: the dossier is "${statusLabel(s, 'en')}".`,
      { status: 'CONFLICT' },
    );
  }

  private async line(dossierId: number): Promise<ReturnLine | undefined> {
    const r = await this.d.returns.line(dossierId);
    return r && this.toLine(r);
  }

  private toLine(r: ReturnLineRow): ReturnLine {
    return {
      dossierId: r.dossier_id,
      status: r.status as ReturnLine['status'],
      returnItemNumber: r.return_item_number,
      itemNumber: r.item_number,
      senderName: r.sender_name,
      phone: r.sender_phone,
      procedureName: r.procedure_name,
      returnMethod: r.return_method as ReturnLine['returnMethod'],
      receivedAt: r.received_at,
      waitedMinutes: Math.max(0, Math.floor((this.d.now().getTime() - Date.parse(r.received_at)) / 60_000)),
      notifiedAt: r.notified_at,
      notifiedBy: r.notified_clerk_code,
    };
  }
}

/**
 * The agency's dossier code as its 'received-by-agency' update gave it; a dossier the agency
 * decided without one is named by the item it was sent in.
 */
function agencyCodeOf(d: DossierDetail): string {
  const received = eventsOf(d, 'received-by-agency').at(-1);
  return (received?.data['agencyDossierCode'] as string | undefined) ?? d.itemNumber ?? String(d.id);
}
