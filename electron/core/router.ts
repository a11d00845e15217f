import { implement, ORPCError } from '@orpc/server';
import { contract } from '../../shared/contract/index.js';
import type { Core } from './core.js';
import { AppError, appError, malformedRequest, noInputExpected, toAppError } from './errors.js';
import type { AppErrorData } from '../../shared/contract/errors.js';
import { damagedDatabase, ruleOf } from './auth/permissions.js';
import type { Session, SessionRef } from './auth/sessions.js';
import { restoreWaiting } from './backup/backup-service.js';
import { testOfficeServer } from './db/postgres/server-test.js';
import { dataMovedAway } from './office-move/moved-marker.js';
import { opensTheSwitch } from './office-move/switch-after-move.js';
import { notInTraining } from './training/training-words.js';

/** What each transport passes with a call: the session of its connection (see decision 0014). */
export interface CallContext {
  session: SessionRef;
}

/** A counter on its own file has no server to reach. */
const LOCAL_LINK = { state: 'local' as const, since: new Date(0).toISOString(), words: null };

const signedInAs = (s: Session) => ({ token: s.token, clerk: { code: s.code, name: s.name, role: s.role } });

/** The calls that switch training mode: the switch waits for every other call, not for itself. */
const SWITCHES = new Set(['training.enter', 'training.leave']);

/** The core's one router; both transports serve it. */
export function createRouter(core: Core) {
  // Every call passes the permission table here; handlers get the signed-in clerk, never the page's word for it.
  const os = implement(contract)
    .$context<CallContext>()
    // A switch of training mode waits for the calls already running: each runs whole on the store it started on.
    .use(({ path, next }) => (SWITCHES.has(path.join('.')) ? next() : core.training.admit(async () => next())))
    .use(async ({ path, context, next, procedure }, input) => {
      const name = path.join('.');
      const rule = ruleOf(name);
      if (rule?.realOnly && core.training.state().on) throw notInTraining();
      if (core.damage && rule?.writes) throw damagedDatabase(core.dataDir, core.damage);
      if (core.backup.restorePending && rule?.writes) throw restoreWaiting();
      // Nothing here happens unaudited, sign-in included: such a counter only says why (decision 0044).
      const keyRefusal = core.auditKeyRefusal();
      if (keyRefusal && name !== 'session.state' && !rule?.withoutData && !rule?.curesKey) throw keyRefusal;
      const moved = core.officeMove.moved();
      if (moved && (rule?.writes || name === 'office.move') && !opensTheSwitch(name, input)) throw dataMovedAway(moved);
      // Off the office server's data, a write is refused before it starts: nothing half written (decision 0032).
      const office = rule?.withoutData ? null : core.office;
      const refusal = office?.refusal(rule?.writes ?? false);
      if (refusal) throw refusal;
      try {
        // Another counter of the office may have changed the office-wide settings (decision 0038).
        if (office) {
          await core.settings.refresh();
          // The office's agency tokens (decision 0047): read again only where a screen shows them.
          if (name.startsWith('agencies.')) await core.agencies.refresh();
        }
        const clerk = await core.auth.authorise(name, rule, context.session);
        // oRPC passes input to a procedure that declares none unchecked: refuse it instead.
        if (input !== undefined && !procedure['~orpc'].inputSchema) throw noInputExpected();
        return await next({ context: { clerk } });
      } catch (error) {
        throw office ? office.explain(error) : error;
      }
    });
  /** The actor of a write: the session's clerk at this counter (the table has made sure there is one). */
  const actor = (context: { clerk: Session | null }) => core.auth.actor(context.clerk!);
  /**
   * A live stream outlives the call that opened it: each event is let through only while its
   * connection is signed in and unlocked (a scan at a locked counter never reaches the page),
   * and signing out ends the stream.
   */
  async function* whileSignedIn<T>(ref: SessionRef, events: AsyncIterable<T>): AsyncGenerator<T> {
    for await (const event of events) {
      if (!core.auth.session(ref)) return;
      if (await core.auth.mayWatch(ref)) yield event;
    }
  }
  return os.router({
    session: {
      state: os.session.state.handler(async ({ context }) => {
        const s = core.settings.get();
        const session = core.auth.session(context.session);
        return {
          needsSetup: await core.auth.needsSetup(),
          clerk: session ? signedInAs(session).clerk : null,
          locked: session?.locked ?? false,
          idleLockMinutes: s.security.idleLockMinutes,
          lang: session?.lang ?? s.lang,
          office: s.office,
          counter: s.counter.code,
          training: core.training.state().on,
        };
      }),
      setup: os.session.setup.handler(async ({ input, context }) => signedInAs(await core.auth.setup(input, context.session))),
      signIn: os.session.signIn.handler(async ({ input, context }) => signedInAs(await core.auth.signIn(input.clerkCode, input.secret, context.session))),
      lock: os.session.lock.handler(async ({ context }) => {
        await core.auth.lock(context.clerk!);
        return { locked: true as const };
      }),
      unlock: os.session.unlock.handler(async ({ input, context }) => signedInAs(await core.auth.unlock(input.clerkCode, input.secret, context.session))),
      signOut: os.session.signOut.handler(async ({ context }) => {
        await core.auth.signOut(context.session);
        return { signedOut: true as const };
      }),
      setLang: os.session.setLang.handler(({ input, context }) => core.auth.setLang(context.clerk!, input.lang)),
    },
    accounts: {
      list: os.accounts.list.handler(() => core.auth.list()),
      create: os.accounts.create.handler(({ input, context }) => core.auth.create(context.clerk!, input)),
      resetSecret: os.accounts.resetSecret.handler(({ input, context }) => core.auth.resetSecret(context.clerk!, input.clerkCode, input.secret)),
      setDisabled: os.accounts.setDisabled.handler(({ input, context }) => core.auth.setDisabled(context.clerk!, input.clerkCode, input.disabled)),
    },
    system: {
      status: os.system.status.handler(async ({ context }) => {
        const s = core.settings.get();
        return {
          office: s.office,
          counter: s.counter.code,
          clerk: { code: context.clerk!.code, name: context.clerk!.name },
          lang: context.clerk!.lang ?? s.lang,
          catalog: await core.catalogue.status(),
          dataDir: core.dataDir,
          today: core.today(),
          damage: core.damage ? damagedDatabase(core.dataDir, core.damage).data : null,
          itemCodes: { serviceLetters: s.s10.serviceLetters, carriers: s.s10.carriers },
          calendarNoticeMissing: core.calendar.missingNotice(),
          backupNotice: core.backup.notice(),
          auditNotice: core.auditKeyRefusal()?.data ?? core.audit.notice(),
          training: core.training.state(),
        };
      }),
    },
    audit: {
      list: os.audit.list.handler(({ input }) => core.audit.list(input)),
      check: os.audit.check.handler(({ input }) => core.audit.check(input?.full ?? false)),
      checkProgress: os.audit.checkProgress.handler(() => core.audit.progress()),
      exportKey: os.audit.exportKey.handler(({ input, context }) => core.auditKey.exportKey(input.passphrase, actor(context))),
      importKey: os.audit.importKey.handler(({ input }) => core.auditKey.importKey(input.contentBase64, input.passphrase)),
    },
    retention: {
      period: os.retention.period.handler(() => core.retention.period()),
      setPeriod: os.retention.setPeriod.handler(({ input, context }) => core.retention.setPeriod(input.years, actor(context))),
      preview: os.retention.preview.handler(() => core.retention.preview()),
      purge: os.retention.purge.handler(({ input, context }) => core.retention.purge(input.cutoff, actor(context))),
    },
    settings: {
      get: os.settings.get.handler(() => core.settings.get()),
      update: os.settings.update.handler(({ input, context }) => core.updateSettings(input, actor(context))),
    },
    office: {
      testServer: os.office.testServer.handler(({ input }) => testOfficeServer(input)),
      movePreview: os.office.movePreview.handler(({ input }) => core.officeMove.preview(input.server, input.password)),
      move: os.office.move.handler(({ input, context }) => core.officeMove.move(input.server, input.password, actor(context))),
      link: os.office.link.handler(async function* ({ signal }) {
        if (!core.office) return yield LOCAL_LINK;
        yield core.office.link();
        yield* core.office.events.subscribe('link', { signal });
      }),
      savePassword: os.office.savePassword.handler(({ input, context }) => core.saveOfficePassword(input.password, actor(context))),
    },
    calendar: {
      year: os.calendar.year.handler(({ input }) => core.calendar.year(input.year)),
      saveNotice: os.calendar.saveNotice.handler(({ input, context }) => core.calendar.save(input.year, input.reference, input.days, actor(context))),
      readNoticeFile: os.calendar.readNoticeFile.handler(({ input }) =>
        core.calendar.readFile(input.fileName, Buffer.from(input.contentBase64, 'base64'), input.year),
      ),
    },
    catalog: {
      status: os.catalog.status.handler(() => core.catalogue.status()),
      search: os.catalog.search.handler(({ input }) => core.catalogue.search(input.query, input.limit, input.service)),
      get: os.catalog.get.handler(({ input }) => core.catalogue.get(input.code)),
      previewImport: os.catalog.previewImport.handler(({ input }) =>
        core.catalogue.previewImport(input.fileName, Buffer.from(input.contentBase64, 'base64')),
      ),
      confirmImport: os.catalog.confirmImport.handler(({ input, context }) => core.catalogue.confirmImport(input.previewId, actor(context))),
    },
    dossiers: {
      intake: os.dossiers.intake.handler(({ input, context }) => core.takeIn(input, actor(context))),
      today: os.dossiers.today.handler(() => core.dossiers.listByDay(core.today())),
      get: os.dossiers.get.handler(async ({ input }) => {
        const d = await core.dossiers.get(input.id);
        if (!d) throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ số ${input.id}.`, `There is no dossier ${input.id}.`, { status: 'NOT_FOUND' });
        return d;
      }),
      nextItemNumber: os.dossiers.nextItemNumber.handler(async ({ context }) => ({ itemNumber: await core.intake.peekItemNumber(actor(context)) })),
      findByCode: os.dossiers.findByCode.handler(async ({ input, context }) => {
        const code = input.code.trim().toUpperCase();
        await core.recordLookup(actor(context), 'code', code);
        const id = await core.dossiers.idByCode(code);
        if (id === undefined) {
          throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ nào mang mã ${code}.`, `No dossier has the code ${code}.`, { status: 'NOT_FOUND' });
        }
        return { id };
      }),
      search: os.dossiers.search.handler(({ input, context }) => core.lookup.search(input, actor(context))),
      void: os.dossiers.void.handler(({ input, context }) => core.amendments.void(input.dossierId, input.reason, actor(context))),
      correct: os.dossiers.correct.handler(({ input, context }) => core.amendments.correct(input, actor(context))),
    },
    printing: {
      jobs: os.printing.jobs.handler(({ input }) => core.printing.jobs(input.dossierId)),
      openJobs: os.printing.openJobs.handler(() => core.printing.openJobs()),
      preview: os.printing.preview.handler(async ({ input }) => ({ pngBase64: (await core.printing.previewPng(input.jobId)).toString('base64') })),
      reprint: os.printing.reprint.handler(({ input, context }) => core.printing.reprint(input.dossierId, input.document, actor(context))),
      retry: os.printing.retry.handler(({ input, context }) => core.printing.retry(input.jobId, input.confirm, actor(context))),
      testPage: os.printing.testPage.handler(({ context }) => core.printing.testPage(actor(context))),
      dismiss: os.printing.dismiss.handler(({ input, context }) => core.printing.dismiss(input.jobId, actor(context))),
      events: os.printing.events.handler(async function* ({ signal, context }) {
        yield* whileSignedIn(context.session, core.printing.events.subscribe('job', { signal }));
      }),
    },
    reports: {
      // The register lists citizens' names, addresses and phones: opening a range and saving it
      // are recorded as lookups are (turning pages of the same range is not a new one).
      register: os.reports.register.handler(async ({ input, context }) => {
        if (input.offset === 0) await core.recordLookup(actor(context), 'register', `${input.from}..${input.to}`);
        return core.register.page(input, input.offset, input.limit);
      }),
      registerFile: os.reports.registerFile.handler(async ({ input, context }) => {
        await core.recordLookup(actor(context), `register.${input.format}`, `${input.from}..${input.to}`);
        return core.register.file(input, input.format);
      }),
      periodic: os.reports.periodic.handler(({ input }) => core.periodic.report(input)),
      periodicFile: os.reports.periodicFile.handler(({ input }) => core.periodic.file(input, input.format)),
      day: os.reports.day.handler(({ input, context }) => core.day.summary(actor(context), input.day)),
      closeDay: os.reports.closeDay.handler(({ input, context }) => core.day.close(actor(context), input.day, input.cashCounted)),
      dayFile: os.reports.dayFile.handler(({ input, context }) => core.day.file(actor(context), input.day)),
      printDay: os.reports.printDay.handler(({ input, context }) => core.day.print(actor(context), input.day)),
      counterDays: os.reports.counterDays.handler(({ input }) => core.day.counters(input.day)),
      closeDayFor: os.reports.closeDayFor.handler(({ input, context }) =>
        core.day.closeFor(actor(context), input.day, input.counterCode, input.clerkCode, input.cashCounted),
      ),
      dashboard: os.reports.dashboard.handler(() => core.dashboard.overview()),
      dashboardList: os.reports.dashboardList.handler(({ input }) => core.dashboard.list(input.kind, input.offset, input.limit)),
    },
    backup: {
      status: os.backup.status.handler(() => core.backup.status()),
      create: os.backup.create.handler(({ input, context }) => core.backup.create(input.passphrase, actor(context))),
      setAutomatic: os.backup.setAutomatic.handler(({ input, context }) => core.backup.setAutomatic(input, actor(context))),
      previewRestore: os.backup.previewRestore.handler(({ input }) =>
        core.backup.previewRestore(input.fileName, Buffer.from(input.contentBase64, 'base64'), input.passphrase),
      ),
      confirmRestore: os.backup.confirmRestore.handler(({ input, context }) => core.backup.confirmRestore(input.restoreId, actor(context), !core.damage)),
    },
    batches: {
      waiting: os.batches.waiting.handler(() => core.batches.waiting()),
      unfinished: os.batches.unfinished.handler(() => core.batches.unfinished()),
      get: os.batches.get.handler(({ input }) => core.batches.get(input.batchId)),
      create: os.batches.create.handler(({ input, context }) => core.batches.create(input.agencyCode, actor(context))),
      addByCode: os.batches.addByCode.handler(({ input, context }) => core.batches.addByCode(input.batchId, input.code, actor(context))),
      addByPick: os.batches.addByPick.handler(({ input, context }) => core.batches.add(input.batchId, input.dossierIds, actor(context))),
      remove: os.batches.remove.handler(({ input, context }) => core.batches.remove(input.batchId, input.dossierId, input.reason, actor(context))),
      close: os.batches.close.handler(({ input, context }) => core.batches.close(input.batchId, actor(context))),
      handoverRecord: os.batches.handoverRecord.handler(({ input }) => core.batches.handoverRecord(input.batchId)),
      printLabel: os.batches.printLabel.handler(({ input, context }) => core.batches.printLabel(input.batchId, actor(context))),
      recordHandover: os.batches.recordHandover.handler(({ input, context }) =>
        core.batches.recordHandover(input.batchId, input.signedAt, input.officerName, actor(context)),
      ),
      resend: os.batches.resend.handler(({ input, context }) => core.batches.resend(input.batchId, actor(context))),
    },
    agencies: {
      list: os.agencies.list.handler(() => core.agencies.list()),
      save: os.agencies.save.handler(({ input, context }) => core.agencies.save(input.agencies, actor(context))),
      test: os.agencies.test.handler(({ input }) => core.agencies.test(input)),
    },
    exchange: {
      status: os.exchange.status.handler(() => core.exchange.status()),
      events: os.exchange.events.handler(async function* ({ signal, context }) {
        yield* whileSignedIn(context.session, core.exchange.live(signal));
      }),
      attention: os.exchange.attention.handler(() => core.exchange.attention()),
    },
    returns: {
      round: os.returns.round.handler(() => core.deliveryRound.lines()),
      roundPdf: os.returns.roundPdf.handler(() => core.deliveryRound.pdf()),
      registerResultOnly: os.returns.registerResultOnly.handler(({ input, context }) => core.resultOnly.register(input, actor(context))),
      receive: os.returns.receive.handler(({ input, context }) => core.returns.receive(input.code, actor(context))),
      unmatched: os.returns.unmatched.handler(() => core.returns.unmatched()),
      waiting: os.returns.waiting.handler(() => core.returns.waiting()),
      // A scan that opens a citizen's result is a lookup like any other: who, when, which item.
      find: os.returns.find.handler(async ({ input, context }) => {
        await core.recordLookup(actor(context), 'return-item', input.code.trim().toUpperCase());
        return core.returns.find(input.code);
      }),
      get: os.returns.get.handler(({ input }) => core.returns.get(input.dossierId)),
      notified: os.returns.notified.handler(({ input, context }) => core.returns.notified(input.dossierId, actor(context))),
      deliver: os.returns.deliver.handler(({ input, context }) => core.returns.deliver(input, actor(context))),
      attemptFailed: os.returns.attemptFailed.handler(({ input, context }) => core.returns.attemptFailed(input.dossierId, input.reason, actor(context))),
      nextAttempt: os.returns.nextAttempt.handler(({ input, context }) => core.returns.nextAttempt(input.dossierId, actor(context))),
    },
    training: {
      state: os.training.state.handler(() => core.training.state()),
      enter: os.training.enter.handler(({ context }) => core.training.enter(actor(context))),
      leave: os.training.leave.handler(({ context }) => core.training.leave(actor(context))),
    },
    scanner: {
      ports: os.scanner.ports.handler(() => core.scanner.listPorts()),
      status: os.scanner.status.handler(() => ({ state: core.scanner.state, last: core.scanner.lastScan })),
      events: os.scanner.events.handler(async function* ({ signal, context }) {
        yield { type: 'state' as const, state: core.scanner.state };
        yield* whileSignedIn(context.session, core.scanner.events.subscribe('event', { signal }));
      }),
    },
  });
}

export type CoreRouter = ReturnType<typeof createRouter>;

/**
 * Wraps every procedure call on either transport: failures reach the clerk as words
 * (Vietnamese and English), and the cause of an unexpected one goes to the log.
 */
export const errorInterceptor = async <T>({ next, path }: { next: () => Promise<T>; path: readonly string[] }): Promise<T> => {
  try {
    return await next();
  } catch (error) {
    const mapped = toAppError(error, path.join('.'));
    if ((mapped.data as { code?: string })?.code === 'INTERNAL' || mapped.status >= 500) {
      // A refusal the core made on purpose (a damaged database) is one line, not a stack per attempt.
      const deliberate = error instanceof AppError && error.cause === undefined;
      if (deliberate) console.error(`[core] ${(mapped.data as AppErrorData).code}: ${(mapped.data as AppErrorData).en}`);
      else console.error('[core]', error);
    }
    throw mapped;
  }
};

/**
 * Wraps reading a request on either transport. What fails before the procedure runs and is not
 * already words (oRPC's own decoding: broken JSON, bad type metadata) is the sender's malformed request.
 */
export const requestInterceptor = async <T>({ next }: { next: () => Promise<T> }): Promise<T> => {
  try {
    return await next();
  } catch (error) {
    throw error instanceof ORPCError ? error : malformedRequest(error);
  }
};
