import { useState } from 'react';
import { GenderSelect } from '../components/GenderSelect.js';
import { Field } from '../components/Field.js';
import { readTypedDate, slashDigits } from '../../../shared/format/typed-date.js';
import { useT } from '../i18n.js';
import type { SenderState } from './form-state.js';


export function SenderSection({
  sender,
  onChange,
  onQrText,
  errors,
  flashing,
}: {
  sender: SenderState;
  onChange: (patch: Partial<SenderState>) => void;
  /** pasted card text; returns true when it filled the form */
  onQrText: (text: string) => boolean;
  errors: Record<string, string>;
  flashing: boolean;
}) {
  const t = useT();
  const [qr, setQr] = useState('');
  const applyQr = (text: string) => {
    if (text.trim() !== '' && onQrText(text)) setQr('');
  };

  const individual = sender.kind === 'individual';
  // Said as soon as a whole date is typed, not only on accept.
  const birth = /\d{4}\s*$/.test(sender.birthDateText) ? readTypedDate(sender.birthDateText) : null;
  const typedDateProblem = birth && !birth.ok ? t.msg(birth.problem) : undefined;
  const input = (key: keyof SenderState, extra: Record<string, unknown> = {}) => (
    <input
      value={sender[key] as string}
      onChange={(e) => onChange({ [key]: e.target.value } as Partial<SenderState>)}
      autoComplete="off"
      data-fill={key}
      {...extra}
    />
  );

  const phone = (
    <Field label={t('phone')} error={errors['phone']}>
      {input('phone', { inputMode: 'tel', maxLength: 15 })}
    </Field>
  );

  return (
    <fieldset className={`section sender${flashing ? ' flash' : ''}`}>
      <legend>{t('sender')}</legend>
      <div className="row">
        <Field label={t('pasteQr')} error={errors['qr']} className="grow">
          <input
            data-fill="qr"
            value={qr}
            placeholder="001090123456||Nguyễn Văn A|…"
            onChange={(e) => setQr(e.target.value)}
            onPaste={(e) => {
              e.preventDefault();
              applyQr(e.clipboardData.getData('text'));
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                e.stopPropagation();
                applyQr(qr);
              }
            }}
          />
        </Field>
        <div className="radio-group" role="radiogroup" aria-label={t('sender')}>
          {(['individual', 'organisation'] as const).map((k) => (
            <label key={k}>
              <input type="radio" name="sender-kind" checked={sender.kind === k} onChange={() => onChange({ kind: k })} />
              {t(k)}
            </label>
          ))}
        </div>
      </div>
      <div className="row">
        <Field label={individual ? t('fullName') : t('orgName')} error={errors['fullName']} className="grow">
          {input('fullName')}
        </Field>
      </div>
      {individual ? (
        <div className="row">
          <Field label={t('personalId')} error={errors['personalId']}>
            {input('personalId', { inputMode: 'numeric', maxLength: 12 })}
          </Field>
          <Field label={t('oldId')} error={errors['oldId']}>
            {input('oldId', { inputMode: 'numeric', maxLength: 9, className: 'w-short' })}
          </Field>
          <Field label={t('birthDate')} error={errors['birthDate'] || typedDateProblem} hint="dd/mm/yyyy">
            <input
              value={sender.birthDateText}
              onChange={(e) => onChange({ birthDateText: slashDigits(e.target.value) })}
              autoComplete="off"
              placeholder="dd/mm/yyyy"
              className="w-short"
              data-fill="birthDate"
            />
          </Field>
          <Field label={t('gender')} error={errors['gender']}>
            <GenderSelect data-fill="gender" value={sender.gender} onChange={(gender) => onChange({ gender })} />
          </Field>
        </div>
      ) : (
        <div className="row">
          <Field label={t('businessCode')} error={errors['businessCode']}>
            {input('businessCode', { maxLength: 14 })}
          </Field>
          {/* beside the code, so the person who brings the dossier fits on the screen below */}
          <Field label={t('email')} error={errors['email']} className="grow">
            {input('email', { type: 'email' })}
          </Field>
        </div>
      )}
      <div className="row">
        <Field label={t('address')} error={errors['address']} className="grow">
          {input('address')}
        </Field>
      </div>
      {individual ? (
        // The phone, always asked for, comes after the optional e-mail: Enter from it goes on to the procedure.
        <div className="row">
          <Field label={t('email')} error={errors['email']} className="grow">
            {input('email', { type: 'email' })}
          </Field>
          {phone}
        </div>
      ) : (
        <>
          {/* An organisation's dossier is brought by a person, who signs for it; their phone is the one to call. */}
          <fieldset className="bearer">
            <legend>{t('bearer')}</legend>
            <div className="row">
              <Field label={t('bearerName')} error={errors['bearerName']} className="grow">
                {input('bearerName')}
              </Field>
            </div>
            <div className="row">
              <Field label={t('bearerId')} error={errors['bearerId']}>
                {input('bearerId', { inputMode: 'numeric', maxLength: 12 })}
              </Field>
              {phone}
            </div>
          </fieldset>
        </>
      )}
    </fieldset>
  );
}
