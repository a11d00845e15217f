import type { Lang } from '../i18n/msg.js';
import { formatDate, formatDateTime, vnIsoDate } from '../format/vn-time.js';
import { registerNo as no } from '../ids/register-no.js';
import type { RegisterRow, YearNumbering } from '../contract/reports.js';

/**
 * The register book's columns in the official order (weights are points on A4 landscape, so dates
 * and codes fit on one line at 7 pt), with the words of each cell. The screen,
 * the XLSX and the PDF all read this table, so they cannot disagree.
 */
export const REGISTER_COLUMNS: { key: string; header: [vi: string, en: string]; weight: number; cell: (r: RegisterRow) => string }[] = [
  { key: 'stt', header: ['STT', 'No.'], weight: 20, cell: (r) => String(r.stt) },
  { key: 'code', header: ['Mã hồ sơ', 'Dossier code'], weight: 98, cell: (r) => r.agencyDossierCode ?? r.registerNo },
  { key: 'procedure', header: ['Tên TTHC', 'Procedure'], weight: 94, cell: (r) => r.procedureName },
  { key: 'count', header: ['Số lượng hồ sơ', 'Dossiers'], weight: 34, cell: () => '1' },
  { key: 'sender', header: ['Người nộp', 'Submitted by'], weight: 60, cell: (r) => r.senderName },
  { key: 'contact', header: ['Địa chỉ / Số điện thoại', 'Address / Phone'], weight: 83, cell: (r) => [r.senderAddress, r.senderPhone].filter(Boolean).join(' / ') },
  { key: 'agency', header: ['Cơ quan giải quyết', 'Deciding agency'], weight: 61, cell: (r) => r.agencyName },
  { key: 'received', header: ['Ngày nhận', 'Received'], weight: 62, cell: (r) => formatDateTime(r.acceptedAt) },
  { key: 'appointment', header: ['Ngày hẹn trả', 'Appointment date'], weight: 44, cell: (r) => dayOf(r.appointmentDate) },
  { key: 'handedOver', header: ['Ngày chuyển hồ sơ', 'Sent to agency'], weight: 44, cell: (r) => dayOf(r.handedOverAt) },
  { key: 'resultReceived', header: ['Ngày nhận kết quả', 'Result received'], weight: 44, cell: (r) => dayOf(r.resultReceivedAt) },
  { key: 'delivered', header: ['Ngày trả kết quả', 'Result delivered'], weight: 44, cell: (r) => dayOf(r.deliveredAt) },
  { key: 'signature', header: ['Ký nhận', 'Signature'], weight: 36, cell: () => '' },
  { key: 'note', header: ['Ghi chú', 'Notes'], weight: 62, cell: noteOf },
];

/** The register number when the code column shows the agency's code, and a void with its day. */
function noteOf(r: RegisterRow): string {
  return [r.voidedAt ? `ĐÃ HUỶ ${dayOf(r.voidedAt)}` : '', r.agencyDossierCode ? `Số sổ ${r.registerNo}` : ''].filter(Boolean).join('; ');
}

/** dd/MM/yyyy of a stored day (yyyy-mm-dd) or instant (ISO), in Vietnamese time; empty when unknown. */
export function dayOf(value: string | null): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  const t = Date.parse(value);
  return Number.isNaN(t) ? value : formatDate(vnIsoDate(t));
}

/** The note under the book explaining the "Mã hồ sơ" column. */
export const CODE_NOTE: Record<Lang, string> = {
  vi: 'Mã hồ sơ: mã của cơ quan giải quyết khi đã có; khi chưa có là số sổ theo dõi (số thứ tự trong năm/năm). Khi có mã của cơ quan, số sổ ghi ở cột Ghi chú.',
  en: 'Dossier code: the deciding agency’s code once known; until then the register number (number within the year/year). When the agency’s code is shown, the register number is in Notes.',
};

/**
 * The gapless check of one year in words: every number issued is carried by a dossier, or
 * each missing one is named ("Thiếu số 000007/2026"); a run of them is named by its ends.
 */
export function numberingLines(n: YearNumbering, lang: Lang): string[] {
  if (n.issued === 0) return [lang === 'vi' ? `Năm ${n.year}: chưa cấp số nào.` : `${n.year}: no number issued yet.`];
  if (n.gaps.length === 0) {
    return [
      lang === 'vi'
        ? `Năm ${n.year}: số ${no(n.year, 1)} đến ${no(n.year, n.issued)} liên tục, đủ ${n.issued} số, không thiếu số nào.`
        : `${n.year}: numbers ${no(n.year, 1)} to ${no(n.year, n.issued)} are continuous, all ${n.issued} present, none missing.`,
    ];
  }
  const missing = n.gaps.reduce((s, g) => s + g.to - g.from + 1, 0);
  return [
    lang === 'vi'
      ? `Năm ${n.year}: đã cấp ${n.issued} số, THIẾU ${missing} số — cần báo ngay cho trưởng bưu cục:`
      : `${n.year}: ${n.issued} numbers issued, ${missing} MISSING — tell the supervisor at once:`,
    ...n.gaps.map((g) =>
      g.from === g.to
        ? `${lang === 'vi' ? 'Thiếu số' : 'Missing'} ${no(n.year, g.from)}`
        : `${lang === 'vi' ? 'Thiếu số' : 'Missing'} ${no(n.year, g.from)} – ${no(n.year, g.to)}`,
    ),
  ];
}
