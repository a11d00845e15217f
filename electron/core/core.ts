import { join } from 'node:path';
import { vnIsoDate } from '../../shared/format/vn-time.js';
import { CatalogueRepository } from './catalog/catalogue-repository.js';
import { CatalogueService } from './catalog/catalogue-service.js';
import { CalendarService } from './calendar/calendar-service.js';
import { loadCalendarFile } from './calendar/notice-file.js';
import { NoticeRepository } from './calendar/notice-repository.js';
import { SettingsService, type KeyValueStore } from './config/settings-service.js';
import { OfficeSettingsRepository } from './config/office-settings-repository.js';
import { lookupWaitsForRestore } from './auth/permissions.js';
import { probeWritable, type Db } from './db/open.js';
import type { Data } from './db/data.js';
import { officeServerOf, openCounterFile, openOfficeStore, type Store } from './db/store.js';
import { postgresSql } from './db/engine-sql.js';
import { leftBehindWords, serversLeftBehind } from './agencies/tokens-left-behind.js';
import type { OfficeConnection } from './db/postgres/office-connection.js';
import { saveOfficePassword, type OfficePasswordStore } from './db/postgres/office-password.js';
import type { HealthTimings } from './db/postgres/health.js';
import { lockDataDir, type HostKind, type InstanceLock } from './db/instance-lock.js';
import { toAppError, type AppError } from './errors.js';
import { DossierRepository } from './dossiers/dossier-repository.js';
import { IntakeService } from './dossiers/intake-service.js';
import { LookupService } from './dossiers/lookup-service.js';
import { ScannerService, systemSerialDevices, type ScannerDevices } from './devices/scanner/scanner-service.js';
import { RegisterRepository } from './reports/register-repository.js';
import { RegisterService } from './reports/register-service.js';
import { DayRepository } from './reports/day-repository.js';
import { DayService } from './reports/day-service.js';
import { PeriodicRepository } from './reports/periodic/periodic-repository.js';
import { DashboardRepository } from './reports/dashboard/dashboard-repository.js';
import { DashboardService } from './reports/dashboard/dashboard-service.js';
import { PeriodicService } from './reports/periodic/periodic-service.js';
import { BatchRepository } from './batches/batch-repository.js';
import { BatchService } from './batches/batch-service.js';
import { PrintJobRepository } from './devices/printer/print-job-repository.js';
import { PrintService } from './devices/printer/print-service.js';
import type { TcpTimeouts } from './devices/printer/transports/tcp.js';
import type { OpenPrinterPort } from './devices/printer/transports/serial.js';
import { SettingsSchema, type IntakeInput, type IntakeResult, type PrintJob, type Settings, type SettingsPatch } from '../../shared/contract/index.js';
import { msg, type Msg } from '../../shared/i18n/msg.js';
import { actorFor, SYSTEM_CLERK, type Actor } from './system/actor.js';
import { recordUnsealedOnce } from './audit/unsealed-record.js';
import { AuditRepository } from './system/audit-repository.js';
import { AuditTrail } from './audit/audit-trail.js';
import { AuditKeyTransfer } from './audit/key-transfer.js';
import { RetentionService, type PurgeChunkSize } from './retention/retention-service.js';
import { officeKeyRefusal } from './audit/office-key.js';
import { loadOrCreateAuditKey, type AuditKeyStore } from './audit/key-file.js';
import { ChainHead, MarkerFile } from './audit/marker-file.js';
import { walFlush } from './db/wal-flush.js';
import { WalCheckpointer } from './db/wal-checkpointer.js';
import { lastEntry } from './audit/verify.js';
import { AccountRepository } from './auth/account-repository.js';
import { AuthService } from './auth/auth-service.js';
import { defaultResourcesDir } from './system/paths.js';
import { failpoint } from './system/failpoints.js';
import { prunePreviews } from './devices/printer/preview-retention.js';
import { printerPathProblems } from './devices/printer/printer-paths.js';
import { previewDirOf } from './devices/printer/transports/preview.js';
import { BackupService } from './backup/backup-service.js';
import type { BackupPace } from './backup/snapshot.js';
import { AgencyService } from './agencies/agency-service.js';
import { AgencyTokens, type SecretSeal } from './agencies/token-file.js';
import { OfficeTokens, tokenSealKey } from './agencies/office-tokens.js';
import type { Clock, RetryPolicy } from './agency/retry-policy.js';
import { OutboxRepository } from './outbox/outbox-repository.js';
import { OutboxWorker } from './outbox/outbox-worker.js';
import { OfficeMoveService } from './office-move/office-move-service.js';
import { readMovedMarker } from './office-move/moved-marker.js';
import { lookupWaitsForSwitch } from './office-move/switch-after-move.js';
import { recordSwitchAfterMove } from './office-move/switched-to-office.js';
import { UpdateApplier } from './updates/apply-updates.js';
import { UpdatePoller } from './updates/update-poller.js';
import { UpdateRepository } from './updates/update-repository.js';
import type { WorkLease } from './system/work-lease.js';
import { exchangeTurn } from './system/exchange-turn.js';
import { AttentionRepository } from './updates/attention-repository.js';
import { ExchangeView } from './updates/exchange-status.js';
import { SharedReachability } from './updates/shared-reachability.js';
import { AmendmentService } from './amendments/amendment-service.js';
import { ReturnRepository } from './returns/return-repository.js';
import { ReturnsService } from './returns/returns-service.js';
import { ResultOnlyIntake } from './returns/result-only-intake.js';
import { DeliveryRound } from './returns/delivery-round.js';
import { clerkPhoned } from './returns/citizen-notifier.js';
import { switchableCore, type CoreMode, type CounterCore, type TrainingControl } from './training/training-switch.js';
import { TRAINING_FILE } from './training/training-data.js';

export interface CoreOptions {
  /** where the database lives: Electron passes userData, browser mode and tests a folder */
  dataDir: string;
  settingsStore: KeyValueStore;
  resourcesDir?: string;
  now?: () => Date;
  /** serial port list and factory; tests inject ptys or mocks */
  serialDevices?: ScannerDevices;
  /** serial printer port factory; tests pass one on a pty */
  openPrinterPort?: OpenPrinterPort;
  printerTimeouts?: Partial<TcpTimeouts>;
  /** how long the print worker retries a database write before giving up; tests shorten it */
  printRecordRetryMs?: number;
  /** how long a settled print job keeps its bytes (hours); then it is drawn again when needed */
  printKeepBytesHours?: number;
  /** who hosts the core, named when a second process is refused the same data folder */
  host?: HostKind;
  /** written in each backup's header */
  appVersion?: string;
  /** seals the agency servers' tokens in their file: Electron's safeStorage; elsewhere the file's mode alone */
  secretSeal?: SecretSeal;
  /** the upload's clock and retry numbers; tests make waits instant */
  agencyClock?: Clock;
  agencyPolicy?: RetryPolicy;
  /** how long the outbox worker rests when nothing is due */
  outboxIdleMs?: number;
  /** between two reads of the agencies' updates feeds (default 60 s); tests shorten it */
  updatesIntervalMs?: number;
  /** who may send the office's outbox and read its updates: on an office server, an AdvisoryLease */
  exchangeLease?: WorkLease;
  /** how fast a backup copies the database; tests slow it to hold it open while intakes commit */
  backupPace?: BackupPace;
  /** between two checkpoints of the counter file's log (default 1 s); tests lengthen it */
  walCheckpointMs?: number;
  /** where the office server's password may come from besides its file (decision 0032) */
  env?: Record<string, string | undefined>;
  /** the host's secret store holding the office server's password (Electron's safeStorage) */
  officePassword?: OfficePasswordStore;
  /** the host's secret store for the audit key (Electron's safeStorage); without it, the 0600 file */
  auditKeyStore?: AuditKeyStore;
  /** how much one transaction of a retention purge removes (tests make it small) */
  purgeChunk?: PurgeChunkSize;
  /** how the office server's link is watched; tests make it quick */
  officeHealth?: Partial<HealthTimings>;
  /** how long a switch of training mode waits for the calls running (default 20 s); tests shorten it */
  trainingSettleMs?: number;
}

export interface Core {
  dataDir: string;
  /** every read and write of the core goes through this handle (decision 0023) */
  data: Data;
  /**
   * The SQLite file underneath, for start-up (migrations, integrity) and for tests that look
   * inside; null when the data are on the office server. Nothing may use it while the core runs:
   * a statement issued while a transaction is open on the same connection would run inside it.
   */
  db: Db | null;
  /** folds the counter file's log into it off the answer path (decision 0057); null on the office server */
  walCheckpoint: WalCheckpointer | null;
  /** the link to the office server when the data are there (decision 0032), else null */
  office: OfficeConnection | null;
  /** what the integrity check at start found wrong; when set, every write is refused */
  damage: string | null;
  settings: SettingsService;
  catalogue: CatalogueService;
  calendar: CalendarService;
  intake: IntakeService;
  dossiers: DossierRepository;
  lookup: LookupService;
  scanner: ScannerService;
  printing: PrintService;
  register: RegisterService;
  day: DayService;
  periodic: PeriodicService;
  dashboard: DashboardService;
  batches: BatchService;
  /** Settings → Agencies: their servers and tokens (decision 0034) */
  agencies: AgencyService;
  /** uploads waiting, the agency server's state, and the "Cần xử lý" list */
  exchange: ExchangeView;
  /** voids and corrections by a supervisor (decision 0037) */
  amendments: AmendmentService;
  /** F3: results from the agency to the citizen (decision 0035) */
  returns: ReturnsService;
  resultOnly: ResultOnlyIntake;
  /** the postman's day list, on screen and on A4 */
  deliveryRound: DeliveryRound;
  /** backups now and daily, and restore at the next start (decision 0028) */
  backup: BackupService;
  /** the audit log read and checked by a supervisor (decision 0031) */
  audit: AuditTrail;
  /** the audit key carried between counters sealed with a passphrase (decision 0055) */
  auditKey: AuditKeyTransfer;
  /** this counter's data moved to the office server, once (decision 0033) */
  officeMove: OfficeMoveService;
  /** settled records removed after the retention period, with a checkpoint in the chain (decision 0044) */
  retention: RetentionService;
  /** accepts or guides a dossier, then queues what it prints; printing never undoes the intake */
  takeIn(input: IntakeInput, actor: Actor): Promise<IntakeResult & { printJobs: PrintJob[]; printProblem: Msg | null }>;
  /** set when this counter's audit key does not verify the office chain: every write is refused */
  auditKeyRefusal(): AppError | null;
  /** keeps the office server's password in this counter's 0600 file, for its next start */
  saveOfficePassword(password: string, actor: Actor): Promise<{ saved: true }>;
  /** saves settings and applies them to the devices */
  updateSettings(patch: SettingsPatch, actor: Actor): Promise<Settings>;
  /** accounts, sign-in, sessions, and the permission check every call passes */
  auth: AuthService;
  /** a search for citizens' data: who looked for what, and when (personal-data rules) */
  recordLookup(actor: Actor, kind: string, query: string): Promise<void>;
  /** an event of the counter itself in the audit trail (training entered or left) */
  note(kind: string, actor: Actor, details: Record<string, unknown>): Promise<void>;
  /** training mode: the counter on a separate database, switched while it runs (decision 0045) */
  training: TrainingControl;
  now: () => Date;
  today: () => string;
  close(): Promise<void>;
}

/** Upload problems a change of an agency's address or token may cure. */
const CREDENTIAL_STOPS = ['AGENCY_UNAUTHORIZED', 'AGENCY_FORBIDDEN', 'AGENCY_URL_INVALID'];

/** Builds the counter core. Plain Node: whoever hosts it injects paths and stores. */
export function createCore(options: CoreOptions): Promise<Core> {
  return switchableCore(options, openCore);
}

/** A core on one store: the counter's own file or the office server, or in training the training file. */
async function openCore(options: CoreOptions, mode: CoreMode): Promise<CounterCore> {
  const now = options.now ?? (() => new Date());
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir();
  const server = mode.training ? null : officeServerOf(options.settingsStore);
  let lock: InstanceLock | undefined;
  let store: Store | undefined;
  let walCheckpoint: WalCheckpointer | null = null;
  // Read before the file is opened: a marker that cannot be read refuses the start, changing nothing.
  const movedAway = server ? null : readMovedMarker(options.dataDir);
  try {
    probeWritable(options.dataDir);
    lock = lockDataDir(options.dataDir, options.host ?? 'browser', now());
    if (server) {
      // The counter code names this counter's connections on the server (pg_stat_activity).
      const counterCode = SettingsSchema.shape.counter.safeParse(options.settingsStore.store['counter']).data?.code ?? '';
      store = openOfficeStore(options.dataDir, server, counterCode, { env: options.env ?? process.env, secretStore: options.officePassword }, now, options.officeHealth);
    } else {
      store = await openCounterFile(options.dataDir, options.settingsStore, now(), mode.training ? TRAINING_FILE : undefined);
    }
    const { data, db, damage, restored, office: onServer } = store;
    walCheckpoint = db ? new WalCheckpointer(db, options.walCheckpointMs) : null;
    // From here on the data are only read and written through `data`.
    const auditKey = loadOrCreateAuditKey(options.dataDir, options.auditKeyStore);
    const auditHead = new ChainHead(new MarkerFile(options.dataDir, 'head', auditKey), db ? walFlush(db.name) : undefined);
    // Set at start on an office server whose chain this counter's key does not verify (decision 0044).
    let keyRefusal: AppError | null = null;
    const audit = new AuditRepository(data, auditKey, store.sql, auditHead, () => keyRefusal);
    const dossiers = new DossierRepository(data, store.search, auditKey);
    // Each counter of an office server keeps its own end marker over the office's one chain (decision 0047).
    const auditTrail = new AuditTrail({ data, key: auditKey, dataDir: options.dataDir, repo: audit, head: auditHead, now, headOf: () => (onServer ? settings.get().counter.code : null), findDossier: (code) => dossiers.idByCode(code) });
    const settings = new SettingsService(options.settingsStore, audit, now, (next) => printerPathProblems(next.printer, options.dataDir), new OfficeSettingsRepository(data, store.sql));
    // The backup copies the SQLite file with SQLite's own online backup, on the raw handle: it
    // runs between calls, when no transaction is open (decision 0023). An office server is
    // backed up by its own tools (decision 0032).
    const backup = new BackupService({
      db,
      dataDir: options.dataDir,
      settingsStore: options.settingsStore,
      audit,
      auditKey,
      auditKeyStore: options.auditKeyStore,
      systemActor: () => actorFor(SYSTEM_CLERK, settings.get()),
      now,
      appVersion: options.appVersion ?? 'dev',
      pace: options.backupPace,
    });
    // The counter's own token file, and what of it an office server would not take (decision 0056).
    const fileTokens = () => new AgencyTokens(options.dataDir, options.secretSeal, serverOfAgency);
    const tokensLeftBehind = () => {
      const file = fileTokens();
      return leftBehindWords(serversLeftBehind(file.servers(), settings.get().agencies.map((a) => a.serverUrl)), file.agenciesGone());
    };
    const officeMove = new OfficeMoveService({ counter: data, dataDir: options.dataDir, auditKey, damage, counterCode: () => settings.get().counter.code, now, onServer: store.office !== null,
      marker: movedAway,
      tokensLeftBehind,
      // The loops started with the file would otherwise go on writing into it until the next start.
      onMoved: async () => {
        await outbox?.stop();
        await updates?.stop();
        await backup.stop();
        await walCheckpoint?.stop();
      },
    });
    // A file whose data moved to the office server is the counter's last local copy: like a
    // damaged one, nothing writes into it unattended, start-up work included (decision 0040).
    const frozen = damage !== null || officeMove.moved() !== null;
    const auth = new AuthService({ accounts: new AccountRepository(data), audit, settings: () => settings.get(), now, readOnly: frozen, sessions: mode.sessions });
    const catalogue = new CatalogueService(new CatalogueRepository(data, audit), now);
    const calendar = new CalendarService(new NoticeRepository(data, audit), loadCalendarFile(resourcesDir, options.dataDir), now);
    const intake = new IntakeService(dossiers, catalogue, () => settings.get(), () => calendar.calendar(), now, mode.training,
      // Counters of one office draw item numbers only from ranges of their own (decision 0056).
      onServer ? (actor) => settings.ownRange(actor) : undefined,
      (tx, at, detail, actor) => audit.in(tx).record(at, 'dossier.intake', actor, detail));
    const scanner = new ScannerService(options.serialDevices ?? systemSerialDevices, () => { const s = settings.get().s10; return { serviceLetters: s.serviceLetters, carriers: s.carriers }; }, now);
    const printing = new PrintService({
      repo: new PrintJobRepository(data, () => settings.get().counter.code, store.sql, auditKey),
      audit,
      dossier: (id) => dossiers.get(id),
      settings: () => settings.get(),
      dataDir: options.dataDir,
      resourcesDir,
      now,
      openSerialPort: options.openPrinterPort,
      tcpTimeouts: options.printerTimeouts,
      recordRetryMs: options.printRecordRetryMs,
      keepBytesHours: options.printKeepBytesHours,
      training: mode.training,
    });
    const register = new RegisterService(new RegisterRepository(data, store.sql), () => settings.get().office, resourcesDir, now, mode.training);
    const periodicRepo = new PeriodicRepository(data, store.sql);
    const periodic = new PeriodicService(periodicRepo, () => settings.get().office, resourcesDir, now, mode.training);
    const dashboard = new DashboardService(new DashboardRepository(data), periodicRepo, now);
    const day = new DayService({ data, repo: new DayRepository(data), audit, office: () => settings.get().office, resourcesDir, training: mode.training, now, printing });
    // On an office server the tokens are the office's, sealed on the server (decision 0047).
    const serverOfAgency = (code: string) => settings.get().agencies.find((a) => a.code === code)?.serverUrl;
    const officeTokens = onServer ? new OfficeTokens(data, tokenSealKey(auditKey), now) : null;
    const tokens = officeTokens ?? new AgencyTokens(options.dataDir, options.secretSeal, serverOfAgency);
    const agencies = new AgencyService({ settings, tokens, audit, now });
    const outboxRepo = new OutboxRepository(data);
    const returnRepo = new ReturnRepository(data);
    const resultOnly = new ResultOnlyIntake({ returns: returnRepo, dossiers, catalogue, audit, settings: () => settings.get(), now });
    // On the office server one counter at a time sends and reads the agencies (decision 0040).
    const officeLease = options.exchangeLease ?? store.exchangeLease;
    const exchangeLease = officeLease && exchangeTurn(officeLease, async () => {
      // Each turn reads what another counter saved since: the agencies and their tokens.
      if (onServer) {
        await settings.refresh();
        await agencies.refresh();
      }
      return agencies.servers().length > 0;
    }, () => {
      outbox?.nudge();
      updates?.nudge();
    });
    const returns = new ReturnsService({
      returns: returnRepo,
      dossiers,
      audit,
      printing,
      notifier: clerkPhoned(now),
      calendar: () => calendar.calendar(),
      settings: () => settings.get(),
      now,
    });
    const reachedShared = onServer ? new SharedReachability(data, () => settings.get().counter.code, now) : null;
    const exchange = new ExchangeView({
      attention: new AttentionRepository(data),
      outbox: outboxRepo,
      // On an office server every counter shows what the lease holder last saw (decision 0047).
      reachability: () => (reachedShared ? reachedShared.read(agencies.servers().map((a) => a.url)) : (updates?.reachability() ?? [])),
      configured: () => agencies.servers().length > 0,
    });
    // A damaged or moved file takes no writes, so nothing can be recorded about an upload either.
    const outbox = frozen
      ? undefined
      : new OutboxWorker({
          outbox: outboxRepo,
          dossiers,
          serverFor: (code) => agencies.serverFor(code),
          configured: () => agencies.servers().flatMap((s) => s.agencyCodes),
          actor: () => actorFor(SYSTEM_CLERK, settings.get()),
          clock: options.agencyClock,
          policy: options.agencyPolicy,
          idleMs: options.outboxIdleMs,
          lease: exchangeLease ?? undefined,
          onDelivered: () => updates?.nudge(),
          onChange: () => exchange.changed(),
        });
    const updates = frozen
      ? undefined
      : new UpdatePoller({
          applier: new UpdateApplier({ updates: new UpdateRepository(data), dossiers, actor: () => actorFor(SYSTEM_CLERK, settings.get()), now }),
          updates: new UpdateRepository(data),
          servers: () => agencies.servers(),
          now,
          intervalMs: options.updatesIntervalMs,
          lease: exchangeLease ?? undefined,
          onRound: () => exchange.changed(),
          onReached: reachedShared ? (r) => reachedShared.record(r) : undefined,
        });
    const batches = new BatchService({
      batches: new BatchRepository(data),
      dossiers,
      printing,
      settings: () => settings.get(),
      resourcesDir,
      training: mode.training,
      now,
      outbox: outboxRepo,
      audit,
      uploadQueued: () => {
        exchange.changed();
        outbox?.nudge();
      },
      // Updates held because the dossier was not handed over yet can apply now; F4 shows the signing.
      handedOver: () => {
        exchange.changed();
        updates?.nudge();
      },
    });
    agencies.onChange(async (changed) => {
      // A batch stopped by a refused token or a wrong address goes again once they are changed,
      // as its words promised; other stops wait for a supervisor's "Gửi lại".
      for (const key of await outboxRepo.stoppedBy(changed, CREDENTIAL_STOPS)) await outboxRepo.requeue(key);
      outbox?.serversChanged();
      updates?.serversChanged();
      exchange.changed();
    });
    const printer = settings.get().printer;
    const pruned = await prunePreviews(previewDirOf(printer, options.dataDir), printer.previewKeepDays, now());
    if (pruned > 0) console.log(`[print] removed ${pruned} preview files older than ${printer.previewKeepDays} days`);
    await scanner.apply(settings.get().scanner);
    // A damaged or moved file takes no audit rows (it takes no writes), and a lookup that cannot be
    // recorded is not answered (decisions 0064, 0068). Moved in this run, the counter records its
    // lookups where its data now are (decision 0056).
    let movedTrail: AuditRepository | undefined;
    const recordLookup = async (actor: Actor, kind: string, query: string) => {
      const office = officeMove.movedTo();
      const moved = officeMove.moved();
      if (office) await (movedTrail ??= new AuditRepository(office, auditKey, postgresSql)).recordQuick(now(), 'lookup', actor, { kind, query });
      // Moved in an earlier run: no trail the office reads is at hand, so no lookup (decision 0064).
      else if (moved) throw lookupWaitsForSwitch(moved);
      else if (damage) throw lookupWaitsForRestore(options.dataDir, damage);
      else await audit.recordQuick(now(), 'lookup', actor, { kind, query });
    };
    // The start-up reads and writes of the data: at once on the counter's file, and on the
    // office server as soon as it answers (the counter is up meanwhile and says why it waits).
    const startUp = async () => {
      if (onServer) keyRefusal = await officeKeyRefusal(data, auditKey, options.auditKeyStore !== undefined);
      if (keyRefusal) console.warn(`[audit] ${keyRefusal.data.en}`);
      const writable = !frozen && !keyRefusal;
      if (restored) {
        // The restored chain's end, as the backup holds it: entries cut off it from now on are seen.
        const last = await lastEntry(data);
        if (last) auditHead.advance(last);
      }
      // Before the check: the rows without seals are known from the record, not guessed (decision 0066).
      if (writable) await recordUnsealedOnce(audit, data, now(), actorFor(SYSTEM_CLERK, settings.get()));
      await auditTrail.checkAtStart();
      if (writable) await auditTrail.startHead(actorFor(SYSTEM_CLERK, settings.get()));
      if (onServer && writable) await recordSwitchAfterMove({ data, audit, dataDir: options.dataDir, actor: actorFor(SYSTEM_CLERK, settings.get()), now: now() });
      // A counter that takes no writes (damaged or moved file, wrong audit key) carries nothing
      // over from its settings file, but still reads the office-wide values where they now live.
      if (writable) await settings.load();
      else await settings.refresh(true).catch((error: unknown) => console.warn('[settings] office-wide values unreadable; defaults shown', error));
      if (officeTokens && writable) {
        // A counter already on the server when tokens became the office's brings its file's once.
        const brought = await officeTokens.adopt(settings.get().agencies.map((a) => a.serverUrl), fileTokens(), SYSTEM_CLERK.code);
        if (brought.length > 0) await audit.record(now(), 'agencies.tokensAdopted', actorFor(SYSTEM_CLERK, settings.get()), { servers: brought });
        const left = tokensLeftBehind();
        if (left) console.warn(`[agencies] ${left.en}`);
      }
      await agencies.refresh();
      if (restored) {
        console.log(`[backup] restored from a backup; the previous database is kept as ${restored.keptAs}`);
        if (!damage) await audit.record(now(), 'backup.restored', actorFor(SYSTEM_CLERK, settings.get()), { keptAs: restored.keptAs, from: restored.about });
      }
      await catalogue.load();
      if (writable) await catalogue.seedDemo(join(resourcesDir, 'demo', 'catalogue.json'), actorFor(SYSTEM_CLERK, settings.get()));
      await calendar.load();
      if (writable) await printing.recoverInterrupted();
      // A damaged file is not backed up unattended: its copies would push the last sound ones out.
      if (db && !frozen) backup.start();
      if (!frozen) walCheckpoint?.start();
      // Last, so a start-up that fails leaves no worker on a closed file.
      outbox?.start();
      updates?.start();
    };
    if (store.office) store.office.start(startUp);
    else await startUp();
    return {
      dataDir: options.dataDir,
      data,
      db,
      walCheckpoint,
      office: store.office,
      damage,
      settings,
      catalogue,
      calendar,
      intake,
      dossiers,
      lookup: new LookupService(dossiers, recordLookup),
      scanner,
      printing,
      register,
      periodic,
      dashboard,
      day,
      batches,
      agencies,
      exchange,
      amendments: new AmendmentService({ data, dossiers, audit, now }),
      returns,
      resultOnly,
      deliveryRound: new DeliveryRound({ returns: returnRepo, settings: () => settings.get(), resourcesDir, now, training: mode.training }),
      backup,
      audit: auditTrail,
      auditKey: new AuditKeyTransfer({ data, sql: store.sql, key: auditKey, dataDir: options.dataDir, store: options.auditKeyStore, audit, officeCode: () => settings.get().office.code, systemActor: () => actorFor(SYSTEM_CLERK, settings.get()), keyRefused: () => keyRefusal !== null, now }),
      retention: new RetentionService({ data, sql: store.sql, audit, key: auditKey, now, chunk: options.purgeChunk }),
      officeMove,
      auth,
      auditKeyRefusal: () => keyRefusal,
      recordLookup,
      note: async (kind, actor, details) => {
        await audit.record(now(), kind, actor, details);
      },
      takeIn: async (input, actor) => {
        // The papers are recorded in the dossier's own transaction: one commit, both or neither (decision 0057).
        let jobIds: number[] = [];
        const result = await intake.intake(input, actor, async (tx, dossier, accepted) => {
          jobIds = await printing.queueInIntake(tx, dossier, accepted, actor);
        });
        failpoint('intake.committed');
        // A replayed answer prints nothing new: its jobs are the ones the first call queued.
        if (result.replayed) return { ...result, printJobs: await printing.jobs(result.dossierId), printProblem: null };
        try {
          return { ...result, printJobs: await printing.announce(jobIds), printProblem: null };
        } catch (error) {
          console.error('[print]', error);
          return {
            ...result,
            printJobs: [],
            printProblem: msg(
              'Hồ sơ và phiếu in đã được ghi nhận nhưng chưa đọc lại được hàng in. Xem hàng in ở màn hình Tra cứu trước khi bấm In lại.',
              'The dossier and its documents are recorded, but the print queue could not be read back. Check the queue in Lookup before pressing Reprint.',
            ),
          };
        }
      },
      saveOfficePassword: async (password, actor) => {
        if (options.officePassword) options.officePassword.save(password);
        else saveOfficePassword(options.dataDir, password);
        // Who kept a new password, never the password; a moved file takes no row (decision 0064).
        if (officeMove.moved()) console.log(`[office] ${actor.clerkCode} kept the office server's password on a counter whose data moved`);
        else await audit.record(now(), 'office.savePassword', actor, {});
        return { saved: true };
      },
      updateSettings: async (patch, actor) => {
        const moved = officeMove.moved();
        const next = moved ? await settings.switchAfterMove(patch, actor, moved) : await settings.update(patch, actor);
        await scanner.apply(next.scanner);
        return next;
      },
      now,
      today: () => vnIsoDate(now()),
      // Devices first: never hold a port after the app is gone.
      close: async () => {
        await scanner.close();
        await printing.stop();
        await outbox?.stop();
        await updates?.stop();
        await exchangeLease?.release();
        await backup.stop();
        await auditHead.settle();
        await officeMove.close();
        await walCheckpoint?.stop();
        if (store!.office) await store!.office.close();
        else await data.destroy();
        lock?.release();
      },
    };
  } catch (error) {
    await walCheckpoint?.stop();
    if (store?.office) await store.office.close();
    else await store?.data.destroy();
    lock?.release();
    throw toAppError(error);
  }
}
