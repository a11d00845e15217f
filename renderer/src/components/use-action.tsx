import { useCallback, useState } from 'react';
import { errorData } from '../rpc.js';
import { useT } from '../i18n.js';

export type Note = { ok: boolean; text: string } | undefined;

/**
 * A call a button starts: buttons wait while it runs, and how it went becomes one line, the
 * failure in the core's own words in the clerk's language. `work` returns the line for success
 * (or nothing to say nothing); `run` resolves true when it succeeded.
 */
export function useAction() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<Note>();
  const run = useCallback(
    async (work: () => Promise<string | undefined>): Promise<boolean> => {
      setBusy(true);
      setNote(undefined);
      try {
        const done = await work();
        if (done) setNote({ ok: true, text: done });
        return true;
      } catch (e) {
        setNote({ ok: false, text: t.msg(errorData(e)) });
        return false;
      } finally {
        setBusy(false);
      }
    },
    [t],
  );
  return { busy, note, setNote, run };
}

/** The line an action left, read out by screen readers as it changes. */
export function NoteLine({ note }: { note: Note }) {
  if (!note) return null;
  return (
    <p role="status" className={note.ok ? 'ok-text' : 'error-text'}>
      {note.text}
    </p>
  );
}
