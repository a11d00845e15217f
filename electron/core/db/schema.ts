import type { ColumnType, Generated } from 'kysely';

/**
 * Every table as the migrations leave it, for the typed query builder (decision 0023).
 * Booleans are 0/1 and money is integer VND on every engine; instants and days are ISO text.
 * Keep this in step with electron/core/db/migrations: a new column is added here too.
 */

/** A column the database fills in when the insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
/** A row that is only ever inserted (the append-only tables refuse updates by trigger). */
type Written<T> = ColumnType<T, T, never>;

export interface CatalogVersionsTable {
  id: Generated<number>;
  imported_at: string;
  source_name: string;
  is_demo: Defaulted<number>;
  procedure_count: number;
  clerk_code: string;
  counter_code: string;
}

export interface ProceduresTable {
  version_id: number;
  code: string;
  name: string;
  field: string;
  agency_name: string;
  agency_code: string;
  level: string;
  intake_by_post: number;
  return_by_post: number;
  deadline_days: number | null;
  fee: number;
  deadline_text: Defaulted<string>;
  deadline_unit: 'working' | 'calendar' | null;
  fee_text: Defaulted<string>;
  fee_unknown: Defaulted<number>;
  notes: Defaulted<string>;
  in_person: number | null;
}

export interface ProcedureDocumentsTable {
  version_id: number;
  procedure_code: string;
  seq: number;
  name: string;
  original: number;
  copy: number;
  required: number;
}

export interface DossiersTable {
  id: Generated<number>;
  status: string;
  created_at: string;
  created_day: string;
  accepted_at: string | null;
  register_year: number | null;
  register_seq: number | null;
  item_number: string | null;
  catalog_version: number;
  procedure_code: string;
  procedure_name: string;
  agency_code: string;
  agency_name: string;
  sender_kind: string;
  sender_name: string;
  sender_name_key: string;
  sender_personal_id: string;
  sender_old_id: string;
  sender_business_code: string;
  sender_birth_date: string;
  sender_gender: string;
  sender_address: string;
  sender_phone: string;
  sender_email: string;
  service: string;
  return_method: string;
  delivery_address: string;
  fee_reason: string;
  fees_total: number;
  postage: number;
  expected_handover_date: string | null;
  office_code: string;
  counter_code: string;
  clerk_code: string;
  agency_dossier_code: string | null;
  office_name: Defaulted<string>;
  clerk_name: Defaulted<string>;
  deadline_days: number | null;
  estimated_result_date: string | null;
  expected_handover_provisional: Defaulted<number>;
  deadline_text: Defaulted<string>;
  deadline_unit: 'working' | 'calendar' | null;
  resumes_dossier_id: Defaulted<number | null>;
  bearer_name: Defaulted<string>;
  bearer_id: Defaulted<string>;
  /** HMAC of the content as taken in (decision 0066); NULL on dossiers from before the seals */
  mac: Defaulted<string | null>;
  /** HMAC of the state: status, numbers, content MAC, the last event's and print job's MACs */
  state_mac: Defaulted<string | null>;
}

export interface DossierDocumentsTable {
  dossier_id: number;
  seq: number;
  name: string;
  required: number;
  present: number;
  form: string;
  count: number;
}

export interface DossierFeesTable {
  dossier_id: number;
  line: number;
  name: string;
  amount: number;
}

export interface DossierEventsTable {
  id: Generated<number>;
  dossier_id: Written<number>;
  at: Written<string>;
  type: Written<string>;
  clerk_code: Written<string>;
  clerk_name: Written<string>;
  counter_code: Written<string>;
  /** JSON text */
  data: Written<string>;
  /** the MAC of the dossier's event before this one ('' for its first sealed event; decision 0066) */
  prev_mac: Defaulted<string | null>;
  mac: Defaulted<string | null>;
}

export interface RegisterCountersTable {
  year: number;
  last_seq: number;
}

/** The last serial handed out from one S10 range (decision 0038: each counter has its own). */
export interface ItemSerialsTable {
  service: string;
  country: string;
  range_first: number;
  range_last: number;
  last_serial: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Written<string>;
  action: Written<string>;
  clerk_code: Written<string>;
  counter_code: Written<string>;
  /** JSON text */
  detail: Written<string>;
  /** place in the MAC chain (decision 0031); NULL on entries written before the chain */
  seq: Written<number | null>;
  /** hex HMAC of the entry before, '' on the first entry of the chain */
  prev_mac: Written<string | null>;
  /** hex HMAC-SHA256 over seq, prev_mac and the content */
  mac: Written<string | null>;
}

export type PrintJobState = 'queued' | 'sending' | 'sent' | 'unconfirmed' | 'saved' | 'held' | 'dismissed' | 'failed' | 'unknown';

export interface PrintJobsTable {
  id: Generated<number>;
  dossier_id: number | null;
  document: 'receipt' | 'label' | 'guidance' | 'test' | 'batch-label' | 'day-report' | 'delivery-note';
  copy_label: string;
  reprint: Defaulted<number>;
  created_at: string;
  clerk_code: string;
  clerk_name: string;
  counter_code: string;
  state: PrintJobState;
  target: string;
  attempts: Defaulted<number>;
  /** print_recipes.id; null on rows from before jobs were redrawn */
  recipe_id: number | null;
  layout_version: number | null;
  sha256: string;
  size: Defaulted<number>;
  error_code: string | null;
  error_vi: string | null;
  error_en: string | null;
  updated_at: string;
  /** the MAC of the dossier's print job before this one (decision 0066); NULL on jobs of no dossier */
  prev_mac: Defaulted<string | null>;
  mac: Defaulted<string | null>;
}

/** Each distinct recipe once (migration 035): the same for every dossier of one clerk and copy. */
export interface PrintRecipesTable {
  id: Generated<number>;
  /** SHA-256 of the JSON text, hex: how a new job finds the row it shares */
  sha256: string;
  recipe: string;
}

/** The kinds of document a job may print; a new kind is a row, not a rebuilt table. */
export interface PrintJobKindsTable {
  kind: string;
}

export interface PrintJobBytesTable {
  job_id: number;
  bytes: Buffer;
  png: Defaulted<Buffer | null>;
}

export interface IntakeRequestsTable {
  request_key: string;
  payload_sha256: string;
  dossier_id: number;
  created_at: string;
}

export interface CalendarNoticesTable {
  year: number;
  reference: string;
  entered_at: string;
  clerk_code: string;
  counter_code: string;
}

export interface CalendarNoticeDaysTable {
  date: string;
  year: number;
  kind: 'off' | 'working';
  name: string;
}

export interface ClerksTable {
  id: Generated<number>;
  code: string;
  name: string;
  role: 'clerk' | 'supervisor' | 'admin';
  secret_hash: string;
  disabled: Defaulted<number>;
  failed_attempts: Defaulted<number>;
  retry_after: string | null;
  created_at: string;
  /** the account's own language; '' follows the counter's setting */
  lang: Defaulted<'' | 'vi' | 'en'>;
}

export interface DayClosesTable {
  day: Written<string>;
  counter_code: Written<string>;
  clerk_code: Written<string>;
  clerk_name: Written<string>;
  closed_at: Written<string>;
  expected_cash: Written<number>;
  cash_counted: Written<number>;
  /** JSON text */
  summary: Written<string>;
  /** a supervisor who closed the day for the clerk; null when the clerk closed it */
  closed_by_code: Written<string | null>;
  closed_by_name: Written<string | null>;
}

export interface BatchesTable {
  id: Generated<number>;
  number: string;
  created_day: string;
  seq: number;
  agency_code: string;
  agency_name: string;
  state: 'open' | 'closed' | 'handed-over';
  created_at: string;
  clerk_code: string;
  clerk_name: string;
  counter_code: string;
  closed_at: string | null;
  handed_over_at: string | null;
  handover_officer: string | null;
}

export interface BatchItemsTable {
  batch_id: number;
  dossier_id: number;
  added_at: string;
}

export interface OutboxTable {
  id: Generated<number>;
  kind: 'batch-upload' | 'delivery-report';
  idempotency_key: string;
  agency_code: string;
  /** the exact JSON request body, fixed when the row is written */
  body: string;
  created_at: string;
  state: Defaulted<'queued' | 'sending' | 'delivered' | 'attention'>;
  attempts: Defaulted<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  /** JSON of the client's Resume, handed to the next run */
  resume: string | null;
  /** JSON of the receipts and each item's result, once delivered */
  receipt: string | null;
  error_code: string | null;
  error_vi: string | null;
  error_en: string | null;
}

/** Each agency server's place in its updates feed (migration 024). */
export interface AgencyCursorsTable {
  server_url: string;
  cursor: string;
  updated_at: string;
}

/** One section of the office-wide settings (decision 0038), its value as JSON text. */
export interface OfficeSettingsTable {
  name: string;
  value: string;
  revision: number;
  updated_at: string;
  updated_by: string;
}

/** An update from an agency server as it came, applied to its dossier or held for a person. */
export interface AgencyUpdatesTable {
  id: Generated<number>;
  server_url: string;
  cursor: string;
  item_number: string;
  agency_status: number;
  /** the update's JSON exactly as the server sent it */
  body: string;
  received_at: string;
  state: 'applied' | 'held';
  dossier_id: number | null;
  applied_at: string | null;
  problem_code: string | null;
  problem_vi: string | null;
  problem_en: string | null;
}

/** A result the post office took in from the agency, and what became of it (decision 0035). */
export interface ResultReturnsTable {
  dossier_id: number;
  return_item_number: string;
  /** JSON list of the result documents the agency named */
  result_documents: string;
  received_at: string;
  received_clerk_code: string;
  received_counter_code: string;
  notified_at: string | null;
  notified_clerk_code: string | null;
  delivered_at: string | null;
  recipient_name: string | null;
  recipient_id_number: string | null;
  authorised: number | null;
  authorisation_document: string | null;
  /** JSON list of the documents handed over */
  documents_handed: string | null;
  /** JSON list of { name, amount } collected at return */
  fees_due: string | null;
  fees_total: number | null;
}

export interface UnmatchedReturnScansTable {
  id: Generated<number>;
  code: string;
  scanned_at: string;
  reason_code: string;
  clerk_code: string;
  counter_code: string;
  settled_at: string | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  sha256: string;
  applied_at: string;
}

/** The last exchange with an agency server, recorded by the counter holding the exchange lease (decision 0047). */
export interface AgencyReachabilityTable {
  server: string;
  ok: number;
  at: string;
  /** the words of the failure, as JSON */
  problem: string | null;
  counter_code: string;
}

/** An agency server's token on an office server, sealed with the office's key (decision 0047). */
export interface AgencyTokensTable {
  /** the server's address as `serverKey` spells it */
  server: string;
  sealed: string;
  set_at: string;
  set_by: string;
}

/**
 * One retention purge (decision 0044): while 'running' (inside its transaction) the append-only
 * tables let it delete rows older than `cutoff`; once 'done' it is the signed checkpoint standing
 * in for the audit entries it removed (`first_seq`–`last_seq`, null when it removed none).
 */
export interface RetentionPurgesTable {
  id: Generated<number>;
  state: 'running' | 'done';
  years: number;
  cutoff: string;
  purged_at: string;
  clerk_code: string;
  clerk_name: string;
  counter_code: string;
  dossiers: Defaulted<number>;
  entries: Defaulted<number>;
  first_seq: Defaulted<number | null>;
  last_seq: Defaulted<number | null>;
  last_mac: Defaulted<string | null>;
  oldest_at: Defaulted<string | null>;
  newest_at: Defaulted<string | null>;
  mac: Defaulted<string | null>;
}

export interface Schema {
  catalog_versions: CatalogVersionsTable;
  procedures: ProceduresTable;
  procedure_documents: ProcedureDocumentsTable;
  dossiers: DossiersTable;
  dossier_documents: DossierDocumentsTable;
  dossier_fees: DossierFeesTable;
  dossier_events: DossierEventsTable;
  register_counters: RegisterCountersTable;
  item_serials: ItemSerialsTable;
  audit_log: AuditLogTable;
  print_jobs: PrintJobsTable;
  print_job_bytes: PrintJobBytesTable;
  print_recipes: PrintRecipesTable;
  print_job_kinds: PrintJobKindsTable;
  intake_requests: IntakeRequestsTable;
  calendar_notices: CalendarNoticesTable;
  calendar_notice_days: CalendarNoticeDaysTable;
  clerks: ClerksTable;
  day_closes: DayClosesTable;
  batches: BatchesTable;
  batch_items: BatchItemsTable;
  outbox: OutboxTable;
  agency_cursors: AgencyCursorsTable;
  agency_updates: AgencyUpdatesTable;
  result_returns: ResultReturnsTable;
  unmatched_return_scans: UnmatchedReturnScansTable;
  office_settings: OfficeSettingsTable;
  agency_tokens: AgencyTokensTable;
  agency_reachability: AgencyReachabilityTable;
  retention_purges: RetentionPurgesTable;
  schema_migrations: SchemaMigrationsTable;
}
