/**
 * Folds Vietnamese text to a search key: no diacritics, no case, single spaces.
 * SQLite has no ICU, so the app stores and compares folded keys itself.
 * "Cấp đổi GIẤY PHÉP lái xe" → "cap doi giay phep lai xe".
 */
export function foldVi(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, ' ')
    .trim();
}

/** Words of a folded key (dots kept inside codes such as 1.004227). */
export function foldedWords(text: string): string[] {
  const folded = foldVi(text).replace(/(^|\s)\.+|\.+(\s|$)/g, ' ');
  return folded.split(' ').filter(Boolean);
}

/** NFC with collapsed inner whitespace: how names and addresses are stored. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}
