import type { DossierDetail } from '../../../../shared/contract/index.js';
import { formatVnd } from '../../../../shared/format/money.js';
import { formatDate, formatDateTime } from '../../../../shared/format/vn-time.js';
import type { Layout } from './sheet.js';

export type DocumentKind = 'receipt' | 'label' | 'guidance' | 'test';

/** Everything a printed document needs besides the dossier. */
export interface PrintContext {
  widthDots: number;
  office: { code: string; name: string };
  counterCode: string;
  clerk: { code: string; name: string };
  /** printed at the foot of the receipt */
  terms: string;
  /** QR payload: `{item}` is replaced by the item number; empty = the item number itself */
  trackingUrl: string;
  /** when this print is a reprint: who asked, and when */
  reprint?: { clerkName: string; clerkCode: string; at: Date } | undefined;
  /** "Liên 1: người gửi giữ" and the like */
  copyLabel?: string | undefined;
}

/** Beside a date computed over days off the Government has not announced yet. */
export const PROVISIONAL_NOTE = '(dự kiến, theo lịch nghỉ chưa công bố)';

const SERVICE: Record<string, string> = { send: 'Gửi hồ sơ', receive: 'Nhận kết quả', both: 'Gửi hồ sơ và nhận kết quả' };

/** EL471108151VN → "EL 471 108 151 VN", easier to read aloud and check by eye. */
export const spacedItemNumber = (code: string) => (/^[A-Z]{2}\d{9}[A-Z]{2}$/.test(code) ? `${code.slice(0, 2)} ${code.slice(2, 5)} ${code.slice(5, 8)} ${code.slice(8, 11)} ${code.slice(11)}` : code);

type L = Layout<unknown>;

function header(s: L, ctx: PrintContext, title: string): void {
  s.text(ctx.office.name, { size: 24, bold: true, align: 'center' });
  s.text(`Mã bưu cục ${ctx.office.code} · Quầy ${ctx.counterCode}`, { size: 22, align: 'center' });
  s.rule();
  s.text(title, { size: 34, bold: true, align: 'center' });
  if (ctx.copyLabel) s.text(ctx.copyLabel, { size: 22, align: 'center' });
  if (ctx.reprint) {
    s.text(`IN LẠI — BẢN SAO`, { size: 28, bold: true, align: 'center' });
    s.text(`do ${ctx.reprint.clerkName} (${ctx.reprint.clerkCode}) in lúc ${formatDateTime(ctx.reprint.at)}`, { size: 20, align: 'center' });
  }
}

function itemBlock(s: L, item: string): void {
  s.gap(6).barcode(item);
  s.text(spacedItemNumber(item), { size: 30, bold: true, align: 'center' });
}

/** Phiếu gửi hồ sơ: the consignment receipt, signed by both sides. */
function receipt(s: L, d: DossierDetail, ctx: PrintContext): void {
  header(s, ctx, 'PHIẾU GỬI HỒ SƠ');
  s.text('Dịch vụ bưu chính công ích — thủ tục hành chính', { size: 20, align: 'center' });
  if (d.itemNumber) itemBlock(s, d.itemNumber);
  s.rule(true);
  s.pair('Số sổ theo dõi', d.registerNo ?? '—');
  s.pair('Nhận lúc (J)', d.acceptedAt ? formatDateTime(d.acceptedAt) : '—');
  s.pair('Bàn giao dự kiến', d.expectedHandoverDate ? formatDate(d.expectedHandoverDate) : '—');
  if (d.expectedHandoverProvisional) s.text(PROVISIONAL_NOTE, { size: 20, align: 'right' });
  s.pair('Giao dịch viên', `${ctx.clerk.name} (${ctx.clerk.code})`);
  s.rule(true);
  s.text('NGƯỜI GỬI', { size: 22, bold: true });
  s.text(d.sender.fullName, { size: 28, bold: true });
  const id = d.sender.kind === 'individual' ? `Số định danh: ${d.sender.personalId || d.sender.oldId}` : `Mã số doanh nghiệp: ${d.sender.businessCode}`;
  s.text(id, { size: 22 });
  s.text(`Địa chỉ: ${d.sender.address}`, { size: 22 });
  s.text(`Điện thoại: ${d.sender.phone}`, { size: 22 });
  s.rule(true);
  s.text('CƠ QUAN GIẢI QUYẾT', { size: 22, bold: true });
  s.text(`${d.agencyName} (${d.agencyCode})`, { size: 24 });
  s.text('THỦ TỤC HÀNH CHÍNH', { size: 22, bold: true });
  s.text(`${d.procedureName} — mã ${d.procedureCode}`, { size: 24 });
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
  const fees = d.fees.reduce((sum, f) => sum + f.amount, 0);
  s.pair('Phí, lệ phí', formatVnd(fees), { bold: false });
  s.pair('Cước bưu chính', formatVnd(d.postage), { bold: false });
  s.pair('TỔNG CỘNG', formatVnd(d.total), { size: 30, bold: true });
  s.rule(true);
  s.text(`Dịch vụ: ${SERVICE[d.service] ?? d.service}`, { size: 22 });
  s.text(d.returnMethod === 'to-address' ? `Nhận kết quả tại địa chỉ: ${d.deliveryAddress}` : 'Nhận kết quả tại bưu cục', { size: 22 });
  if (d.itemNumber) s.qr(ctx.trackingUrl ? ctx.trackingUrl.replace('{item}', d.itemNumber) : d.itemNumber);
  if (ctx.terms) s.text(ctx.terms, { size: 20, align: 'center' });
  s.gap(10).columns(
    [
      { text: 'Người gửi ký', fraction: 0.5, align: 'center' },
      { text: 'Giao dịch viên ký', fraction: 0.5, align: 'center' },
    ],
    { size: 22, bold: true },
  );
  s.gap(110).rule(true);
}

/** The parcel label for the sealed envelope: the item number first, then where it goes. */
function label(s: L, d: DossierDetail, ctx: PrintContext): void {
  s.text('HỒ SƠ HÀNH CHÍNH — BƯU CHÍNH CÔNG ÍCH', { size: 22, bold: true, align: 'center' });
  if (ctx.reprint) s.text('IN LẠI — BẢN SAO', { size: 24, bold: true, align: 'center' });
  if (d.itemNumber) itemBlock(s, d.itemNumber);
  s.rule();
  s.text('GỬI:', { size: 22, bold: true });
  s.text(d.agencyName, { size: 32, bold: true });
  s.text(`Mã cơ quan: ${d.agencyCode}`, { size: 24 });
  s.rule(true);
  s.text(`${d.procedureName} (${d.procedureCode})`, { size: 22 });
  s.pair('Người gửi', d.sender.fullName, { size: 22 });
  s.pair('Số sổ', d.registerNo ?? '—', { size: 22 });
  s.pair('Nhận lúc (J)', d.acceptedAt ? formatDateTime(d.acceptedAt) : '—', { size: 22 });
  s.rule(true);
  s.text(`TỪ: ${ctx.office.name} (${ctx.office.code})`, { size: 22 });
  s.gap(40);
}

/** The guidance slip: what is missing, so the citizen can come back with it. */
function guidance(s: L, d: DossierDetail, ctx: PrintContext): void {
  header(s, ctx, 'PHIẾU HƯỚNG DẪN BỔ SUNG HỒ SƠ');
  s.text('Hồ sơ CHƯA được tiếp nhận', { size: 26, bold: true, align: 'center' });
  s.rule(true);
  s.pair('Ngày giờ', formatDateTime(d.createdAt));
  s.pair('Người gửi', d.sender.fullName);
  s.text(`Thủ tục: ${d.procedureName} (${d.procedureCode})`, { size: 24 });
  s.text(`Cơ quan giải quyết: ${d.agencyName}`, { size: 22 });
  s.rule(true);
  s.text('CẦN BỔ SUNG', { size: 24, bold: true });
  d.documents
    .filter((doc) => !doc.present)
    .forEach((doc, i) => s.text(`${i + 1}. ${doc.name}${doc.required ? ' (bắt buộc)' : ''}`, { size: 24 }));
  s.rule(true);
  s.text('Mang đủ giấy tờ trên đến bưu cục để được tiếp nhận. Bưu cục không yêu cầu giấy tờ ngoài danh mục đã công bố.', { size: 20 });
  s.text(`Giao dịch viên: ${ctx.clerk.name} (${ctx.clerk.code})`, { size: 22 });
  s.gap(40);
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
  if (kind === 'test') testPage(sheet, ctx);
  else if (!d) throw new Error(`${kind} needs a dossier`);
  else if (kind === 'receipt') receipt(sheet, d, ctx);
  else if (kind === 'label') label(sheet, d, ctx);
  else guidance(sheet, d, ctx);
  return sheet.finish();
}
