import { useState } from 'react';
import type { TrainingState } from '../../../shared/contract/training.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import { useT } from '../i18n.js';
import { api, errorData } from '../rpc.js';

/**
 * Settings → Chế độ tập huấn, for a supervisor or an administrator: in and out of practice on a
 * separate database (decision 0045). The app reloads its screens on the other data after a switch.
 */
export function TrainingSection({ state, onSwitched }: { state: TrainingState; onSwitched: () => void }) {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Msg | null>(null);
  const toggle = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await (state.on ? api.training.leave() : api.training.enter());
      onSwitched();
    } catch (e) {
      setProblem(errorData(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="section training-section">
      <h2>{t('trainingMode')}</h2>
      <p>{state.on ? `${t('trainingOnSince')} ${formatDateTime(state.since!)}. ${t('trainingLeaveHint')}` : t('trainingHint')}</p>
      <div className="actions">
        <button type="button" className={state.on ? 'primary' : 'secondary'} disabled={busy} onClick={() => void toggle()}>
          {busy ? t('trainingSwitching') : state.on ? t('trainingLeave') : t('trainingEnter')}
        </button>
        {problem && (
          <span role="alert" className="error-text">
            {t.msg(problem)}
          </span>
        )}
      </div>
    </div>
  );
}
