import { z } from 'zod';
import { MsgSchema } from './schemas.js';

/** The administrator's backup passphrase: checked for length in the core, where the words are. */
export const PassphraseSchema = z.string().max(200);

/** The daily automatic backup of this machine (not part of a backup: the folder is this machine's). */
export const AutomaticBackupSchema = z.object({
  enabled: z.boolean().default(false),
  /** a folder that must exist: a missing USB drive or network share is reported, never created */
  folder: z.string().max(260).default(''),
  /** the hour of the day (Hà Nội time) it runs; missed while the app was closed, it runs at the next start */
  hour: z.number().int().min(0).max(23).default(17),
  /** how many automatic backups are kept in the folder; older ones are removed */
  keep: z.number().int().min(1).max(90).default(7),
});
export type AutomaticBackup = z.infer<typeof AutomaticBackupSchema>;

export const AutomaticBackupInputSchema = AutomaticBackupSchema.extend({
  /** needed to turn it on the first time and to change the passphrase; never stored */
  passphrase: PassphraseSchema.optional(),
});

export const BackupFileSchema = z.object({
  fileName: z.string(),
  path: z.string(),
  size: z.number().int(),
  createdAt: z.string(),
  kind: z.enum(['manual', 'automatic']),
});
export type BackupFile = z.infer<typeof BackupFileSchema>;

export const BackupStatusSchema = z.object({
  automatic: AutomaticBackupSchema,
  /** a passphrase was set for the automatic backup (its sealed key is held, never the passphrase) */
  hasKey: z.boolean(),
  /** where "Back up now" writes: the automatic folder when set, else backups/ in the data folder */
  folder: z.string(),
  lastSuccess: z.string().nullable(),
  /** why the last automatic backup failed, until one succeeds */
  problem: MsgSchema.nullable(),
  /** a restore is confirmed and waits for the app to start again */
  restorePending: z.boolean(),
  files: z.array(BackupFileSchema),
});
export type BackupStatus = z.infer<typeof BackupStatusSchema>;

export const RestorePreviewSchema = z.object({
  restoreId: z.string(),
  fileName: z.string(),
  backedUpAt: z.string(),
  appVersion: z.string(),
  office: z.object({ code: z.string(), name: z.string() }),
  dossiers: z.number().int(),
  lastRegisterNo: z.string().nullable(),
});
export type RestorePreview = z.infer<typeof RestorePreviewSchema>;

/** The largest backup the page can restore (decision 0050): its base64 is 4/3 of it. */
export const MAX_RESTORE_FILE_MB = 200;
export const MAX_RESTORE_BASE64 = Math.ceil((MAX_RESTORE_FILE_MB * 1024 * 1024 * 4) / 3);

export const RestoreInputSchema = z.object({
  fileName: z.string().max(260),
  /** base64 of the backup file, up to MAX_RESTORE_FILE_MB */
  contentBase64: z.string().max(MAX_RESTORE_BASE64),
  passphrase: PassphraseSchema,
});
