import { afterEach, expect, it, vi } from 'vitest';
import { PrintJobRepository } from '../../electron/core/devices/printer/print-job-repository.js';
import { ADMIN, sampleIntake, startCore, type Harness } from '../support/core-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await h?.stop();
});

/**
 * The print worker's reads share the core's thread with the answer: started while the answer was
 * still on its way, they delayed it. The answer is handed back first; the papers then print.
 */
it('hands back the intake’s answer before the print worker reads its first job, then prints all three', async () => {
  h = await startCore();
  const order: string[] = [];
  const nextQueued = PrintJobRepository.prototype.nextQueued;
  vi.spyOn(PrintJobRepository.prototype, 'nextQueued').mockImplementation(function (this: PrintJobRepository) {
    order.push('worker reads the next job');
    return nextQueued.call(this);
  });
  const answer = await h.core.takeIn(sampleIntake(1), h.core.auth.actor({ code: ADMIN.clerkCode, name: ADMIN.clerkName }));
  order.push('answer handed back');
  await h.core.printing.idle();
  await new Promise((r) => setImmediate(r));
  await h.core.printing.idle();
  expect(order[0]).toBe('answer handed back');
  expect(order).toContain('worker reads the next job');
  expect(answer.printJobs.map((j) => j.state)).toEqual(['queued', 'queued', 'queued']);
  expect((await h.client.printing.jobs({ dossierId: answer.dossierId })).map((j) => j.state)).toEqual(['saved', 'saved', 'saved']);
});
