import type { Settings } from '../../../shared/contract/index.js';

/** Who is writing, and where: recorded on every write. */
export interface Actor {
  officeCode: string;
  counterCode: string;
  clerkCode: string;
  clerkName: string;
}

/**
 * The clerk comes from the session the core holds, never from settings or the page; the office
 * and counter are this machine's, from its settings.
 */
export const actorFor = (clerk: { code: string; name: string }, s: Settings): Actor => ({
  officeCode: s.office.code,
  counterCode: s.counter.code,
  clerkCode: clerk.code,
  clerkName: clerk.name,
});

/** Work the app does by itself (the demo catalogue at first start), not on anyone's behalf. */
export const SYSTEM_CLERK = { code: 'system', name: 'Hệ thống' } as const;
