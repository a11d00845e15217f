import { useCallback, useEffect, useRef, useState } from 'react';
import { focusFirstField } from './components/focus-first-field.js';
import type { Lang } from '../../shared/i18n/msg.js';
import { api, errorData } from './rpc.js';
import { L, LangContext, type LabelKey } from './i18n.js';
import { StatusBar, type SystemStatus } from './components/StatusBar.js';
import { IntakeScreen, type ResumeRequest } from './intake/IntakeScreen.js';
import { LookupScreen } from './screens/LookupScreen.js';
import { SettingsScreen } from './screens/SettingsScreen.js';
import { ReportsScreen } from './screens/ReportsScreen.js';
import { HandoverScreen } from './handover/HandoverScreen.js';
import { ReturnsScreen } from './returns/ReturnsScreen.js';
import { ScanProvider } from './scan/ScanContext.js';
import { PrintQueueProvider } from './printing/PrintQueueContext.js';
import type { ItemCodeRules } from '../../shared/ids/item-code.js';
import { isDemoOffice } from '../../shared/contract/index.js';
import { DemoOfficePrompt } from './screens/DemoOfficePrompt.js';
import { TrainingBand } from './training/TrainingBand.js';
import { SessionButtons } from './session/SessionButtons.js';
import type { ResultOnlyHandoff } from './returns/result-only-handoff.js';

const NO_ITEM_CODES: ItemCodeRules = { serviceLetters: [], carriers: [] };

type Screen = 'intake' | 'returns' | 'handover' | 'lookup' | 'reports' | 'settings';

const NAV: { screen: Screen; key: string; label: LabelKey; ready: boolean }[] = [
  { screen: 'intake', key: 'F2', label: 'intake', ready: true },
  { screen: 'returns', key: 'F3', label: 'returns', ready: true },
  { screen: 'handover', key: 'F4', label: 'handover', ready: true },
  { screen: 'lookup', key: 'F5', label: 'lookup', ready: true },
  { screen: 'reports', key: 'F6', label: 'reports', ready: true },
  { screen: 'settings', key: 'F9', label: 'settings', ready: true },
];

export function App() {
  const [screen, setScreen] = useState<Screen>('intake');
  const [status, setStatus] = useState<SystemStatus | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);
  // Settings was opened from the demo-office prompt: it starts at the office code.
  const [focusOffice, setFocusOffice] = useState(false);
  const lang: Lang = status?.lang ?? 'vi';
  // A guided record continued from Lookup, handed to the intake (kept mounted) with a new seq each time.
  const [resume, setResume] = useState<ResumeRequest | null>(null);
  // What F2 had typed for a citizen who only collects a result, until F3 takes it.
  const [resultOnly, setResultOnly] = useState<ResultOnlyHandoff | null>(null);

  const refresh = useCallback(() => {
    api.system
      .status()
      .then((s) => {
        setStatus(s);
        setFatal(null);
      })
      .catch((e) => setFatal(`${errorData(e).vi}\n${errorData(e).en}`));
  }, []);
  useEffect(refresh, [refresh]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const item = NAV.find((n) => n.key === e.key && n.ready);
      if (item) {
        e.preventDefault();
        setFocusOffice(false);
        setScreen(item.screen);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const main = useRef<HTMLElement>(null);
  const loaded = status !== null;
  const training = status?.training.on ?? false;
  // also after a switch in or out of training, which remounts the screen under the clerk
  useEffect(() => (loaded ? focusFirstField(main.current) : undefined), [screen, loaded, training]);

  const i = lang === 'vi' ? 0 : 1;
  return (
    <LangContext.Provider value={lang}>
      {/* A switch in or out of training remounts everything below: screens and streams start over on the other data. */}
      <ScanProvider key={training ? 'training' : 'real'} itemCodes={status?.itemCodes ?? NO_ITEM_CODES}>
      <PrintQueueProvider>
      <div className={`shell${training ? ' training' : ''}`}>
        <nav className="nav" aria-label={L.appName[i]}>
          <div className="brand">{L.appName[i]}</div>
          {NAV.map((n) => (
            <button
              key={n.screen}
              className={`nav-item${screen === n.screen ? ' active' : ''}`}
              aria-current={screen === n.screen ? 'page' : undefined}
              disabled={!n.ready}
              onClick={() => setScreen(n.screen)}
              title={n.ready ? undefined : L.notYet[i]}
            >
              <span className="nav-key">{n.key}</span>
              <span>{L[n.label][i]}</span>
              {!n.ready && <span className="nav-soon">({L.notYet[i]})</span>}
            </button>
          ))}
          <SessionButtons onLangChanged={refresh} />
        </nav>
        <main className="main" ref={main}>
          {training && <TrainingBand />}
          {fatal && (
            <div className="alert error" role="alert">
              {fatal}
            </div>
          )}
          {status?.damage && (
            <div className="alert error" role="alert">
              {status.damage[lang]}
            </div>
          )}
          {status?.catalog.isDemo && screen !== 'lookup' && <div className="alert info">{L.demoNotice[i]}</div>}
          {status && !status.catalog.isDemo && isDemoOffice(status.office) && (
            <DemoOfficePrompt
              onEnter={() => {
                setScreen('settings');
                setFocusOffice(true);
              }}
            />
          )}
          {/* Intake stays mounted behind the other screens: a look-up (F5) mid-dossier loses nothing typed. */}
          {status && (
            <div hidden={screen !== 'intake'}>
              <IntakeScreen
                today={status.today}
                itemCodes={status.itemCodes}
                inFront={screen === 'intake'}
                resume={resume}
                onResultOnly={(from) => {
                  setResultOnly(from);
                  setScreen('returns');
                }}
              />
            </div>
          )}
          {screen === 'returns' && <ReturnsScreen resultOnly={resultOnly} onTaken={() => setResultOnly(null)} />}
          {screen === 'handover' && <HandoverScreen />}
          {screen === 'lookup' && (
            <LookupScreen
              onResume={(dossier) => {
                setResume((r) => ({ dossier, seq: (r?.seq ?? 0) + 1 }));
                setScreen('intake');
              }}
            />
          )}
          {screen === 'reports' && status && <ReportsScreen today={status.today} />}
          {screen === 'settings' && status && <SettingsScreen status={status} onChanged={refresh} focusOffice={focusOffice} />}
        </main>
        <StatusBar status={status} onOpenQueue={() => setScreen('settings')} onOpenSettings={() => setScreen('settings')} onOpenHandover={() => setScreen('handover')} />
      </div>
      </PrintQueueProvider>
      </ScanProvider>
    </LangContext.Provider>
  );
}
