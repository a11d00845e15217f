import { useEscape } from './use-escape.js';

/**
 * A question asked in place before something is lost: the safe answer has focus, so Enter
 * or Esc keeps what is there and only a deliberate choice goes ahead.
 */
export function ConfirmBar({ question, yes, no, onYes, onNo }: { question: string; yes: string; no: string; onYes: () => void; onNo: () => void }) {
  useEscape(onNo);
  return (
    <div className="confirm-bar" role="alertdialog" aria-label={question}>
      <span>{question}</span>
      <button type="button" className="warn" onClick={onYes}>
        {yes}
      </button>
      <button type="button" className="secondary" autoFocus onClick={onNo}>
        {no}
      </button>
    </div>
  );
}
