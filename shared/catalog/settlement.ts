/**
 * The settlement-time line printed on a receipt: the province's own words when the list gave
 * them, else the days read from them. No published time → no line: a guessed deadline would
 * mislead the citizen.
 */
export function settlementText(p: { deadlineText: string; deadlineDays: number | null; deadlineUnit: 'working' | 'calendar' | null }): string | null {
  if (p.deadlineText.trim() !== '' && !/^\d+$/.test(p.deadlineText.trim())) return `Thời hạn giải quyết: ${p.deadlineText.trim()}`;
  if (p.deadlineDays === null) return null;
  return `Thời hạn giải quyết: ${p.deadlineDays} ${p.deadlineUnit === 'calendar' ? 'ngày' : 'ngày làm việc'}`;
}
