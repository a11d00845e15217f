import type { KeyValueStore } from '../config/settings-service.js';

/**
 * The settings a training session runs with: a copy of the counter's own (office details,
 * printer, scanner, agencies' names), held in memory so nothing changed while practising is
 * kept. Two things differ: the data are the training file even on a counter set to the office
 * server, and no agency has an address, so a closed batch is never sent anywhere.
 */
export function trainingSettingsStore(real: KeyValueStore): KeyValueStore {
  const store = structuredClone(real.store);
  const server = store['officeServer'];
  if (server && typeof server === 'object') store['officeServer'] = { ...server, enabled: false };
  const agencies = store['agencies'];
  if (Array.isArray(agencies)) store['agencies'] = agencies.map((a: unknown) => (a && typeof a === 'object' ? { ...a, serverUrl: '' } : a));
  return { store };
}
