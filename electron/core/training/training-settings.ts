import type { Settings } from '../../../shared/contract/index.js';
import type { KeyValueStore } from '../config/settings-service.js';

/**
 * The settings a training session runs with: a copy of the counter's own as it uses them (its
 * file and the office-wide rows of its database: office details, printer, scanner, agencies'
 * names), held in memory so nothing changed while practising is kept. The training core carries
 * the office-wide part into its own database at start, as an old settings file is carried. Two things differ: the data are the training file even on a counter set to the office
 * server, and no agency has an address, so a closed batch is never sent anywhere.
 */
export function trainingSettingsStore(real: Settings): KeyValueStore {
  const store: Record<string, unknown> = structuredClone(real);
  const server = store['officeServer'];
  if (server && typeof server === 'object') store['officeServer'] = { ...server, enabled: false };
  const agencies = store['agencies'];
  if (Array.isArray(agencies)) store['agencies'] = agencies.map((a: unknown) => (a && typeof a === 'object' ? { ...a, serverUrl: '' } : a));
  return { store };
}
