import type { Settings } from '../../../shared/contract/index.js';

/** Who is writing, and where: recorded on every write. */
export interface Actor {
  officeCode: string;
  counterCode: string;
  clerkCode: string;
  clerkName: string;
}

export const actorOf = (s: Settings): Actor => ({
  officeCode: s.office.code,
  counterCode: s.counter.code,
  clerkCode: s.clerk.code,
  clerkName: s.clerk.name,
});
