import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { SessionState } from '../../../shared/contract/index.js';
import { api, errorData, onSessionLost } from '../rpc.js';
import { AuditKeyImport } from '../audit/AuditKeySection.js';
import { LangContext, useT } from '../i18n.js';
import { TrainingBand } from '../training/TrainingBand.js';
import { CredentialsForm, type Credentials } from './CredentialsForm.js';

type Clerk = NonNullable<SessionState['clerk']>;

interface SessionApi {
  clerk: Clerk;
  locked: boolean;
  lock: () => void;
  /** the clerk's own language, kept with their account (the screen follows once it resolves) */
  setLang: (lang: 'vi' | 'en') => Promise<void>;
}

const SessionContext = createContext<SessionApi | null>(null);

/** The clerk signed in, whether the counter is locked, and the lock action; only inside the gate. */
export const useSession = (): SessionApi => useContext(SessionContext)!;

/** Input at least this often tells the core the clerk is still there (it locks idle sessions by itself). */
const HEARTBEAT_MS = 60_000;

/**
 * Nothing of the counter shows until someone is signed in: first the administrator's setup, then
 * sign-in. Ctrl+L or the idle time locks; the lock covers the screen without unmounting it, so an
 * unlock by the same clerk or a supervisor finds the work as it was. Switching clerk starts afresh.
 */
export function SessionGate({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // Bumped on each new sign-in: the counter's screens start afresh for a new clerk.
  const [generation, setGeneration] = useState(0);

  const load = useCallback(() => {
    api.session
      .state()
      .then((s) => {
        setState(s);
        setFatal(null);
      })
      .catch((e) => setFatal(`${errorData(e).vi}\n${errorData(e).en}`));
  }, []);
  useEffect(load, [load]);
  useEffect(() => onSessionLost(load), [load]);

  const signedIn = useCallback(() => {
    setGeneration((g) => g + 1);
    load();
  }, [load]);
  const lock = useCallback(() => {
    void api.session.lock().finally(load);
  }, [load]);

  const setLang = useCallback(
    async (lang: 'vi' | 'en') => {
      await api.session.setLang({ lang });
      load();
    },
    [load],
  );

  const active = !!state?.clerk && !state.locked;
  useIdleLock(active, state?.idleLockMinutes ?? 10, lock);

  const lang = state?.lang ?? 'vi';
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  let body: ReactNode;
  if (!state) body = <div className="gate">{fatal && <div className="alert error" role="alert">{fatal}</div>}</div>;
  else if (state.needsSetup) body = <SetupScreen state={state} onDone={signedIn} />;
  else if (!state.clerk) body = <SignInScreen state={state} onDone={signedIn} />;
  else
    body = (
      <SessionContext.Provider value={{ clerk: state.clerk, locked: state.locked, lock, setLang }}>
        <div key={generation} className="gate-content" inert={state.locked}>
          {children}
        </div>
        {state.locked && <LockScreen state={state} clerk={state.clerk} onUnlocked={load} onSwitched={signedIn} />}
      </SessionContext.Provider>
    );
  return <LangContext.Provider value={lang}>{body}</LangContext.Provider>;
}

/** Ctrl+L locks at once; no keyboard or mouse input for the idle time locks too. */
function useIdleLock(active: boolean, minutes: number, lock: () => void) {
  const last = useRef(Date.now());
  const beat = useRef(Date.now());
  useEffect(() => {
    if (!active) return;
    last.current = Date.now();
    const onInput = (e: Event) => {
      if (e instanceof KeyboardEvent && e.ctrlKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        lock();
        return;
      }
      last.current = Date.now();
      if (last.current - beat.current > HEARTBEAT_MS) {
        beat.current = last.current;
        void api.system.status().catch(() => undefined);
      }
    };
    const timer = setInterval(() => {
      if (Date.now() - last.current > minutes * 60_000) lock();
    }, 5_000);
    for (const type of ['keydown', 'mousedown', 'wheel', 'touchstart']) window.addEventListener(type, onInput, true);
    return () => {
      clearInterval(timer);
      for (const type of ['keydown', 'mousedown', 'wheel', 'touchstart']) window.removeEventListener(type, onInput, true);
    };
  }, [active, minutes, lock]);
}

function Panel({ state, title, children }: { state: SessionState; title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="gate">
      <section className="gate-panel" aria-labelledby="gate-title">
        {state.training && <TrainingBand />}
        <div className="gate-brand">
          {t('appName')} · {state.office.name} · {t('counter')} {state.counter}
        </div>
        <h1 id="gate-title">{title}</h1>
        {children}
      </section>
    </div>
  );
}

function SetupScreen({ state, onDone }: { state: SessionState; onDone: () => void }) {
  const t = useT();
  return (
    <Panel state={state} title={t('setupTitle')}>
      <p className="muted">{t('setupHint')}</p>
      <CredentialsForm
        newAccount
        submitLabel={t('createAccount')}
        onSubmit={async (c) => {
          await api.session.setup(c);
          onDone();
        }}
      />
    </Panel>
  );
}

function SignInScreen({ state, onDone }: { state: SessionState; onDone: () => void }) {
  const t = useT();
  // A counter whose audit key is not the office's refuses every sign-in: it can only take the key in.
  const [needsKey, setNeedsKey] = useState(false);
  return (
    <Panel state={state} title={t('signIn')}>
      <CredentialsForm
        submitLabel={t('signIn')}
        onSubmit={async (c) => {
          try {
            await api.session.signIn(c);
          } catch (e) {
            if (errorData(e).code === 'AUDIT_KEY_NOT_THE_OFFICE_KEY') setNeedsKey(true);
            throw e;
          }
          onDone();
        }}
      />
      {needsKey && (
        <div className="audit-key">
          <p className="muted">{t('auditKeyImportHint')}</p>
          <AuditKeyImport />
        </div>
      )}
    </Panel>
  );
}

/** Unlock (same clerk or a supervisor, the work kept) or switch clerk (a fresh start): one form either way. */
function LockScreen({ state, clerk, onUnlocked, onSwitched }: { state: SessionState; clerk: Clerk; onUnlocked: () => void; onSwitched: () => void }) {
  const t = useT();
  const [switching, setSwitching] = useState(false);
  const submit = async (c: Credentials) => {
    if (switching) {
      await api.session.signIn(c);
      onSwitched();
    } else {
      await api.session.unlock(c);
      onUnlocked();
    }
  };
  return (
    <div className="lock-backdrop" role="dialog" aria-modal="true" aria-labelledby="gate-title">
      <Panel state={state} title={switching ? t('switchClerk') : t('counterLocked')}>
        {!switching && (
          <p>
            {t('lockedBy')}: <b>{clerk.name}</b> ({clerk.code})
          </p>
        )}
        <p className="muted">{switching ? t('switchHint') : t('unlockHint')}</p>
        <CredentialsForm
          key={switching ? 'switch' : 'unlock'}
          initialCode={switching ? '' : clerk.code}
          submitLabel={switching ? t('signIn') : t('unlock')}
          onSubmit={submit}
        >
          <button type="button" className="secondary" onClick={() => setSwitching(!switching)}>
            {switching ? t('back') : t('switchClerk')}
          </button>
        </CredentialsForm>
      </Panel>
    </div>
  );
}
