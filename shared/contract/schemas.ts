import { TrainingStateSchema } from './training.js';
import { z } from 'zod';
import { isRealIsoDate } from '../format/vn-time.js';
import { cleanText } from '../text/fold.js';
import { bilingual } from './validation-words.js';
import { compileCarrierPattern } from '../ids/item-code.js';
import { DOSSIER_STATUSES } from '../lifecycle/states.js';
import { EVENT_KINDS } from '../lifecycle/events.js';
import { OfficeServerSettingSchema } from './office-server.js';
import { AgencySchema } from './agencies.js';

/** Bounded strings: the renderer is untrusted, so every input has a ceiling. */
const text = (max: number) => z.string().max(max);
/** Free text a person typed (names, addresses, reasons): cleaned at the boundary, see cleanText. */
export const typed = (max: number) => z.string().max(max).transform(cleanText);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A day that exists in the calendar, from 1900 on (birth dates are checked against it). */
export const realDate = isoDate.refine((d) => isRealIsoDate(d) && d >= '1900-01-01', {
  message: bilingual('ngày không có thật (ví dụ 31/02) hoặc trước năm 1900', 'not a real date (e.g. 31/02) or before 1900'),
});
/** The most a dossier may carry in total, and so the most any one line may: 10^12 VND. */
export const MAX_VND = 1_000_000_000_000;
const vnd = z.number().int().min(0).max(MAX_VND);
/** Stored amounts are read back without a ceiling: one row written before a limit existed must not break a list. */
const storedVnd = z.number().int().min(0);

export const MsgSchema = z.object({ vi: z.string(), en: z.string() });

/** A serial scanner (USB virtual COM or RS-232); keyboard-wedge scanners need no settings. */
export const ScannerSettingsSchema = z.object({
  enabled: z.boolean().default(false),
  path: text(260).default(''),
  vendorId: text(10).default(''),
  productId: text(10).default(''),
  serialNumber: text(100).default(''),
  baudRate: z.union([z.literal(1200), z.literal(2400), z.literal(4800), z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).default(9600),
  parity: z.enum(['none', 'even', 'odd']).default('none'),
  dataBits: z.union([z.literal(7), z.literal(8)]).default(8),
  stopBits: z.union([z.literal(1), z.literal(2)]).default(1),
  suffix: z.enum(['CR', 'LF', 'CRLF', 'any']).default('any'),
  /** programming codes from the scanner's own manual (they differ by make), printed for the clerk */
  configCodes: z
    .array(z.object({ label: text(100), content: z.string().min(1).max(200).regex(/^[\x20-\x7e]+$/) }))
    .max(12)
    .default([]),
});

export const DEFAULT_TERMS = 'Phiếu gửi có giá trị như hợp đồng giữa người gửi và bưu điện. Giữ phiếu để nhận kết quả.';

/** Where receipts print: a network printer, a serial port, a device or file path, or the preview folder. */
export const PrinterSettingsSchema = z.object({
  connection: z.enum(['preview', 'network', 'serial', 'device']).default('preview'),
  host: text(255).default(''),
  port: z.number().int().min(1).max(65535).default(9100),
  serialPath: text(260).default(''),
  baudRate: z.union([z.literal(9600), z.literal(19200), z.literal(38400), z.literal(57600), z.literal(115200)]).default(9600),
  flowControl: z.enum(['none', 'rtscts', 'xonxoff']).default('none'),
  devicePath: text(260).default(''),
  paperWidth: z.union([z.literal(80), z.literal(58)]).default(80),
  /** raster (any ESC/POS printer, the default) or CP1258 text for printers known to print it right */
  mode: z.enum(['raster', 'text-cp1258']).default('raster'),
  /** ESC t table number of CP1258 on this printer (Epson: 52; varies by maker) */
  codePage: z.number().int().min(0).max(255).default(52),
  cut: z.boolean().default(true),
  drawer: z.boolean().default(false),
  /** empty = print-preview/ in the data folder */
  previewDir: text(260).default(''),
  /** days a preview file (names, IDs, addresses in clear) is kept before it is removed at start */
  previewKeepDays: z.number().int().min(1).max(365).default(7),
  terms: text(300).default(DEFAULT_TERMS),
  /** QR payload; `{item}` becomes the item number; empty = the item number itself (ASCII only) */
  trackingUrl: z.string().max(200).regex(/^[\x20-\x7e]*$/).default(''),
});
export type PrinterSettings = z.infer<typeof PrinterSettingsSchema>;

/** The post office a new installation starts with, so the app can be tried before it is set up. */
export const DEMO_OFFICE = { code: '100000', name: 'Bưu cục Trung tâm (demo)' } as const;
/** Still the try-out office: its receipts would name a post office that does not exist. */
export const isDemoOffice = (office: { code: string; name: string }): boolean => office.code === DEMO_OFFICE.code || office.name === DEMO_OFFICE.name;

export const SettingsSchema = z.object({
  lang: z.enum(['vi', 'en']).default('vi'),
  office: z
    .object({ code: text(20).default(DEMO_OFFICE.code), name: text(200).default(DEMO_OFFICE.name) })
    .default({ ...DEMO_OFFICE }),
  counter: z.object({ code: text(20).default('Q01') }).default({ code: 'Q01' }),
  /** the counter locks itself after this many minutes without a call from the clerk */
  security: z.object({ idleLockMinutes: z.number().int().min(1).max(240).default(10) }).default({ idleLockMinutes: 10 }),
  s10: z
    .object({
      service: z.string().regex(/^[A-Z]{2}$/).default('EL'),
      country: z.string().regex(/^[A-Z]{2}$/).default('VN'),
      first: z.number().int().min(0).max(99_999_999).default(10_000_000),
      last: z.number().int().min(0).max(99_999_999).default(19_999_999),
      serviceLetters: z.array(z.string().regex(/^[A-Z]{2}$/)).default([]),
      /** other carriers' item-number formats accepted for dossiers; anything else must be S10 */
      carriers: z
        .array(
          z.object({
            name: typed(60).pipe(z.string().min(1)),
            pattern: z.string().min(1).max(200).refine((p) => compileCarrierPattern(p) !== null, {
              message: bilingual('không phải một mẫu hợp lệ', 'is not a valid pattern'),
            }),
          }),
        )
        .max(20)
        .default([]),
    })
    .default({ service: 'EL', country: 'VN', first: 10_000_000, last: 19_999_999, serviceLetters: [], carriers: [] }),
  handover: z
    .object({
      defaultDays: z.number().int().min(0).max(30).default(2),
      /** first match wins: an exact agency code, else a level (Cấp thực hiện) */
      rules: z
        .array(
          z.object({
            agencyCode: text(35).optional(),
            level: text(60).optional(),
            days: z.number().int().min(0).max(30),
          }),
        )
        .default([]),
    })
    .default({ defaultDays: 2, rules: [] }),
  scanner: ScannerSettingsSchema.default(ScannerSettingsSchema.parse({})),
  printer: PrinterSettingsSchema.default(PrinterSettingsSchema.parse({})),
  /** this counter's way to the office's shared server (counter-local; the password is kept apart) */
  officeServer: OfficeServerSettingSchema.default(OfficeServerSettingSchema.parse({})),
  /** the agencies batches go to and their servers; tokens are kept apart (decision 0034) */
  agencies: z.array(AgencySchema).max(100).default([]),
});
export type Settings = z.infer<typeof SettingsSchema>;
export type ScannerSettings = Settings['scanner'];

/** A settings patch: only the keys it names change; nested sections merge, arrays are replaced whole. */
export type SettingsPatch = Patch<Settings>;
type Patch<T> = { [K in keyof T]?: T[K] extends readonly unknown[] ? T[K] : T[K] extends object ? Patch<T[K]> : T[K] };

/**
 * Every key optional and no defaults filled in. zod 4's `.partial()` keeps inner defaults, so a
 * patch naming only the counter came back as a whole default settings object and reset the rest.
 */
function patchOf(schema: z.ZodType): z.ZodType {
  let inner = schema;
  while (inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
  if (!(inner instanceof z.ZodObject)) return inner;
  return z.object(Object.fromEntries(Object.entries(inner.shape).map(([k, v]) => [k, patchOf(v as z.ZodType).optional()])));
}
export const SettingsPatchSchema = patchOf(SettingsSchema) as z.ZodType<SettingsPatch>;

export const ProcedureSchema = z.object({
  code: z.string(),
  name: z.string(),
  field: z.string(),
  agencyName: z.string(),
  agencyCode: z.string(),
  level: z.string(),
  intakeByPost: z.boolean(),
  returnByPost: z.boolean(),
  /** The settlement-time cell as the province published it ('' if none). */
  deadlineText: z.string(),
  /** Days read from deadlineText; null when the text gives no single number (see deadlineUnit). */
  deadlineDays: z.number().int().min(0).nullable(),
  /** Whether deadlineDays counts working days or calendar days; null when deadlineDays is. */
  deadlineUnit: z.enum(['working', 'calendar']).nullable(),
  /** The fee cell as published ('' if none). */
  feeText: z.string(),
  /** Fee read from feeText; null when the text gives no amount ("Theo quy định"). */
  fee: vnd.nullable(),
  /** The list's "Ghi chú" column. */
  notes: z.string(),
  /** Must the citizen appear in person; null when the list does not say. */
  inPerson: z.boolean().nullable(),
});
export type Procedure = z.infer<typeof ProcedureSchema>;

export const ProcedureDocumentSchema = z.object({
  seq: z.number().int(),
  name: z.string(),
  original: z.number().int(),
  copy: z.number().int(),
  required: z.boolean(),
});
export type ProcedureDocument = z.infer<typeof ProcedureDocumentSchema>;

export const ProcedureDetailSchema = ProcedureSchema.extend({
  documents: z.array(ProcedureDocumentSchema),
  catalogVersion: z.number().int(),
});
export type ProcedureDetail = z.infer<typeof ProcedureDetailSchema>;

export const CatalogStatusSchema = z.object({
  version: z.number().int().nullable(),
  importedAt: z.string().nullable(),
  sourceName: z.string().nullable(),
  procedures: z.number().int(),
  isDemo: z.boolean(),
});

/** A line of the import preview: where in the file (row 0 = not a row of the file) and what. */
export const ImportNoteSchema = z.object({ sheet: z.string(), row: z.number().int(), message: MsgSchema });
export type ImportNote = z.infer<typeof ImportNoteSchema>;

export const ImportPreviewSchema = z.object({
  previewId: z.string(),
  fileName: z.string(),
  procedures: z.number().int(),
  documents: z.number().int(),
  /** Rows refused: any error blocks confirm. */
  errors: z.array(ImportNoteSchema),
  /** Rows imported with something unknown or skipped: never block confirm. */
  warnings: z.array(ImportNoteSchema),
  /** Procedures added, changed or removed against the catalogue in use. */
  changes: z.array(ImportNoteSchema.extend({ kind: z.enum(['added', 'changed', 'removed']), code: z.string() })),
  canConfirm: z.boolean(),
  /** Why confirm is disabled; null when it is enabled. */
  blockedBy: MsgSchema.nullable(),
});
export type ImportPreview = z.infer<typeof ImportPreviewSchema>;

/** The sender's fields; input cleans and checks them, output reads back what was stored. */
const senderOf = (str: (max: number) => z.ZodType<string, string>, date: z.ZodType<string, string>) =>
  z.object({
    kind: z.enum(['individual', 'organisation']),
    fullName: str(200),
    personalId: str(12),
    oldId: str(9),
    businessCode: str(20),
    birthDate: z.union([date, z.literal('')]),
    gender: z.enum(['male', 'female', '']),
    address: str(500),
    phone: str(20),
    email: str(200),
    /** an organisation's dossier: the person who brings it (their phone is the dossier's phone) */
    bearerName: str(200).optional(),
    bearerId: str(12).optional(),
  });
export const SenderSchema = senderOf(typed, realDate);
const StoredSenderSchema = senderOf(() => z.string(), z.string());
export type Sender = z.infer<typeof SenderSchema>;

export const IntakeDocumentSchema = z.object({
  seq: z.number().int(),
  present: z.boolean(),
  form: z.enum(['original', 'copy']),
  count: z.number().int().min(0).max(99),
});

export const FeeLineSchema = z.object({ name: typed(200), amount: vnd });
const StoredFeeLineSchema = z.object({ name: z.string(), amount: storedVnd });
export type FeeLine = z.infer<typeof FeeLineSchema>;

export const ServiceSchema = z.enum(['send', 'receive', 'both']);
export const ReturnMethodSchema = z.enum(['at-office', 'to-address']);

export const IntakeInputSchema = z.object({
  /** made once per form by the page: a retry with the same key returns the first answer */
  requestKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/),
  decision: z.enum(['accept', 'guide']),
  sender: SenderSchema,
  procedureCode: text(60),
  catalogVersion: z.number().int(),
  documents: z.array(IntakeDocumentSchema).max(100),
  service: ServiceSchema,
  returnMethod: ReturnMethodSchema,
  deliveryAddress: typed(500),
  fees: z.array(FeeLineSchema).max(20),
  feeReason: typed(500),
  postage: vnd,
  itemNumber: typed(40),
  /** the guided, not accepted dossier this one continues: the citizen came back (its id) */
  resumes: z.number().int().positive().optional(),
}).superRefine((input, ctx) => {
  const total = input.fees.reduce((s, f) => s + f.amount, 0) + input.postage;
  if (total > MAX_VND) {
    ctx.addIssue({ code: 'custom', path: ['fees'], message: bilingual('tổng tiền vượt quá 1.000 tỷ đồng', 'the total is above 1,000 billion VND') });
  }
});
export type IntakeInput = z.infer<typeof IntakeInputSchema>;

/** The states and event kinds come from the lifecycle table (shared/lifecycle), never listed here. */
export const DossierStatusSchema = z.enum(DOSSIER_STATUSES);
export const EventKindSchema = z.enum(EVENT_KINDS);
export type DossierStatus = z.infer<typeof DossierStatusSchema>;

export const IntakeResultSchema = z.object({
  dossierId: z.number().int(),
  /** true when this answer repeats the one given to an earlier call with the same request key */
  replayed: z.boolean(),
  status: DossierStatusSchema,
  registerNo: z.string().nullable(),
  itemNumber: z.string().nullable(),
  acceptedAt: z.string().nullable(),
  expectedHandoverDate: z.string().nullable(),
  /** computed over days off not yet announced: shown and printed as "dự kiến, theo lịch nghỉ chưa công bố" */
  expectedHandoverProvisional: z.boolean(),
  /** handover date + the procedure's settlement time: an estimate, shown and printed as one */
  estimatedResultDate: z.string().nullable(),
  missing: z.array(z.string()),
});
export type IntakeResult = z.infer<typeof IntakeResultSchema>;

export const DossierSummarySchema = z.object({
  id: z.number().int(),
  status: DossierStatusSchema,
  registerNo: z.string().nullable(),
  itemNumber: z.string().nullable(),
  senderName: z.string(),
  /** the 12-digit or 9-digit ID, or an organisation's business code: what the clerk checks a name against */
  senderIdNumber: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  agencyName: z.string(),
  createdAt: z.string(),
  total: storedVnd,
});
export type DossierSummary = z.infer<typeof DossierSummarySchema>;

/**
 * One lookup: a query (name, ID, phone, register number, item number or agency dossier code)
 * and filters, newest first, a page at a time; `before` is the `next` of the previous page.
 */
export const DossierSearchInputSchema = z.object({
  query: z.string().max(200).default(''),
  from: realDate.optional(),
  to: realDate.optional(),
  status: DossierStatusSchema.optional(),
  procedureCode: text(60).optional(),
  clerkCode: text(60).optional(),
  before: z.number().int().positive().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type DossierSearchInput = z.infer<typeof DossierSearchInputSchema>;

export const DossierSearchResultSchema = z.object({
  rows: z.array(DossierSummarySchema),
  /** pass as `before` for the next page; null when this page was the last */
  next: z.number().int().nullable(),
  /** how the query was read, so the screen can say what it searched */
  matchedBy: z.enum(['all', 'key', 'register', 'name']),
});
export type DossierSearchResult = z.infer<typeof DossierSearchResultSchema>;

export const DossierEventSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  type: EventKindSchema,
  clerkCode: z.string(),
  clerkName: z.string(),
  counterCode: z.string(),
  data: z.record(z.string(), z.unknown()),
});

/** Another dossier named from this one's detail: enough to say which and to open it. */
export const DossierLinkSchema = z.object({
  id: z.number().int(),
  status: DossierStatusSchema,
  registerNo: z.string().nullable(),
  createdAt: z.string(),
});
export type DossierLink = z.infer<typeof DossierLinkSchema>;

export const DossierDetailSchema = DossierSummarySchema.extend({
  /** the guided record this dossier continues, and the dossier that continued this guided one */
  resumes: DossierLinkSchema.nullable(),
  resumedBy: DossierLinkSchema.nullable(),
  sender: StoredSenderSchema,
  agencyCode: z.string(),
  catalogVersion: z.number().int(),
  service: ServiceSchema,
  returnMethod: ReturnMethodSchema,
  deliveryAddress: z.string(),
  documents: z.array(
    z.object({
      seq: z.number().int(),
      name: z.string(),
      required: z.boolean(),
      present: z.boolean(),
      form: z.enum(['original', 'copy']),
      count: z.number().int(),
    }),
  ),
  fees: z.array(StoredFeeLineSchema),
  feeReason: z.string(),
  postage: storedVnd,
  acceptedAt: z.string().nullable(),
  expectedHandoverDate: z.string().nullable(),
  expectedHandoverProvisional: z.boolean(),
  /** the procedure's settlement time as published when it was taken in: the words, and the days read from them */
  deadlineDays: z.number().int().nullable(),
  deadlineUnit: z.enum(['working', 'calendar']).nullable(),
  deadlineText: z.string(),
  /** handover date + settlement days on the working-day calendar: an estimate, printed as one */
  estimatedResultDate: z.string().nullable(),
  /** who took it in, as they were then: every print of it shows these */
  officeCode: z.string(),
  officeName: z.string(),
  counterCode: z.string(),
  clerkCode: z.string(),
  clerkName: z.string(),
  events: z.array(DossierEventSchema),
});
export type DossierDetail = z.infer<typeof DossierDetailSchema>;

export const SystemStatusSchema = z.object({
  office: z.object({ code: z.string(), name: z.string() }),
  counter: z.string(),
  clerk: z.object({ code: z.string(), name: z.string() }),
  lang: z.enum(['vi', 'en']),
  catalog: CatalogStatusSchema,
  dataDir: z.string(),
  today: isoDate,
  /** set when the database failed its integrity check at start: reads only, and what to do */
  damage: MsgSchema.nullable(),
  /** S10 service letters accepted for dossiers, for classifying keyboard-wedge scans */
  itemCodes: z.object({
    serviceLetters: z.array(z.string()),
    carriers: z.array(z.object({ name: z.string(), pattern: z.string() })),
  }),
  /** from 1 October: next year, while its official notice of days off is missing */
  calendarNoticeMissing: z.number().int().nullable(),
  /** a failed automatic backup, or a confirmed restore waiting for the app to start again */
  backupNotice: MsgSchema.nullable(),
  /** the audit chain was found broken at start: the app opens, and says so (decision 0031) */
  auditNotice: MsgSchema.nullable(),
  /** training mode (decision 0045): every screen shows the band while it is on */
  training: TrainingStateSchema,
});

export const CalendarDaySchema = z.object({
  date: isoDate,
  name: text(120),
  kind: z.enum(['off', 'working']),
});

const YearSchema = z.number().int().min(2000).max(2100);

/** One year's days off and make-up working days, official (a notice) or provisional (computed). */
export const CalendarYearSchema = z.object({
  year: YearSchema,
  official: z.boolean(),
  reference: z.string(),
  enteredAt: z.string().nullable(),
  days: z.array(CalendarDaySchema),
});

export const CalendarNoticeInputSchema = z.object({
  year: YearSchema,
  /** the notice's number and date, e.g. "Thông báo 6150/TB-BNV ngày 10/10/2026" */
  reference: z.string().trim().min(1).max(200),
  days: z.array(CalendarDaySchema).max(100),
});

export const IdCardSchema = z.object({
  personalId: z.string(),
  oldId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  gender: z.enum(['male', 'female']),
  address: z.string(),
  issueDate: z.string(),
  flags: z.array(MsgSchema),
});

export const ScanSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('id-card'), text: z.string(), card: IdCardSchema }),
  z.object({ kind: z.literal('item'), text: z.string(), code: z.string(), s10: z.boolean() }),
  z.object({ kind: z.literal('dossier-code'), text: z.string(), code: z.string() }),
  z.object({ kind: z.literal('refused'), text: z.string(), of: z.enum(['id-card', 'item']), reason: MsgSchema }),
  z.object({ kind: z.literal('other'), text: z.string() }),
]);

export const ScannerStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('off') }),
  z.object({ state: z.literal('connected'), path: z.string() }),
  z.object({ state: z.literal('searching'), reason: MsgSchema }),
  z.object({ state: z.literal('error'), reason: MsgSchema }),
]);

export const ScannerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('scan'), at: z.string(), scan: ScanSchema }),
  z.object({ type: z.literal('state'), state: ScannerStateSchema }),
  z.object({ type: z.literal('problem'), at: z.string(), problem: MsgSchema }),
]);
export type ScannerEvent = z.infer<typeof ScannerEventSchema>;

export const SerialPortInfoSchema = z.object({
  path: z.string(),
  manufacturer: z.string(),
  vendorId: z.string(),
  productId: z.string(),
  serialNumber: z.string(),
});

export const PrintDocumentSchema = z.enum(['receipt', 'label', 'guidance', 'test', 'batch-label', 'day-report', 'delivery-note']);
/**
 * sent: the printer answered a status request sent after the last byte (or the OS device took
 * them); unconfirmed: every byte left and the printer closed after our end, but it never answered;
 * saved: written to the preview folder, not printed; held: waits for the clerk because an earlier
 * job of the dossier failed; dismissed: a test page let go. See decision 0013.
 */
export const PrintJobStateSchema = z.enum(['queued', 'sending', 'sent', 'unconfirmed', 'saved', 'held', 'dismissed', 'failed', 'unknown']);

export const PrintJobSchema = z.object({
  id: z.number().int(),
  dossierId: z.number().int().nullable(),
  /** how the clerk names the dossier: register and item number, or the guidance code */
  dossierRef: z.string().nullable(),
  document: PrintDocumentSchema,
  copyLabel: z.string(),
  reprint: z.boolean(),
  createdAt: z.string(),
  clerkCode: z.string(),
  clerkName: z.string(),
  state: PrintJobStateSchema,
  target: z.string(),
  attempts: z.number().int(),
  sha256: z.string(),
  bytes: z.number().int(),
  error: MsgSchema.extend({ code: z.string() }).nullable(),
  updatedAt: z.string(),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

/** What the intake screen gets back: the dossier's numbers and the jobs printing for it. */
export const IntakeOutcomeSchema = IntakeResultSchema.extend({
  printJobs: z.array(PrintJobSchema),
  /** set when the dossier was recorded but its documents could not even be queued */
  printProblem: MsgSchema.nullable(),
});
