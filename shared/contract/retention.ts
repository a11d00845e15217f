import { oc } from '@orpc/contract';
import { z } from 'zod';
import { MsgSchema } from './schemas.js';

/** Retention purge (decision 0044): settled records older than the office's period, an administrator's. */

export const RetentionPeriodSchema = z.object({
  /** years; at least 5, 5 until an administrator sets it */
  years: z.number().int(),
  setAt: z.string().nullable(),
  setBy: z.string().nullable(),
});
export type RetentionPeriod = z.infer<typeof RetentionPeriodSchema>;

export const RetentionPreviewSchema = z.object({
  years: z.number().int(),
  /** records settled before this instant (the start of that Hà Nội day) would be removed */
  cutoff: z.string(),
  cutoffDay: z.iso.date(),
  /** settled dossiers to remove, by the year they were taken in */
  dossiers: z.number().int(),
  byYear: z.array(z.object({ year: z.number().int(), dossiers: z.number().int() })),
  /** the Hà Nội days the oldest and newest of them were taken in */
  oldest: z.iso.date().nullable(),
  newest: z.iso.date().nullable(),
  /** dossiers taken in before the cutoff that are not settled yet: they stay */
  keptOpen: z.number().int(),
  /** audit entries to remove; a signed checkpoint stands for them in the chain */
  entries: z.number().int(),
});
export type RetentionPreview = z.infer<typeof RetentionPreviewSchema>;

export const RetentionPurgeResultSchema = z.object({
  dossiers: z.number().int(),
  entries: z.number().int(),
  message: MsgSchema,
});
export type RetentionPurgeResult = z.infer<typeof RetentionPurgeResultSchema>;

export const retentionContract = {
  /** the office's retention period */
  period: oc.output(RetentionPeriodSchema),
  /** sets it (administrator, audited); under five years is refused in words */
  setPeriod: oc.input(z.object({ years: z.number().int().min(1).max(100) })).output(RetentionPeriodSchema),
  /** what a purge would remove now; changes nothing */
  preview: oc.output(RetentionPreviewSchema),
  /** removes what the preview showed for this cutoff (administrator, audited) */
  purge: oc.input(z.object({ cutoff: z.string().max(40) })).output(RetentionPurgeResultSchema),
};
