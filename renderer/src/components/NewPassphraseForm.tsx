import { useState, type ReactNode } from 'react';
import { useT } from '../i18n.js';
import { Field } from './Field.js';

/**
 * A new passphrase typed twice and the one action that uses it (a backup, an audit key export):
 * the two must match, and both fields are cleared once the action succeeded.
 */
export function NewPassphraseForm(props: {
  label: string;
  againLabel: string;
  submitLabel: string;
  busy: boolean;
  onMismatch: () => void;
  onSubmit: (passphrase: string) => Promise<boolean>;
  children?: ReactNode;
}) {
  const t = useT();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const submit = async () => {
    if (passphrase !== again) return props.onMismatch();
    if (!(await props.onSubmit(passphrase))) return;
    setPassphrase('');
    setAgain('');
  };
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Field label={props.label} hint={t('backupPassphraseHint')}>
        <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoComplete="new-password" />
      </Field>
      <Field label={props.againLabel}>
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
      </Field>
      <button type="submit" className="primary field-button" disabled={props.busy}>
        {props.submitLabel}
      </button>
      {props.children}
    </form>
  );
}
