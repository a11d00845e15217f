import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

/** Rows drawn above and below the visible ones, so a quick scroll never shows a blank. */
const OVERSCAN = 10;

/**
 * A table that draws only the rows in view (plus a margin), however many it holds: with
 * 100,000 matches the page keeps a few dozen rows, all of the same height, and spacer rows
 * stand for the others so the scrollbar is true. One row at a time takes focus (↑ ↓, Page ↑/↓,
 * Home, End move it; Enter opens it), so the keyboard walks the whole list although most rows
 * are not drawn. `footer` sits after the table inside the scrolling box (e.g. "more results").
 */
export function WindowedTable<T>({
  label,
  headers,
  columns,
  rows,
  rowKey,
  cells,
  onOpen,
  footer,
  className,
  shownAgain = 0,
}: {
  label: string;
  /** the header cells (th), `columns` of them */
  headers: ReactNode;
  columns: number;
  rows: T[];
  rowKey: (row: T) => string | number;
  /** the cells (td) of a row */
  cells: (row: T) => ReactNode;
  onOpen: (row: T) => void;
  footer?: ReactNode;
  className?: string;
  /**
   * Raised each time the list shows again after being hidden (behind the row it opened): it
   * scrolls back to where it was and focuses the active row.
   */
  shownAgain?: number;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState({ top: 0, height: 800 });
  // Measured from a drawn row: every row has the height of one line of text (cells never wrap).
  const [rowHeight, setRowHeight] = useState(36);
  const [active, setActive] = useState(0);
  const focusActive = useRef(false);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // A hidden list has no height and may forget its offset: the last view seen is kept for its return.
    const seen = () => el.clientHeight > 0 && setView({ top: el.scrollTop, height: el.clientHeight });
    seen();
    el.addEventListener('scroll', seen, { passive: true });
    const resized = new ResizeObserver(seen);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', seen);
      resized.disconnect();
    };
  }, []);

  // A hidden list measures nothing (every box is 0 high): the header is taken as one row then.
  const headerHeight = box.current?.querySelector('thead')?.getBoundingClientRect().height || rowHeight;
  const first = Math.max(0, Math.floor((view.top - headerHeight) / rowHeight) - OVERSCAN);
  const last = Math.min(rows.length, Math.ceil((view.top + view.height) / rowHeight) + OVERSCAN);
  const current = Math.min(active, Math.max(0, rows.length - 1));
  // Tab reaches the list at the active row, or at the first drawn one when that row is scrolled away.
  const tabStop = current >= first && current < last ? current : first;

  useLayoutEffect(() => {
    const drawn = box.current?.querySelector<HTMLElement>('tbody tr[data-index]');
    // Not while hidden: a row 0 high would draw every row at once, numbered NaN, and lose the place.
    if (drawn && drawn.offsetHeight > 0 && Math.abs(drawn.offsetHeight - rowHeight) > 0.5) setRowHeight(drawn.offsetHeight);
    if (!focusActive.current) return;
    focusActive.current = false;
    box.current?.querySelector<HTMLElement>(`tr[data-index="${current}"]`)?.focus({ preventScroll: true });
  });

  // Shown again: the browser dropped the offset with the box, the last view seen still has it.
  useLayoutEffect(() => {
    const el = box.current;
    if (!shownAgain || !el) return;
    el.scrollTop = view.top;
    el.querySelector<HTMLElement>(`tr[data-index="${current}"]`)?.focus({ preventScroll: true });
  }, [shownAgain]);

  /** Moves focus to row `i`, scrolling it into view first so that it is drawn. */
  const moveTo = (i: number) => {
    const el = box.current;
    const next = Math.max(0, Math.min(rows.length - 1, i));
    if (!el) return;
    const top = headerHeight + next * rowHeight;
    // the last row brings the footer into view too (it may ask for the next page)
    if (next === rows.length - 1) el.scrollTop = el.scrollHeight;
    else if (top < el.scrollTop + headerHeight) el.scrollTop = top - headerHeight;
    else if (top + rowHeight > el.scrollTop + el.clientHeight) el.scrollTop = top + rowHeight - el.clientHeight;
    setView({ top: el.scrollTop, height: el.clientHeight });
    setActive(next);
    focusActive.current = true;
  };

  // Focus was on a row that scrolled away (and so is no longer drawn): the box keeps it, and
  // the next arrow brings the active row back into view.
  const focusInside = useRef(false);
  useLayoutEffect(() => {
    if (focusInside.current && box.current && !box.current.contains(document.activeElement)) box.current.focus({ preventScroll: true });
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== box.current && !(e.target instanceof HTMLTableRowElement)) return;
    const page = Math.max(1, Math.floor((box.current?.clientHeight ?? 0) / rowHeight) - 1);
    const to = { ArrowDown: current + 1, ArrowUp: current - 1, PageDown: current + page, PageUp: current - page, Home: 0, End: rows.length - 1 }[e.key];
    if (to !== undefined) {
      e.preventDefault();
      moveTo(to);
    } else if (e.key === 'Enter' && rows[current]) {
      e.preventDefault();
      onOpen(rows[current]);
    }
  };

  const spacer = (height: number) =>
    height > 0 && (
      <tr aria-hidden="true" className="spacer" style={{ height }}>
        <td colSpan={columns} />
      </tr>
    );

  return (
    <div
      className={`windowed ${className ?? ''}`}
      ref={box}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onFocus={() => (focusInside.current = true)}
      // a row taken off the page blurs with no new target: focus is still the list's
      onBlur={(e) => {
        if (e.relatedTarget && !e.currentTarget.contains(e.relatedTarget)) focusInside.current = false;
      }}
    >
      <table className="grid" aria-label={label} aria-rowcount={rows.length + 1}>
        <thead>
          <tr aria-rowindex={1}>{headers}</tr>
        </thead>
        <tbody>
          {spacer(first * rowHeight)}
          {rows.slice(first, last).map((row, n) => {
            const i = first + n;
            return (
              <tr
                key={rowKey(row)}
                data-index={i}
                aria-rowindex={i + 2}
                tabIndex={i === tabStop ? 0 : -1}
                onClick={() => onOpen(row)}
                onFocus={() => setActive(i)}
              >
                {cells(row)}
              </tr>
            );
          })}
          {spacer((rows.length - last) * rowHeight)}
        </tbody>
      </table>
      {footer}
    </div>
  );
}
