/**
 * One number of the overview, large, under its words. With `onOpen` it is a button that shows
 * the dossiers behind it; past due is red, and says so in words too (never a colour alone).
 */
export function Figure({ label, value, late, note, chosen, onOpen }: { label: string; value: number; late?: boolean; note?: string; chosen?: boolean; onOpen?: () => void }) {
  const body = (
    <>
      <span className="figure-label">{label}</span>{' '}
      <span className="figure-value">{value}</span>
      {note && (
        <>
          {' '}
          <span className="figure-note">{note}</span>
        </>
      )}
    </>
  );
  const className = `figure${late ? ' late' : ''}${chosen ? ' chosen' : ''}`;
  return onOpen ? (
    <button type="button" className={className} aria-pressed={chosen} onClick={onOpen}>
      {body}
    </button>
  ) : (
    <div className={className}>{body}</div>
  );
}
