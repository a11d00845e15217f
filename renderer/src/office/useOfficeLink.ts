import type { OfficeLinkStatus } from '../../../shared/contract/index.js';
import { useLive } from '../components/use-live.js';
import { api } from '../rpc.js';

/**
 * This counter's way to the office's data, live from the core (decision 0032): `local` on its own
 * file, else the server's link and, while writes are refused, why. Null until the core answers.
 */
export function useOfficeLink(): OfficeLinkStatus | null {
  return useLive((signal) => api.office.link(undefined, { signal }));
}
