/**
 * The key an intake form sends with every attempt (decision 0008), with the time the form made
 * it in front: `<ms since 1970, base 36>-<uuid>`. The core keeps a key only for
 * INTAKE_KEY_KEEP_DAYS and refuses a form older than that, so a retry never meets a key that
 * was already dropped and becomes a second dossier (decision 0046).
 */
export const INTAKE_KEY_KEEP_DAYS = 30;

export const newIntakeKey = (now = new Date()): string => `${now.getTime().toString(36)}-${crypto.randomUUID()}`;

const TIMED = /^([0-9a-z]{8,9})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** When the form made the key; null for a key without a time (a bare UUID). */
export function intakeKeyMadeAt(key: string): Date | null {
  const m = TIMED.exec(key);
  return m ? new Date(parseInt(m[1]!, 36)) : null;
}
