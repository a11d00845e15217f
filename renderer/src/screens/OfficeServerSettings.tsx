import { useState } from 'react';
import type { OfficeServerReport, OfficeServerSetting } from '../../../shared/contract/index.js';
import { ChoiceField } from '../components/ChoiceField.js';
import { Field } from '../components/Field.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';

/**
 * This counter's way to the office's shared PostgreSQL server, and a test of it. The password is
 * typed for the test (and the move, which the screen shows below the section's save) only:
 * settings never hold it (decision 0024).
 */
export function OfficeServerSettings({
  value,
  onChange,
  password,
  setPassword,
}: {
  value: OfficeServerSetting;
  onChange: (v: OfficeServerSetting) => void;
  password: string;
  setPassword: (password: string) => void;
}) {
  const t = useT();
  const [testing, setTesting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string }>();
  const set = (patch: Partial<OfficeServerSetting>) => onChange({ ...value, ...patch });

  const savePassword = async () => {
    setResult(undefined);
    try {
      await api.office.savePassword({ password });
      setResult({ ok: true, text: t('passwordSaved') });
    } catch (e) {
      setResult({ ok: false, text: t.msg(errorData(e)) });
    }
  };

  const test = async () => {
    setTesting(true);
    setResult(undefined);
    try {
      const { enabled: _, ...server } = value;
      const r: OfficeServerReport = await api.office.testServer({ server, password });
      setResult({ ok: r.ok, text: t.msg(r) });
    } catch (e) {
      setResult({ ok: false, text: t.msg(errorData(e)) });
    } finally {
      setTesting(false);
    }
  };

  return (
    <div className="office-server-settings">
      <p className="muted">{t('officeServerIntro')}</p>
      <label className="check">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        {t('useOfficeServer')}
      </label>
      <p className="muted">{t('useOfficeServerHint')}</p>
      <div className="row">
        <Field label={t('serverHost')}>
          <input className="mono" value={value.host} placeholder="db.buudien.local" onChange={(e) => set({ host: e.target.value.trim() })} />
        </Field>
        <Field label={t('printerPort')}>
          <input className="w-short mono" inputMode="numeric" value={value.port} onChange={(e) => set({ port: Number(e.target.value.replace(/\D/g, '')) || 5432 })} />
        </Field>
        <Field label={t('serverDatabase')}>
          <input className="mono" value={value.database} onChange={(e) => set({ database: e.target.value.trim() })} />
        </Field>
        <Field label={t('serverRole')}>
          <input className="mono" value={value.role} onChange={(e) => set({ role: e.target.value.trim() })} />
        </Field>
      </div>
      <div className="row">
        <ChoiceField<OfficeServerSetting['tls']>
          label={t('tlsMode')}
          value={value.tls}
          options={[['verify-full', t('tlsVerifyFull')], ['require', t('tlsRequire')], ['disable', t('tlsDisable')]]}
          onChange={(tls) => set({ tls })}
        />
        {value.tls === 'verify-full' && (
          <Field label={t('caFile')} className="grow" hint={t('caFileHint')}>
            <input className="mono" value={value.caFile} placeholder="C:\BCCI\ca.crt" onChange={(e) => set({ caFile: e.target.value })} />
          </Field>
        )}
        <Field label={t('serverPassword')} hint={t('serverPasswordHint')}>
          <input type="password" autoComplete="off" value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
      </div>
      <div className="actions">
        <button type="button" className="secondary" disabled={testing} onClick={() => void test()}>
          {testing ? t('testingServer') : t('testServer')}
        </button>
        <button type="button" className="secondary" disabled={password === ''} onClick={() => void savePassword()}>
          {t('savePassword')}
        </button>
        {result && (
          <span role="status" className={result.ok ? 'ok-text' : 'error-text'}>
            {result.text}
          </span>
        )}
      </div>
    </div>
  );
}
