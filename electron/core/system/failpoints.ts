/**
 * Named places where a test can make this process die at once, as a power cut would:
 * `BCCI_FAILPOINTS=intake.committed` kills the process with SIGKILL when it gets there.
 * Crash tests use them to prove that what was committed survives and that a retry does
 * not do the work twice. Unset (always, outside those tests), a failpoint does nothing.
 */
const armed = new Set((process.env['BCCI_FAILPOINTS'] ?? '').split(',').map((s) => s.trim()).filter(Boolean));

export type Failpoint =
  /** the intake transaction has committed, before printing */
  | 'intake.committed'
  /** inside the intake transaction: the dossier row is written, its event and request key not yet */
  | 'intake.dossier-written';

export function failpoint(name: Failpoint): void {
  if (armed.has(name)) process.kill(process.pid, 'SIGKILL');
}
