/** Percentiles and a plain table, shared by every benchmark. */
export interface Row {
  bench: string;
  variant: string;
  n: number;
  median_us: number;
  p99_us: number;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}

/** Times each call (awaited, when it returns a promise) in microseconds and summarises as median and p99. */
export async function measure(bench: string, variant: string, calls: (() => unknown)[], note?: string): Promise<Row> {
  const times: number[] = [];
  for (const call of calls) {
    const t0 = process.hrtime.bigint();
    await call();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  return summarise(bench, variant, times, note);
}

/** A row from times already taken, in microseconds. */
export function summarise(bench: string, variant: string, us: number[], note?: string): Row {
  const sorted = [...us].sort((a, b) => a - b);
  return { bench, variant, n: sorted.length, median_us: round(percentile(sorted, 50)), p99_us: round(percentile(sorted, 99)), note };
}

/** Times taken in milliseconds (`performance.now()`), in the microseconds `summarise` takes. */
export const fromMs = (ms: number[]) => ms.map((x) => x * 1000);

const round = (x: number) => Math.round(x * 10) / 10;

export function printTable(rows: Row[]): string {
  const cols = ['bench', 'variant', 'n', 'median_us', 'p99_us', 'note'] as const;
  const cells = rows.map((r) => cols.map((c) => String(r[c] ?? '')));
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => v.padEnd(widths[i]!)).join(' | ')} |`;
  return [line([...cols]), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}
