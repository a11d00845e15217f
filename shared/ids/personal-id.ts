import { msg, type Msg } from '../i18n/msg.js';

/** The 63 birth-province codes in use before the 2025 merger; numbers keep them. */
export const BIRTH_PROVINCE_CODES: ReadonlySet<string> = new Set(
  ('001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 ' +
    '036 037 038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 ' +
    '074 075 077 079 080 082 083 084 086 087 089 091 092 093 094 095 096').split(' '),
);

export type Gender = 'male' | 'female';

export interface PersonalIdFacts {
  provinceCode: string;
  century: number;
  gender: Gender;
  yearTwoDigits: number;
}

/** Reads what a 12-digit number says about its holder, or null when it cannot be one. */
export function readPersonalId(id: string): PersonalIdFacts | null {
  if (!/^\d{12}$/.test(id)) return null;
  const d4 = Number(id[3]);
  if (d4 > 5) return null;
  return {
    provinceCode: id.slice(0, 3),
    century: 1900 + Math.floor(d4 / 2) * 100,
    gender: d4 % 2 === 0 ? 'male' : 'female',
    yearTwoDigits: Number(id.slice(4, 6)),
  };
}

/**
 * Checks a personal ID number (12 digits) or an old ID number (9 digits) against the
 * holder's date of birth (ISO yyyy-mm-dd) and gender when those are known.
 * Returns the problems found; an empty list means the number is acceptable.
 */
export function checkPersonalId(id: string, birthDate?: string, gender?: Gender): Msg[] {
  const n = id.trim();
  if (n === '') return [msg('Chưa nhập số định danh cá nhân.', 'The personal ID number is missing.')];
  if (!/^\d+$/.test(n)) {
    return [msg('Số định danh chỉ gồm chữ số.', 'The ID number may contain digits only.')];
  }
  if (n.length === 9) return [];
  if (n.length !== 12) {
    return [
      msg(
        `Số định danh cá nhân phải có 12 chữ số (số CMND cũ có 9 chữ số); đã nhập ${n.length} chữ số.`,
        `A personal ID number has 12 digits (an old ID number 9); ${n.length} were entered.`,
      ),
    ];
  }
  const problems: Msg[] = [];
  const province = n.slice(0, 3);
  if (!BIRTH_PROVINCE_CODES.has(province)) {
    problems.push(
      msg(
        `Mã tỉnh nơi đăng ký khai sinh "${province}" (3 chữ số đầu) không tồn tại.`,
        `Birth-province code "${province}" (the first 3 digits) does not exist.`,
      ),
    );
  }
  const facts = readPersonalId(n);
  if (!facts) {
    problems.push(
      msg(
        'Chữ số thứ 4 (thế kỷ và giới tính) phải từ 0 đến 5.',
        'The 4th digit (century and gender) must be 0 to 5.',
      ),
    );
    return problems;
  }
  if (birthDate && /^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    const year = Number(birthDate.slice(0, 4));
    const century = Math.floor(year / 100) * 100;
    if (century !== facts.century) {
      problems.push(
        msg(
          `Chữ số thứ 4 của số định danh ứng với người sinh thế kỷ ${facts.century / 100 + 1}, không khớp năm sinh ${year}.`,
          `The 4th digit says born in the ${facts.century}s, which does not match birth year ${year}.`,
        ),
      );
    }
    if (year % 100 !== facts.yearTwoDigits) {
      problems.push(
        msg(
          `Chữ số thứ 5–6 (${n.slice(4, 6)}) không khớp năm sinh ${year}.`,
          `Digits 5–6 (${n.slice(4, 6)}) do not match birth year ${year}.`,
        ),
      );
    }
  }
  if (gender && gender !== facts.gender) {
    problems.push(
      msg(
        `Chữ số thứ 4 của số định danh ứng với giới tính ${facts.gender === 'male' ? 'Nam' : 'Nữ'}, không khớp giới tính đã chọn.`,
        `The 4th digit says ${facts.gender}, which does not match the gender chosen.`,
      ),
    );
  }
  return problems;
}
