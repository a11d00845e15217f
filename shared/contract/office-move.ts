import { z } from 'zod';
import { AuditCheckSchema } from './audit.js';
import { MsgSchema } from './schemas.js';

/**
 * Moving a counter's SQLite data into the office's PostgreSQL server (decision 0033): first what
 * would move, then the move itself, all or nothing.
 */

/** One table's rows, named for the administrator. */
export const MoveKindSchema = z.object({
  table: z.string(),
  name: MsgSchema,
  rows: z.number().int(),
});

/** A year of the register book as the counter holds it: the numbers that will keep their values. */
export const MoveRegisterYearSchema = z.object({
  year: z.number().int(),
  dossiers: z.number().int(),
  firstSeq: z.number().int(),
  lastSeq: z.number().int(),
  /** the year's counter: the number the next intake follows */
  lastIssued: z.number().int(),
});

export const OfficeMovePreviewSchema = z.object({
  kinds: z.array(MoveKindSchema),
  registerYears: z.array(MoveRegisterYearSchema),
  /** the first and last day a dossier was taken in (Hà Nội days), null with no dossier */
  firstDay: z.string().nullable(),
  lastDay: z.string().nullable(),
  /** the counter's audit trail checked now; it moves as it is */
  audit: AuditCheckSchema,
  server: z.object({ host: z.string(), port: z.number().int(), database: z.string() }),
  /** the counter's agency tokens the office server will not take (no agency of it sends there), in words; null when none */
  tokensLeftBehind: MsgSchema.nullable(),
  /** why the move would be refused, in words; null when it may go ahead */
  refusal: MsgSchema.nullable(),
});
export type OfficeMovePreview = z.infer<typeof OfficeMovePreviewSchema>;

export const OfficeMoveResultSchema = z.object({
  preview: OfficeMovePreviewSchema,
  movedAt: z.string(),
  rows: z.number().int(),
  /** the entry "office.moved" took in the audit trail on the server */
  auditEntry: z.number().int(),
  /** the file beside the SQLite database that says it moved; the database itself is not changed */
  marker: z.string(),
  summary: MsgSchema,
});
export type OfficeMoveResult = z.infer<typeof OfficeMoveResultSchema>;
