import { useEffect, useRef, useState } from 'react';
import type { ProcedureDetail } from '../../../shared/contract/index.js';
import type { ResultOnlyInput, ResultOnlyOutcome } from '../../../shared/contract/returns.js';
import { readTypedDate } from '../../../shared/format/typed-date.js';
import type { IdCard } from '../../../shared/ids/id-card-qr.js';
import { parseIdCardQr } from '../../../shared/ids/id-card-qr.js';
import { api, errorData } from '../rpc.js';
import { useT } from '../i18n.js';
import { Field } from '../components/Field.js';
import { NoteLine, useAction } from '../components/use-action.js';
import { emptyForm, senderFrom, senderWithCard, type SenderState } from '../intake/form-state.js';
import { ProcedurePicker } from '../intake/ProcedurePicker.js';
import { SenderSection } from '../intake/SenderSection.js';
import { Radios } from '../intake/ServiceSection.js';
import type { ResultOnlyHandoff } from './result-only-handoff.js';

/**
 * "Chỉ nhận kết quả": the citizen applied online or at the agency and wants the result by post.
 * The agency's dossier code from its receipt, the citizen (a card scan fills it), the procedure
 * and where the result goes. Saving gives the register number; the dossier then waits for the
 * agency's result like any other.
 */
export function ResultOnlyForm({ card, from }: { card: { card: IdCard } | null; from: ResultOnlyHandoff | null }) {
  const t = useT();
  const [code, setCode] = useState('');
  const [sender, setSender] = useState<SenderState>(from?.sender ?? emptyForm().sender);
  // a procedure picked on F2 that does not allow return by post is left for the picker to refuse
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(from?.procedure?.returnByPost ? from.procedure : null);
  const [returnMethod, setReturnMethod] = useState<ResultOnlyInput['returnMethod']>(from?.returnMethod ?? 'at-office');
  const [deliveryAddress, setDeliveryAddress] = useState(from?.deliveryAddress ?? '');
  const [appointment, setAppointment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  // A refused save takes the clerk to the first field it names, to type the fix at once.
  const form = useRef<HTMLFormElement>(null);
  const [refusals, setRefusals] = useState(0);
  /** the core's refusal named a field for each of its problems: its words stand there alone */
  const allPlaced = useRef(false);
  const [done, setDone] = useState<ResultOnlyOutcome | null>(null);
  const { busy, note, setNote, run } = useAction();
  useEffect(() => {
    if (!refusals) return;
    const invalid = form.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    invalid?.focus();
    if (invalid && allPlaced.current) setNote(undefined);
  }, [refusals]);

  const applyCard = (c: IdCard) => {
    setSender((s) => senderWithCard(s, c));
    setErrors(({ qr: _read, ...rest }) => rest);
  };
  useEffect(() => {
    if (card) applyCard(card.card);
  }, [card]);

  const submit = async () => {
    const date = appointment.trim() === '' ? null : readTypedDate(appointment);
    const problems: Record<string, string> = {};
    if (!procedure) problems['procedure'] = t('pickProcedureFirst');
    if (date && !date.ok) problems['appointmentDate'] = t.msg(date.problem);
    setErrors(problems);
    if (!procedure || (date && !date.ok)) return setRefusals((n) => n + 1);
    const saved = await run(async () => {
      try {
        const out = await api.returns.registerResultOnly({
          agencyDossierCode: code,
          procedureCode: procedure.code,
          catalogVersion: procedure.catalogVersion,
          sender: senderFrom(sender),
          returnMethod,
          deliveryAddress,
          appointmentDate: date && date.ok ? date.iso : null,
        });
        setDone(out);
        return undefined;
      } catch (e) {
        const data = errorData(e);
        // Each problem goes next to its field; one no field shows stays said under the button.
        const problems = data.problems ?? [data];
        allPlaced.current = problems.every((p) => p.field);
        setErrors(Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field!, t.msg(p)])));
        throw e;
      }
    });
    if (!saved) setRefusals((n) => n + 1);
  };

  const again = () => {
    setDone(null);
    setCode('');
    setSender(emptyForm().sender);
    setProcedure(null);
    setReturnMethod('at-office');
    setDeliveryAddress('');
    setAppointment('');
    setErrors({});
  };

  if (done) {
    return (
      <div className="panel">
        <h2>{t('resultOnlyDone')}</h2>
        <dl className="facts">
          <dt>{t('registerNo')}</dt>
          <dd>
            <strong>{done.registerNo}</strong>
          </dd>
          <dt>{t('agencyDossierCode')}</dt>
          <dd className="mono">{done.agencyDossierCode}</dd>
        </dl>
        <p>{t('resultOnlyWaits')}</p>
        <button type="button" className="primary" autoFocus onClick={again}>
          {t('resultOnlyNext')}
        </button>
      </div>
    );
  }

  return (
    <form
      ref={form}
      className="result-only"
      aria-label={t('resultOnlyTab')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p className="field-hint">{t('resultOnlyHint')}</p>
      <Field label={t('agencyDossierCode')} error={errors['agencyDossierCode']}>
        <input className="mono" value={code} autoFocus autoComplete="off" onChange={(e) => setCode(e.target.value)} />
      </Field>
      <div className="intake-grid">
        <SenderSection
          sender={sender}
          errors={errors}
          flashing={false}
          onChange={(p) => setSender((s) => ({ ...s, ...p }))}
          onQrText={(text) => {
            const parsed = parseIdCardQr(text);
            if (parsed.ok) applyCard(parsed.card);
            else setErrors((e) => ({ ...e, qr: t.msg(parsed.reason) }));
            return parsed.ok;
          }}
        />
        <div className="col">
          <ProcedurePicker selected={procedure} service="receive" error={errors['procedure']} onPick={setProcedure} />
          <Field label={t('appointmentDate')} hint={t('dateHint')} error={errors['appointmentDate']}>
            <input value={appointment} autoComplete="off" placeholder="dd/mm/yyyy" onChange={(e) => setAppointment(e.target.value)} />
          </Field>
          <Radios
            label={t('returnMethod')}
            name="result-only-return"
            value={returnMethod}
            options={[
              ['at-office', 'atOffice'],
              ['to-address', 'toAddress'],
            ]}
            onChange={(m) => {
              setReturnMethod(m);
              if (m === 'to-address' && !deliveryAddress) setDeliveryAddress(sender.address);
            }}
          />
          {returnMethod === 'to-address' && (
            <Field label={t('deliveryAddress')} error={errors['deliveryAddress']}>
              <input value={deliveryAddress} autoComplete="off" onChange={(e) => setDeliveryAddress(e.target.value)} />
            </Field>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('resultOnlySave')}
            </button>
          </div>
          <NoteLine note={note} />
        </div>
      </div>
    </form>
  );
}
