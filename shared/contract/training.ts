import { z } from 'zod';

/** Whether the counter runs on its training database (decision 0045), and since when. */
export const TrainingStateSchema = z.object({ on: z.boolean(), since: z.string().nullable() });
export type TrainingState = z.infer<typeof TrainingStateSchema>;
