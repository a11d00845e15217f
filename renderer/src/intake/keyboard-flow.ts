import type { IntakeForm } from './form-state.js';

/**
 * Where the clerk's next keystroke belongs. Fields carry `data-fill="<key>"`; after a fill
 * (ID card, procedure, the last required document) focus goes to the first of these, in this
 * order, that still needs the clerk. Optional fields (e-mail, old ID) are never stops here.
 */
const FILL_ORDER = ['fullName', 'personalId', 'businessCode', 'birthDate', 'gender', 'address', 'bearerName', 'bearerId', 'phone', 'procedure', 'documents', 'fees', 'postage', 'accept'] as const;
export type FillKey = (typeof FILL_ORDER)[number];

function needs(form: IntakeForm, key: FillKey): boolean {
  const s = form.sender;
  const individual = s.kind === 'individual';
  switch (key) {
    case 'fullName': return s.fullName.trim() === '';
    case 'personalId': return individual && s.personalId.trim() === '';
    case 'businessCode': return !individual && s.businessCode.trim() === '';
    case 'birthDate': return individual && s.birthDateText.trim() === '';
    case 'gender': return individual && s.gender === '';
    case 'address': return s.address.trim() === '';
    case 'bearerName': return !individual && (s.bearerName ?? '').trim() === '';
    case 'bearerId': return !individual && (s.bearerId ?? '').trim() === '';
    case 'phone': return s.phone.trim() === '';
    case 'procedure': return form.procedure === null;
    case 'documents': return form.documents.some((d) => !d.present && form.procedure?.documents.find((p) => p.seq === d.seq)?.required);
    case 'fees': return form.feeText.trim() === '';
    case 'postage': return form.postageText.trim() === '';
    case 'accept': return true;
  }
}

/** The first field after `after` (or from the top) that the clerk still has to fill. */
export function firstToFill(form: IntakeForm, after?: FillKey): FillKey {
  const from = after === undefined ? 0 : FILL_ORDER.indexOf(after) + 1;
  return FILL_ORDER.slice(from).find((k) => needs(form, k)) ?? 'accept';
}

/** Focuses that field (called after React has drawn it); the documents stop is the first unticked required row. */
export function focusFill(root: HTMLElement | null, key: FillKey | string): void {
  const el =
    (key === 'documents' && root?.querySelector<HTMLElement>('[data-fill="documents"][data-required]:not(:checked)')) ||
    root?.querySelector<HTMLElement>(`[data-fill="${key}"]`);
  el?.focus();
}

const FOCUSABLE = 'input:not([tabindex="-1"]):not([disabled]), select:not([disabled]), textarea, button:not([disabled]):not([tabindex="-1"])';

/** What Enter on `el` reaches: the next stop, where a radio group and the document list are one stop each. */
export function nextStop(root: HTMLElement, el: HTMLElement): HTMLElement | undefined {
  const all = [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((e) => e.offsetParent !== null);
  const groupOf = (e: HTMLElement) => e.dataset['fill'] === 'documents' ? 'documents' : e instanceof HTMLInputElement && e.type === 'radio' ? `radio:${e.name}` : null;
  const mine = groupOf(el);
  const next = all.slice(all.indexOf(el) + 1).find((e) => mine === null || groupOf(e) !== mine);
  if (!next) return undefined;
  // Entering a radio group lands on its chosen option, as Tab does.
  if (next instanceof HTMLInputElement && next.type === 'radio') {
    return all.find((e) => e instanceof HTMLInputElement && e.type === 'radio' && e.name === next.name && e.checked) ?? next;
  }
  return next;
}
