/**
 * Named places where a test can make this process fail at once: `BCCI_FAILPOINTS=intake.committed`
 * kills the process with SIGKILL when it gets there, as a power cut would; `name:throw` throws
 * there instead, as a bug or a refused write would. Crash tests use them to prove that what was
 * committed survives, that what was not leaves nothing behind, and that a retry does not do the
 * work twice. Unset (always, outside those tests), a failpoint does nothing.
 */
const armed = new Map(
  (process.env['BCCI_FAILPOINTS'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const [name, how] = s.split(':');
      return [name!, how === 'throw' ? ('throw' as const) : ('kill' as const)];
    }),
);

export type Failpoint =
  /** the intake transaction has committed, before printing */
  | 'intake.committed'
  /** inside the intake transaction: the dossier row is written, its event and request key not yet */
  | 'intake.dossier-written'
  /** inside the close of a batch: the batch is marked closed, its upload not yet queued */
  | 'batch.closed-unqueued'
  /** inside the move to the office server: every row copied and the move audited, not yet committed */
  | 'office-move.copied'
  /** after the move: the server has committed, the counter's marker not yet written (the answer lost) */
  | 'office-move.committed'
  /** inside the transaction of a page of agency updates: its first update applied, the rest and the cursor not yet */
  | 'updates.page-half-applied';

export function failpoint(name: Failpoint): void {
  const how = armed.get(name);
  if (how === 'kill') process.kill(process.pid, 'SIGKILL');
  if (how === 'throw') throw new Error(`failpoint ${name}`);
}
