import { msg, type Msg } from '../i18n/msg.js';
import { checkPersonalId, type Gender } from './personal-id.js';

/** What the QR on a chip ID card (CCCD / Căn cước) says about its holder. */
export interface IdCard {
  personalId: string;
  oldId: string;
  fullName: string;
  /** ISO yyyy-mm-dd */
  birthDate: string;
  gender: Gender;
  address: string;
  /** ISO yyyy-mm-dd, or '' when the card text has none */
  issueDate: string;
  /**
   * Where the card's own fields disagree (the number's gender/century or year digits against
   * its birth date and gender). A card cannot be corrected at the counter, so the clerk is told.
   */
  flags: Msg[];
}

export type IdCardParse = { ok: true; card: IdCard } | { ok: false; reason: Msg };

/** ddmmyyyy → yyyy-mm-dd when it is a real calendar date. */
export function dmyToIso(text: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!m) return null;
  const [, d, mo, y] = m as unknown as [string, string, string, string];
  const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (date.getUTCDate() !== Number(d) || date.getUTCMonth() !== Number(mo) - 1) return null;
  return `${y}-${mo}-${d}`;
}

const GENDERS: Record<string, Gender> = { nam: 'male', 'nữ': 'female', nu: 'female' };

const fail = (vi: string, en: string): IdCardParse => ({ ok: false, reason: msg(vi, en) });

/**
 * Parses the `|`-separated card text. The layout is detected from the field shapes
 * (12-digit number, then an optional 9-digit old number, the name, an 8-digit date,
 * Nam/Nữ, the address, the issue date), so the variant without the old ID and
 * trailing extra fields both parse. Never throws.
 */
export function parseIdCardQr(raw: string): IdCardParse {
  if (typeof raw !== 'string') return fail('Không đọc được mã QR.', 'The QR text could not be read.');
  const fields = raw.normalize('NFC').replace(/[\r\n]+$/g, '').split('|').map((f) => f.trim());
  if (fields.length < 5) {
    return fail(
      'Đây không phải mã QR trên thẻ Căn cước (thiếu trường thông tin).',
      'This is not an ID card QR (too few fields).',
    );
  }
  const personalId = fields[0]!;
  if (!/^\d{12}$/.test(personalId)) {
    return fail(
      'Trường đầu tiên của mã QR phải là số định danh 12 chữ số.',
      'The first QR field must be the 12-digit personal ID number.',
    );
  }
  const genderAt = fields.findIndex((f, i) => i >= 3 && GENDERS[f.toLowerCase()] !== undefined);
  if (genderAt < 0) {
    return fail('Mã QR không có trường giới tính (Nam/Nữ).', 'The QR has no gender field (Nam/Nữ).');
  }
  const birthDate = dmyToIso(fields[genderAt - 1]!);
  if (!birthDate) {
    return fail('Ngày sinh trên mã QR không hợp lệ.', 'The date of birth in the QR is not valid.');
  }
  const fullName = fields[genderAt - 2]!;
  const between = fields.slice(1, genderAt - 2);
  if (between.length > 1 || (between.length === 1 && !/^(\d{9})?$/.test(between[0]!))) {
    return fail(
      'Số CMND cũ trên mã QR phải có 9 chữ số.',
      'The old ID number in the QR must have 9 digits.',
    );
  }
  if (!/\p{L}/u.test(fullName) || /\d/.test(fullName)) {
    return fail('Họ và tên trên mã QR không hợp lệ.', 'The full name in the QR is not valid.');
  }
  const issueRaw = fields[genderAt + 2] ?? '';
  const gender = GENDERS[fields[genderAt]!.toLowerCase()]!;
  return {
    ok: true,
    card: {
      personalId,
      oldId: between[0] ?? '',
      fullName: fullName.replace(/\s+/g, ' '),
      birthDate,
      gender,
      address: (fields[genderAt + 1] ?? '').replace(/\s+/g, ' '),
      issueDate: dmyToIso(issueRaw) ?? '',
      flags: checkPersonalId(personalId, birthDate, gender).map((p) =>
        msg(`Thẻ có thông tin không khớp: ${p.vi} Đối chiếu thẻ gốc với người nộp.`, `The card disagrees with itself: ${p.en} Check the physical card against the person.`),
      ),
    },
  };
}
