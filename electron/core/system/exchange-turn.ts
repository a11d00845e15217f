import type { WorkLease } from './work-lease.js';

/**
 * The office's exchange lease as one counter uses it (decision 0040). The lease is asked for
 * only while this counter has an agency server set up: a counter without the agencies' tokens
 * would hold the office's exchange and send nothing. When the lease is newly won both loops are
 * woken, so a counter taking over from a killed one starts at once, not after a minute's rest.
 */
export function exchangeTurn(lease: WorkLease, hasServers: () => boolean | Promise<boolean>, onWon: () => void): WorkLease {
  let holding = false;
  return {
    held: async () => {
      if (!(await hasServers())) {
        if (holding) await lease.release();
        holding = false;
        return false;
      }
      const now = await lease.held();
      if (now && !holding) onWon();
      holding = now;
      return now;
    },
    release: async () => {
      holding = false;
      await lease.release();
    },
  };
}
