import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { DossierDetail, IntakeInput } from '../../../shared/contract/index.js';
import { checkSender } from '../../../shared/intake/check-sender.js';
import { serviceMismatch } from '../../../shared/intake/service-fit.js';
import { parseIdCardQr, type IdCard } from '../../../shared/ids/id-card-qr.js';
import { checkItemCode, type ItemCodeRules } from '../../../shared/ids/item-code.js';
import { refuseTone, useScanHandler } from '../scan/ScanContext.js';
import { formatDate, formatDateTime } from '../../../shared/format/vn-time.js';
import { readTypedDate } from '../../../shared/format/typed-date.js';
import { api, errorData, type Api } from '../rpc.js';
import { useT, words } from '../i18n.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { DocumentChecklist } from './DocumentChecklist.js';
import { emptyForm, feeOf, holdsData, postageOf, resumedForm, senderOf, senderWithCard, toInput, withProcedure, type IntakeForm } from './form-state.js';
import { guidanceCode } from '../../../shared/ids/guidance-code.js';
import { firstToFill, focusFill, nextStop, type FillKey } from './keyboard-flow.js';
import { ConfirmBar } from '../components/ConfirmBar.js';
import { ErrorSummary } from '../components/ErrorSummary.js';
import type { LabelKey } from '../i18n.js';
import { ProcedurePicker } from './ProcedurePicker.js';
import { CARD_KEY, ProcedureCard } from './ProcedureCard.js';
import { SenderSection } from './SenderSection.js';
import { ServiceSection } from './ServiceSection.js';
import type { ResultOnlyHandoff } from '../returns/result-only-handoff.js';
import { HandoverDate } from '../components/HandoverDate.js';
import { StatusBadge } from '../components/StatusBadge.js';
import { wasAccepted } from '../../../shared/lifecycle/transitions.js';
import { JobList } from '../printing/JobList.js';
import { PrintPreview } from '../printing/PrintPreview.js';
import { ReprintButtons } from '../printing/ReprintButtons.js';

type Result = Awaited<ReturnType<Api['dossiers']['intake']>>;

/** The intake's own keys, shown on their buttons (F2–F9 elsewhere pick screens). */
const KEYS = { takeNumber: 'F7', guide: 'F8', cancel: 'F10' } as const;

/** The label of each field a problem can name, in the order the form shows them. */
const FIELD_LABELS: [field: string, label: LabelKey][] = [
  ['qr', 'pasteQr'], ['fullName', 'fullName'], ['personalId', 'personalId'], ['oldId', 'oldId'], ['businessCode', 'businessCode'],
  ['birthDate', 'birthDate'], ['gender', 'gender'], ['address', 'address'], ['email', 'email'], ['bearerName', 'bearerName'], ['bearerId', 'bearerId'], ['phone', 'phone'],
  ['procedure', 'procedure'], ['documents', 'documents'], ['service', 'service'], ['deliveryAddress', 'deliveryAddress'],
  ['fees', 'fees'], ['feeReason', 'feeReason'], ['postage', 'postage'], ['itemNumber', 'itemNumber'],
];

/** One keyboard-first screen: sender, procedure, documents, service and money, then accept. */
/** A guided record the clerk chose to continue in Lookup; `seq` tells one request from the next. */
export interface ResumeRequest {
  dossier: DossierDetail;
  seq: number;
}

export function IntakeScreen({
  today,
  itemCodes,
  inFront,
  resume,
  onResultOnly,
}: {
  today: string;
  itemCodes: ItemCodeRules;
  inFront: boolean;
  resume: ResumeRequest | null;
  /** the citizen only collects a result: what is typed moves to F3, and this form starts afresh */
  onResultOnly: (from: ResultOnlyHandoff) => void;
}) {
  const t = useT();
  const [form, setForm] = useState<IntakeForm>(emptyForm);
  // Messages are kept in both languages and worded at render, so a language switch re-words them.
  const [errors, setErrors] = useState<Record<string, Msg>>({});
  const [banner, setBanner] = useState<Msg>();
  // The summary of problems answers an attempt to send; before one, each field speaks for itself.
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  // the picked procedure's card (Ctrl+I)
  const [card, setCard] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [flashing, setFlashing] = useState<'sender' | 'item' | null>(null);
  // a question asked before something typed or scanned is thrown away
  const [asking, setAsking] = useState<'cancel' | 'replace-item' | 'replace-form' | null>(null);
  const askedFrom = useRef<Element | null>(null);
  const ask = (what: 'cancel' | 'replace-item' | 'replace-form') => {
    askedFrom.current = document.activeElement;
    setAsking(what);
  };
  const root = useRef<HTMLFormElement>(null);
  // Where focus goes once the change that asked for it is drawn (fills add fields, e.g. the document rows).
  const focusNext = useRef<FillKey | null>(null);
  useEffect(() => {
    if (focusNext.current === null) return;
    focusFill(root.current, focusNext.current);
    focusNext.current = null;
  });

  /** A change answers the complaint about that field: its message and the banner go. */
  const resolved = (fields: string[]) => {
    setBanner(undefined);
    setErrors((e) => (fields.some((f) => e[f]) ? Object.fromEntries(Object.entries(e).filter(([k]) => !fields.includes(k))) : e));
  };
  const patch = (p: Partial<IntakeForm>) => {
    setForm((f) => ({ ...f, ...p }));
    // A new service answers the core's "procedure does not allow this service"; the picker re-checks it at once.
    resolved(Object.keys(p).map((k) => ({ feeText: 'fees', postageText: 'fees', procedure: 'procedure', service: 'procedure' })[k] ?? k));
  };
  const flash = (what: 'sender' | 'item') => {
    setFlashing(what);
    setTimeout(() => setFlashing(null), 700);
  };
  const fieldError = (field: string, text: Msg | undefined) =>
    setErrors((e) => {
      const { [field]: _answered, ...rest } = e;
      return text ? { ...rest, [field]: text } : rest;
    });

  /** A card (pasted or scanned) fills every sender field at once, or nothing. */
  const applyCard = (c: IdCard) => {
    // a scan or paste is handled at once, on the form as drawn
    const next: IntakeForm = { ...form, sender: senderWithCard(form.sender, c) };
    setForm(next);
    fieldError('qr', c.flags.length > 0 ? msg(c.flags.map((f) => f.vi).join(' '), c.flags.map((f) => f.en).join(' ')) : undefined);
    flash('sender');
    focusNext.current = firstToFill(next);
  };

  useScanHandler((scan) => {
    if (result) return;
    if (scan.kind === 'id-card') return applyCard(scan.card);
    if (scan.kind === 'item') {
      patch({ itemNumber: scan.code });
      fieldError('itemNumber', undefined);
      return flash('item');
    }
    refuseTone();
    if (scan.kind === 'refused') return fieldError(scan.of === 'id-card' ? 'qr' : 'itemNumber', scan.reason);
    setBanner(
      msg(
        `Mã vừa quét (${scan.text.slice(0, 40)}) không dùng ở màn hình tiếp nhận.`,
        `The code just scanned (${scan.text.slice(0, 40)}) is not used on the intake screen.`,
      ),
    );
  }, inFront);

  /** Checks that need no round trip; the core checks everything again. */
  const localProblems = (decision: IntakeInput['decision']): Record<string, Msg> => {
    const out: Record<string, Msg> = {};
    const put = (field: string, text: Msg) => (out[field] ??= text);
    const birth = readTypedDate(form.sender.birthDateText);
    if (form.sender.birthDateText.trim() !== '' && !birth.ok) put('birthDate', birth.problem);
    for (const p of checkSender(senderOf(form), today)) put(p.field, p);
    if (!form.procedure) put('procedure', msg('Chưa chọn thủ tục hành chính.', 'No procedure chosen.'));
    const mismatch = form.procedure && serviceMismatch(form.procedure, form.service);
    if (mismatch) put('procedure', mismatch);
    if (decision === 'accept') {
      if (feeOf(form) === null || postageOf(form) === null) put('fees', msg('Số tiền không hợp lệ.', 'An amount is not valid.'));
      const item = form.itemNumber.trim();
      const check = item === '' ? null : checkItemCode(item, itemCodes);
      if (check && !check.ok) put('itemNumber', check.problem);
    }
    return out;
  };

  const submit = async (decision: IntakeInput['decision']) => {
    if (busy) return;
    const local = localProblems(decision);
    setTried(true);
    setErrors(local);
    setBanner(undefined);
    if (Object.keys(local).length > 0) {
      focusFirstError();
      return;
    }
    setBusy(true);
    try {
      setResult(await api.dossiers.intake(toInput(form, decision)));
    } catch (e) {
      const data = errorData(e);
      const fieldErrors: Record<string, Msg> = {};
      for (const p of data.problems ?? []) if (p.field) fieldErrors[p.field] ??= p;
      if (data.field && !fieldErrors[data.field]) fieldErrors[data.field] = data;
      setErrors(fieldErrors);
      setBanner(data);
      focusFirstError();
    } finally {
      setBusy(false);
    }
  };

  const focusFirstError = () =>
    requestAnimationFrame(() => root.current?.querySelector<HTMLElement>('[aria-invalid="true"], .invalid input')?.focus());

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.ctrlKey && e.key.toLowerCase() === CARD_KEY.key && form.procedure) {
      e.preventDefault();
      setCard(true);
      return;
    }
    if (e.key === 'Enter' && e.ctrlKey) {
      e.preventDefault();
      void submit('accept');
      return;
    }
    const target = e.target as HTMLElement;
    if (e.key === 'Enter' && !e.shiftKey && target.tagName !== 'BUTTON' && target.tagName !== 'TEXTAREA' && root.current) {
      // Enter moves to the next field, as clerks expect from paper-form software; a radio group
      // and the document list are one stop each (arrows move inside them).
      e.preventDefault();
      nextStop(root.current, target)?.focus();
    }
  };

  const startNew = () => {
    setForm(emptyForm());
    setErrors({});
    setBanner(undefined);
    setResult(null);
    setAsking(null);
    setTried(false);
    requestAnimationFrame(() => root.current?.querySelector<HTMLInputElement>('input')?.focus());
  };
  const cancel = () => (holdsData(form) ? ask('cancel') : startNew());

  // Continuing a guided record fills the form as it was recorded, on today's catalogue.
  const [loadingResume, setLoadingResume] = useState(false);
  const loadResumed = async (d: DossierDetail) => {
    setAsking(null);
    setLoadingResume(true);
    const procedure = await api.catalog.get({ code: d.procedureCode }).catch(() => null);
    const next = resumedForm(d, procedure);
    setForm(next);
    setErrors({});
    setTried(false);
    setResult(null);
    setBanner(procedure ? undefined : words('procedureGone'));
    setLoadingResume(false);
    focusNext.current = firstToFill(next);
  };
  const resumeSeq = resume?.seq;
  useEffect(() => {
    if (!resume) return;
    // a dossier half typed is not thrown away without the clerk saying so
    if (holdsData(form) && !result) ask('replace-form');
    else void loadResumed(resume.dossier);
  }, [resumeSeq]);
  // A finished dossier's result has nothing left to keep: leaving it for another screen starts the next one.
  const finished = result !== null;
  useEffect(() => {
    if (!inFront && finished) startNew();
  }, [inFront, finished]);
  const takeNumber = () =>
    api.dossiers
      .nextItemNumber()
      .then((r) => {
        patch({ itemNumber: r.itemNumber });
        if (asking) closeQuestion();
      })
      .catch((e) => setBanner(errorData(e)));
  // A scanned or typed item number is never replaced without the clerk saying so.
  const askTakeNumber = () => (form.itemNumber.trim() === '' ? void takeNumber() : ask('replace-item'));

  const keys = useRef<Record<string, () => void>>({});
  keys.current = result || !inFront || card ? {} : { [KEYS.takeNumber]: askTakeNumber, [KEYS.guide]: () => void submit('guide'), [KEYS.cancel]: cancel };
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const act = keys.current[e.key];
      if (!act || e.ctrlKey || e.altKey || e.metaKey) return;
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const closeQuestion = () => {
    setAsking(null);
    // back where the clerk was when the question came up
    const from = askedFrom.current;
    requestAnimationFrame(() => (from instanceof HTMLElement && from.isConnected ? from : root.current?.querySelector<HTMLElement>('input'))?.focus());
  };

  const shown: Record<string, string> = Object.fromEntries(Object.entries(errors).map(([f, m]) => [f, t.msg(m)]));

  if (result) return <IntakeResult result={result} onNew={startNew} />;

  return (
    <>
      <form ref={root} className="intake" onKeyDown={onKeyDown} onSubmit={(e) => e.preventDefault()} aria-label={t('intake')} data-loading={loadingResume || undefined}>
        <h1>{t('intake')}</h1>
        {form.resumes && (
          <div className="alert info">
            {t('resuming')} {guidanceCode(form.resumes.id)} ({formatDateTime(form.resumes.createdAt)})
          </div>
        )}
        {banner && (
          <div className="alert error" role="alert">
            {t.msg(banner)}
          </div>
        )}
        <ErrorSummary
          title={t('toFix')}
          fields={FIELD_LABELS.filter(([f]) => tried && shown[f]).map(([f, label]) => ({ key: f, label: t(label) }))}
          onGo={(f) => focusFill(root.current, f)}
        />
        <div className="intake-grid">
          <SenderSection
            sender={form.sender}
            errors={shown}
            flashing={flashing === 'sender'}
            onChange={(p) => {
              setForm((f) => ({ ...f, sender: { ...f.sender, ...p } }));
              resolved(Object.keys(p).map((k) => (k === 'birthDateText' ? 'birthDate' : k)));
            }}
            onQrText={(text) => {
              const parsed = parseIdCardQr(text);
              if (parsed.ok) applyCard(parsed.card);
              else fieldError('qr', parsed.reason);
              return parsed.ok;
            }}
          />
          <div className="col">
            <div className="section">
              <ProcedurePicker
                selected={form.procedure}
                service={form.service}
                error={shown['procedure']}
                onPick={(p) => {
                  // from the form as it is when the answer comes: the clerk may have typed on meanwhile
                  setForm((f) => {
                    const next = withProcedure(f, p);
                    focusNext.current = firstToFill(next, 'procedure');
                    return next;
                  });
                  resolved(['procedure', 'documents', 'fees', 'feeReason']);
                }}
              />
              {form.procedure && (
                // Off the Enter and Tab path: the clerk opens it with its key when the citizen asks.
                <button type="button" className="secondary card-button" tabIndex={-1} aria-keyshortcuts={CARD_KEY.aria} onClick={() => setCard(true)}>
                  {t('procedureCard')} <kbd aria-hidden="true">{CARD_KEY.label}</kbd>
                </button>
              )}
            </div>
            <DocumentChecklist
              documents={form.documents}
              published={form.procedure?.documents ?? []}
              error={shown['documents']}
              onChange={(seq, p) => {
                setForm((f) => ({ ...f, documents: f.documents.map((d) => (d.seq === seq ? { ...d, ...p } : d)) }));
                resolved(['documents']);
              }}
              onAllRequired={() => (focusNext.current = firstToFill(form, 'documents'))}
            />
          </div>
          <ServiceSection
            form={form}
            errors={shown}
            flashItem={flashing === 'item'}
            onChange={patch}
            takeNumberKey={KEYS.takeNumber}
            onTakeNumber={askTakeNumber}
            onResultOnly={() => {
              onResultOnly({ sender: form.sender, procedure: form.procedure, returnMethod: form.returnMethod, deliveryAddress: form.deliveryAddress });
              startNew();
            }}
          />
        </div>
        {asking === 'cancel' && (
          <ConfirmBar question={t('askCancel')} yes={t('cancelDossier')} no={t('keepTyping')} onYes={startNew} onNo={closeQuestion} />
        )}
        {asking === 'replace-form' && resume && (
          <ConfirmBar question={t('askReplaceForm')} yes={t('replaceForm')} no={t('keepTyping')} onYes={() => void loadResumed(resume.dossier)} onNo={closeQuestion} />
        )}
        {asking === 'replace-item' && (
          <ConfirmBar
            question={`${t('askReplaceItem')} ${form.itemNumber}?`}
            yes={t('replaceItem')}
            no={t('keepItem')}
            onYes={() => void takeNumber()}
            onNo={closeQuestion}
          />
        )}
        <div className="actions">
          <button type="button" className="primary" disabled={busy} data-fill="accept" aria-keyshortcuts="Control+Enter" onClick={() => void submit('accept')}>
            {t('accept')} <kbd aria-hidden="true">Ctrl+Enter</kbd>
          </button>
          <button type="button" className="warn" disabled={busy} aria-keyshortcuts={KEYS.guide} onClick={() => void submit('guide')}>
            {t('guide')} <kbd aria-hidden="true">{KEYS.guide}</kbd>
          </button>
          <button type="button" className="secondary" disabled={busy} aria-keyshortcuts={KEYS.cancel} onClick={cancel}>
            {t('cancel')} <kbd aria-hidden="true">{KEYS.cancel}</kbd>
          </button>
        </div>
      </form>
      {/* outside the form: its keys (Enter, Ctrl+Enter) are the card's own while it is open */}
      {card && form.procedure && <ProcedureCard procedure={form.procedure} onClose={() => setCard(false)} />}
    </>
  );
}

function IntakeResult({ result, onNew }: { result: Result; onNew: () => void }) {
  const t = useT();
  const accepted = wasAccepted(result.status);
  const first = result.printJobs[0];
  return (
    <div className="result-layout">
    <section className={`result ${accepted ? 'ok' : 'guided'}`} aria-live="polite">
      <h1>{accepted ? t('accepted') : t('guided')}</h1>
      {/* a retry's answer may come once the dossier has moved on: say where it is now */}
      {accepted && result.status !== 'accepted-at-post' && (
        <p>
          {t('status')}: <StatusBadge status={result.status} length="long" />
        </p>
      )}
      <dl>
        {accepted ? (
          <>
            <dt>{t('registerNo')}</dt>
            <dd className="big">{result.registerNo}</dd>
            <dt>{t('itemNumber')}</dt>
            <dd className="big mono">{result.itemNumber}</dd>
            <dt>{t('acceptedAt')}</dt>
            <dd>{result.acceptedAt ? formatDateTime(result.acceptedAt) : ''}</dd>
            <dt>{t('expectedHandover')}</dt>
            <dd><HandoverDate date={result.expectedHandoverDate} provisional={result.expectedHandoverProvisional} /></dd>
            {result.estimatedResultDate && (
              <>
                <dt>{t('estimatedResult')}</dt>
                <dd>
                  {formatDate(result.estimatedResultDate)} <span className="muted">({t('estimate')})</span>
                </dd>
              </>
            )}
          </>
        ) : (
          <>
            <dt>{t('missing')}</dt>
            <dd>
              <ul>
                {result.missing.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {result.printProblem && <div className="alert error">{t.msg(result.printProblem)}</div>}
      <JobList jobs={result.printJobs} />
      <div className="actions">
        <button type="button" className="primary" autoFocus onClick={onNew}>
          {t('newDossier')} <kbd aria-hidden="true">Enter</kbd>
        </button>
        <ReprintButtons dossierId={result.dossierId} guided={!accepted} />
      </div>
    </section>
    {first && <PrintPreview jobId={first.id} label={t('receiptPreview')} />}
    </div>
  );
}
