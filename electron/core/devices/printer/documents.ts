import type { DaySummary, DossierDetail } from '../../../../shared/contract/index.js';
import { formatVnd, formatVndSigned } from '../../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../../shared/format/vn-time.js';
import { settlementText } from '../../../../shared/catalog/settlement.js';
import { guidanceCode } from '../../../../shared/ids/guidance-code.js';
import { receiptQr } from '../../../../shared/ids/receipt-qr.js';
import type { Layout } from './sheet.js';
import { amendmentLine, closedDayNote } from '../../../../shared/reports/day-amendments.js';
import { TRAINING_BAND } from '../../training/training-band.js';

export type DocumentKind = 'receipt' | 'label' | 'guidance' | 'test' | 'batch-label' | 'day-report' | 'delivery-note';

/**
 * Raise by one whenever a change here, in the sheets or in the packer changes a single printed
 * byte: a job keeps the version it was drawn with, and only jobs of this version are redrawn
 * (decision 0020). The redraw test fails until it is raised.
 */
export const LAYOUT_VERSION = 2;

/** Everything a printed document needs besides the dossier. */
export interface PrintContext {
  widthDots: number;
  /** for a dossier's documents: as stored on the dossier when it was taken in, never today's */
  office: { code: string; name: string };
  counterCode: string;
  clerk: { code: string; name: string };
  /** printed at the foot of the receipt */
  terms: string;
  /** QR payload: `{item}` is replaced by the item number; empty = the item number itself */
  trackingUrl: string;
  /** when this print is a reprint: who asked, and when; `after`: the dossier's latest void or correction before it */
  reprint?: { clerkName: string; clerkCode: string; at: Date; after?: Amendment | undefined } | undefined;
  /** "Liên 1: người gửi giữ" and the like */
  copyLabel?: string | undefined;
  /** for a batch label: the batch as it was closed, kept in the job so a reprint is the same label */
  batch?: BatchLabel | undefined;
  /** for a day report: the day's figures (and close) when it was printed, so a reprint is the same paper */
  day?: DaySummary | undefined;
  /** for a delivery note: the handover as recorded, kept in the job so a reprint is the same paper */
  delivery?: DeliveryNote | undefined;
  /** printed in training mode: a band at the head and the foot says the paper is worth nothing */
  training?: true | undefined;
}


/** What the delivery note (Phiếu giao kết quả) records of one handover. */
export interface DeliveryNote {
  returnItemNumber: string;
  deliveredAt: string;
  recipientName: string;
  recipientIdNumber: string;
  authorised: boolean;
  authorisationDocument: string;
  documentsHanded: string[];
  fees: { name: string; amount: number }[];
  feesTotal: number;
}

/** What the label on a closed batch's bag shows. */
export interface BatchLabel {
  number: string;
  agencyCode: string;
  agencyName: string;
  items: number;
  closedAt: string;
}

/** Beside a date computed over days off the Government has not announced yet. */
export const PROVISIONAL_NOTE = '(dự kiến, theo lịch nghỉ chưa công bố)';

const SERVICE: Record<string, string> = { send: 'Gửi hồ sơ', receive: 'Nhận kết quả', both: 'Gửi hồ sơ và nhận kết quả' };

/** EL471108151VN → "EL 471 108 151 VN", easier to read aloud and check by eye. */
export const spacedItemNumber = (code: string) => (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(code) ? `${code.slice(0, 2)} ${code.slice(2, 5)} ${code.slice(5, 8)} ${code.slice(8, 11)} ${code.slice(11)}` : code);

type L = Layout<unknown>;

/** Names print in capitals, as Vietnamese forms print them, whatever case was typed. */
const caps = (name: string) => name.toLocaleUpperCase('vi-VN');

/** 21 mm at 8 dots per mm: more than the 20 mm a handwritten signature and name need. */
const SIGNATURE_DOTS = 168;

function header(s: L, ctx: PrintContext, title: string): void {
  if (ctx.office.name) s.text(ctx.office.name, { size: 24, bold: true, align: 'center' });
  s.text(`Mã bưu cục ${ctx.office.code} · Quầy ${ctx.counterCode}`, { size: 22, align: 'center' });
  s.rule();
  s.text(title, { size: 34, bold: true, align: 'center' });
  if (ctx.copyLabel) s.text(ctx.copyLabel, { size: 22, align: 'center' });
  reprintMark(s, ctx);
}

/** The latest void or correction of a dossier, which a reprint names (ISO time). */
export interface Amendment {
  kind: 'voided' | 'corrected';
  at: string;
}

export function lastAmendment(d: DossierDetail): Amendment | undefined {
  const e = d.events.findLast((x) => x.type === 'voided' || x.type === 'corrected');
  return e && { kind: e.type as Amendment['kind'], at: e.at };
}

/**
 * A reprint says so, and who printed it again when; the original clerk stays on the paper.
 * After a void or a correction it says that too, with its time, so the paper cannot pass for
 * the original.
 */
function reprintMark(s: L, ctx: PrintContext): void {
  if (!ctx.reprint) return;
  const after = ctx.reprint.after;
  if (!after) s.text('IN LẠI — BẢN SAO', { size: 28, bold: true, align: 'center' });
  else {
    s.text(after.kind === 'voided' ? 'BẢN IN LẠI — ĐÃ HỦY' : 'BẢN IN LẠI — ĐÃ SỬA', { size: 28, bold: true, align: 'center' });
    s.text(`${after.kind === 'voided' ? 'Hủy lúc' : 'Sửa lúc'}: ${formatDateTime(after.at)}`, { size: 22, bold: true, align: 'center' });
  }
  s.text(`In lại bởi: ${caps(ctx.reprint.clerkName)} (${ctx.reprint.clerkCode})`, { size: 20, align: 'center' });
  s.text(`In lại lúc: ${formatDateTime(ctx.reprint.at)}`, { size: 20, align: 'center' });
}

const clerkLine = (ctx: PrintContext) => (ctx.clerk.name ? `${caps(ctx.clerk.name)} (${ctx.clerk.code})` : ctx.clerk.code);

/** Two signature blocks side by side, with room to sign and the signers' names under it. */
function signatures(s: L, left: { title: string; name: string }, right: { title: string; name: string }): void {
  const row = (a: string, b: string, style: { size: number; bold?: boolean }) =>
    s.columns(
      [
        { text: a, fraction: 0.5, align: 'center' },
        { text: b, fraction: 0.5, align: 'center' },
      ],
      style,
    );
  s.gap(10);
  row(left.title, right.title, { size: 22, bold: true });
  row('(Ký, ghi rõ họ tên)', '(Ký, ghi rõ họ tên)', { size: 20 });
  s.gap(SIGNATURE_DOTS);
  row(left.name, right.name, { size: 20, bold: true });
}

/** A titled list of fees, name left and amount right, or "Không thu" when there are none. */
function feeLines(s: L, title: string, fees: { name: string; amount: number }[]): void {
  s.text(title, { size: 22, bold: true });
  if (fees.length === 0) s.text('Không thu', { size: 22 });
  for (const f of fees) {
    s.columns(
      [
        { text: f.name, fraction: 0.66 },
        { text: formatVnd(f.amount), fraction: 0.34, align: 'right' },
      ],
      { size: 22 },
    );
  }
}

function itemBlock(s: L, item: string): void {
  s.gap(6).barcode(item);
  s.text(spacedItemNumber(item), { size: 30, bold: true, align: 'center' });
}

/**
 * The person who brought an organisation's dossier, when one was recorded (dossiers taken in
 * before it was asked have none, and print as they always did).
 */
function bearerOf(d: DossierDetail): { name: string; id: string } | null {
  const name = d.sender.bearerName ?? '';
  return d.sender.kind === 'organisation' && name !== '' ? { name, id: d.sender.bearerId ?? '' } : null;
}

/** Phiếu gửi hồ sơ: the consignment receipt, signed by both sides. */
function receipt(s: L, d: DossierDetail, ctx: PrintContext): void {
  header(s, ctx, 'PHIẾU GỬI HỒ SƠ');
  s.text('Dịch vụ bưu chính công ích — thủ tục hành chính', { size: 20, align: 'center' });
  if (d.itemNumber) itemBlock(s, d.itemNumber);
  s.rule(true);
  s.pair('Số sổ theo dõi', d.registerNo ?? '—');
  s.pair('Thời điểm tiếp nhận', d.acceptedAt ? formatDateTime(d.acceptedAt) : '—');
  s.pair('Bàn giao dự kiến', d.expectedHandoverDate ? formatDate(d.expectedHandoverDate) : '—');
  if (d.expectedHandoverProvisional) s.text(PROVISIONAL_NOTE, { size: 20, align: 'right' });
  s.pair('Giao dịch viên', clerkLine(ctx));
  s.rule(true);
  s.text('NGƯỜI GỬI', { size: 22, bold: true });
  s.text(caps(d.sender.fullName), { size: 28, bold: true });
  const id = d.sender.kind === 'individual' ? `Số định danh: ${d.sender.personalId || d.sender.oldId}` : `Mã số doanh nghiệp: ${d.sender.businessCode}`;
  s.text(id, { size: 22 });
  s.text(`Địa chỉ: ${d.sender.address}`, { size: 22 });
  const bearer = bearerOf(d);
  if (bearer) {
    // the person who brought an organisation's dossier, who signs for it below
    s.text('NGƯỜI NỘP HỒ SƠ', { size: 22, bold: true });
    s.text(caps(bearer.name), { size: 24, bold: true });
    s.text(`Số định danh: ${bearer.id}`, { size: 22 });
  }
  s.text(`Điện thoại: ${d.sender.phone}`, { size: 22 });
  s.rule(true);
  s.text('CƠ QUAN GIẢI QUYẾT', { size: 22, bold: true });
  s.text(`${d.agencyName} (${d.agencyCode})`, { size: 24 });
  s.text('THỦ TỤC HÀNH CHÍNH', { size: 22, bold: true });
  s.text(`${d.procedureName} — mã ${d.procedureCode}`, { size: 24 });
  const settlement = settlementText(d);
  if (settlement) s.text(settlement, { size: 22 });
  if (d.estimatedResultDate) s.pair('Ngày trả kết quả dự kiến', `${formatDate(d.estimatedResultDate)} (dự kiến)`, { size: 22 });
  s.rule(true);
  s.text('THÀNH PHẦN HỒ SƠ', { size: 22, bold: true });
  d.documents
    .filter((doc) => doc.present)
    .forEach((doc, i) =>
      s.columns(
        [
          { text: `${i + 1}. ${doc.name}`, fraction: 0.68 },
          { text: `${doc.form === 'original' ? 'Bản chính' : 'Bản sao'} ×${doc.count}`, fraction: 0.32, align: 'right' },
        ],
        { size: 22 },
      ),
    );
  s.rule(true);
  feeLines(s, 'PHÍ, LỆ PHÍ', d.fees);
  s.pair('Cước bưu chính', formatVnd(d.postage), { bold: false });
  s.pair('TỔNG CỘNG', formatVnd(d.total), { size: 30, bold: true });
  s.rule(true);
  s.text(`Dịch vụ: ${SERVICE[d.service] ?? d.service}`, { size: 22 });
  s.text(d.returnMethod === 'to-address' ? `Nhận kết quả tại địa chỉ: ${d.deliveryAddress}` : 'Nhận kết quả tại bưu cục', { size: 22 });
  if (d.itemNumber) s.qr(receiptQr(d.itemNumber, d.registerNo, ctx.trackingUrl));
  // The terms make a receipt a contract with the post; a training receipt is none (decision 0045).
  if (ctx.terms && !ctx.training) s.text(ctx.terms, { size: 20, align: 'center' });
  const signer = bearer ? { title: 'NGƯỜI NỘP HỒ SƠ', name: caps(bearer.name) } : { title: 'NGƯỜI GỬI', name: caps(d.sender.fullName) };
  signatures(s, signer, { title: 'GIAO DỊCH VIÊN', name: caps(ctx.clerk.name) });
  s.gap(24).rule(true);
}

/** The parcel label for the sealed envelope: the item number first, then where it goes. */
function label(s: L, d: DossierDetail, ctx: PrintContext): void {
  s.text('HỒ SƠ HÀNH CHÍNH — BƯU CHÍNH CÔNG ÍCH', { size: 22, bold: true, align: 'center' });
  reprintMark(s, ctx);
  if (d.itemNumber) itemBlock(s, d.itemNumber);
  s.rule();
  s.text('GỬI:', { size: 22, bold: true });
  s.text(d.agencyName, { size: 32, bold: true });
  s.text(`Mã cơ quan: ${d.agencyCode}`, { size: 24 });
  s.rule(true);
  s.text(`${d.procedureName} (${d.procedureCode})`, { size: 22 });
  s.pair('Người gửi', caps(d.sender.fullName), { size: 22 });
  s.pair('Số sổ', d.registerNo ?? '—', { size: 22 });
  s.pair('Thời điểm tiếp nhận', d.acceptedAt ? formatDateTime(d.acceptedAt) : '—', { size: 22 });
  s.rule(true);
  s.text(`TỪ: ${ctx.office.name || 'Bưu cục'} (${ctx.office.code}) · Quầy ${ctx.counterCode}`, { size: 22 });
  s.text(`Giao dịch viên: ${clerkLine(ctx)}`, { size: 22 });
  s.gap(40);
}

/** The guidance slip: what is missing, so the citizen can come back with it. */
function guidance(s: L, d: DossierDetail, ctx: PrintContext): void {
  header(s, ctx, 'PHIẾU HƯỚNG DẪN BỔ SUNG HỒ SƠ');
  s.text('Hồ sơ CHƯA được tiếp nhận', { size: 26, bold: true, align: 'center' });
  // The code finds this record again in Lookup when the citizen comes back.
  const code = guidanceCode(d.id);
  s.gap(6).barcode(code);
  s.text(`Mã phiếu: ${code}`, { size: 26, bold: true, align: 'center' });
  s.rule(true);
  s.pair('Ngày giờ', formatDateTime(d.createdAt));
  s.pair('Người gửi', caps(d.sender.fullName));
  s.text(`Thủ tục: ${d.procedureName} (${d.procedureCode})`, { size: 24 });
  s.text(`Cơ quan giải quyết: ${d.agencyName}`, { size: 22 });
  s.rule(true);
  s.text('CẦN BỔ SUNG', { size: 24, bold: true });
  d.documents
    .filter((doc) => !doc.present)
    .forEach((doc, i) => s.text(`${i + 1}. ${doc.name}${doc.required ? ' (bắt buộc)' : ''}`, { size: 24 }));
  s.rule(true);
  s.text('Mang đủ giấy tờ trên đến bưu cục để được tiếp nhận. Bưu cục không yêu cầu giấy tờ ngoài danh mục đã công bố.', { size: 20 });
  s.text(`Giao dịch viên: ${clerkLine(ctx)}`, { size: 22 });
  s.gap(40);
}

/** The label on a batch's bag: its number as Code 128 (scanned at the agency), where it goes, how many. */
function batchLabel(s: L, b: BatchLabel, ctx: PrintContext): void {
  s.text('LÔ HỒ SƠ HÀNH CHÍNH — BÀN GIAO', { size: 24, bold: true, align: 'center' });
  reprintMark(s, ctx);
  s.gap(6).barcode(b.number);
  s.text(b.number, { size: 30, bold: true, align: 'center' });
  s.rule();
  s.text('GỬI:', { size: 22, bold: true });
  s.text(b.agencyName, { size: 32, bold: true });
  s.text(`Mã cơ quan: ${b.agencyCode}`, { size: 24 });
  s.rule(true);
  // Whole lines, not label/value pairs: the count is read at arm's length when bags are sorted.
  s.text(`Số hồ sơ trong lô: ${b.items}`, { size: 30, bold: true });
  s.text(`Đóng lô lúc: ${formatDateTime(b.closedAt)}`, { size: 22 });
  s.rule(true);
  s.text(`TỪ: ${ctx.office.name || 'Bưu cục'} (${ctx.office.code}) · Quầy ${ctx.counterCode}`, { size: 22 });
  s.text(`In bởi: ${clerkLine(ctx)}`, { size: 22 });
  s.gap(40);
}

/** Báo cáo kết ca on the counter's roll: the day's figures, the cash counted against them, two signatures. */
function dayReport(s: L, day: DaySummary, ctx: PrintContext): void {
  header(s, ctx, 'BÁO CÁO KẾT CA');
  s.text(`Ngày ${formatDate(day.day)}`, { size: 26, bold: true, align: 'center' });
  s.pair('Giao dịch viên', `${caps(day.clerkName)} (${day.clerkCode})`, { size: 22 });
  s.rule(true);
  s.pair('Hồ sơ đã tiếp nhận', String(day.accepted), { size: 22 });
  s.pair('Hướng dẫn bổ sung', String(day.guided), { size: 22 });
  s.rule(true);
  const money = (name: string, count: number, amount: number) =>
    s.columns(
      [
        { text: `${name} (${count})`, fraction: 0.64 },
        { text: formatVnd(amount), fraction: 0.36, align: 'right' },
      ],
      { size: 22 },
    );
  for (const f of day.fees) money(f.name, f.count, f.amount);
  money('Cước bưu chính', day.postage.count, day.postage.amount);
  // Only a day with voids or corrections prints these lines (recipes from before them lack the figures).
  if (day.voided > 0) money('Hồ sơ huỷ: hoàn trả', day.voided, -day.refunds);
  s.pair('PHẢI THU', formatVnd(day.expectedCash), { size: 28, bold: true });
  if (day.corrected > 0) s.pair('Sửa thông tin hồ sơ', String(day.corrected), { size: 22 });
  s.pair('Số lần in lại', String(day.reprints), { size: 22 });
  if (day.voided > 0 || day.corrected > 0) for (const a of day.amendments) s.text(amendmentLine(a, 'vi'), { size: 20 });
  s.rule(true);
  if (day.close) {
    s.text(`Đã chốt lúc ${formatDateTime(day.close.closedAt)}`, { size: 22, bold: true });
    if (day.close.closedBy) s.text(`Chốt thay bởi: ${caps(day.close.closedBy.name)} (${day.close.closedBy.code})`, { size: 22 });
    s.pair('Tiền mặt đã đếm', formatVnd(day.close.cashCounted), { size: 22 });
    s.pair('Chênh lệch', formatVndSigned(day.close.difference), { size: 24, bold: true });
    s.text(closedDayNote(day.day).vi, { size: 20 });
  } else s.text('NGÀY CHƯA CHỐT: số liệu có thể còn thay đổi.', { size: 24, bold: true });
  signatures(s, { title: 'GIAO DỊCH VIÊN', name: caps(day.clerkName) }, { title: 'TRƯỞNG BƯU CỤC', name: '' });
  s.text(`In bởi: ${clerkLine(ctx)}`, { size: 20 });
  s.gap(40);
}

/** Phiếu giao kết quả: what was handed to whom, the fees collected, signed by the collector. */
function deliveryNote(s: L, d: DossierDetail, n: DeliveryNote, ctx: PrintContext): void {
  header(s, ctx, 'PHIẾU GIAO KẾT QUẢ');
  s.text('Kết quả giải quyết thủ tục hành chính', { size: 20, align: 'center' });
  itemBlock(s, n.returnItemNumber);
  s.rule(true);
  s.pair('Thời điểm giao', formatDateTime(n.deliveredAt));
  s.pair('Hồ sơ gửi', d.itemNumber ?? '—');
  s.pair('Số sổ theo dõi', d.registerNo ?? '—');
  s.pair('Giao dịch viên', clerkLine(ctx));
  s.rule(true);
  s.text('THỦ TỤC HÀNH CHÍNH', { size: 22, bold: true });
  s.text(`${d.procedureName} — mã ${d.procedureCode}`, { size: 24 });
  s.text(`Cơ quan giải quyết: ${d.agencyName}`, { size: 22 });
  s.text('CHỦ HỒ SƠ', { size: 22, bold: true });
  s.text(caps(d.sender.fullName), { size: 26, bold: true });
  s.rule(true);
  s.text(n.authorised ? 'NGƯỜI NHẬN (ĐƯỢC UỶ QUYỀN)' : 'NGƯỜI NHẬN', { size: 22, bold: true });
  s.text(caps(n.recipientName), { size: 26, bold: true });
  s.text(`Số giấy tờ: ${n.recipientIdNumber}`, { size: 22 });
  if (n.authorised) s.text(`Giấy uỷ quyền: ${n.authorisationDocument}`, { size: 22 });
  s.rule(true);
  s.text('GIẤY TỜ ĐÃ GIAO', { size: 22, bold: true });
  n.documentsHanded.forEach((doc, i) => s.text(`${i + 1}. ${doc}`, { size: 22 }));
  s.rule(true);
  feeLines(s, 'PHÍ, LỆ PHÍ THU KHI TRẢ', n.fees);
  s.pair('TỔNG CỘNG', formatVnd(n.feesTotal), { size: 30, bold: true });
  signatures(s, { title: 'NGƯỜI NHẬN', name: caps(n.recipientName) }, { title: 'GIAO DỊCH VIÊN', name: caps(ctx.clerk.name) });
  s.gap(24).rule(true);
}

/** A test page: the font's Vietnamese, both barcodes, and the paper width edges. */
function testPage(s: L, ctx: PrintContext): void {
  s.rule();
  s.text('TRANG IN THỬ', { size: 34, bold: true, align: 'center' });
  s.text(`${ctx.office.name} · Quầy ${ctx.counterCode}`, { size: 22, align: 'center' });
  s.text(`Khổ giấy ${ctx.widthDots === 576 ? '80 mm (576 điểm)' : '58 mm (384 điểm)'}`, { size: 22, align: 'center' });
  s.rule(true);
  s.text('Tiếng Việt: Nguyễn Văn Đức — Hồ Chí Minh — Ỷ Ỹ Ự Ữ ừ ử ẫ ặ ở ợ đ Đ', { size: 26 });
  s.text('Cấp đổi giấy phép lái xe · Phường Bến Thành', { size: 24 });
  itemBlock(s, 'EL471108151VN');
  s.qr('EL471108151VN');
  s.rule();
}

/** Lays a document out on a sheet (raster or text) and returns what the sheet produces. */
export function layOut<Out>(kind: DocumentKind, d: DossierDetail | null, ctx: PrintContext, sheet: Layout<Out>): Out {
  if (ctx.training) trainingBand(sheet);
  drawDocument(kind, d, ctx, sheet);
  if (ctx.training) trainingBand(sheet);
  return sheet.finish();
}

/** Large, bold, between rules: a training paper cannot pass for a real one at a glance. */
function trainingBand(s: L): void {
  s.rule().text(TRAINING_BAND, { size: 30, bold: true, align: 'center' }).rule().gap(8);
}

function drawDocument<Out>(kind: DocumentKind, d: DossierDetail | null, ctx: PrintContext, sheet: Layout<Out>): void {
  if (kind === 'test') testPage(sheet, ctx);
  else if (kind === 'batch-label') {
    if (!ctx.batch) throw new Error('a batch label needs its batch');
    batchLabel(sheet, ctx.batch, ctx);
  } else if (kind === 'day-report') {
    if (!ctx.day) throw new Error('a day report needs its day');
    dayReport(sheet, ctx.day, ctx);
  } else if (!d) throw new Error(`${kind} needs a dossier`);
  else if (kind === 'delivery-note') {
    if (!ctx.delivery) throw new Error('a delivery note needs its delivery');
    deliveryNote(sheet, d, ctx.delivery, ctx);
  } else if (kind === 'receipt') receipt(sheet, d, ctx);
  else if (kind === 'label') label(sheet, d, ctx);
  else guidance(sheet, d, ctx);
}
