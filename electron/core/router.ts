import { implement } from '@orpc/server';
import { contract } from '../../shared/contract/index.js';
import type { Core } from './core.js';
import { appError, toAppError } from './errors.js';
import { actorOf } from './system/actor.js';
import { damagedDatabase, WRITING_PROCEDURES } from './access.js';

/** The core's one router; both transports serve it. */
export function createRouter(core: Core) {
  const os = implement(contract).use(({ path, next }) => {
    if (core.damage && WRITING_PROCEDURES.has(path.join('.'))) throw damagedDatabase(core.dataDir, core.damage);
    return next();
  });
  return os.router({
    system: {
      status: os.system.status.handler(() => {
        const s = core.settings.get();
        return {
          office: s.office,
          counter: s.counter.code,
          clerk: s.clerk,
          lang: s.lang,
          catalog: core.catalogue.status(),
          dataDir: core.dataDir,
          today: core.today(),
          damage: core.damage ? damagedDatabase(core.dataDir, core.damage).data : null,
          itemCodes: { serviceLetters: s.s10.serviceLetters, carriers: s.s10.carriers },
          calendarNoticeMissing: core.calendar.missingNotice(),
        };
      }),
    },
    settings: {
      get: os.settings.get.handler(() => core.settings.get()),
      update: os.settings.update.handler(({ input }) => core.updateSettings(input)),
    },
    calendar: {
      year: os.calendar.year.handler(({ input }) => core.calendar.year(input.year)),
      saveNotice: os.calendar.saveNotice.handler(({ input }) =>
        core.calendar.save(input.year, input.reference, input.days, actorOf(core.settings.get())),
      ),
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
      confirmImport: os.catalog.confirmImport.handler(({ input }) =>
        core.catalogue.confirmImport(input.previewId, actorOf(core.settings.get())),
      ),
    },
    dossiers: {
      intake: os.dossiers.intake.handler(({ input }) => core.takeIn(input)),
      today: os.dossiers.today.handler(() => core.dossiers.listByDay(core.today())),
      get: os.dossiers.get.handler(({ input }) => {
        const d = core.dossiers.get(input.id);
        if (!d) throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ số ${input.id}.`, `There is no dossier ${input.id}.`, { status: 'NOT_FOUND' });
        return d;
      }),
      nextItemNumber: os.dossiers.nextItemNumber.handler(() => ({ itemNumber: core.intake.peekItemNumber() })),
      findByCode: os.dossiers.findByCode.handler(({ input }) => {
        const code = input.code.trim().toUpperCase();
        const id = core.dossiers.idByCode(code);
        if (id === undefined) {
          throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ nào mang mã ${code}.`, `No dossier has the code ${code}.`, { status: 'NOT_FOUND' });
        }
        return { id };
      }),
    },
    printing: {
      jobs: os.printing.jobs.handler(({ input }) => core.printing.jobs(input.dossierId)),
      openJobs: os.printing.openJobs.handler(() => core.printing.openJobs()),
      preview: os.printing.preview.handler(({ input }) => ({ pngBase64: core.printing.previewPng(input.jobId).toString('base64') })),
      reprint: os.printing.reprint.handler(({ input }) => core.printing.reprint(input.dossierId, input.document)),
      retry: os.printing.retry.handler(({ input }) => core.printing.retry(input.jobId, input.confirm)),
      testPage: os.printing.testPage.handler(() => core.printing.testPage()),
      dismiss: os.printing.dismiss.handler(({ input }) => core.printing.dismiss(input.jobId)),
      events: os.printing.events.handler(async function* ({ signal }) {
        yield* core.printing.events.subscribe('job', { signal });
      }),
    },
    scanner: {
      ports: os.scanner.ports.handler(() => core.scanner.listPorts()),
      status: os.scanner.status.handler(() => ({ state: core.scanner.state, last: core.scanner.lastScan })),
      events: os.scanner.events.handler(async function* ({ signal }) {
        yield { type: 'state' as const, state: core.scanner.state };
        yield* core.scanner.events.subscribe('event', { signal });
      }),
    },
  });
}

export type CoreRouter = ReturnType<typeof createRouter>;

/**
 * Wraps every procedure call on either transport: failures reach the clerk as words
 * (Vietnamese and English), and the cause of an unexpected one goes to the log.
 */
export const errorInterceptor = async <T>({ next }: { next: () => Promise<T> }): Promise<T> => {
  try {
    return await next();
  } catch (error) {
    const mapped = toAppError(error);
    if ((mapped.data as { code?: string })?.code === 'INTERNAL' || mapped.status >= 500) {
      console.error('[core]', error);
    }
    throw mapped;
  }
};
