import type { ReactNode } from 'react';
import { useT } from '../i18n.js';

/**
 * A list edited in place: one row of inputs per item, a Remove button on each, an Add button below.
 * Empty, it says so and how to add (headers over nothing read as a fault), as F4 does.
 */
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
  empty,
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
  /** what an empty list means for the counter, before the line on how to add */
  empty: string;
}) {
  const t = useT();
  const add = (
    <button type="button" className="secondary" onClick={() => onChange([...rows, blank()])}>
      {addLabel}
    </button>
  );
  if (rows.length === 0) return <EmptyList caption={caption} what={empty} addLabel={addLabel} action={add} />;
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
          <td colSpan={headers.length + 1}>{add}</td>
        </tr>
      </tfoot>
    </table>
  );
}

/** An empty list's line: its name, what empty means, and the button that adds the first item. */
export function EmptyList({ caption, what, addLabel, action }: { caption?: string; what: string; addLabel: string; action?: ReactNode }) {
  const t = useT();
  return (
    <div className="empty-list">
      <p className="muted">
        {caption && <b>{caption}: </b>}
        {what} {t('pressToAdd').replace('{add}', addLabel)}
      </p>
      {action}
    </div>
  );
}
