/**
 * The key an intake form sends with every attempt (decision 0008), with the time of the form's
 * first send in front: `<ms since 1970, base 36>-<uuid>`. The core refuses a key older than
 * INTAKE_FORM_MAX_DAYS and keeps each key INTAKE_KEY_KEEP_DAYS, so a retry never meets a key
 * that was already dropped and becomes a second dossier (decision 0046).
 */
export const INTAKE_FORM_MAX_DAYS = 30;

/**
 * The refusal window and a margin: on an office server one counter drops the keys another
 * recorded, and their clocks may differ. A key is dropped only when every counter whose clock is
 * within the margin already refuses its form.
 */
export const INTAKE_KEY_KEEP_DAYS = INTAKE_FORM_MAX_DAYS + 2;

export const newIntakeKey = (now = new Date()): string => `${now.getTime().toString(36)}-${crypto.randomUUID()}`;

const TIMED = /^([0-9a-z]{8,9})-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** When the form was first sent; null for a key without a time (a bare UUID). */
export function intakeKeyMadeAt(key: string): Date | null {
  const m = TIMED.exec(key);
  return m ? new Date(parseInt(m[1]!, 36)) : null;
}
