import type { Settings } from '../../../shared/contract/index.js';
import type { KeyValueStore } from '../config/settings-service.js';

/** ISO 3166 keeps "ZZ" for private use: no country, so no post's S10 item number ends with it (decision 0045). */
export const TRAINING_COUNTRY = 'ZZ';

/**
 * The settings a training session runs with: a copy of the counter's own as it uses them (its
 * file and the office-wide rows of its database: office details, printer, scanner, agencies'
 * names), held in memory so nothing changed while practising is kept. The training core carries
 * the office-wide part into its own database at start, as an old settings file is carried. Three things differ: the data are the training file even on a counter set to the office
 * server; no agency has an address, so a closed batch is never sent anywhere; and the item numbers
 * "Lấy số" gives end in a country code no post issues, so a training label can never name a real item.
 */
export function trainingSettingsStore(real: Settings): KeyValueStore {
  const store: Record<string, unknown> = structuredClone(real);
  const server = store['officeServer'];
  if (server && typeof server === 'object') store['officeServer'] = { ...server, enabled: false };
  const agencies = store['agencies'];
  if (Array.isArray(agencies)) store['agencies'] = agencies.map((a: unknown) => (a && typeof a === 'object' ? { ...a, serverUrl: '' } : a));
  const s10 = store['s10'];
  if (s10 && typeof s10 === 'object') store['s10'] = { ...s10, country: TRAINING_COUNTRY };
  return { store };
}
