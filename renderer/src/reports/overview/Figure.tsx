/**
 * One number of the overview, large, beside its words. With `onOpen` the words and number are a
 * button that shows the dossiers behind it; the note sits below, outside it. Past due is red,
 * and its words say so too (never a colour alone).
 */
export function Figure({ label, value, late, note, chosen, onOpen }: { label: string; value: number; late?: boolean; note?: string; chosen?: boolean; onOpen?: () => void }) {
  const body = (
    <>
      <span className="figure-label">{label}</span> <span className="figure-value">{value}</span>
    </>
  );
  return (
    <div className={`figure${late ? ' late' : ''}${chosen ? ' chosen' : ''}`}>
      {onOpen ? (
        <button type="button" className="figure-line" aria-pressed={chosen} onClick={onOpen}>
          {body}
        </button>
      ) : (
        <div className="figure-line">{body}</div>
      )}
      {note && <span className="figure-note">{note}</span>}
    </div>
  );
}
