import type { Selectable } from 'kysely';
import type { DossierDetail, DossierLink, Sender } from '../../../shared/contract/index.js';
import type { EventKind } from '../../../shared/lifecycle/events.js';
import type { DossierDocumentsTable, DossierFeesTable, DossiersTable, Schema } from '../db/schema.js';
import { toSummary, type SummaryRow } from './dossier-summary.js';

/** A dossier's own row with the two columns a list computes (`summaryColumns`). */
export type DetailRow = Selectable<Omit<DossiersTable, 'agency_dossier_code' | 'sender_name_key' | 'created_day' | 'mac' | 'state_mac'>> & SummaryRow;

/** What the detail shows besides the dossier's own row. */
export interface DetailParts {
  documents: Pick<Selectable<DossierDocumentsTable>, 'seq' | 'name' | 'required' | 'present' | 'form' | 'count'>[];
  fees: Pick<Selectable<DossierFeesTable>, 'name' | 'amount'>[];
  events: Pick<Selectable<Schema['dossier_events']>, 'id' | 'at' | 'type' | 'clerk_code' | 'clerk_name' | 'counter_code' | 'data'>[];
  resumes: DossierLink | null;
  resumedBy: DossierLink | null;
}

/**
 * The one mapping from rows to a dossier's detail: for a dossier read back (`get`), and for one
 * just written, built from the rows the intake inserted instead of reading them again.
 */
export function detailOf(r: DetailRow, parts: DetailParts): DossierDetail {
  return {
    ...toSummary(r),
    sender: {
      kind: r.sender_kind as Sender['kind'],
      fullName: r.sender_name,
      personalId: r.sender_personal_id,
      oldId: r.sender_old_id,
      businessCode: r.sender_business_code,
      birthDate: r.sender_birth_date,
      gender: r.sender_gender as Sender['gender'],
      address: r.sender_address,
      phone: r.sender_phone,
      email: r.sender_email,
      bearerName: r.bearer_name,
      bearerId: r.bearer_id,
    },
    resumes: parts.resumes,
    resumedBy: parts.resumedBy,
    agencyCode: r.agency_code,
    catalogVersion: r.catalog_version,
    service: r.service as DossierDetail['service'],
    returnMethod: r.return_method as DossierDetail['returnMethod'],
    deliveryAddress: r.delivery_address,
    documents: parts.documents.map((d) => ({ seq: d.seq, name: d.name, required: d.required === 1, present: d.present === 1, form: d.form as 'original' | 'copy', count: d.count })),
    fees: parts.fees.map((f) => ({ name: f.name, amount: f.amount })),
    feeReason: r.fee_reason,
    postage: r.postage,
    acceptedAt: r.accepted_at,
    expectedHandoverDate: r.expected_handover_date,
    expectedHandoverProvisional: r.expected_handover_provisional === 1,
    deadlineDays: r.deadline_days,
    deadlineUnit: r.deadline_unit,
    deadlineText: r.deadline_text,
    estimatedResultDate: r.estimated_result_date,
    officeCode: r.office_code,
    officeName: r.office_name,
    counterCode: r.counter_code,
    clerkCode: r.clerk_code,
    clerkName: r.clerk_name,
    events: parts.events.map((e) => ({ id: e.id, at: e.at, type: e.type as EventKind, clerkCode: e.clerk_code, clerkName: e.clerk_name, counterCode: e.counter_code, data: JSON.parse(e.data) as Record<string, unknown> })),
  };
}
