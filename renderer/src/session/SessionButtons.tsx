import { useT } from '../i18n.js';
import { useSession } from './SessionGate.js';

/**
 * The clerk's own actions, lock and language, at the foot of the navigation: they are not states,
 * and the status bar's room goes to the states and the clerk's name (decision 0069).
 */
export function SessionButtons({ onLangChanged }: { onLangChanged: () => void }) {
  const t = useT();
  const { lock, setLang } = useSession();
  const other = t.lang === 'vi' ? 'en' : 'vi';
  return (
    <div className="nav-session">
      <button type="button" className="nav-item" onClick={lock}>
        {t('lockCounter')} <kbd>Ctrl+L</kbd>
      </button>
      {/* each clerk's own language, named in the language it switches to */}
      <button type="button" className="nav-item" lang={other} onClick={() => void setLang(other).then(onLangChanged)}>
        {t('otherLanguage')}
      </button>
    </div>
  );
}
