import { useState, type ReactNode } from 'react';
import type { Msg } from '../../../shared/i18n/msg.js';
import { L, useT, type LabelKey } from '../i18n.js';
import { SaveNote } from '../components/SaveNote.js';

/**
 * One part of Settings with its own "Lưu": it saves only its own values, says which part was
 * saved, and says whether it applies to every counter of the office or to this one (decision
 * 0038). Read-only for a clerk the core would refuse.
 */
export function SettingsSection({
  title,
  officeWide,
  editable,
  save,
  children,
  after,
}: {
  title: LabelKey;
  officeWide: boolean;
  editable: boolean;
  /** resolves to null once saved, or to the core's words for why not */
  save: () => Promise<Msg | null>;
  children: ReactNode;
  /** shown below the save, for actions of their own that the save does not cover */
  after?: ReactNode;
}) {
  const t = useT();
  const [note, setNote] = useState<{ ok: boolean; text: Msg }>();
  return (
    <form
      className="section settings-form"
      aria-label={t(title)}
      onSubmit={(e) => {
        e.preventDefault();
        void save().then((problem) => setNote(problem ? { ok: false, text: problem } : { ok: true, text: savedWords(title) }));
      }}
    >
      <h2>{t(title)}</h2>
      <p className={officeWide ? 'scope office-wide' : 'scope'}>{t(officeWide ? 'appliesToOffice' : 'appliesToCounter')}</p>
      <fieldset className="plain" disabled={!editable}>
        {children}
      </fieldset>
      {editable && (
        <div className="actions">
          <button type="submit" className="primary">
            {t('save')}
          </button>
          <SaveNote note={note} />
        </div>
      )}
      {after}
    </form>
  );
}

/** Kept as both languages, so a language switch re-words it on screen. */
const savedWords = (title: LabelKey): Msg => ({ vi: `Đã lưu mục “${L[title][0]}”.`, en: `“${L[title][1]}” saved.` });
