import type { Settings } from '../../../shared/contract/index.js';
import { compileCarrierPattern } from '../../../shared/ids/item-code.js';
import { RowsTable } from '../components/RowsTable.js';
import { useT } from '../i18n.js';

type Carrier = Settings['s10']['carriers'][number];

/**
 * Other carriers' item-number formats: a code that is not S10 is taken only when one of these
 * matches it whole. The pattern is checked as it is typed, so a mistake shows before saving.
 */
export function CarrierPatterns({ carriers, onChange }: { carriers: Carrier[]; onChange: (carriers: Carrier[]) => void }) {
  const t = useT();
  const set = (i: number, patch: Partial<Carrier>) => onChange(carriers.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <RowsTable<Carrier>
      label={t('carriers')}
      caption={t('carriers')}
      className="rules"
      headers={[t('carrierName'), t('carrierPattern')]}
      rows={carriers}
      onChange={onChange}
      blank={() => ({ name: '', pattern: '' })}
      addLabel={t('addCarrier')}
      empty={t('noCarriers')}
      cells={(c, i) => {
        const bad = c.pattern !== '' && compileCarrierPattern(c.pattern) === null;
        return [
          <input aria-label={`${t('carrierName')} ${i + 1}`} value={c.name} onChange={(e) => set(i, { name: e.target.value })} />,
          <span className="stack">
            <input
              aria-label={`${t('carrierPattern')} ${i + 1}`}
              aria-invalid={bad}
              className="mono"
              placeholder="VTP\d{9}"
              value={c.pattern}
              onChange={(e) => set(i, { pattern: e.target.value })}
            />
            {bad && <span className="error-text">{t('carrierPatternBad')}</span>}
          </span>,
        ];
      }}
    />
  );
}
