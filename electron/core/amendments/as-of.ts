import type { DossierDetail } from '../../../shared/contract/index.js';
import type { CorrectableField, FieldChange } from '../../../shared/lifecycle/corrections.js';

/** The correctable fields of a dossier as its row shows them now. */
export function currentValues(d: DossierDetail): Record<CorrectableField, string> {
  const s = d.sender;
  return { fullName: s.fullName, birthDate: s.birthDate, gender: s.gender, address: s.address, phone: s.phone, email: s.email, deliveryAddress: d.deliveryAddress };
}

/**
 * The dossier as it stood at `at`: the corrections recorded after it are undone, newest first,
 * from the values their events kept. A print job is drawn from this, so a receipt printed
 * before a correction is drawn again byte for byte (decision 0020) while a reprint shows the fix.
 */
export function dossierAsOf(d: DossierDetail, at: string): DossierDetail {
  const later = d.events.filter((e) => e.type === 'corrected' && e.at > at).reverse();
  if (later.length === 0) return d;
  const values = currentValues(d);
  for (const e of later) for (const c of (e.data as { changes: FieldChange[] }).changes) values[c.field] = c.from;
  const { deliveryAddress, ...sender } = values;
  return { ...d, senderName: values.fullName, deliveryAddress, sender: { ...d.sender, ...sender, gender: sender.gender as DossierDetail['sender']['gender'] } };
}
