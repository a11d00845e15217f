const FIELD = 'input:not([type="hidden"]):not([disabled]):not([tabindex="-1"]), select:not([disabled]), textarea:not([disabled])';

/**
 * A screen just arrived: focus its first field, so the clerk types at once (its title when it has none). Screens that load
 * their content are waited for (a part still loading marks itself `data-loading`; up to about a
 * second). Focus the clerk already put somewhere visible inside the screen is left alone (a
 * screen kept mounted but hidden does not count).
 */
export function focusFirstField(screen: HTMLElement | null): () => void {
  let frames = 60;
  let handle = 0;
  let title: HTMLElement | null | undefined;
  const attempt = () => {
    const at = document.activeElement;
    if (!screen || (at !== title && screen.contains(at) && at instanceof HTMLElement && at.offsetParent !== null)) return;
    const loading = screen.querySelector('[data-loading]') !== null;
    const field = [...screen.querySelectorAll<HTMLElement>(FIELD)].find((el) => el.offsetParent !== null);
    if (field && (!loading || frames === 0)) return field.focus();
    // nothing to type yet: the title holds focus while a field may still come
    if (!field && !loading) title ??= focusTitle(screen);
    if (frames-- > 0) handle = requestAnimationFrame(attempt);
  };
  handle = requestAnimationFrame(attempt);
  return () => cancelAnimationFrame(handle);
}

/**
 * A screen with nothing to type (F4 before a batch is opened) takes focus on its title, not
 * left on the page: the next Tab goes to the screen's first button, not to the menu.
 */
function focusTitle(screen: HTMLElement): HTMLElement | null {
  const title = [...screen.querySelectorAll<HTMLElement>('h1')].find((el) => el.offsetParent !== null) ?? null;
  if (!title) return null;
  title.tabIndex = -1;
  title.focus();
  return title;
}
