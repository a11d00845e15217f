/**
 * The QR on a consignment receipt carries both numbers the citizen may be asked for:
 * `<item number>|<register number>`, e.g. `EL471108151VN|000123/2026` (ASCII only, so every
 * scanner reads it the same). With a tracking address set, `{item}` and `{register}` in it are
 * replaced instead. Format described in docs/guide/printing.md.
 */
export function receiptQr(itemNumber: string, registerNo: string | null, trackingUrl = ''): string {
  if (trackingUrl) {
    return trackingUrl.replace('{item}', encodeURIComponent(itemNumber)).replace('{register}', encodeURIComponent(registerNo ?? ''));
  }
  return registerNo ? `${itemNumber}|${registerNo}` : itemNumber;
}

/** The item number inside a scanned receipt QR, or undefined when the text is not one. */
export function itemOfReceiptQr(text: string): string | undefined {
  const m = /^([A-Z0-9-]{4,40})\|\d{6}\/\d{4}$/.exec(text.trim().toUpperCase());
  return m?.[1];
}
