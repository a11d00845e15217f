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

/**
 * The words of a text in lower case with their marks (NFC), beside their folded forms; words
 * that fold to nothing are dropped, so the two lists stay aligned word for word.
 */
export function markedWords(text: string): { marked: string[]; folded: string[] } {
  const marked: string[] = [];
  const folded: string[] = [];
  for (const word of text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{N}.]+/u)) {
    const w = word.replace(/^\.+|\.+$/g, '');
    const f = foldVi(w);
    if (!f || f.includes(' ')) continue;
    marked.push(w);
    folded.push(f);
  }
  return { marked, folded };
}

/**
 * Characters nobody types into a form but that reach it by paste or a hostile client:
 * C0/C1 controls other than white space, bidi overrides and isolates (they reorder what is
 * printed and shown), zero-width and invisible joiners, BOMs, and lone UTF-16 surrogates
 * (which SQLite would silently store as U+FFFD).
 */
const INVISIBLE =
  /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * How every name, address and other free text is stored: invisible and control characters
 * removed, NFC, inner white space collapsed to one space, trimmed. Text that was only
 * invisible characters comes out empty, so a "required" check then refuses it.
 */
export function cleanText(text: string): string {
  return text.replace(INVISIBLE, '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
