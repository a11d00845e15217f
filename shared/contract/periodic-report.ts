import { z } from 'zod';

const count = z.number().int().min(0);

/**
 * What one group (an agency, a procedure, a level, a post office, or a stretch of time) did in
 * the range. Each figure counts the events that happened in the range, so a past range reads
 * the same whenever it is asked for.
 */
export const PeriodFiguresSchema = z.object({
  /** taken in (accepted) */
  received: count,
  /** guided, not accepted */
  guided: count,
  /** handed over to the agency: on time is on or before the expected handover date */
  handedOver: count,
  handedOverLate: count,
  refused: count,
  supplementRequested: count,
  /** results handed to the citizen: on time is on or before the agency's appointment date */
  returned: count,
  returnedLate: count,
  /** returned with no appointment date known: neither on time nor late */
  returnedUndated: count,
  voided: count,
});
export type PeriodFigures = z.infer<typeof PeriodFiguresSchema>;

export const PeriodGroupSchema = PeriodFiguresSchema.extend({ key: z.string(), name: z.string() });
export type PeriodGroup = z.infer<typeof PeriodGroupSchema>;

/** Money by kind: each fee line's name, postage, and what voids gave back. */
export const MoneyLineSchema = z.object({ name: z.string(), count, amount: z.number().int() });
export type MoneyLine = z.infer<typeof MoneyLineSchema>;

export const PeriodicReportSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** the stretch of each point of `overTime`: days for a range up to two months, else months */
  step: z.enum(['day', 'month']),
  total: PeriodFiguresSchema,
  byAgency: z.array(PeriodGroupSchema),
  byProcedure: z.array(PeriodGroupSchema),
  byLevel: z.array(PeriodGroupSchema),
  byOffice: z.array(PeriodGroupSchema),
  /** one point per day or month of the range, in order, empty ones included */
  overTime: z.array(PeriodGroupSchema),
  money: z.object({
    fees: z.array(MoneyLineSchema),
    postage: MoneyLineSchema,
    /** fees and postage of the dossiers voided in the range, to be given back */
    refunds: MoneyLineSchema,
    /** fees + postage − refunds */
    net: z.number().int(),
  }),
});
export type PeriodicReport = z.infer<typeof PeriodicReportSchema>;
