/** 135000 → "135.000": dot thousands separators, as Vietnamese write amounts. */
export function groupThousands(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return sign + String(Math.abs(Math.trunc(amount))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/**
 * An amount field's text as the clerk types it, regrouped: "135000" → "135.000". Text that is
 * not an amount is left as typed, so the field can say what is wrong with it.
 */
export function groupAsTyped(text: string): string {
  const digits = text.replace(/[.\s]/g, '');
  return /^\d{1,15}$/.test(digits) ? groupThousands(Number(digits)) : text;
}

/** Money is integer VND everywhere; shown as 135.000 ₫ */
export function formatVnd(amount: number): string {
  return `${groupThousands(amount)} ₫`;
}

/** A difference: "+5.000 ₫", "-20.000 ₫", "0 ₫". */
export function formatVndSigned(amount: number): string {
  return amount > 0 ? `+${formatVnd(amount)}` : formatVnd(amount);
}

/**
 * Reads an amount as clerks and province lists write it: "135.000", "135,000 đồng",
 * "135000", "Không", "" (both → 0). Returns null when it is not a whole, non-negative amount.
 */
export function parseVnd(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return 0;
  if (typeof text === 'number') return Number.isInteger(text) && text >= 0 ? text : null;
  const t = text.trim().toLowerCase();
  if (t === '' || t === '-' || t === 'không' || t === 'khong' || t === 'miễn phí' || t === '0') return 0;
  const m = /^(\d{1,3}(?:[.,\s]\d{3})+|\d+)\s*(?:đ|₫|vnd|vnđ|đồng|dong)?$/.exec(t);
  if (!m) return null;
  return Number(m[1]!.replace(/[.,\s]/g, ''));
}
