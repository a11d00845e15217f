import { z } from 'zod';
import { MsgSchema } from './schemas.js';

/** What "Kiểm tra" found in the audit chain (decision 0031); entries are named by their number. */
export const AuditProblemSchema = z.object({
  kind: z.enum(['altered', 'removed', 'reordered', 'unsigned']),
  /** the entry's number in the chain (for 'unsigned', the row's id: it has no number) */
  entry: z.number().int(),
  /** 'removed': the last of a run of removed entries; 'reordered': the entry it now comes after */
  other: z.number().int().nullable(),
  message: MsgSchema,
});
export type AuditProblem = z.infer<typeof AuditProblemSchema>;

export const AuditCheckSchema = z.object({
  intact: z.boolean(),
  /** entries carrying a MAC */
  entries: z.number().int(),
  /** entries written before the chain existed, which carry none */
  unchained: z.number().int(),
  /** the last entry's number and time: removing entries from the end shows only as a shorter log */
  last: z.object({ entry: z.number().int(), at: z.string() }).nullable(),
  problems: z.array(AuditProblemSchema),
  summary: MsgSchema,
});
export type AuditCheck = z.infer<typeof AuditCheckSchema>;

export const AuditListInputSchema = z.object({
  clerkCode: z.string().max(40).optional(),
  /** Hà Nội days, inclusive */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  action: z.string().max(60).optional(),
  /** entries whose detail names this dossier id */
  dossierId: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(500).default(200),
});
export type AuditListInput = z.infer<typeof AuditListInputSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  entry: z.number().int().nullable(),
  at: z.string(),
  action: z.string(),
  clerkCode: z.string(),
  counterCode: z.string(),
  detail: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
