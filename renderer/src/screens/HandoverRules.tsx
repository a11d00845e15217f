import type { Settings } from '../../../shared/contract/index.js';
import { RowsTable } from '../components/RowsTable.js';
import { useT } from '../i18n.js';

type Rule = Settings['handover']['rules'][number];

/** J+n per destination: an agency code, or a level (Cấp thực hiện); the first match wins. */
export function HandoverRules({ rules, onChange }: { rules: Rule[]; onChange: (rules: Rule[]) => void }) {
  const t = useT();
  const set = (i: number, patch: Partial<Rule>) => onChange(rules.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const days = (v: string) => Math.min(30, /^\d+$/.test(v) ? Number(v) : 0);
  return (
    <RowsTable<Rule>
      label={t('handoverRules')}
      caption={t('handoverRules')}
      className="rules"
      headers={[t('agencyCode'), t('level'), t('days')]}
      rows={rules}
      onChange={onChange}
      blank={() => ({ days: 1 })}
      addLabel={t('addRule')}
      empty={t('noRules')}
      cells={(r, i) => [
        <input
          aria-label={`${t('agencyCode')} ${i + 1}`}
          className="mono"
          value={r.agencyCode ?? ''}
          onChange={(e) => set(i, { agencyCode: e.target.value.toUpperCase() || undefined })}
        />,
        <input aria-label={`${t('level')} ${i + 1}`} value={r.level ?? ''} onChange={(e) => set(i, { level: e.target.value || undefined })} />,
        <input aria-label={`${t('days')} ${i + 1}`} className="w-short" value={r.days} onChange={(e) => set(i, { days: days(e.target.value) })} />,
      ]}
    />
  );
}
