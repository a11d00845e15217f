import { useEffect, useState } from 'react';
import type { OfficeLinkStatus } from '../../../shared/contract/index.js';
import { api } from '../rpc.js';

/**
 * This counter's way to the office's data, live from the core (decision 0032): `local` on its own
 * file, else the server's link and, while writes are refused, why. Null until the core answers.
 */
export function useOfficeLink(): OfficeLinkStatus | null {
  const [link, setLink] = useState<OfficeLinkStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    void (async () => {
      while (!controller.signal.aborted) {
        try {
          for await (const next of await api.office.link(undefined, { signal: controller.signal })) setLink(next);
        } catch {
          // stream dropped (the core restarting): listen again
        }
        await new Promise((r) => setTimeout(r, 2000));
      }
    })();
    return () => controller.abort();
  }, []);
  return link;
}
