import { useT } from '../i18n.js';
import { useSession } from '../session/SessionGate.js';

/**
 * The real catalogue is in but the post office is still the try-out one: asked on every screen
 * until it is set, since each receipt printed meanwhile names an office that does not exist.
 */
export function DemoOfficePrompt({ onEnter }: { onEnter: () => void }) {
  const t = useT();
  const { clerk } = useSession();
  return (
    <div className="alert error demo-office" role="alert">
      <span>{t('demoOffice')}</span>{' '}
      {clerk.role === 'admin' ? (
        <button type="button" className="primary" onClick={onEnter}>
          {t('enterOffice')}
        </button>
      ) : (
        <span>{t('demoOfficeAdmin')}</span>
      )}
    </div>
  );
}
