import type { DossierDetail, IntakeInput, ProcedureDetail, Sender } from '../../../shared/contract/index.js';
import { formatDate } from '../../../shared/format/vn-time.js';
import { readTypedDate } from '../../../shared/format/typed-date.js';
import { groupThousands, parseVnd } from '../../../shared/format/money.js';
import type { IdCard } from '../../../shared/ids/id-card-qr.js';
import { newIntakeKey } from '../../../shared/ids/intake-key.js';

export interface DocumentState {
  seq: number;
  present: boolean;
  form: 'original' | 'copy';
  count: number;
}

/**
 * The form's request key, made at its first send (`keyToSend`), not when the blank form was laid
 * out: a form left open for weeks, then filled, is a new dossier, not an old form's retry
 * (decision 0046). A holder every later copy of the form shares, so two sends before the screen
 * re-renders (a double Enter) still send one key.
 */
export interface RequestKey {
  value: string | null;
}

/** The key this form sends: the one of its first send, made now if it has none yet. */
export const keyToSend = (key: RequestKey): string => (key.value ??= newIntakeKey());

/** What the intake form holds while the clerk types: text as typed, parsed on submit. */
export interface IntakeForm {
  /** one per form: a retry of the same form (timeout, double Enter) never makes a second dossier */
  requestKey: RequestKey;
  sender: Omit<Sender, 'birthDate'> & { birthDateText: string };
  procedure: ProcedureDetail | null;
  documents: DocumentState[];
  service: IntakeInput['service'];
  returnMethod: IntakeInput['returnMethod'];
  deliveryAddress: string;
  feeText: string;
  feeReason: string;
  postageText: string;
  itemNumber: string;
  /** the guided record being continued (the citizen came back), shown at the top of the form */
  resumes: { id: number; createdAt: string } | null;
}

export const emptyForm = (): IntakeForm => ({
  requestKey: { value: null },
  sender: {
    kind: 'individual',
    fullName: '',
    personalId: '',
    oldId: '',
    businessCode: '',
    birthDateText: '',
    gender: '',
    address: '',
    phone: '',
    email: '',
    bearerName: '',
    bearerId: '',
  },
  procedure: null,
  documents: [],
  service: 'both',
  returnMethod: 'at-office',
  deliveryAddress: '',
  feeText: '0',
  feeReason: '',
  // empty, not 0: the clerk types it for every dossier, and focus stops here until then
  postageText: '',
  itemNumber: '',
  resumes: null,
});

/** Picking a procedure lays out its checklist: nothing ticked, the published form and count. */
export function withProcedure(form: IntakeForm, p: ProcedureDetail): IntakeForm {
  return {
    ...form,
    procedure: p,
    documents: p.documents.map((d) => ({
      seq: d.seq,
      present: false,
      form: d.original > 0 ? 'original' : 'copy',
      count: Math.max(1, d.original > 0 ? d.original : d.copy),
    })),
    // An unknown fee ("Theo quy định") is typed by the clerk; the list's words show as a hint.
    feeText: p.fee === null ? '' : groupThousands(p.fee),
    feeReason: '',
  };
}

/**
 * A guided record continued when the citizen comes back: the form as it was recorded, on the
 * procedure as the catalogue gives it today (null when it is no longer listed). The documents
 * brought last time are ticked again where today's list still names them.
 */
export function resumedForm(d: DossierDetail, procedure: ProcedureDetail | null): IntakeForm {
  const { birthDate, ...sender } = d.sender;
  const form: IntakeForm = {
    ...emptyForm(),
    sender: { ...sender, bearerName: sender.bearerName ?? '', bearerId: sender.bearerId ?? '', birthDateText: birthDate ? formatDate(birthDate) : '' },
    service: d.service,
    returnMethod: d.returnMethod,
    deliveryAddress: d.deliveryAddress,
    resumes: { id: d.id, createdAt: d.createdAt },
  };
  if (!procedure) return form;
  const brought = new Map(d.documents.filter((doc) => doc.present).map((doc) => [doc.name, doc]));
  const laidOut = withProcedure(form, procedure);
  return {
    ...laidOut,
    documents: laidOut.documents.map((doc) => {
      const before = brought.get(procedure.documents.find((p) => p.seq === doc.seq)!.name);
      return before ? { ...doc, present: true, form: before.form, count: before.count } : doc;
    }),
  };
}

/** True once the clerk has typed, scanned or chosen anything: cancelling then asks first. */
export function holdsData(f: IntakeForm): boolean {
  const { requestKey: _mine, ...typed } = f;
  const { requestKey: _empty, ...empty } = emptyForm();
  return JSON.stringify(typed) !== JSON.stringify(empty);
}

export const feeOf = (f: IntakeForm) => parseVnd(f.feeText);
export const postageOf = (f: IntakeForm) => parseVnd(f.postageText);

export type SenderState = IntakeForm['sender'];

/** The sender block as the contract takes it: the typed birth date read. */
export function senderFrom(s: SenderState): Sender {
  const { birthDateText, ...rest } = s;
  const read = readTypedDate(birthDateText);
  return { ...rest, birthDate: read.ok ? read.iso : '' };
}

export const senderOf = (f: IntakeForm): Sender => senderFrom(f.sender);

/** A chip card's fields over the sender block (an individual, then). */
export const senderWithCard = (s: SenderState, c: IdCard): SenderState => ({
  ...s,
  kind: 'individual',
  fullName: c.fullName,
  personalId: c.personalId,
  oldId: c.oldId,
  birthDateText: formatDate(c.birthDate),
  gender: c.gender,
  address: c.address,
});

export function toInput(f: IntakeForm, decision: IntakeInput['decision']): IntakeInput {
  const p = f.procedure!;
  return {
    requestKey: keyToSend(f.requestKey),
    decision,
    sender: senderOf(f),
    procedureCode: p.code,
    catalogVersion: p.catalogVersion,
    documents: f.documents,
    service: f.service,
    returnMethod: f.returnMethod,
    deliveryAddress: f.deliveryAddress,
    fees: [{ name: "Phí, lệ phí", amount: feeOf(f) ?? 0 }],
    feeReason: f.feeReason,
    postage: postageOf(f) ?? 0,
    itemNumber: f.itemNumber.trim().toUpperCase(),
    resumes: f.resumes?.id,
  };
}
