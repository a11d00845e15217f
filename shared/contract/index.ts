import { eventIterator, oc } from '@orpc/contract';
import { z } from 'zod';
import {
  CalendarDaySchema,
  CalendarNoticeInputSchema,
  CalendarYearSchema,
  CatalogStatusSchema,
  DossierDetailSchema,
  DossierSearchInputSchema,
  DossierSearchResultSchema,
  DossierSummarySchema,
  ImportPreviewSchema,
  IntakeInputSchema,
  IntakeOutcomeSchema,
  PrintJobSchema,
  ProcedureDetailSchema,
  ProcedureSchema,
  ScannerEventSchema,
  ScannerStateSchema,
  ScanSchema,
  ServiceSchema,
  SerialPortInfoSchema,
  SettingsPatchSchema,
  SettingsSchema,
  SystemStatusSchema,
} from './schemas.js';
import { AccountSchema, ClerkCodeSchema, NewAccountSchema, NewSecretSchema, SessionStateSchema, SignedInSchema, SignInInputSchema } from './account-schemas.js';
import { AutomaticBackupInputSchema, BackupFileSchema, BackupStatusSchema, PassphraseSchema, RestoreInputSchema, RestorePreviewSchema } from './backup.js';
import { OfficeLinkSchema, OfficePasswordInputSchema, OfficeServerReportSchema, OfficeServerTestSchema } from './office-server.js';
import { OfficeMovePreviewSchema, OfficeMoveResultSchema } from './office-move.js';
import { DashboardListInputSchema, DashboardListSchema, DashboardSchema } from './dashboard.js';
import { batchContract } from './batches.js';
import { agencyContract } from './agencies.js';
import { exchangeContract } from './exchange.js';
import { AuditCheckInputSchema, AuditCheckProgressSchema, AuditCheckSchema, AuditKeyFileSchema, AuditKeyImportedSchema, AuditKeyImportSchema, AuditListInputSchema, AuditPageSchema } from './audit.js';
import { CorrectInputSchema, VoidInputSchema } from './amendments.js';
import { CloseDayForInputSchema, CloseDayInputSchema, CounterDaysSchema, DayInputSchema, DaySummarySchema, DayRangeSchema, ExportFileSchema, ExportFormatSchema, RegisterPageInputSchema, RegisterPageSchema } from './reports.js';
import { returnsContract } from './returns.js';
import { retentionContract } from './retention.js';
import { PeriodicReportSchema } from './periodic-report.js';
import { TrainingStateSchema } from './training.js';

/**
 * The one contract between the renderer and the counter core. Both transports
 * (Electron MessagePort, browser-mode HTTP) serve exactly this router.
 */
export const contract = {
  session: {
    /** what the sign-in screen needs: is there an account yet, who is signed in here */
    state: oc.output(SessionStateSchema),
    /** first start only: creates the administrator and signs them in */
    setup: oc.input(NewAccountSchema.omit({ role: true })).output(SignedInSchema),
    /** signs in on this connection; a clerk already signed in here is signed out (switching clerk) */
    signIn: oc.input(SignInInputSchema).output(SignedInSchema),
    lock: oc.output(z.object({ locked: z.literal(true) })),
    /** the same clerk resumes; a supervisor or administrator takes over the counter */
    unlock: oc.input(SignInInputSchema).output(SignedInSchema),
    signOut: oc.output(z.object({ signedOut: z.literal(true) })),
    /** the signed-in clerk's own language, kept with the account for the next sign-in */
    setLang: oc.input(z.object({ lang: z.enum(['vi', 'en']) })).output(z.object({ lang: z.enum(['vi', 'en']) })),
  },
  accounts: {
    list: oc.output(z.array(AccountSchema)),
    create: oc.input(NewAccountSchema).output(AccountSchema),
    resetSecret: oc.input(z.object({ clerkCode: ClerkCodeSchema, secret: NewSecretSchema })).output(AccountSchema),
    setDisabled: oc.input(z.object({ clerkCode: ClerkCodeSchema, disabled: z.boolean() })).output(AccountSchema),
  },
  system: {
    status: oc.output(SystemStatusSchema),
  },
  audit: {
    /** the audit log in words, newest first, a page at a time, by clerk, Hà Nội days, action and dossier */
    list: oc.input(AuditListInputSchema).output(AuditPageSchema),
    /** "Kiểm tra": checks the MAC chain and names each entry altered, removed or reordered (decision 0031) */
    check: oc.input(AuditCheckInputSchema).output(AuditCheckSchema),
    /** how far the check under way has got (a second "Kiểm tra" joins it); null when none runs */
    checkProgress: oc.output(AuditCheckProgressSchema),
    /** the audit key sealed with the administrator's passphrase, for another counter or audit-check (audited) */
    exportKey: oc.input(z.object({ passphrase: PassphraseSchema })).output(AuditKeyFileSchema),
    /** takes in an exported key that verifies this counter's chain; callable while the counter's own key is refused */
    importKey: oc.input(AuditKeyImportSchema).output(AuditKeyImportedSchema),
  },
  settings: {
    get: oc.output(SettingsSchema),
    update: oc.input(SettingsPatchSchema).output(SettingsSchema),
  },
  office: {
    /** connects to an office server as the form describes it and says, in words, what it found; changes nothing */
    testServer: oc.input(OfficeServerTestSchema).output(OfficeServerReportSchema),
    /** what moving this counter's data to that (empty) server would move, or why it would be refused; changes nothing */
    movePreview: oc.input(OfficeServerTestSchema).output(OfficeMovePreviewSchema),
    /** moves it all or nothing; the SQLite file stays as it was, marked as moved, and takes no more writes */
    move: oc.input(OfficeServerTestSchema).output(OfficeMoveResultSchema),
    /** this counter's way to the office's data now, then each change (decision 0032) */
    link: oc.output(eventIterator(OfficeLinkSchema)),
    /** keeps the server's password for this counter's next start, in a file only its user reads */
    savePassword: oc.input(OfficePasswordInputSchema).output(z.object({ saved: z.literal(true) })),
  },
  calendar: {
    year: oc.input(z.object({ year: z.number().int().min(2000).max(2100) })).output(CalendarYearSchema),
    /** enters or replaces a year's official notice (audited); it replaces the provisional days */
    saveNotice: oc.input(CalendarNoticeInputSchema).output(CalendarYearSchema),
    /** reads a notice from a small XLSX, CSV or JSON file for the administrator to check before saving */
    readNoticeFile: oc
      .input(z.object({ year: z.number().int().min(2000).max(2100), fileName: z.string().max(260), contentBase64: z.string().max(2_000_000) }))
      .output(z.array(CalendarDaySchema)),
  },
  catalog: {
    status: oc.output(CatalogStatusSchema),
    search: oc
      .input(
        z.object({
          query: z.string().max(200),
          limit: z.number().int().min(1).max(50).default(10),
          /** only procedures the province opened to this service; without it, those open to postal intake */
          service: ServiceSchema.optional(),
        }),
      )
      .output(z.array(ProcedureSchema)),
    get: oc.input(z.object({ code: z.string().max(60) })).output(ProcedureDetailSchema),
    previewImport: oc
      .input(
        z.object({
          fileName: z.string().max(260),
          /** base64 of the file: about 30 MB of workbook at most */
          contentBase64: z.string().max(40_000_000),
        }),
      )
      .output(ImportPreviewSchema),
    confirmImport: oc
      .input(z.object({ previewId: z.string().max(100) }))
      .output(z.object({ version: z.number().int(), procedures: z.number().int() })),
  },
  dossiers: {
    intake: oc.input(IntakeInputSchema).output(IntakeOutcomeSchema),
    today: oc.output(z.array(DossierSummarySchema)),
    get: oc.input(z.object({ id: z.number().int().positive() })).output(DossierDetailSchema),
    nextItemNumber: oc.output(z.object({ itemNumber: z.string() })),
    /** a scanned or typed item number or agency dossier code → the dossier */
    findByCode: oc.input(z.object({ code: z.string().max(60) })).output(z.object({ id: z.number().int() })),
    /** by name (marks and case ignored), ID, phone, register, item or agency code, with filters */
    search: oc.input(DossierSearchInputSchema).output(DossierSearchResultSchema),
    /** Huỷ hồ sơ (supervisor): ends a dossier taken in by mistake before it leaves the office; its number stays used */
    void: oc.input(VoidInputSchema).output(DossierDetailSchema),
    /** Sửa thông tin (supervisor): fixes the sender's details, kept as an event with the values before and after */
    correct: oc.input(CorrectInputSchema).output(DossierDetailSchema),
  },
  printing: {
    jobs: oc.input(z.object({ dossierId: z.number().int().positive() })).output(z.array(PrintJobSchema)),
    /** waiting, in flight, failed or of unknown outcome: the queue the clerk must look at */
    openJobs: oc.output(z.array(PrintJobSchema)),
    /** the exact bitmap sent to the printer, as PNG */
    preview: oc.input(z.object({ jobId: z.number().int().positive() })).output(z.object({ pngBase64: z.string() })),
    reprint: oc
      .input(z.object({ dossierId: z.number().int().positive(), document: z.enum(['receipt', 'label', 'guidance']) }))
      .output(PrintJobSchema),
    retry: oc.input(z.object({ jobId: z.number().int().positive(), confirm: z.boolean().default(false) })).output(PrintJobSchema),
    testPage: oc.output(PrintJobSchema),
    /** lets a test page that did not print go from the queue */
    dismiss: oc.input(z.object({ jobId: z.number().int().positive() })).output(PrintJobSchema),
    events: oc.output(eventIterator(PrintJobSchema)),
  },
  reports: {
    /** a page of the register book for a range of days, with the gapless check of each year it touches */
    register: oc.input(RegisterPageInputSchema).output(RegisterPageSchema),
    /** the whole register book for the range as a file to save */
    registerFile: oc.input(DayRangeSchema.extend({ format: ExportFormatSchema })).output(ExportFileSchema),
    /** the signed-in clerk's day at this counter (today unless a day is given), from the day's events */
    day: oc.input(DayInputSchema).output(DaySummarySchema),
    /** closes that day with the cash counted; a closed day is never closed again */
    closeDay: oc.input(CloseDayInputSchema).output(DaySummarySchema),
    /** that day's report as an A4 PDF */
    dayFile: oc.input(DayInputSchema).output(ExportFileSchema),
    /** the periodic report for any range: received and returned by agency, level, procedure, office and time, and the money */
    periodic: oc.input(DayRangeSchema).output(PeriodicReportSchema),
    /** the periodic report as a file to save (XLSX or A4 PDF) */
    periodicFile: oc.input(DayRangeSchema.extend({ format: ExportFormatSchema })).output(ExportFileSchema),
    /** Phiếu kết ca on the counter's thermal printer, through the print queue */
    printDay: oc.input(DayInputSchema).output(PrintJobSchema),
    /** the supervisor's view of a day: every clerk at every counter who worked it, and who has not closed */
    counterDays: oc.input(DayInputSchema).output(CounterDaysSchema),
    /** a supervisor closes a clerk's day for them (recorded as done by the supervisor) */
    closeDayFor: oc.input(CloseDayForInputSchema).output(DaySummarySchema),
    /** the supervisor's overview: today and this month, what waits for handover or collection, uploads stopped */
    dashboard: oc.output(DashboardSchema),
    /** the dossiers behind one of the overview's numbers, oldest first, a page at a time */
    dashboardList: oc.input(DashboardListInputSchema).output(DashboardListSchema),
  },
  /** backups of a single counter's SQLite data (an office on a PostgreSQL server uses pg_dump) */
  backup: {
    status: oc.output(BackupStatusSchema),
    /** a consistent copy of the database and settings now, encrypted with the passphrase, into the backup folder */
    create: oc.input(z.object({ passphrase: PassphraseSchema })).output(BackupFileSchema),
    setAutomatic: oc.input(AutomaticBackupInputSchema).output(BackupStatusSchema),
    /** decrypts and checks a backup file and says what it holds; changes nothing */
    previewRestore: oc.input(RestoreInputSchema).output(RestorePreviewSchema),
    /** the checked backup replaces the counter's data at the next start; the current database is kept aside */
    confirmRestore: oc.input(z.object({ restoreId: z.string().max(100) })).output(z.object({ restartNeeded: z.literal(true) })),
  },
  /** F4 Bàn giao */
  batches: batchContract,
  /** Settings → Agencies: where batches go and the servers that take them */
  agencies: agencyContract,
  /** uploads waiting, the agency server's state, and what needs a person */
  exchange: exchangeContract,
  /** F3 Trả kết quả */
  returns: returnsContract,
  retention: retentionContract,
  /** Settings → Chế độ tập huấn: the counter on a separate database with the real catalogue (decision 0045) */
  training: {
    state: oc.output(TrainingStateSchema),
    enter: oc.output(TrainingStateSchema),
    leave: oc.output(TrainingStateSchema),
  },
  scanner: {
    ports: oc.output(z.array(SerialPortInfoSchema)),
    status: oc.output(z.object({ state: ScannerStateSchema, last: z.object({ at: z.string(), scan: ScanSchema }).nullable() })),
    /** serial scans, state changes and line problems as they happen */
    events: oc.output(eventIterator(ScannerEventSchema)),
  },
};

export type Contract = typeof contract;
export * from './schemas.js';
export * from './account-schemas.js';
export * from './reports.js';
export * from './periodic-report.js';
export * from './batches.js';
export * from './returns.js';
export * from './backup.js';
export * from './office-server.js';
export * from './office-move.js';
export * from './agencies.js';
export * from './exchange.js';
export * from './amendments.js';
