import { foldVi } from '../../../shared/text/fold.js';
import type { Table } from './read-tables.js';

export interface ColumnSpec<K extends string> {
  key: K;
  /** how messages name the column */
  label: string;
  required: boolean;
  /** tested against the folded header text */
  matches: (folded: string) => boolean;
}

export interface Header<K extends string> {
  /** the last header row; data starts below it */
  headerRow: number;
  map: Map<K, number>;
  /** each matched column's header text as published */
  labels: Map<K, string>;
}

/** A title merged across the sheet repeats one text in every cell: it names no column. */
const isTitle = (cells: string[]) => new Set(cells.filter((c) => c !== '')).size <= 1;

/** Rows that hold no data: the "(1) (2) (3)" column numbering under a published header. */
export function isDecoration(cells: string[]): boolean {
  const filled = cells.filter((c) => c !== '');
  return filled.length === 0 || filled.every((c) => /^\(?\d{1,2}\)?$/.test(c));
}

function match<K extends string>(labels: string[], columns: ColumnSpec<K>[]): Omit<Header<K>, 'headerRow'> {
  const map = new Map<K, number>();
  const found = new Map<K, string>();
  const folded = labels.map((l) => foldVi(l));
  for (const c of columns) {
    const at = folded.findIndex((h) => h !== '' && c.matches(h));
    if (at >= 0) {
      map.set(c.key, at);
      found.set(c.key, labels[at]!);
    }
  }
  return { map, labels: found };
}

/**
 * A table's header is the row, or pair of rows, among its first 12 that names the most columns.
 * Published lists use two-line headers: a group cell merged over sub-headers ("Thực hiện qua BCCI"
 * over "Tiếp nhận hồ sơ" / "Trả kết quả"), and single headers merged down over both lines; a
 * column's label is then its two lines joined, each said once.
 */
export function findHeader<K extends string>(table: Table, columns: ColumnSpec<K>[], mustHave: K[]): Header<K> | null {
  let best: Header<K> | null = null;
  let bestScore = 0;
  const rows = table.rows.slice(0, 12);
  for (const [i, r] of rows.entries()) {
    const candidates = [r.cells];
    const above = rows[i - 1];
    if (above && above.row === r.row - 1 && !isTitle(above.cells)) {
      const width = Math.max(above.cells.length, r.cells.length);
      candidates.push(
        Array.from({ length: width }, (_, c) => [...new Set([above.cells[c] ?? '', r.cells[c] ?? ''])].filter(Boolean).join(' ')),
      );
    }
    for (const labels of candidates) {
      const m = match(labels, columns);
      if (mustHave.every((k) => m.map.has(k)) && m.map.size > bestScore) {
        best = { ...m, headerRow: r.row };
        bestScore = m.map.size;
      }
    }
  }
  return best;
}
