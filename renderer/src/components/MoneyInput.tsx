import { useLayoutEffect, useRef, type InputHTMLAttributes } from 'react';
import { groupAsTyped } from '../../../shared/format/money.js';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> & { value: string; onChange: (text: string) => void };

/**
 * An amount typed in whole đồng, shown with dot thousands separators as it is typed
 * ("135000" reads 135.000 at once). The caret stays after the same digit when a dot appears.
 * Focus selects the amount, so typing replaces it.
 */
export function MoneyInput({ value, onChange, ...rest }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  // digits left of the caret after the last edit, to put the caret back after regrouping
  const caretDigits = useRef<number | null>(null);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || caretDigits.current === null || document.activeElement !== el) return;
    let seen = 0;
    let at = 0;
    while (at < el.value.length && seen < caretDigits.current) if (/\d/.test(el.value[at++]!)) seen++;
    el.setSelectionRange(at, at);
    caretDigits.current = null;
  }, [value]);
  return (
    <input
      {...rest}
      ref={ref}
      className={`money${rest.className ? ` ${rest.className}` : ''}`}
      inputMode="numeric"
      autoComplete="off"
      value={value}
      onFocus={(e) => e.target.select()}
      onChange={(e) => {
        const typed = e.target.value;
        caretDigits.current = typed.slice(0, e.target.selectionStart ?? typed.length).replace(/\D/g, '').length;
        onChange(groupAsTyped(typed));
      }}
    />
  );
}
