/** A message for the clerk in both UI languages. Vietnamese is the default. */
export interface Msg {
  vi: string;
  en: string;
}

export type Lang = 'vi' | 'en';

export const msg = (vi: string, en: string): Msg => ({ vi, en });
