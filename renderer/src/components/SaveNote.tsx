import type { Msg } from '../../../shared/i18n/msg.js';
import { useT } from '../i18n.js';

/** What a save answered, beside its button: kept as both languages, so a switch re-words it. */
export function SaveNote({ note }: { note: { ok: boolean; text: Msg } | undefined }) {
  const t = useT();
  if (!note) return null;
  return (
    <span role="status" className={note.ok ? 'ok-text' : 'error-text'}>
      {t.msg(note.text)}
    </span>
  );
}
