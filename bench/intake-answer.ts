import { IntakeInputSchema, IntakeOutcomeSchema } from '../shared/contract/index.js';
import { ADMIN, sampleIntake, startCore } from '../tests/support/core-harness.js';
import { fromMs, measure, summarise, type Row } from './stats.js';
import { timingPrinter } from './status-printer.js';

const row = (variant: string, ms: number[], note?: string): Row => summarise('intake answered', variant, fromMs(ms), note);

/**
 * The clerk's wait: an intake over the contract (browser-mode HTTP) until its answer, with a
 * network printer set up; when the printer sees the first byte of the dossier's first job;
 * and 20 intakes sent at once, where drawing on the request path would make each wait for
 * the others' receipts.
 */
export async function benchIntakeAnswer(n = 60): Promise<Row[]> {
  const printer = await timingPrinter();
  const h = await startCore();
  try {
    await h.client.settings.update({ printer: { connection: 'network', host: '127.0.0.1', port: printer.port } });
    const answered: number[] = [];
    const firstByte: number[] = [];
    for (let i = 0; i < n + 5; i++) {
      const seen = printer.firstBytes.length;
      const t0 = performance.now();
      await h.client.dossiers.intake(sampleIntake(1));
      const t1 = performance.now();
      await h.core.printing.idle();
      if (i < 5) continue; // warm-up
      answered.push(t1 - t0);
      firstByte.push(printer.firstBytes[seen]! - t0);
    }
    // Where the answer's time goes outside the database: the same intake without HTTP (the core's
    // own call, as Electron's message port reaches it less its framing), then the contract's
    // checks of the input and the answer and the JSON each way, on a real answer.
    const actor = h.core.auth.actor({ code: ADMIN.clerkCode, name: ADMIN.clerkName });
    const inCore: number[] = [];
    let outcome: unknown;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      outcome = await h.core.takeIn(sampleIntake(1), actor);
      inCore.push(performance.now() - t0);
      await h.core.printing.idle();
    }
    const input = sampleIntake(1);
    const checks = [
      await measure('intake answered, parts', 'zod: the input checked (IntakeInputSchema)', Array.from({ length: n }, () => () => IntakeInputSchema.parse(input))),
      await measure('intake answered, parts', 'zod: the answer checked (IntakeOutcomeSchema)', Array.from({ length: n }, () => () => IntakeOutcomeSchema.parse(outcome))),
      await measure('intake answered, parts', 'JSON: the input and the answer, each way', Array.from({ length: n }, () => () => JSON.parse(JSON.stringify(input)) && JSON.parse(JSON.stringify(outcome)))),
    ];
    const together = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const t0 = performance.now();
        await h.client.dossiers.intake(sampleIntake(1));
        return performance.now() - t0;
      }),
    );
    await h.core.printing.idle();
    return [
      row('one at a time, until the answer', answered, 'network printer set up'),
      row('accept → first byte at the printer', firstByte, 'TCP 9100 on loopback'),
      row('20 sent at once, each until its answer', together, `slowest ${Math.round(Math.max(...together))} ms`),
      summarise('intake answered, parts', 'core.takeIn without HTTP', fromMs(inCore), 'the row "one at a time" less this is HTTP and the contract'),
      ...checks,
    ];
  } finally {
    await h.stop();
    await printer.close();
  }
}
