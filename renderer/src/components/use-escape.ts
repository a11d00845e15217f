import { useEffect, useLayoutEffect, useRef } from 'react';

/** Handlers in the order they appeared: Esc goes to the last one only (a dialog over a view). */
const open: { current: () => void }[] = [];
const onKey = (e: KeyboardEvent) => {
  if (e.key === 'Escape') open.at(-1)?.current();
};

/**
 * Esc closes a dialog or goes back, never the dossier being typed (it only runs while mounted).
 * With a dialog open over a view that also goes back on Esc, only the dialog closes.
 */
export function useEscape(onEscape: () => void): void {
  const latest = useRef(onEscape);
  useEffect(() => {
    latest.current = onEscape;
  });
  // Taken at commit, with the view's autofocus: an Esc pressed as soon as the view shows is its own.
  useLayoutEffect(() => {
    const entry = { current: () => latest.current() };
    open.push(entry);
    if (open.length === 1) window.addEventListener('keydown', onKey);
    return () => {
      open.splice(open.indexOf(entry), 1);
      if (open.length === 0) window.removeEventListener('keydown', onKey);
    };
  }, []);
}
