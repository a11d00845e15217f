import { useEffect, useState } from 'react';
import type { Settings } from '../../../shared/contract/index.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import type { SystemStatus } from '../components/StatusBar.js';
import { api, errorData } from '../rpc.js';
import { useT, words } from '../i18n.js';
import type { Msg } from '../../../shared/i18n/msg.js';
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
import { OfficeServerSettings } from './OfficeServerSettings.js';
import { AgenciesSettings } from './AgenciesSettings.js';

/**
 * Settings: the catalogue, this post office and counter, item numbers, transit days, accounts.
 * The core refuses these changes to anyone but the administrator; others see only what they may do.
 */
export function SettingsScreen({ status, onChanged, focusOffice }: { status: SystemStatus; onChanged: () => void; focusOffice: boolean }) {
  const { clerk } = useSession();
  return clerk.role === 'admin' ? <AdminSettings status={status} onChanged={onChanged} focusOffice={focusOffice} /> : <OthersSettings />;
}

/** A clerk or supervisor: the print queue, and the clerks' accounts for a supervisor. */
function OthersSettings() {
  const t = useT();
  const { clerk } = useSession();
  return (
    <section className="settings">
      <h1>{t('settings')}</h1>
      <p className="alert info">{t('adminOnly')}</p>
      {clerk.role === 'supervisor' && <AccountsSection />}
      <div className="section">
        <PrintQueueList />
      </div>
    </section>
  );
}

function AdminSettings({ status, onChanged, focusOffice }: { status: SystemStatus; onChanged: () => void; focusOffice: boolean }) {
  const t = useT();
  const [s, setS] = useState<Settings | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: Msg }>();

  useEffect(() => {
    api.settings.get().then(setS).catch((e) => setNote({ ok: false, text: errorData(e) }));
  }, []);

  const save = async (): Promise<boolean> => {
    if (!s) return false;
    try {
      // Agencies have their own form and save (AgenciesSettings): this one leaves them as they are.
      const { agencies: _agencies, ...patch } = s;
      setS(await api.settings.update(patch));
      setNote({ ok: true, text: words('saved') });
      onChanged();
      return true;
    } catch (e) {
      setNote({ ok: false, text: errorData(e) });
      return false;
    }
  };

  const num = (v: string) => (/^\d+$/.test(v) ? Number(v) : 0);
  return (
    <section className="settings">
      <h1>{t('settings')}</h1>
      <CatalogueImport status={status} onImported={onChanged} />
      <CalendarNotice initialYear={status.calendarNoticeMissing ?? Number(status.today.slice(0, 4))} onSaved={onChanged} />
      {s && (
        <form
          className="section settings-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <h2>
            {t('office')} · {t('counter')}
          </h2>
          <div className="row">
            <Field label={t('officeCode')}>
              <input autoFocus={focusOffice} value={s.office.code} onChange={(e) => setS({ ...s, office: { ...s.office, code: e.target.value } })} />
            </Field>
            <Field label={t('officeName')} className="grow">
              <input value={s.office.name} onChange={(e) => setS({ ...s, office: { ...s.office, name: e.target.value } })} />
            </Field>
            <Field label={t('counterCode')}>
              <input value={s.counter.code} onChange={(e) => setS({ ...s, counter: { code: e.target.value } })} />
            </Field>
          </div>
          <div className="row">
            <Field label={t('idleLockMinutes')}>
              <input
                className="w-short"
                value={s.security.idleLockMinutes}
                onChange={(e) => setS({ ...s, security: { idleLockMinutes: num(e.target.value) } })}
              />
            </Field>
            <ChoiceField<Settings['lang']>
              label={t('language')}
              value={s.lang}
              options={[['vi', 'Tiếng Việt'], ['en', 'English']]}
              onChange={(lang) => setS({ ...s, lang })}
            />
          </div>
          <h2>{t('s10Range')}</h2>
          <div className="row">
            <Field label={t('s10Service')}>
              <input
                className="w-short mono"
                maxLength={2}
                value={s.s10.service}
                onChange={(e) => setS({ ...s, s10: { ...s.s10, service: e.target.value.toUpperCase() } })}
              />
            </Field>
            <Field label={t('s10First')}>
              <input className="mono" value={s.s10.first} onChange={(e) => setS({ ...s, s10: { ...s.s10, first: num(e.target.value) } })} />
            </Field>
            <Field label={t('s10Last')}>
              <input className="mono" value={s.s10.last} onChange={(e) => setS({ ...s, s10: { ...s.s10, last: num(e.target.value) } })} />
            </Field>
            <Field label={t('handoverDays')}>
              <input
                className="w-short"
                value={s.handover.defaultDays}
                onChange={(e) => setS({ ...s, handover: { ...s.handover, defaultDays: num(e.target.value) } })}
              />
            </Field>
          </div>
          <CarrierPatterns carriers={s.s10.carriers} onChange={(carriers) => setS({ ...s, s10: { ...s.s10, carriers } })} />
          <HandoverRules rules={s.handover.rules} onChange={(rules) => setS({ ...s, handover: { ...s.handover, rules } })} />
          <PrinterSettings value={s.printer} onChange={(printer) => setS({ ...s, printer })} save={save} />
          <ScannerSettings value={s.scanner} onChange={(scanner) => setS({ ...s, scanner })} officeName={s.office.name} />
          <OfficeServerSettings value={s.officeServer} onChange={(officeServer) => setS({ ...s, officeServer })} />
          <div className="actions">
            <button type="submit" className="primary">
              {t('save')}
            </button>
            {note && (
              <span role="status" className={note.ok ? 'ok-text' : 'error-text'}>
                {t.msg(note.text)}
              </span>
            )}
          </div>
          <p className="muted">
            {t('dataDir')}: <code>{status.dataDir}</code>
          </p>
        </form>
      )}
      <AgenciesSettings />
      <AccountsSection />
      <BackupSection onChanged={onChanged} />
      {status.catalog.importedAt && (
        <p className="muted">
          {t('catalogue')}: {t('version')} {status.catalog.version} · {status.catalog.sourceName} ·{' '}
          {formatDateTime(status.catalog.importedAt)}
        </p>
      )}
    </section>
  );
}
