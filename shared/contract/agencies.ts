import { oc } from '@orpc/contract';
import { z } from 'zod';
import { bilingual } from './validation-words.js';

/**
 * The agencies this counter hands batches to, and the server each one's uploads go to
 * (agency-api.md). The token is not part of a stored agency: settings are readable by every
 * clerk and copied into backups, so the token travels only in the save that sets it and is
 * kept in a file only this user may read (decision 0034).
 */

/** Agency codes are opaque dotted groups (domain.md): up to 35 digits, capitals and dots. */
export const AgencyCodeSchema = z
  .string()
  .regex(/^[0-9A-Z.]{1,35}$/, { message: bilingual('mã cơ quan chỉ gồm chữ số, chữ in hoa và dấu chấm', 'an agency code has only digits, capitals and dots') });

/** https://…, or http:// on this machine (the contract's transport rule); empty = not connected yet. */
const serverUrl = z
  .string()
  .trim()
  .max(300)
  .refine((u) => u === '' || /^https:\/\/[^\s]+$/i.test(u) || /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/[^\s]*)?$/i.test(u), {
    message: bilingual('địa chỉ máy chủ phải bắt đầu bằng https:// (http:// chỉ cho chính máy này)', 'the server address must start with https:// (http:// only for this machine)'),
  });

/** As kept in settings. */
export const AgencySchema = z.object({
  code: AgencyCodeSchema,
  name: z.string().trim().min(1).max(200),
  address: z.string().trim().max(300).default(''),
  serverUrl: serverUrl.default(''),
});
export type Agency = z.infer<typeof AgencySchema>;

/** What the Settings form sends: `token` empty keeps the one already saved. */
export const AgencyInputSchema = AgencySchema.extend({ token: z.string().max(500).default('') });

/** What the page may see of an agency: never the token, only whether one is saved. */
export const AgencyViewSchema = AgencySchema.extend({ tokenSaved: z.boolean() });
export type AgencyView = z.infer<typeof AgencyViewSchema>;

export const AGENCY_TEST_OUTCOMES = ['ok', 'no-url', 'no-token', 'bad-url', 'token-refused', 'forbidden', 'unreachable', 'untrusted', 'server-error', 'unreadable'] as const;

export const AgencyTestReportSchema = z.object({
  ok: z.boolean(),
  outcome: z.enum(AGENCY_TEST_OUTCOMES),
  vi: z.string(),
  en: z.string(),
});
export type AgencyTestReport = z.infer<typeof AgencyTestReportSchema>;

export const agencyContract = {
  /** the configured agencies, each with whether a token is saved (administrator) */
  list: oc.output(z.array(AgencyViewSchema)),
  /** replaces the list; a token given is saved, an agency left out loses its token (administrator, audited) */
  save: oc.input(z.object({ agencies: z.array(AgencyInputSchema).max(100) })).output(z.array(AgencyViewSchema)),
  /** "Kiểm tra kết nối": asks the server for one update and says in words what happened; changes nothing */
  test: oc.input(z.object({ code: AgencyCodeSchema, serverUrl, token: z.string().max(500).default('') })).output(AgencyTestReportSchema),
};
