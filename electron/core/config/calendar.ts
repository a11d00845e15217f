import type { Settings } from '../../../shared/contract/index.js';

/** J+n for a destination: an agency-code rule first, then a level rule, then the default. */
export function handoverDays(settings: Settings, agencyCode: string, level: string): number {
  const rules = settings.handover.rules;
  const byAgency = rules.find((r) => r.agencyCode && r.agencyCode === agencyCode);
  const byLevel = rules.find((r) => !r.agencyCode && r.level && r.level.toLowerCase() === level.toLowerCase());
  return (byAgency ?? byLevel)?.days ?? settings.handover.defaultDays;
}
