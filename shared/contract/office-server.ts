import { z } from 'zod';
import { bilingual } from './validation-words.js';

/**
 * Where an office keeps its shared register: a PostgreSQL server. A counter-local setting (each
 * counter names the server it reaches). The password is not part of it: settings are readable by
 * every clerk and stored in clear, so the password travels only with the call that uses it and is
 * kept in the operating system's secret store (decision 0024).
 */
export const TLS_MODES = ['disable', 'require', 'verify-full'] as const;

/** A PostgreSQL name (database, role) as given to the server at login: no spaces, at most 63 bytes. */
const pgName = (vi: string, en: string) =>
  z.string().max(63).regex(/^[A-Za-z_][A-Za-z0-9_$-]*$/, { message: bilingual(vi, en) });

/** As stored in settings: may be half filled in while the office is still on SQLite. */
export const OfficeServerSchema = z.object({
  host: z
    .string()
    .max(253)
    .regex(/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/, {
      message: bilingual('tên máy chủ hoặc địa chỉ IP không hợp lệ (ví dụ 10.0.0.5 hoặc db.buudien.local)', 'the server name or IP address is not valid (e.g. 10.0.0.5 or db.post.local)'),
    })
    .default('127.0.0.1'),
  port: z.number().int().min(1).max(65535).default(5432),
  database: pgName('tên cơ sở dữ liệu chỉ gồm chữ không dấu, số, gạch dưới', 'the database name takes letters without accents, digits and underscores only').default('bcci_office'),
  role: pgName('tên vai trò (role) chỉ gồm chữ không dấu, số, gạch dưới', 'the role name takes letters without accents, digits and underscores only').default('bcci_app'),
  /** disable: plain TCP (a trusted office LAN only); require: encrypted, certificate not checked; verify-full: encrypted and the certificate checked against `caFile` and the host name */
  tls: z.enum(TLS_MODES).default('verify-full'),
  /** the CA certificate (PEM) that signed the server's certificate; needed for verify-full */
  caFile: z.string().max(260).default(''),
});
export type OfficeServer = z.infer<typeof OfficeServerSchema>;

/** The setting: the server, and whether this counter keeps its data there (from its next start). */
export const OfficeServerSettingSchema = OfficeServerSchema.extend({ enabled: z.boolean().default(false) });
export type OfficeServerSetting = z.infer<typeof OfficeServerSettingSchema>;

/** What "Test the connection" sends: a complete server address and the role's password. */
export const OfficeServerTestSchema = z.object({
  server: OfficeServerSchema.superRefine((s, ctx) => {
    if (s.tls === 'verify-full' && s.caFile.trim() === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['caFile'],
        message: bilingual('kiểm tra chứng chỉ (verify-full) cần tệp chứng chỉ CA của máy chủ', 'verify-full needs the CA certificate file that signed the server’s certificate'),
      });
    }
  }),
  password: z.string().max(200),
});
export type OfficeServerTest = z.infer<typeof OfficeServerTestSchema>;

/** Where the test stopped, so the screen can point at the field concerned. */
export const OFFICE_SERVER_OUTCOMES = [
  'ok',
  'unreachable',
  'host-unknown',
  'timeout',
  'wrong-password',
  'no-database',
  'refused-by-server',
  'tls-required',
  'tls-unavailable',
  'tls-failed',
  'ca-file',
  'server-too-old',
  'superuser',
  'cannot-create',
  'schema-newer',
  'schema-mismatch',
] as const;

export const OfficeServerReportSchema = z.object({
  ok: z.boolean(),
  outcome: z.enum(OFFICE_SERVER_OUTCOMES),
  vi: z.string(),
  en: z.string(),
  /** the server's version, once it answered */
  serverVersion: z.string().nullable(),
  /** steps of the schema the server has applied, and how many this app would still apply */
  schema: z.object({ applied: z.number().int(), pending: z.number().int() }).nullable(),
});
export type OfficeServerReport = z.infer<typeof OfficeServerReportSchema>;

/**
 * How this counter reaches the office's data, for the status bar: `local` when it keeps its own
 * file; otherwise the server's link, `refused` when the counter cannot use it until someone acts.
 */
export const OFFICE_LINK_STATES = ['local', 'connecting', 'up', 'down', 'refused'] as const;
export const OfficeLinkSchema = z.object({
  state: z.enum(OFFICE_LINK_STATES),
  /** when this state began (ISO) */
  since: z.string(),
  /** why writes are refused, and what happens next; null when all is well */
  words: z.object({ vi: z.string(), en: z.string() }).nullable(),
});
export type OfficeLinkStatus = z.infer<typeof OfficeLinkSchema>;

/** "Save password": kept in a file only this computer's user may read, never in settings. */
export const OfficePasswordInputSchema = z.object({ password: z.string().min(1).max(200) });
