import { useState } from 'react';
import type { CorrectInput, DossierDetail } from '../../../shared/contract/index.js';
import { formatVnd } from '../../../shared/format/money.js';
import { formatDate, parseDmy } from '../../../shared/format/vn-time.js';
import type { FieldChange } from '../../../shared/lifecycle/corrections.js';
import { transition } from '../../../shared/lifecycle/transitions.js';
import { Field } from '../components/Field.js';
import { GenderSelect } from '../components/GenderSelect.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { useEscape } from '../components/use-escape.js';
import { useT } from '../i18n.js';
import { api } from '../rpc.js';
import { useSession } from '../session/SessionGate.js';

type Open = 'void' | 'correct' | null;

/**
 * Huỷ hồ sơ and Sửa thông tin in the dossier's detail: shown to a supervisor while the lifecycle
 * allows them (the core decides both again, whoever calls). Each asks for a reason before it goes.
 */
export function DossierAmendments({ dossier: d, onChanged }: { dossier: DossierDetail; onChanged: (d: DossierDetail) => void }) {
  const t = useT();
  const { clerk } = useSession();
  const [open, setOpen] = useState<Open>(null);
  const { busy, note, setNote, run } = useAction();
  if (clerk.role === 'clerk') return null;
  const mayVoid = transition(d.status, 'voided') !== null;
  const mayCorrect = transition(d.status, 'corrected') !== null;
  if (!mayVoid && !mayCorrect && !note) return null;
  const done = (text: string) => (next: DossierDetail) => {
    setOpen(null);
    onChanged(next);
    return text;
  };
  return (
    <div className="amendments">
      {open === null && (
        <div className="actions">
          {mayCorrect && (
            <button type="button" className="secondary" onClick={() => (setNote(undefined), setOpen('correct'))}>
              {t('correctDossier')}
            </button>
          )}
          {mayVoid && (
            <button type="button" className="warn" onClick={() => (setNote(undefined), setOpen('void'))}>
              {t('voidDossier')}
            </button>
          )}
        </div>
      )}
      {open === 'void' && (
        <VoidForm
          dossier={d}
          busy={busy}
          onCancel={() => setOpen(null)}
          onConfirm={(reason) => void run(() => api.dossiers.void({ dossierId: d.id, reason }).then(done(t('voidDone'))))}
        />
      )}
      {open === 'correct' && (
        <CorrectForm
          dossier={d}
          busy={busy}
          onCancel={() => setOpen(null)}
          onSave={(reason, changes) => void run(() => api.dossiers.correct({ dossierId: d.id, reason, changes }).then(done(t('correctionDone'))))}
        />
      )}
      <NoteLine note={note} />
    </div>
  );
}

/** The reason is required before the confirm button does anything; Esc keeps the dossier. */
function VoidForm({ dossier: d, busy, onCancel, onConfirm }: { dossier: DossierDetail; busy: boolean; onCancel: () => void; onConfirm: (reason: string) => void }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  useEscape(onCancel);
  return (
    <form
      className="amend-form void"
      role="alertdialog"
      aria-label={t('voidDossier')}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') return setMissing(true);
        onConfirm(reason);
      }}
    >
      <p className="amend-warning">
        {t('voidWarning')} <b>{formatVnd(d.total)}</b>.
      </p>
      <Field label={t('reason')} hint={t('reasonHint')} error={missing ? t('reasonMissing') : undefined}>
        <input value={reason} autoFocus maxLength={500} onChange={(e) => (setReason(e.target.value), setMissing(false))} />
      </Field>
      <div className="actions">
        <button type="submit" className="warn" disabled={busy}>
          {t('confirmVoid')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('keepDossier')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}

type Changes = CorrectInput['changes'];

/** The sender's correctable fields, filled with what is stored; only those changed are sent. */
function CorrectForm({
  dossier: d,
  busy,
  onCancel,
  onSave,
}: {
  dossier: DossierDetail;
  busy: boolean;
  onCancel: () => void;
  onSave: (reason: string, changes: Changes) => void;
}) {
  const t = useT();
  const s = d.sender;
  const [v, setV] = useState({
    fullName: s.fullName,
    birthDate: s.birthDate ? formatDate(s.birthDate) : '',
    gender: s.gender,
    address: s.address,
    phone: s.phone,
    email: s.email,
    deliveryAddress: d.deliveryAddress,
  });
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<{ field: 'reason' | 'birthDate'; text: string }>();
  useEscape(onCancel);
  const set = (patch: Partial<typeof v>) => setV((old) => ({ ...old, ...patch }));
  const text = (key: 'fullName' | 'address' | 'phone' | 'email' | 'deliveryAddress', className?: string) => (
    <Field label={t(key)} className={className}>
      <input value={v[key]} onChange={(e) => set({ [key]: e.target.value })} />
    </Field>
  );
  const save = () => {
    if (reason.trim() === '') return setProblem({ field: 'reason', text: t('reasonMissing') });
    const birthDate = v.birthDate.trim() === '' ? '' : parseDmy(v.birthDate);
    if (birthDate === null) return setProblem({ field: 'birthDate', text: t('badDate') });
    onSave(reason, { ...v, birthDate, ...(d.returnMethod === 'to-address' ? {} : { deliveryAddress: undefined }) });
  };
  return (
    <form
      className="amend-form"
      aria-label={t('correctDossier')}
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <p className="muted">{t('correctionHint')}</p>
      <div className="row">
        {text('fullName', 'grow')}
        <Field label={t('birthDate')} error={problem?.field === 'birthDate' ? problem.text : undefined}>
          <input className="short" placeholder="dd/mm/yyyy" value={v.birthDate} onChange={(e) => set({ birthDate: e.target.value })} />
        </Field>
        <Field label={t('gender')}>
          <GenderSelect value={v.gender} onChange={(gender) => set({ gender })} />
        </Field>
      </div>
      {text('address')}
      <div className="row">
        {text('phone')}
        {text('email', 'grow')}
      </div>
      {d.returnMethod === 'to-address' && text('deliveryAddress')}
      <Field label={t('reason')} hint={t('reasonHint')} error={problem?.field === 'reason' ? problem.text : undefined}>
        <input value={reason} maxLength={500} onChange={(e) => (setReason(e.target.value), setProblem(undefined))} />
      </Field>
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('cancel')} <kbd aria-hidden="true">Esc</kbd>
        </button>
      </div>
    </form>
  );
}

/** Under a void or correction in the timeline: why, and each field before and after. */
export function AmendmentFacts({ type, data }: { type: string; data: Record<string, unknown> }) {
  const t = useT();
  if (type !== 'voided' && type !== 'corrected') return null;
  const { reason, changes, refund } = data as { reason: string; changes?: FieldChange[]; refund?: number };
  return (
    <div className="amend-facts">
      {/* A void's reason is among the timeline's event details already. */}
      {type === 'corrected' && (
        <div>
          {t('reason')}: {reason}
        </div>
      )}
      {refund !== undefined && (
        <div>
          {t('refund')}: {formatVnd(refund)}
        </div>
      )}
      {changes?.map((c) => (
        <div key={c.field}>
          {t(c.field)}: <s>{shown(c.field, c.from)}</s> → <b>{shown(c.field, c.to)}</b>
        </div>
      ))}
    </div>
  );

  function shown(field: FieldChange['field'], value: string): string {
    if (value === '') return '—';
    if (field === 'birthDate') return formatDate(value);
    if (field === 'gender') return t(value as 'male' | 'female');
    return value;
  }
}
