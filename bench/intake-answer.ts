import { sampleIntake, startCore } from '../tests/support/core-harness.js';
import { fromMs, summarise, type Row } from './stats.js';
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
    ];
  } finally {
    await h.stop();
    await printer.close();
  }
}
