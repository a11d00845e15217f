import { msg, type Msg } from '../i18n/msg.js';
import { checkPersonalId } from '../ids/personal-id.js';
import type { Sender } from '../contract/schemas.js';

export type FieldProblem = Msg & { field: keyof Sender };

const PHONE = /^(0|\+84)\d{9,10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const BUSINESS_CODE = /^\d{10}(-\d{3})?$/;

/** Checks the sender block; used live by the form and again, authoritatively, by the core. */
export function checkSender(s: Sender, today: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  const add = (field: keyof Sender, m: Msg) => out.push({ field, ...m });
  if (s.fullName.trim() === '') {
    add('fullName', s.kind === 'individual'
      ? msg('Chưa nhập họ và tên người gửi.', 'The sender’s full name is missing.')
      : msg('Chưa nhập tên tổ chức.', 'The organisation’s name is missing.'));
  }
  if (s.kind === 'individual') {
    const id = s.personalId.trim() || s.oldId.trim();
    const gender = s.gender === '' ? undefined : s.gender;
    for (const p of checkPersonalId(id, s.birthDate || undefined, gender)) add('personalId', p);
    if (s.oldId && !/^\d{9}$/.test(s.oldId)) add('oldId', msg('Số CMND cũ phải có 9 chữ số.', 'An old ID number has 9 digits.'));
    if (s.birthDate && s.birthDate > today) add('birthDate', msg('Ngày sinh ở tương lai.', 'The date of birth is in the future.'));
  } else {
    if (!BUSINESS_CODE.test(s.businessCode.trim())) {
      add('businessCode', msg(
        'Mã số doanh nghiệp gồm 10 chữ số (chi nhánh thêm "-" và 3 chữ số).',
        'A business code has 10 digits (a branch adds "-" and 3 digits).',
      ));
    }
    // An organisation does not walk in: the person who brings its dossier signs for it.
    if ((s.bearerName ?? '').trim() === '') {
      add('bearerName', msg('Chưa nhập họ và tên người nộp hồ sơ.', 'The name of the person bringing the dossier is missing.'));
    }
    for (const p of checkPersonalId(s.bearerId ?? '')) {
      add('bearerId', msg(`Người nộp hồ sơ: ${p.vi}`, `Person bringing the dossier: ${p.en}`));
    }
  }
  if (s.address.trim() === '') add('address', msg('Chưa nhập địa chỉ.', 'The address is missing.'));
  const phone = s.phone.replace(/[\s.]/g, '');
  if (!PHONE.test(phone)) {
    add('phone', msg(
      'Số điện thoại phải có 10 chữ số, bắt đầu bằng 0 (hoặc +84), để báo khi có kết quả.',
      'The phone number needs 10 digits starting with 0 (or +84), to notify the result.',
    ));
  }
  if (s.email.trim() !== '' && !EMAIL.test(s.email.trim())) {
    add('email', msg('Thư điện tử không đúng dạng (ví dụ: ten@vi-du.vn).', 'The e-mail is not valid (e.g. name@example.vn).'));
  }
  return out;
}
