/**
 * The settlement-time line printed on a receipt, from the procedure's (or the dossier's copy of
 * its) settlement days. No published time → no line: a guessed deadline would mislead the citizen.
 */
export function settlementText(p: { deadlineDays: number | null }): string | null {
  return p.deadlineDays === null ? null : `Thời hạn giải quyết: ${p.deadlineDays} ngày làm việc`;
}
