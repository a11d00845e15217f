import { useEffect, useState } from 'react';
import type { Settings, SettingsPatch } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import type { SystemStatus } from '../components/StatusBar.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';
import { CalendarNotice } from './CalendarNotice.js';
import { CatalogueImport } from './CatalogueImport.js';
import { HandoverRules } from './HandoverRules.js';
import { CarrierPatterns } from './CarrierPatterns.js';
import { ScannerSettings } from './ScannerSettings.js';
import { PrinterSettings } from '../printing/PrinterSettings.js';
import { PrintQueueList } from '../printing/PrintQueueList.js';
import { useSession } from '../session/SessionGate.js';
import { AccountsSection } from './AccountsSection.js';
import { BackupSection } from '../backup/BackupSection.js';
import { RetentionSection } from '../retention/RetentionSection.js';
import { AuditKeySection } from '../audit/AuditKeySection.js';
import { OfficeServerSettings } from './OfficeServerSettings.js';
import { AgenciesSettings, AgencyList } from './AgenciesSettings.js';
import { SettingsSection } from './SettingsSection.js';
import { OfficeMovePanel } from './OfficeMovePanel.js';

const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : 0);
import { TrainingSection } from '../training/TrainingSection.js';

/**
 * Settings in sections, each saved by its own "Lưu": the office's (every counter reads them) and
 * this counter's own (decision 0038). The core refuses changes to anyone but the administrator;
 * others see the values read-only, and what they may do (the print queue, accounts).
 */
export function SettingsScreen({ status, onChanged, focusOffice }: { status: SystemStatus; onChanged: () => void; focusOffice: boolean }) {
  const t = useT();
  const { clerk } = useSession();
  const admin = clerk.role === 'admin';
  const [draft, setDraft] = useState<Settings | null>(null);
  const [problem, setProblem] = useState<Msg>();
  /** the office server's password, typed for its test and the move, never saved with settings */
  const [serverPassword, setServerPassword] = useState('');

  useEffect(() => {
    api.settings.get().then(setDraft).catch((e) => setProblem(errorData(e)));
  }, []);

  /** Saves the named parts of the draft only; edits not saved yet in other sections stay as typed. */
  const saveOf = (keys: readonly (keyof Settings)[]) => async (): Promise<Msg | null> => {
    if (!draft) return null;
    try {
      const saved = await api.settings.update(Object.fromEntries(keys.map((k) => [k, draft[k]])) as SettingsPatch);
      setDraft((d) => d && { ...d, ...Object.fromEntries(keys.map((k) => [k, saved[k]])) });
      onChanged();
      return null;
    } catch (e) {
      return errorData(e);
    }
  };
  const saveDevices = saveOf(['counter', 'lang', 'printer', 'scanner']);
  const s = draft;
  const set = (patch: Partial<Settings>) => setDraft((d) => d && { ...d, ...patch });

  return (
    <section className="settings">
      <h1>{t('settings')}</h1>
      {!admin && <p className="alert info">{t('adminOnly')}</p>}
      {problem && <p className="error-text">{t.msg(problem)}</p>}
      {clerk.role !== 'clerk' && <TrainingSection state={status.training} onSwitched={onChanged} />}
      {admin && <CatalogueImport status={status} onImported={onChanged} />}
      {admin && <CalendarNotice initialYear={status.calendarNoticeMissing ?? Number(status.today.slice(0, 4))} onSaved={onChanged} />}
      {s && (
        <>
          <SettingsSection title="office" officeWide editable={admin} save={saveOf(['office', 'security'])}>
            <div className="row">
              <Field label={t('officeCode')}>
                <input autoFocus={focusOffice} value={s.office.code} onChange={(e) => set({ office: { ...s.office, code: e.target.value } })} />
              </Field>
              <Field label={t('officeName')} className="grow">
                <input value={s.office.name} onChange={(e) => set({ office: { ...s.office, name: e.target.value } })} />
              </Field>
              <Field label={t('idleLockMinutes')}>
                <input className="w-short" value={s.security.idleLockMinutes} onChange={(e) => set({ security: { idleLockMinutes: num(e.target.value) } })} />
              </Field>
            </div>
          </SettingsSection>
          <SettingsSection title="counterAndDevices" officeWide={false} editable={admin} save={saveDevices}>
            <div className="row">
              <Field label={t('counterCode')}>
                <input value={s.counter.code} onChange={(e) => set({ counter: { code: e.target.value } })} />
              </Field>
              <ChoiceField<Settings['lang']>
                label={t('language')}
                value={s.lang}
                options={[['vi', 'Tiếng Việt'], ['en', 'English']]}
                onChange={(lang) => set({ lang })}
              />
            </div>
            <PrinterSettings value={s.printer} onChange={(printer) => set({ printer })} save={async () => (await saveDevices()) === null} />
            <ScannerSettings value={s.scanner} onChange={(scanner) => set({ scanner })} officeName={s.office.name} />
          </SettingsSection>
          <div className="section">
            <PrintQueueList />
          </div>
          <SettingsSection title="s10Section" officeWide editable={admin} save={saveOf(['s10'])}>
            <p className="muted">{t('s10RangeHint').replace('{counter}', s.counter.code)}</p>
            <div className="row">
              <Field label={t('s10Service')}>
                <input
                  className="w-short mono"
                  maxLength={2}
                  value={s.s10.service}
                  onChange={(e) => set({ s10: { ...s.s10, service: e.target.value.toUpperCase() } })}
                />
              </Field>
              <Field label={t('s10First')}>
                <input className="mono" value={s.s10.first} onChange={(e) => set({ s10: { ...s.s10, first: num(e.target.value) } })} />
              </Field>
              <Field label={t('s10Last')}>
                <input className="mono" value={s.s10.last} onChange={(e) => set({ s10: { ...s.s10, last: num(e.target.value) } })} />
              </Field>
            </div>
            <CarrierPatterns carriers={s.s10.carriers} onChange={(carriers) => set({ s10: { ...s.s10, carriers } })} />
          </SettingsSection>
          <SettingsSection title="handover" officeWide editable={admin} save={saveOf(['handover'])}>
            <Field label={t('handoverDays')}>
              <input className="w-short" value={s.handover.defaultDays} onChange={(e) => set({ handover: { ...s.handover, defaultDays: num(e.target.value) } })} />
            </Field>
            <HandoverRules rules={s.handover.rules} onChange={(rules) => set({ handover: { ...s.handover, rules } })} />
          </SettingsSection>
          {admin ? <AgenciesSettings /> : <AgencyList agencies={s.agencies} />}
          <SettingsSection
            title="officeServer"
            officeWide={false}
            editable={admin}
            save={saveOf(['officeServer'])}
            after={admin && <OfficeMovePanel server={s.officeServer} password={serverPassword} />}
          >
            <OfficeServerSettings value={s.officeServer} onChange={(officeServer) => set({ officeServer })} password={serverPassword} setPassword={setServerPassword} />
          </SettingsSection>
        </>
      )}
      {clerk.role !== 'clerk' && <AccountsSection />}
      {admin && <BackupSection onChanged={onChanged} />}
      {admin && <RetentionSection />}
      {admin && <AuditKeySection />}
      <p className="muted">
        {t('dataDir')}: <code>{status.dataDir}</code>
      </p>
      {status.catalog.importedAt && (
        <p className="muted">
          {t('catalogue')}: {t('version')} {status.catalog.version} · {status.catalog.sourceName} · {formatDateTime(status.catalog.importedAt)}
        </p>
      )}
    </section>
  );
}
