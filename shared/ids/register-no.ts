/** Register numbers read "000123/2026": the year's running number, then the year. */
export const registerNo = (year: number, seq: number) => `${String(seq).padStart(6, '0')}/${year}`;
