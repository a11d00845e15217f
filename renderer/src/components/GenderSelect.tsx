import type { SelectHTMLAttributes } from 'react';
import type { Sender } from '../../../shared/contract/index.js';
import { useT } from '../i18n.js';

type Gender = Sender['gender'];
type Props = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & { value: Gender; onChange: (gender: Gender) => void };

/** Giới tính as the ID card gives it, or not given; the same choice at intake and in a correction. */
export function GenderSelect({ value, onChange, ...rest }: Props) {
  const t = useT();
  return (
    <select {...rest} value={value} onChange={(e) => onChange(e.target.value as Gender)}>
      <option value="">—</option>
      <option value="male">{t('male')}</option>
      <option value="female">{t('female')}</option>
    </select>
  );
}
