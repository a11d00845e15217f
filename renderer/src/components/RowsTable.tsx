import type { ReactNode } from 'react';
import { useT } from '../i18n.js';

/** A list edited in place: one row of inputs per item, a Remove button on each, an Add button below. */
export function RowsTable<T>({
  label,
  caption,
  className,
  headers,
  rows,
  cells,
  onChange,
  blank,
  addLabel,
}: {
  label: string;
  caption?: string;
  className: string;
  headers: string[];
  rows: T[];
  /** the cells of row i, one per header */
  cells: (row: T, i: number) => ReactNode[];
  onChange: (rows: T[]) => void;
  blank: () => T;
  addLabel: string;
}) {
  const t = useT();
  return (
    <table className={`grid ${className}`} aria-label={label}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {headers.map((h) => (
            <th scope="col" key={h}>
              {h}
            </th>
          ))}
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i}>
            {cells(row, i).map((cell, c) => (
              <td key={c}>{cell}</td>
            ))}
            <td>
              <button type="button" className="secondary" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {t('remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={headers.length + 1}>
            <button type="button" className="secondary" onClick={() => onChange([...rows, blank()])}>
              {addLabel}
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
