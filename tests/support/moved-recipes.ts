/**
 * What migration 035 must keep, checked the same way on either engine once a counter has started
 * on data from before it: the recipes moved into one row each, and the jobs printed then are
 * previewed and sent again byte for byte.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { IntakeResult, PrintJob } from '../../shared/contract/index.js';
import { sampleIntake, type Harness } from './core-harness.js';
import { rowOf } from './raw-sql.js';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const HOUR = 3_600_000;

/** Two dossiers of one clerk taken in and printed: six jobs sharing three recipes. */
export async function twoDossiersPrinted(h: Harness): Promise<{ first: IntakeResult; second: IntakeResult; before: PrintJob[] }> {
  const first = await h.client.dossiers.intake(sampleIntake(1));
  const second = await h.client.dossiers.intake(sampleIntake(1));
  await h.core.printing.idle();
  return { first, second, before: await h.client.printing.jobs({ dossierId: first.dossierId }) };
}

/**
 * `before`: the jobs of `first` as listed before the migration; `second`, another dossier of
 * the same clerk. The harness runs with `printKeepBytesHours: 1`.
 */
export async function expectRecipesMovedAndPrintedAsBefore(h: Harness, before: PrintJob[], first: IntakeResult, second: IntakeResult): Promise<void> {
  // Two receipt copies and a label: three recipes for both dossiers' six jobs.
  expect(await rowOf(h, 'SELECT count(*) AS n FROM print_recipes')).toEqual({ n: 3 });
  expect(await rowOf(h, 'SELECT count(*) AS n FROM print_jobs WHERE recipe_id IS NULL')).toEqual({ n: 0 });
  // A job made after the migration with the same recipe shares its row.
  await h.client.dossiers.intake(sampleIntake(1));
  await h.core.printing.idle();
  expect(await rowOf(h, 'SELECT count(*) AS n FROM print_recipes')).toEqual({ n: 3 });

  // Past the window the old jobs keep no bytes: the preview is drawn again from the moved
  // recipe, the very picture saved when it was first printed.
  await h.setClock(new Date(h.clock.now.getTime() + 2 * HOUR));
  await h.client.printing.testPage();
  await h.core.printing.idle();
  expect(await rowOf(h, 'SELECT count(*) AS n FROM print_job_bytes WHERE job_id IN (SELECT id FROM print_jobs WHERE dossier_id = ?)', first.dossierId)).toEqual({ n: 0 });
  for (const job of before) {
    const saved = readFileSync(join(h.dataDir, 'print-preview', `${String(job.id).padStart(6, '0')}-${job.document}.png`));
    const preview = Buffer.from((await h.client.printing.preview({ jobId: job.id })).pngBase64, 'base64');
    expect(sha(preview)).toBe(sha(saved));
  }
  // Sent again, it is redrawn to the bytes first recorded; reprinted, it prints a new copy.
  const [receipt] = before;
  const retried = await h.client.printing.retry({ jobId: receipt!.id });
  const reprint = await h.client.printing.reprint({ dossierId: second.dossierId, document: 'receipt' });
  await h.core.printing.idle();
  expect((await h.client.printing.jobs({ dossierId: first.dossierId })).find((j) => j.id === retried.id)).toMatchObject({ state: 'saved', sha256: receipt!.sha256 });
  expect((await h.client.printing.jobs({ dossierId: second.dossierId })).find((j) => j.id === reprint.id)).toMatchObject({ state: 'saved', reprint: true });
}
