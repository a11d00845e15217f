/**
 * What stops the form, at its top: one line per field, each a link that puts focus in that
 * field, so a long form never hides a problem below the fold.
 */
export function ErrorSummary({ title, items, onGo }: { title: string; items: { key: string; label: string; text: string }[]; onGo: (key: string) => void }) {
  if (items.length === 0) return null;
  return (
    <div className="alert error error-summary" role="alert">
      <b>{title}</b>
      <ul>
        {items.map((i) => (
          <li key={i.key}>
            <a
              href={`#${i.key}`}
              onClick={(e) => {
                e.preventDefault();
                onGo(i.key);
              }}
            >
              {i.label}
            </a>
            : {i.text}
          </li>
        ))}
      </ul>
    </div>
  );
}
