const FIELD = 'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled])';

/**
 * A screen just arrived: focus its first field, so the clerk types at once. Screens that load
 * their content are waited for (a part still loading marks itself `data-loading`; up to about a
 * second). Focus the clerk already put somewhere visible inside the screen is left alone (a
 * screen kept mounted but hidden does not count).
 */
export function focusFirstField(screen: HTMLElement | null): () => void {
  let frames = 60;
  let handle = 0;
  const attempt = () => {
    const at = document.activeElement;
    if (!screen || (screen.contains(at) && at instanceof HTMLElement && at.offsetParent !== null)) return;
    const loading = screen.querySelector('[data-loading]') !== null;
    const field = [...screen.querySelectorAll<HTMLElement>(FIELD)].find((el) => el.offsetParent !== null);
    if (field && (!loading || frames === 0)) field.focus();
    else if (frames-- > 0) handle = requestAnimationFrame(attempt);
  };
  handle = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(handle);
}
