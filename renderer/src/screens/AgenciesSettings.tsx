import { useEffect, useState } from 'react';
import type { AgencyView } from '../../../shared/contract/index.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { Field } from '../components/Field.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';
import { SaveNote } from '../components/SaveNote.js';
import { EmptyList } from '../components/RowsTable.js';

type Row = Omit<AgencyView, 'tokenSaved'> & { token: string; tokenSaved: boolean };

const blank = (): Row => ({ code: '', name: '', address: '', serverUrl: '', token: '', tokenSaved: false });

/**
 * Settings → Agencies: where each agency's batches go. The token is typed, sent once with the
 * save or the test, and never comes back: the page only learns that one is saved (decision 0034).
 */
export function AgenciesSettings() {
  const t = useT();
  const [rows, setRows] = useState<Row[] | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: Msg }>();
  const [tests, setTests] = useState<Record<number, { ok: boolean; text: Msg } | 'testing'>>({});

  const load = (list: AgencyView[]) => setRows(list.map((a) => ({ ...a, token: '' })));
  useEffect(() => {
    api.agencies.list().then(load).catch((e) => setNote({ ok: false, text: errorData(e) }));
  }, []);
  if (!rows) return note ? <p className="error-text">{t.msg(note.text)}</p> : null;

  const set = (i: number, patch: Partial<Row>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const save = async () => {
    try {
      load(await api.agencies.save({ agencies: rows.map(({ tokenSaved: _saved, ...r }) => r) }));
      setNote({ ok: true, text: { vi: 'Đã lưu danh sách cơ quan.', en: 'The agencies are saved.' } });
    } catch (e) {
      setNote({ ok: false, text: errorData(e) });
    }
  };
  const test = async (i: number) => {
    const r = rows[i]!;
    setTests({ ...tests, [i]: 'testing' });
    try {
      const report = await api.agencies.test({ code: r.code, serverUrl: r.serverUrl, token: r.token });
      setTests((now) => ({ ...now, [i]: { ok: report.ok, text: report } }));
    } catch (e) {
      setTests((now) => ({ ...now, [i]: { ok: false, text: errorData(e) } }));
    }
  };

  return (
    <form
      className="section agencies-settings"
      aria-label={t('agencies')}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h2>{t('agencies')}</h2>
      <p className="scope office-wide">{t('appliesToOffice')}</p>
      <p className="muted">{t('agenciesIntro')}</p>
      {rows.length === 0 && <EmptyList what={t('noAgencies')} addLabel={t('addAgency')} />}
      {rows.map((r, i) => {
        const result = tests[i];
        return (
          <fieldset key={i} className="agency-row">
            <legend>{r.name || t('newAgency')}</legend>
            <div className="row">
              <Field label={t('agencyCode')}>
                <input className="mono" value={r.code} placeholder="000.00.15.H26" onChange={(e) => set(i, { code: e.target.value.trim().toUpperCase() })} />
              </Field>
              <Field label={t('agencyName')} className="grow">
                <input value={r.name} onChange={(e) => set(i, { name: e.target.value })} />
              </Field>
              <Field label={t('agencyAddress')} className="grow">
                <input value={r.address} onChange={(e) => set(i, { address: e.target.value })} />
              </Field>
            </div>
            <div className="row">
              <Field label={t('agencyServerUrl')} className="grow">
                <input className="mono" value={r.serverUrl} placeholder="https://motcua.hanoi.gov.vn" onChange={(e) => set(i, { serverUrl: e.target.value.trim() })} />
              </Field>
              <Field label={t('agencyToken')} hint={r.tokenSaved ? t('tokenSavedHint') : t('tokenNewHint')}>
                <input type="password" autoComplete="off" value={r.token} placeholder={r.tokenSaved ? t('tokenSaved') : ''} onChange={(e) => set(i, { token: e.target.value })} />
              </Field>
            </div>
            <div className="actions">
              <button type="button" className="secondary" disabled={result === 'testing'} onClick={() => void test(i)}>
                {result === 'testing' ? t('testingServer') : t('testServer')}
              </button>
              <button type="button" className="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('removeAgency')}
              </button>
              {result && result !== 'testing' && (
                <span role="status" className={result.ok ? 'ok-text' : 'error-text'}>
                  {t.msg(result.text)}
                </span>
              )}
            </div>
          </fieldset>
        );
      })}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setRows([...rows, blank()])}>
          {t('addAgency')}
        </button>
        <button type="submit" className="primary">
          {t('saveAgencies')}
        </button>
        <SaveNote note={note} />
      </div>
    </form>
  );
}

/** The agencies as a clerk who may not change them sees them (their tokens are never shown). */
export function AgencyList({ agencies }: { agencies: readonly Omit<AgencyView, 'tokenSaved'>[] }) {
  const t = useT();
  return (
    <section className="section agencies-settings" aria-label={t('agencies')}>
      <h2>{t('agencies')}</h2>
      <p className="scope office-wide">{t('appliesToOffice')}</p>
      {agencies.length === 0 ? (
        <p className="muted">{t('noAgencies')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('agencyCode')}</th>
              <th>{t('agencyName')}</th>
              <th>{t('agencyServerUrl')}</th>
            </tr>
          </thead>
          <tbody>
            {agencies.map((a) => (
              <tr key={a.code}>
                <td className="mono">{a.code}</td>
                <td>{a.name}</td>
                <td className="mono">{a.serverUrl}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
