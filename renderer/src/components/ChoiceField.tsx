import { Field } from './Field.js';

/** A labelled select over fixed values (baud rates, parity, flow control…). */
export function ChoiceField<V extends string | number>({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: V;
  options: readonly (V | readonly [V, string])[];
  onChange: (v: V) => void;
}) {
  const pairs: (readonly [V, string])[] = options.map((o) => (Array.isArray(o) ? (o as readonly [V, string]) : ([o as V, String(o)] as const)));
  return (
    <Field label={label}>
      <select value={value} onChange={(e) => onChange(pairs.find(([v]) => String(v) === e.target.value)![0])}>
        {pairs.map(([v, text]) => (
          <option key={String(v)} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}
