/**
 * What stops the form, at its top: the name of each field with a problem, as a link that puts
 * focus in it (the problem itself is said beside the field), so a long form never hides one
 * below the fold.
 */
export function ErrorSummary({ title, fields, onGo }: { title: string; fields: { key: string; label: string }[]; onGo: (key: string) => void }) {
  if (fields.length === 0) return null;
  return (
    <div className="alert error error-summary" role="alert">
      <b>{title}</b>{' '}
      {fields.map((f, i) => (
        <span key={f.key}>
          {i > 0 && ' · '}
          <a
            href={`#${f.key}`}
            onClick={(e) => {
              e.preventDefault();
              onGo(f.key);
            }}
          >
            {f.label}
          </a>
        </span>
      ))}
    </div>
  );
}
