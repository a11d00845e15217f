/** Long enough for any call a button waits on; after that the button is disabled for a reason of its own. */
const WAIT_MS = 30_000;
const FOCUSABLE = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), [tabindex="0"]';

const lostToPage = () => document.activeElement === null || document.activeElement === document.body;
const shown = (el: HTMLElement) => el.offsetParent !== null;

/**
 * Buttons wait, disabled, while the call they started runs (`useAction`), and the browser drops
 * focus to the page when a focused control is disabled, or taken off the screen by what it did
 * (a form replaced by what it recorded): the clerk who pressed Enter would have to reach for the
 * mouse. Installed once: a disabled control gets focus back when it is enabled again; a control
 * taken away leaves it to the first control of the nearest part of its screen still shown.
 * Nothing is done when focus went somewhere meanwhile (a field the answer opened, a click), nor
 * when the whole screen went (the new screen focuses its own first field).
 */
export function keepFocusThroughBusy(): void {
  document.addEventListener(
    'focusout',
    (e) => {
      const control = e.target;
      if (e.relatedTarget !== null || !(control instanceof HTMLButtonElement || control instanceof HTMLInputElement || control instanceof HTMLSelectElement)) return;
      // the parts of its screen around it, read now: a control being removed still has them
      const around: HTMLElement[] = [];
      for (let el = control.parentElement; el && el !== document.body && el.parentElement?.tagName !== 'MAIN'; el = el.parentElement) around.push(el);
      const fallBack = () => {
        const place = around.find((el) => el.isConnected && shown(el));
        [...(place?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])].find(shown)?.focus();
      };
      // Disabled now, it may be enabled again before the page settles (a quick answer); enabled
      // and still there, it lost focus to a click elsewhere, the clerk's own move.
      const disabled = control.disabled;
      requestAnimationFrame(() => {
        if (!lostToPage()) return;
        if (!control.isConnected) return fallBack();
        if (!disabled && !control.disabled) return;
        waitForControl(control, fallBack);
      });
    },
    true,
  );
}

/**
 * Until focus goes elsewhere or WAIT_MS pass: the control, once enabled and shown again, takes
 * focus back; removed, its place does. Woken by the page's changes (its `disabled`, a part shown
 * or hidden, a part removed) rather than by a timer, so a long call costs nothing while it runs.
 */
function waitForControl(control: HTMLButtonElement | HTMLInputElement | HTMLSelectElement, fallBack: () => void): void {
  const settled = (): boolean => {
    if (!lostToPage()) return true;
    if (control.isConnected && (control.disabled || !shown(control))) return false;
    if (control.isConnected) control.focus();
    else fallBack();
    return true;
  };
  if (settled()) return;
  const observer = new MutationObserver(() => settled() && stop());
  const timer = setTimeout(() => stop(), WAIT_MS);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['disabled', 'class', 'style', 'hidden'] });
}
