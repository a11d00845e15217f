import type { IntakeInput, IntakeResult } from '../shared/contract/index.js';
import type { PrintService } from '../electron/core/devices/printer/print-service.js';
import type { IntakeService } from '../electron/core/dossiers/intake-service.js';
import type { Actor } from '../electron/core/system/actor.js';

/**
 * The intake's commit as the app makes it (decision 0057): the dossier and its receipts and label
 * in one transaction, the jobs recorded but not sent (the worker's sending is not timed here).
 */
export const appCommit =
  (intake: IntakeService, printing: PrintService) =>
  (input: IntakeInput, actor: Actor): Promise<IntakeResult> =>
    intake.intake(input, actor, async (tx, dossier, accepted) => void (await printing.queueInIntake(tx, dossier, accepted, actor)));
