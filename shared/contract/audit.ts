import { z } from 'zod';
import { MsgSchema } from './schemas.js';

/** What "Kiểm tra" found in the audit chain (decision 0031); entries are named by their number. */
export const AuditProblemSchema = z.object({
  kind: z.enum(['altered', 'removed', 'reordered', 'unsigned', 'marker', 'purge', 'dossier']),
  /** the entry's number in the chain (for 'unsigned', the row's id: it has no number; 0 for 'marker'; for 'purge', the purge record's id; for 'dossier', the dossier's id) */
  entry: z.number().int(),
  /** 'removed': the last of a run of removed entries; 'reordered': the entry it now comes after */
  other: z.number().int().nullable(),
  message: MsgSchema,
});
export type AuditProblem = z.infer<typeof AuditProblemSchema>;

/** Without `full`, a check starts at the last entry an earlier check found sound. */
export const AuditCheckInputSchema = z.object({ full: z.boolean().optional() }).optional();

export const AuditCheckSchema = z.object({
  intact: z.boolean(),
  /** entries carrying a MAC */
  entries: z.number().int(),
  /** entries written before the chain existed, which carry none */
  unchained: z.number().int(),
  /** the last entry's number and time: removing entries from the end shows only as a shorter log */
  last: z.object({ entry: z.number().int(), at: z.string() }).nullable(),
  /** entries removed by retention purges (decision 0044), which their signed checkpoints stand for */
  purged: z.number().int(),
  /** where this check started: the last entry an earlier check found sound; null for a full check */
  from: z.object({ entry: z.number().int(), checkedAt: z.string() }).nullable(),
  problems: z.array(AuditProblemSchema),
  /** the row check (decision 0066), when it ran: dossiers whose seals matched, and those from before the seals */
  dossiers: z.object({ sealed: z.number().int(), beforeSeals: z.number().int() }).optional(),
  /** one line: intact with how many entries up to which one, or how many problems */
  headline: MsgSchema,
  /** the headline followed by every problem's words (logs, the command line) */
  summary: MsgSchema,
});
export type AuditCheck = z.infer<typeof AuditCheckSchema>;

/** A check under way (decision 0066): the dossiers checked so far of those there were when it started. */
export const AuditCheckProgressSchema = z
  .object({
    full: z.boolean(),
    checked: z.number().int(),
    total: z.number().int(),
  })
  .nullable();
export type AuditCheckProgress = z.infer<typeof AuditCheckProgressSchema>;

export const AuditListInputSchema = z.object({
  clerkCode: z.string().max(40).optional(),
  /** Hà Nội days, inclusive */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  action: z.string().max(60).optional(),
  /** entries about this dossier: its item number, agency dossier code or guidance slip code */
  dossier: z.string().trim().min(1).max(60).optional(),
  /** the next page: entries older than this row (the `next` of the page before) */
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type AuditListInput = z.infer<typeof AuditListInputSchema>;

/**
 * One entry as the supervisor reads it: in words, by whom, when, on what. The stored detail stays
 * in the core: a lookup's query is a citizen's ID number or name, and only a masked form is shown.
 */
export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** the entry's number in the chain; null for entries written before the chain */
  entry: z.number().int().nullable(),
  at: z.string(),
  action: z.string(),
  what: MsgSchema,
  about: MsgSchema,
  clerkCode: z.string(),
  /** the account's name, when the code is one of this office's accounts */
  clerkName: z.string().nullable(),
  counterCode: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** pass as `before` for the older entries; null on the last page */
  next: z.number().int().nullable(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** The audit key sealed with an administrator's passphrase (decision 0055): never the key itself. */
export const AuditKeyFileSchema = z.object({
  fileName: z.string(),
  contentBase64: z.string(),
  /** names the key without giving it away; the same on every counter holding it */
  fingerprint: z.string(),
});

/** An exported key file (about 500 bytes) and its passphrase. */
export const AuditKeyImportSchema = z.object({
  contentBase64: z.string().max(8_000),
  passphrase: z.string().max(200),
});

export const AuditKeyImportedSchema = z.object({
  fingerprint: z.string(),
  restartNeeded: z.boolean(),
  message: MsgSchema,
});
