import type { AuditRepository } from '../../system/audit-repository.js';
import { createHash } from 'node:crypto';
import { EventPublisher } from '@orpc/server';
import { SerialPort } from 'serialport';
import type { DaySummary, DossierDetail, PrintJob, PrinterSettings, Settings } from '../../../../shared/contract/index.js';
import { msg, type Msg } from '../../../../shared/i18n/msg.js';
import { appError } from '../../errors.js';
import { SYSTEM_CLERK, type Actor } from '../../system/actor.js';
import { LAYOUT_VERSION, lastAmendment, type BatchLabel, type DeliveryNote, type DocumentKind, type PrintContext } from './documents.js';
import { recipeFromJson, recipeToJson, type Drawn, type JobRecipe } from './draw-job.js';
import { Drawer } from './drawer.js';
import { PrintJobRepository, type JobPayload } from './print-job-repository.js';
import type { Tx } from '../../db/data.js';
import { dossierAsOf } from '../../amendments/as-of.js';
import { DeviceTransport } from './transports/device.js';
import { PrintFailure, notSent, type Delivered, type PrintTransport } from './transports/failure.js';
import { PreviewTransport, previewDirOf } from './transports/preview.js';
import { SerialTransport, type OpenPrinterPort } from './transports/serial.js';
import { RECEIPT_COPIES } from '../../../../shared/printing/receipt-copies.js';
import { TcpTransport, type TcpTimeouts } from './transports/tcp.js';

export const systemPrinterPort: OpenPrinterPort = (s) =>
  new SerialPort({ path: s.path, baudRate: s.baudRate, rtscts: s.rtscts, xon: s.xon, xoff: s.xoff, autoOpen: false });

export interface PrintServiceDeps {
  repo: PrintJobRepository;
  /** who asked for a retry or a dismissal, written with the change */
  audit: AuditRepository;
  dossier: (id: number) => Promise<DossierDetail | undefined>;
  settings: () => Settings;
  dataDir: string;
  resourcesDir: string;
  now: () => Date;
  openSerialPort?: OpenPrinterPort;
  /** network printer timeouts; tests shorten them */
  tcpTimeouts?: Partial<TcpTimeouts>;
  /** how long the worker keeps retrying a record SQLite refuses (busy, disk full) before giving up */
  recordRetryMs?: number;
  /** how long a settled job keeps its bytes before they are only drawn again on demand */
  keepBytesHours?: number;
  /** the counter is in training: every paper says it is worth nothing (decision 0045) */
  training?: boolean;
}

/** A day: long enough for the clerk to look at the day's previews without drawing them again. */
export const KEEP_BYTES_HOURS = 24;

const HELD = {
  code: 'PRINT_HELD',
  ...msg(
    'Đang chờ: một phiếu trước của hồ sơ này chưa in được. Xem máy in, rồi bấm In lại để in tiếp.',
    'Waiting: an earlier document of this dossier did not print. Check the printer, then press Reprint to go on.',
  ),
};

const RECEIPT_COPY_LABELS = RECEIPT_COPIES.map((c) => c.vi);

/** A job whose bytes are gone and whose layout this version no longer draws. */
const OLD_LAYOUT = {
  code: 'PRINT_LAYOUT_RETIRED',
  ...msg(
    'Lệnh in này được in bằng mẫu phiếu của phiên bản trước; không vẽ lại được đúng như đã in. Dùng "In lại" để in bản sao theo mẫu hiện tại.',
    'This job was printed with an earlier version\'s layout and cannot be redrawn exactly as printed. Use Reprint for a copy in the current layout.',
  ),
};

/** Redrawn bytes that differ from what was printed: the dossier changed since, or the layout without its version. */
const REDRAW_DIFFERS = {
  code: 'PRINT_REDRAW_DIFFERS',
  ...msg(
    'Không vẽ lại được lệnh in này đúng như bản đã in. Dùng "In lại" để in bản sao mới.',
    'This job cannot be redrawn exactly as it was printed. Use Reprint for a new copy.',
  ),
};

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** A job to queue: what it is, and what draws it. */
interface Planned {
  dossierId: number | null;
  copyLabel: string;
  recipe: JobRecipe;
}

/**
 * Prints: records each document as a job with what draws it, and sends queued jobs one at a
 * time, drawing each on the drawing thread just before it is sent (so an intake never waits
 * for a picture). A job that may have reached the printer is marked unknown and waits for a
 * person; nothing is printed twice unasked. A settled job's bytes are dropped after a while
 * and drawn again, byte for byte, when someone looks at it.
 */
export class PrintService {
  readonly events = new EventPublisher<{ job: PrintJob }>({ maxBufferedEvents: 50 });
  private working = false;
  private stopped = false;
  /** set when the database refused a record: the queue is tried again after a while */
  private retryLater: NodeJS.Timeout | undefined;
  private readonly drawer: Drawer;

  constructor(private readonly deps: PrintServiceDeps) {
    this.drawer = new Drawer(deps.resourcesDir);
  }

  /** At start: a quit or crash can leave jobs behind, and one in flight may have printed. */
  async recoverInterrupted(): Promise<void> {
    const { deps } = this;
    const now = deps.now();
    for (const j of await deps.repo.interrupted()) {
      await deps.repo.setState(j.id, j.state === 'sending' ? 'unknown' : 'failed', now, {
        error:
          j.state === 'sending'
            ? { code: 'INTERRUPTED_SENDING', ...msg('Ứng dụng đã đóng khi đang gửi lệnh in; có thể đã in. Xem máy in trước khi bấm In lại.', 'The app closed while sending; it may have printed. Check the printer before reprinting.') }
            : { code: 'INTERRUPTED_QUEUED', ...msg('Ứng dụng đã đóng trước khi in việc này. Bấm In lại nếu vẫn cần.', 'The app closed before this was printed. Press Reprint if it is still needed.') },
      });
    }
    await this.forgetOldBytes();
  }

  /**
   * What accepting (two receipts and the label) or guiding (the guidance slip) a dossier prints,
   * recorded inside the transaction that takes the dossier in: they commit together, with one
   * wait for the disk, and a dossier is never kept without its papers (decision 0057). The jobs
   * are sent once `announce` is called after the commit.
   */
  async queueInIntake(tx: Tx, d: DossierDetail, accepted: boolean, actor: Actor): Promise<number[]> {
    const settings = this.deps.settings();
    const docs: { kind: DocumentKind; copyLabel: string }[] = accepted
      ? [...RECEIPT_COPY_LABELS.map((copyLabel) => ({ kind: 'receipt' as const, copyLabel })), { kind: 'label', copyLabel: '' }]
      : [{ kind: 'guidance', copyLabel: '' }];
    return this.deps.repo.in(tx).insertMany(this.jobRows(docs.map((doc) => this.plan(doc.kind, d, settings, { copyLabel: doc.copyLabel }))), LAYOUT_VERSION, actor, this.deps.now(), true);
  }

  /** A reprint is its own job, marked as a copy on the paper, naming who asked (and a void or correction since). */
  async reprint(dossierId: number, document: 'receipt' | 'label' | 'guidance', actor: Actor): Promise<PrintJob> {
    const d = await this.mustDossier(dossierId);
    const settings = this.deps.settings();
    if ((document === 'guidance') !== (d.status === 'guided-not-accepted')) {
      throw appError('PRINT_DOCUMENT', 'Hồ sơ này không có loại phiếu đó.', 'This dossier has no such document.');
    }
    const reprint = { clerkName: actor.clerkName, clerkCode: actor.clerkCode, at: this.deps.now(), after: lastAmendment(d) };
    return (await this.enqueue([this.plan(document, d, settings, { reprint })], actor, true))[0]!;
  }

  /** The label on a closed batch's bag; the batch travels in the job's recipe, so a reprint is the same label. */
  async batchLabel(batch: BatchLabel, actor: Actor): Promise<PrintJob> {
    return this.nonDossier('batch-label', { batch }, actor);
  }

  /** The day report on the counter's printer; the figures travel in the recipe, so a reprint is the same paper. */
  async dayReport(day: DaySummary, actor: Actor): Promise<PrintJob> {
    return this.nonDossier('day-report', { day }, actor);
  }

  /**
   * The delivery note for the collector's signature: signed by the clerk handing over, at this
   * counter, and the handover travels in the recipe, so a reprint is the same paper.
   */
  async deliveryNote(dossierId: number, delivery: DeliveryNote, actor: Actor): Promise<PrintJob> {
    const d = await this.mustDossier(dossierId);
    const settings = this.deps.settings();
    const here = { office: settings.office, counterCode: actor.counterCode, clerk: { code: actor.clerkCode, name: actor.clerkName } };
    return (await this.enqueue([this.plan('delivery-note', d, settings, { ...here, delivery })], actor))[0]!;
  }

  async testPage(actor: Actor): Promise<PrintJob> {
    return this.nonDossier('test', {}, actor);
  }

  /** A document of no dossier: printed by, and signed as, whoever asked; its data is in `extra`. */
  private async nonDossier(kind: DocumentKind, extra: Partial<PrintContext>, actor: Actor): Promise<PrintJob> {
    const planned = this.plan(kind, null, this.deps.settings(), { clerk: { code: actor.clerkCode, name: actor.clerkName }, ...extra });
    return (await this.enqueue([planned], actor))[0]!;
  }

  /**
   * Sends a failed job again, to the printer now in Settings (so "send to another printer" is:
   * change the printer, then retry). A job of unknown outcome needs `confirm`: the clerk has
   * looked at the printer and wants it printed again.
   */
  async retry(jobId: number, confirm: boolean, actor: Actor): Promise<PrintJob> {
    const job = await this.deps.repo.get(jobId);
    if (!job) throw appError('PRINT_JOB_NOT_FOUND', `Không có lệnh in số ${jobId}.`, `There is no print job ${jobId}.`, { status: 'NOT_FOUND' });
    if (job.state === 'sent') {
      throw appError('PRINT_JOB_SENT', 'Lệnh in này đã in xong; dùng "In lại" để in bản sao.', 'This job has printed; use Reprint for a copy.', { status: 'CONFLICT' });
    }
    if (job.state === 'queued' || job.state === 'sending') return job;
    const payload = (await this.deps.repo.payload(jobId))!;
    if (!payload.bytes && payload.layoutVersion !== LAYOUT_VERSION) throw appError(OLD_LAYOUT.code, OLD_LAYOUT.vi, OLD_LAYOUT.en, { status: 'CONFLICT' });
    if ((job.state === 'unknown' || job.state === 'unconfirmed') && !confirm) {
      throw appError(
        'PRINT_JOB_UNKNOWN',
        'Máy in có thể đã in lệnh này. Xem máy in; nếu chưa có phiếu, xác nhận để in lại.',
        'The printer may already have printed this job. Check it; if there is no paper, confirm to print again.',
        { status: 'CONFLICT' },
      );
    }
    const now = this.deps.now();
    const released = await this.deps.audit.inTransaction(async (tx) => {
      const repo = this.deps.repo.in(tx);
      await repo.setState(jobId, 'queued', now, { target: this.transport().describe(), error: null });
      await this.deps.audit.in(tx).record(now, 'printing.retry', actor, { jobId, dossierId: job.dossierId, confirmed: confirm, was: job.state });
      // The clerk has dealt with the printer: the dossier's documents held behind this one follow it.
      return job.dossierId !== null ? repo.release(job.dossierId, now) : [];
    });
    await this.publish(jobId);
    for (const id of released) await this.publish(id);
    void this.work();
    return (await this.deps.repo.get(jobId))!;
  }

  /** A test page that did not print can be let go; a dossier's documents cannot. */
  async dismiss(jobId: number, actor: Actor): Promise<PrintJob> {
    const job = await this.deps.repo.get(jobId);
    if (!job) throw appError('PRINT_JOB_NOT_FOUND', `Không có lệnh in số ${jobId}.`, `There is no print job ${jobId}.`, { status: 'NOT_FOUND' });
    if (job.document !== 'test' || job.state === 'queued' || job.state === 'sending') {
      throw appError(
        'PRINT_JOB_NOT_DISMISSABLE',
        'Chỉ bỏ qua được trang in thử chưa in được; phiếu của hồ sơ phải được in hoặc in lại.',
        'Only a test page that did not print can be dismissed; a dossier\'s documents must be printed or reprinted.',
        { status: 'CONFLICT' },
      );
    }
    const now = this.deps.now();
    await this.deps.audit.inTransaction(async (tx) => {
      await this.deps.repo.in(tx).setState(jobId, 'dismissed', now, { error: job.error });
      await this.deps.audit.in(tx).record(now, 'printing.dismiss', actor, { jobId });
    });
    await this.publish(jobId);
    return (await this.deps.repo.get(jobId))!;
  }

  jobs(dossierId: number): Promise<PrintJob[]> {
    return this.deps.repo.byDossier(dossierId);
  }

  openJobs(): Promise<PrintJob[]> {
    return this.deps.repo.open();
  }

  /** The job as it prints, drawn when asked for: previews are not kept. */
  async previewPng(jobId: number): Promise<Buffer> {
    const payload = await this.deps.repo.payload(jobId);
    if (!payload) throw appError('PRINT_JOB_NOT_FOUND', `Không có lệnh in số ${jobId}.`, `There is no print job ${jobId}.`, { status: 'NOT_FOUND' });
    try {
      return (await this.drawnFor(payload, true)).png!;
    } catch (error) {
      if (error instanceof PrintFailure) throw appError(error.code, error.words.vi, error.words.en, { status: 'CONFLICT' });
      throw error;
    }
  }

  /** Lets the job in flight finish, then starts nothing more: the database is about to close. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryLater);
    await this.idle();
    await this.drawer.close();
  }

  /** Resolves when the worker has sent everything queued (tests and shutdown wait on it). */
  async idle(): Promise<void> {
    while (this.working) await new Promise((r) => setTimeout(r, 10));
  }

  private async mustDossier(id: number): Promise<DossierDetail> {
    const d = await this.deps.dossier(id);
    if (!d) throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ số ${id}.`, `There is no dossier ${id}.`, { status: 'NOT_FOUND' });
    return d;
  }

  /** A dossier's documents show who took it in, as stored with it; a test page shows who printed it. */
  private context(settings: Settings, d: DossierDetail | null, extra: Partial<PrintContext>): PrintContext {
    return {
      widthDots: settings.printer.paperWidth === 58 ? 384 : 576,
      office: d ? { code: d.officeCode, name: d.officeName } : settings.office,
      counterCode: d ? d.counterCode : settings.counter.code,
      clerk: d ? { code: d.clerkCode, name: d.clerkName } : (extra.clerk ?? SYSTEM_CLERK),
      terms: settings.printer.terms,
      trackingUrl: settings.printer.trackingUrl,
      ...(this.deps.training ? { training: true } : {}),
      ...extra,
    };
  }

  /** Fixes everything a document's bytes depend on now, so it can be drawn later, and again. */
  private plan(kind: DocumentKind, d: DossierDetail | null, settings: Settings, extra: Partial<PrintContext>): Planned {
    const { printer } = settings;
    const copyLabel = extra.copyLabel ?? '';
    return {
      dossierId: d?.id ?? null,
      copyLabel,
      recipe: {
        kind,
        ctx: this.context(settings, d, extra),
        mode: printer.mode,
        codePage: printer.codePage,
        cut: printer.cut,
        drawer: printer.drawer && kind === 'receipt' && copyLabel === RECEIPT_COPY_LABELS[0],
      },
    };
  }

  /** Records the jobs as queued, undrawn: the worker draws each just before sending it. */
  private async enqueue(planned: Planned[], actor: Actor, reprint = false): Promise<PrintJob[]> {
    return this.announce(await this.deps.repo.insertMany(this.jobRows(planned, reprint), LAYOUT_VERSION, actor, this.deps.now()));
  }

  private jobRows(planned: Planned[], reprint = false) {
    const target = this.transport().describe();
    return planned.map((p) => ({ dossierId: p.dossierId, document: p.recipe.kind, copyLabel: p.copyLabel, reprint, recipe: recipeToJson(p.recipe), target }));
  }

  /** Jobs just committed: shown to the screens listening, and the worker woken to send them. */
  async announce(ids: number[]): Promise<PrintJob[]> {
    const queued: PrintJob[] = [];
    try {
      // Published as read; read again only if publishing could not read it (then the error shows).
      for (const id of ids) queued.push((await this.publish(id)) ?? (await this.deps.repo.get(id))!);
    } finally {
      // Recorded, so sent even when they could not be read back just now; started once the
      // answer that announced them has gone out (the worker's reads share this thread).
      setImmediate(() => void this.work());
    }
    return queued;
  }

  /**
   * A job's bytes (and its preview when asked): the kept bytes, else drawn on the drawing thread
   * from the dossier and the job's recipe. Once a job has been drawn, any redraw must give the
   * very bytes recorded then (same SHA-256), or it is refused in words.
   */
  private async drawnFor(p: JobPayload, png: boolean): Promise<Drawn> {
    // Rows from before jobs were redrawn keep their bytes and preview.
    if (p.recipe === null) return { bytes: p.bytes!, png: p.png };
    if (p.bytes && !png) return { bytes: p.bytes, png: null };
    if (p.layoutVersion !== LAYOUT_VERSION) throw new PrintFailure('not-sent', OLD_LAYOUT.code, OLD_LAYOUT);
    // A correction after the job was recorded does not change what the job printed.
    const dossier = p.dossierId === null ? null : dossierAsOf(await this.mustDossier(p.dossierId), p.createdAt);
    const drawn = await this.drawer.draw({ recipe: recipeFromJson(p.recipe), dossier, png });
    if (p.sha256 && sha256Of(drawn.bytes) !== p.sha256) throw new PrintFailure('not-sent', REDRAW_DIFFERS.code, REDRAW_DIFFERS);
    return drawn;
  }

  /** Settled jobs past the window give up their bytes. Housekeeping: a failure is only logged. */
  private async forgetOldBytes(): Promise<void> {
    const before = new Date(this.deps.now().getTime() - (this.deps.keepBytesHours ?? KEEP_BYTES_HOURS) * 3_600_000);
    try {
      await this.deps.repo.forgetSettledBytes(before);
    } catch (error) {
      console.error('[print] could not drop the bytes of settled jobs; trying again after the next job', error);
    }
  }

  private transport(settings: PrinterSettings = this.deps.settings().printer): PrintTransport {
    switch (settings.connection) {
      case 'network':
        return new TcpTransport(settings.host, settings.port, this.deps.tcpTimeouts);
      case 'serial':
        return new SerialTransport(settings, this.deps.openSerialPort ?? systemPrinterPort);
      case 'device':
        return new DeviceTransport(settings.devicePath);
      default:
        return new PreviewTransport(previewDirOf(settings, this.deps.dataDir));
    }
  }

  /** Tells the screens how a job stands now; returns it as published. */
  private async publish(id: number, override?: Partial<PrintJob>): Promise<PrintJob | undefined> {
    try {
      const job = await this.deps.repo.get(id);
      if (job) this.events.publish('job', { ...job, ...override });
      return job;
    } catch (error) {
      console.error(`[print] job ${id}: could not read it to publish its state`, error);
      return undefined;
    }
  }

  /**
   * Runs a database write for the worker, retrying while SQLite refuses it (another process
   * holds the write lock, the disk is full). Never throws: the worker runs in the background,
   * where an exception would take the whole core down. Gives up in words after recordRetryMs.
   */
  private async durably<T>(what: string, write: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reason: Msg }> {
    const deadline = Date.now() + (this.deps.recordRetryMs ?? 60_000);
    for (let wait = 100; ; wait = Math.min(wait * 2, 2000)) {
      try {
        return { ok: true, value: await write() };
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERROR';
        // Busy, locked, full or an I/O error may pass; anything else (a closed database) will not.
        const retry = /^SQLITE_(BUSY|LOCKED|FULL|IOERR)/.test(code) && !this.stopped && Date.now() < deadline;
        console.error(`[print] ${what}: the database refused the write (${code}); ${retry ? 'retrying' : 'giving up'}`, error);
        if (!retry) {
          return {
            ok: false,
            reason: msg(
              `Không ghi được trạng thái lệnh in vào cơ sở dữ liệu (${code}: đĩa đầy hoặc dữ liệu đang bị khoá). Xem máy in trước khi bấm In lại; báo quản trị nếu lặp lại.`,
              `The print job's state could not be written to the database (${code}: disk full or data locked). Check the printer before reprinting; tell the administrator if it happens again.`,
            ),
          };
        }
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** One job at a time, oldest first, so copies come out in order. Never rejects. */
  private async work(): Promise<void> {
    if (this.working || this.stopped) return;
    this.working = true;
    try {
      // A closing core finishes the job in hand and leaves the rest queued: waiting on a slow
      // printer for every job would hold the window open, and a job left queued is offered
      // again, not printed unasked, at the next start.
      while (!this.stopped) {
        const next = await this.durably('finding the next job', () => this.deps.repo.nextQueued());
        if (next.ok && next.value === undefined) break;
        if (!next.ok || !(await this.sendOne(next.value!))) {
          // The database would not take a record: try the queue again later rather than never.
          this.retryLater = setTimeout(() => void this.work(), this.deps.recordRetryMs ?? 60_000).unref();
          break;
        }
        await this.forgetOldBytes();
      }
    } catch (error) {
      console.error('[print] the print worker stopped on an unexpected error; queued jobs wait for the next print', error);
    } finally {
      this.working = false;
    }
  }

  /** Sends one job and records how it ended; false when the database would not take the record. */
  private async sendOne(id: number): Promise<boolean> {
    const transport = this.transport();
    const payload = (await this.deps.repo.payload(id))!;
    let drawn: Drawn;
    try {
      drawn = await this.drawnFor(payload, transport.needsPicture === true);
    } catch (error) {
      return this.record(id, error instanceof PrintFailure ? error : drawFailure(error));
    }
    // Bytes drawn for the first time are kept with the mark, in the same commit.
    const firstDrawn = payload.bytes ? null : { bytes: drawn.bytes, sha256: sha256Of(drawn.bytes) };
    const marked = await this.durably(`marking job ${id} as sending`, () => this.deps.repo.markSending(id, transport.describe(), firstDrawn, this.deps.now()));
    // Not marked means not sent: the job stays queued for the next run.
    if (!marked.ok) return false;
    await this.publish(id);
    let outcome: Delivered | PrintFailure;
    try {
      outcome = await transport.send({ id, document: payload.document, bytes: drawn.bytes, png: drawn.png });
    } catch (error) {
      if (!(error instanceof PrintFailure)) console.error('[print]', error);
      outcome =
        error instanceof PrintFailure
          ? error
          : new PrintFailure('maybe-sent', 'PRINTER_INTERNAL', msg('Lỗi ngoài dự kiến khi in; có thể đã in. Xem máy in trước khi bấm In lại.', 'Unexpected error while printing; it may have printed. Check before reprinting.'));
    }
    return this.record(id, outcome);
  }

  /** Records how a job ended and publishes it; false when the database would not take the record. */
  private async record(id: number, outcome: Delivered | PrintFailure): Promise<boolean> {
    const state: PrintJob['state'] = typeof outcome === 'string' ? outcome : outcome.outcome === 'not-sent' ? 'failed' : 'unknown';
    const error = typeof outcome === 'string' ? null : { code: outcome.code, ...outcome.words };
    const recorded = await this.durably(`recording job ${id} as ${state}`, () => this.deps.repo.finish(id, state, this.deps.now(), error, HELD));
    if (!recorded.ok) {
      // The row still says "sending" (or "queued", if drawing failed), which the next start turns
      // into "unknown" (or "failed"): never a silent reprint.
      await this.publish(id, { state, error: { code: 'PRINT_NOT_RECORDED', ...recorded.reason } });
      return false;
    }
    await this.publish(id);
    for (const held of recorded.value) await this.publish(held);
    return true;
  }
}

/** Drawing went wrong (the thread died, a value the layout cannot print): nothing was sent. */
function drawFailure(error: unknown): PrintFailure {
  console.error('[print] drawing a job failed', error);
  return notSent(
    'PRINT_DRAW',
    'Không vẽ được phiếu để in; chưa gửi gì tới máy in. Bấm In lại; báo quản trị nếu lặp lại.',
    'The document could not be drawn for printing; nothing was sent. Press Reprint; tell the administrator if it happens again.',
  );
}
