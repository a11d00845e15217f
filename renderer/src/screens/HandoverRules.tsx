import type { Settings } from '../../../shared/contract/index.js';
import { useT } from '../i18n.js';

type Rule = Settings['handover']['rules'][number];

/** J+n per destination: an agency code, or a level (Cấp thực hiện); the first match wins. */
export function HandoverRules({ rules, onChange }: { rules: Rule[]; onChange: (rules: Rule[]) => void }) {
  const t = useT();
  const set = (i: number, patch: Partial<Rule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const days = (v: string) => Math.min(30, /^\d+$/.test(v) ? Number(v) : 0);
  return (
    <table className="grid rules" aria-label={t('handoverRules')}>
      <caption>{t('handoverRules')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('agencyCode')}</th>
          <th scope="col">{t('level')}</th>
          <th scope="col">{t('days')}</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {rules.map((r, i) => (
          <tr key={i}>
            <td>
              <input
                aria-label={`${t('agencyCode')} ${i + 1}`}
                className="mono"
                value={r.agencyCode ?? ''}
                onChange={(e) => set(i, { agencyCode: e.target.value.toUpperCase() || undefined })}
              />
            </td>
            <td>
              <input aria-label={`${t('level')} ${i + 1}`} value={r.level ?? ''} onChange={(e) => set(i, { level: e.target.value || undefined })} />
            </td>
            <td>
              <input aria-label={`${t('days')} ${i + 1}`} className="w-short" value={r.days} onChange={(e) => set(i, { days: days(e.target.value) })} />
            </td>
            <td>
              <button type="button" className="secondary" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
                {t('remove')}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={4}>
            <button type="button" className="secondary" onClick={() => onChange([...rules, { days: 1 }])}>
              {t('addRule')}
            </button>
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
