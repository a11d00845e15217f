import { formatVnd } from '../../../shared/format/money.js';
import { Field } from '../components/Field.js';
import { MoneyInput } from '../components/MoneyInput.js';
import { useT, type LabelKey } from '../i18n.js';
import { RESULT_ONLY_ON_F3 } from '../../../shared/intake/service-fit.js';
import { feeOf, postageOf, type IntakeForm } from './form-state.js';

type Patch = Partial<IntakeForm>;

export function Radios<V extends string>({ label, name, value, options, onChange }: {
  label: string;
  name: string;
  value: V;
  options: [V, LabelKey][];
  onChange: (v: V) => void;
}) {
  const t = useT();
  return (
    <div className="field">
      <span className="group-label" id={`${name}-label`}>
        {label}
      </span>
      <div className="radio-group" role="radiogroup" aria-labelledby={`${name}-label`}>
        {options.map(([v, key]) => (
          <label key={v}>
            <input type="radio" name={name} data-fill={name} checked={value === v} onChange={() => onChange(v)} />
            {t(key)}
          </label>
        ))}
      </div>
    </div>
  );
}

/** Service, result return, money and the item number: the right-hand column of intake. */
export function ServiceSection({
  form,
  onChange,
  onTakeNumber,
  takeNumberKey,
  errors,
  flashItem,
  onResultOnly,
}: {
  takeNumberKey: string;
  flashItem: boolean;
  form: IntakeForm;
  onChange: (patch: Patch) => void;
  onTakeNumber: () => void;
  errors: Record<string, string>;
  /** "Nhận kết quả" alone: carry what is typed to F3's "Chỉ nhận kết quả" */
  onResultOnly: () => void;
}) {
  const t = useT();
  const fee = feeOf(form);
  const postage = postageOf(form);
  const listed = form.procedure?.fee ?? null;
  const feeChanged = listed !== null && fee !== null && fee !== listed;
  const feeHint = form.procedure && listed === null && form.procedure.feeText ? `${t('publishedFee')}: ${form.procedure.feeText}` : undefined;
  const moneyError = (v: number | null) => (v === null ? (t.lang === 'vi' ? 'Nhập số tiền nguyên (đồng), ví dụ 135.000' : 'Enter a whole amount in VND, e.g. 135.000') : undefined);
  return (
    <fieldset className="section service">
      <legend>{t('service')}</legend>
      <Radios
        label={t('service')}
        name="service"
        value={form.service}
        options={[
          ['send', 'serviceSend'],
          ['receive', 'serviceReceive'],
          ['both', 'serviceBoth'],
        ]}
        onChange={(service) => onChange({ service })}
      />
      {form.service === 'receive' && (
        // Next on the Tab path after the service: the clerk goes on without the mouse.
        <div className="alert info result-only-note">
          <span>{t.msg(RESULT_ONLY_ON_F3)}</span>
          <button type="button" className="primary" onClick={onResultOnly}>
            {t('toResultOnly')}
          </button>
        </div>
      )}
      <Radios
        label={t('returnMethod')}
        name="return"
        value={form.returnMethod}
        options={[
          ['at-office', 'atOffice'],
          ['to-address', 'toAddress'],
        ]}
        onChange={(returnMethod) =>
          onChange({ returnMethod, deliveryAddress: form.deliveryAddress || (returnMethod === 'to-address' ? form.sender.address : '') })
        }
      />
      {form.returnMethod === 'to-address' && (
        <Field label={t('deliveryAddress')} error={errors['deliveryAddress']}>
          <input data-fill="deliveryAddress" value={form.deliveryAddress} onChange={(e) => onChange({ deliveryAddress: e.target.value })} />
        </Field>
      )}
      <div className="row">
        <Field label={t('fees')} error={moneyError(fee) ?? errors['fees']}>
          <MoneyInput value={form.feeText} onChange={(feeText) => onChange({ feeText })} data-fill="fees" />
        </Field>
        <Field label={t('postage')} error={moneyError(postage)}>
          <MoneyInput value={form.postageText} onChange={(postageText) => onChange({ postageText })} data-fill="postage" />
        </Field>
      </div>
      {/* below the row, so the two amount fields stay side by side */}
      {feeHint && <div className="field-hint">{feeHint}</div>}
      {(feeChanged || errors['feeReason']) && (
        <Field label={t('feeReason')} error={errors['feeReason']}>
          <input data-fill="feeReason" value={form.feeReason} onChange={(e) => onChange({ feeReason: e.target.value })} />
        </Field>
      )}
      <div className="total" aria-live="polite">
        <span>{t('total')}</span>
        <output aria-label={t('total')}>{formatVnd((fee ?? 0) + (postage ?? 0))}</output>
      </div>
      <div className="row align-end">
        <Field label={t('itemNumber')} error={errors['itemNumber']} hint={t('itemAuto')} className={`grow${flashItem ? ' flash' : ''}`}>
          <input
            className="mono"
            data-fill="itemNumber"
            value={form.itemNumber}
            maxLength={40}
            onChange={(e) => onChange({ itemNumber: e.target.value.toUpperCase() })}
          />
        </Field>
        <button type="button" className="secondary" aria-keyshortcuts={takeNumberKey} onClick={onTakeNumber}>
          {t('takeNumber')} <kbd aria-hidden="true">{takeNumberKey}</kbd>
        </button>
      </div>
    </fieldset>
  );
}
