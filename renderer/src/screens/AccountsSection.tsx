import { useCallback, useEffect, useState } from 'react';
import type { Account, Role } from '../../../shared/contract/index.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import { api, errorData } from '../rpc.js';
import { both, useT, type LabelKey } from '../i18n.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { useSession } from '../session/SessionGate.js';

const ROLE_LABEL: Record<Role, LabelKey> = { clerk: 'roleClerk', supervisor: 'roleSupervisor', admin: 'roleAdmin' };
const EMPTY = { clerkCode: '', clerkName: '', role: 'clerk' as Role, secret: '' };

/** Clerks' accounts: a supervisor creates clerks, resets their passwords and disables them; an administrator manages all. */
export function AccountsSection() {
  const t = useT();
  const { clerk } = useSession();
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [draft, setDraft] = useState(EMPTY);
  const [resetting, setResetting] = useState<{ code: string; secret: string } | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: Msg }>();

  const load = useCallback(() => {
    api.accounts.list().then(setAccounts).catch((e) => setNote({ ok: false, text: errorData(e) }));
  }, []);
  useEffect(load, [load]);

  /** Runs a change, says how it went, and reloads the list. */
  const run = async (work: () => Promise<unknown>, done: Msg) => {
    try {
      await work();
      setNote({ ok: true, text: done });
      load();
      return true;
    } catch (e) {
      setNote({ ok: false, text: errorData(e) });
      return false;
    }
  };
  const manageable = (a: Account) => a.code !== clerk.code && (a.role === 'clerk' || clerk.role === 'admin');
  const roles: Role[] = clerk.role === 'admin' ? ['clerk', 'supervisor', 'admin'] : ['clerk'];

  return (
    <div className="section accounts">
      <h2>{t('accounts')}</h2>
      <table className="grid accounts-table">
        <thead>
          <tr>
            <th>{t('clerkCode')}</th>
            <th>{t('clerkName')}</th>
            <th>{t('role')}</th>
            <th>{t('accountState')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.code}>
              <td className="mono">{a.code}</td>
              <td>{a.name}</td>
              <td>{t(ROLE_LABEL[a.role])}</td>
              <td>
                <span className={`badge ${a.disabled ? 'job-failed' : 'job-sent'}`}>{a.disabled ? t('accountDisabled') : t('accountActive')}</span>
              </td>
              <td>
                {manageable(a) &&
                  (resetting?.code === a.code ? (
                    <form
                      className="inline-form"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void run(() => api.accounts.resetSecret({ clerkCode: a.code, secret: resetting.secret }), both((l) => `${l('secretResetDone')}: ${a.code}`)).then(
                          (ok) => ok && setResetting(null),
                        );
                      }}
                    >
                      <input
                        type="password"
                        autoFocus
                        aria-label={`${t('newSecretFor')} ${a.code}`}
                        value={resetting.secret}
                        onChange={(e) => setResetting({ code: a.code, secret: e.target.value })}
                        autoComplete="new-password"
                      />
                      <button type="submit" className="primary">
                        {t('save')}
                      </button>
                      <button type="button" className="secondary" onClick={() => setResetting(null)}>
                        {t('cancel')}
                      </button>
                    </form>
                  ) : (
                    <span className="row">
                      <button type="button" className="secondary" onClick={() => setResetting({ code: a.code, secret: '' })}>
                        {t('resetSecret')}
                      </button>
                      <button
                        type="button"
                        className="secondary"
                        onClick={() => void run(() => api.accounts.setDisabled({ clerkCode: a.code, disabled: !a.disabled }), both((l) => `${a.code}: ${l(a.disabled ? 'accountActive' : 'accountDisabled')}`))}
                      >
                        {a.disabled ? t('enableAccount') : t('disableAccount')}
                      </button>
                    </span>
                  ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(() => api.accounts.create(draft), both((l) => `${l('accountCreated')}: ${draft.clerkCode.trim().toLowerCase()}`)).then((ok) => ok && setDraft(EMPTY));
        }}
      >
        <Field label={t('clerkCode')}>
          <input value={draft.clerkCode} onChange={(e) => setDraft({ ...draft, clerkCode: e.target.value })} spellCheck={false} />
        </Field>
        <Field label={t('clerkName')} className="grow">
          <input value={draft.clerkName} onChange={(e) => setDraft({ ...draft, clerkName: e.target.value })} />
        </Field>
        <ChoiceField<Role> label={t('role')} value={draft.role} options={roles.map((r) => [r, t(ROLE_LABEL[r])] as const)} onChange={(role) => setDraft({ ...draft, role })} />
        <Field label={t('secret')} hint={t('secretRule')}>
          <input type="password" value={draft.secret} onChange={(e) => setDraft({ ...draft, secret: e.target.value })} autoComplete="new-password" />
        </Field>
        <button type="submit" className="primary field-button">
          {t('createAccount')}
        </button>
      </form>
      {note && (
        <p role="status" className={note.ok ? 'ok-text' : 'error-text'}>
          {t.msg(note.text)}
        </p>
      )}
    </div>
  );
}
