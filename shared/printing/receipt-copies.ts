import type { Lang, Msg } from '../i18n/msg.js';

/**
 * The receipt's two copies. The paper is Vietnamese whatever the screen's language, so the job
 * keeps the Vietnamese label; a screen in English names the copy in English.
 */
export const RECEIPT_COPIES: readonly Msg[] = [
  { vi: 'Liên 1: người gửi giữ', en: 'Copy 1: kept by the sender' },
  { vi: 'Liên 2: lưu cùng hồ sơ', en: 'Copy 2: filed with the dossier' },
];

/** A print job's copy label in the screen's language (a label this list does not know is shown as kept). */
export const copyLabelIn = (label: string, lang: Lang): string => RECEIPT_COPIES.find((c) => c.vi === label)?.[lang] ?? label;
