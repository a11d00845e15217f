import { useState, type ReactNode } from 'react';
import { Field } from '../components/Field.js';
import { errorData } from '../rpc.js';
import { useT } from '../i18n.js';

export interface Credentials {
  clerkCode: string;
  clerkName: string;
  secret: string;
}

/**
 * Code and password (and, for a new account, name and the password twice): the one form behind
 * first setup, sign-in, unlock and switching clerk. The core's refusal is shown in words.
 */
export function CredentialsForm({
  submitLabel,
  initialCode = '',
  newAccount = false,
  onSubmit,
  children,
}: {
  submitLabel: string;
  initialCode?: string;
  newAccount?: boolean;
  onSubmit: (c: Credentials) => Promise<unknown>;
  children?: ReactNode;
}) {
  const t = useT();
  const [c, setC] = useState<Credentials>({ clerkCode: initialCode, clerkName: '', secret: '' });
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (newAccount && c.secret !== again) return setError(t('secretsDiffer'));
    setBusy(true);
    setError(null);
    try {
      await onSubmit(c);
    } catch (e) {
      setError(t.msg(errorData(e)));
      setC((prev) => ({ ...prev, secret: '' }));
      setAgain('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="credentials"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {newAccount && (
        <Field label={t('clerkName')}>
          <input autoFocus value={c.clerkName} onChange={(e) => setC({ ...c, clerkName: e.target.value })} autoComplete="name" />
        </Field>
      )}
      <Field label={t('clerkCode')}>
        <input autoFocus={!newAccount && !initialCode} value={c.clerkCode} onChange={(e) => setC({ ...c, clerkCode: e.target.value })} autoComplete="username" spellCheck={false} />
      </Field>
      <Field label={t('secret')} hint={newAccount ? t('secretRule') : undefined}>
        <input
          type="password"
          autoFocus={!newAccount && !!initialCode}
          value={c.secret}
          onChange={(e) => setC({ ...c, secret: e.target.value })}
          autoComplete={newAccount ? 'new-password' : 'current-password'}
        />
      </Field>
      {newAccount && (
        <Field label={t('secretAgain')}>
          <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" />
        </Field>
      )}
      {error && (
        <div className="alert error" role="alert">
          {error}
        </div>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
