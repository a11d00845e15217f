/**
 * The code on a guidance slip, e.g. HD000042: a dossier that was guided, not accepted, has no
 * item or register number, so the slip carries this to find its record again in Lookup.
 */
export const guidanceCode = (dossierId: number) => `HD${String(dossierId).padStart(6, '0')}`;

/** The dossier a guidance code names, or undefined when the text is not one. */
export function parseGuidanceCode(text: string): number | undefined {
  const m = /^HD(\d{6,})$/.exec(text.trim().toUpperCase());
  return m ? Number(m[1]) : undefined;
}
