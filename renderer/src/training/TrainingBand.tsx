import { useT } from '../i18n.js';

/**
 * On every screen while the counter is in training mode: the clerk, and the citizen watching,
 * cannot miss that nothing done here counts (decision 0045).
 */
export function TrainingBand() {
  const t = useT();
  return (
    <div className="training-band" role="note">
      <b>{t('trainingBand')}</b> <span>{t('trainingBandHint')}</span>
    </div>
  );
}
