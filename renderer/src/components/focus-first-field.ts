const FIELD = 'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled])';

/**
 * A screen just arrived: focus its first field, so the clerk types at once. Screens that load
 * their content are waited for (a few frames, up to about a second); focus the clerk already
 * put somewhere inside the screen is left alone.
 */
export function focusFirstField(screen: HTMLElement | null): () => void {
  let frames = 60;
  let handle = 0;
  const attempt = () => {
    if (!screen || screen.contains(document.activeElement)) return;
    const field = [...screen.querySelectorAll<HTMLElement>(FIELD)].find((el) => el.offsetParent !== null);
    if (field) field.focus();
    else if (frames-- > 0) handle = requestAnimationFrame(attempt);
  };
  handle = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(handle);
}
