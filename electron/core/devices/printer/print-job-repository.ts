import type { Db } from '../../db/open.js';
import type { PrintJob } from '../../../../shared/contract/index.js';
import { guidanceCode } from '../../../../shared/ids/guidance-code.js';
import type { Msg } from '../../../../shared/i18n/msg.js';
import { formatRegisterNo } from '../../dossiers/dossier-repository.js';
import type { Actor } from '../../system/actor.js';
import type { DocumentKind } from './documents.js';

interface Row {
  id: number;
  dossier_id: number | null;
  document: DocumentKind;
  copy_label: string;
  reprint: number;
  created_at: string;
  clerk_code: string;
  clerk_name: string;
  state: PrintJob['state'];
  target: string;
  attempts: number;
  sha256: string;
  size: number;
  error_code: string | null;
  error_vi: string | null;
  error_en: string | null;
  updated_at: string;
  register_year: number | null;
  register_seq: number | null;
  item_number: string | null;
  dossier_status: string | null;
}

const COLUMNS = `j.id, j.dossier_id, j.document, j.copy_label, j.reprint, j.created_at, j.clerk_code, j.clerk_name, j.state,
  j.target, j.attempts, j.sha256, j.size, j.error_code, j.error_vi, j.error_en, j.updated_at,
  d.register_year, d.register_seq, d.item_number, d.status AS dossier_status`;
const FROM = 'print_jobs j LEFT JOIN dossiers d ON d.id = j.dossier_id';

/** The dossier as the clerk names it: register and item number, or a guidance slip's code. */
function dossierRef(r: Row): string | null {
  if (r.dossier_id === null) return null;
  if (r.dossier_status === 'guided-not-accepted') return guidanceCode(r.dossier_id);
  return [formatRegisterNo(r.register_year, r.register_seq), r.item_number].filter(Boolean).join(' · ') || null;
}

const toJob = (r: Row): PrintJob => ({
  id: r.id,
  dossierId: r.dossier_id,
  dossierRef: dossierRef(r),
  document: r.document,
  copyLabel: r.copy_label,
  reprint: r.reprint === 1,
  createdAt: r.created_at,
  clerkCode: r.clerk_code,
  clerkName: r.clerk_name,
  state: r.state,
  target: r.target,
  attempts: r.attempts,
  sha256: r.sha256,
  bytes: r.size,
  error: r.error_code ? { code: r.error_code, vi: r.error_vi ?? '', en: r.error_en ?? '' } : null,
  updatedAt: r.updated_at,
});

export interface NewJob {
  dossierId: number | null;
  document: DocumentKind;
  copyLabel: string;
  reprint: boolean;
  /** recipeToJson of what draws it */
  recipe: string;
  target: string;
}

/** What the worker needs to send a job, or draw it again. */
export interface JobPayload {
  document: DocumentKind;
  dossierId: number | null;
  /** null on rows from before jobs were redrawn (they keep bytes and preview) */
  recipe: string | null;
  layoutVersion: number | null;
  /** null until drawn, and again once settled for a while */
  bytes: Buffer | null;
  /** '' until first drawn */
  sha256: string;
  /** only on rows from before jobs were redrawn */
  png: Buffer | null;
}

/** States after which nothing more is sent unless a person asks, so the bytes may go. */
const SETTLED = `('sent', 'unconfirmed', 'saved', 'dismissed')`;

/** All SQL about print jobs. */
export class PrintJobRepository {
  private readonly q;

  constructor(private readonly db: Db) {
    this.q = {
      insert: db.prepare(
        `INSERT INTO print_jobs (dossier_id, document, copy_label, reprint, created_at, clerk_code, clerk_name, counter_code,
           state, target, recipe, layout_version, sha256, updated_at)
         VALUES (@dossierId, @document, @copyLabel, @reprint, @at, @clerkCode, @clerkName, @counterCode,
           'queued', @target, @recipe, @layoutVersion, '', @at)`,
      ),
      one: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE j.id = ?`),
      payload: db.prepare(
        `SELECT j.document, j.dossier_id AS dossierId, j.recipe, j.layout_version AS layoutVersion, b.bytes, j.sha256, b.png
         FROM print_jobs j LEFT JOIN print_job_bytes b ON b.job_id = j.id WHERE j.id = ?`,
      ),
      keepBytes: db.prepare('INSERT OR REPLACE INTO print_job_bytes (job_id, bytes) VALUES (@id, @bytes)'),
      drawn: db.prepare('UPDATE print_jobs SET sha256 = @sha256, size = length(@bytes) WHERE id = @id'),
      // Walks the few jobs holding bytes, never the years of jobs without.
      forget: db.prepare(
        `DELETE FROM print_job_bytes WHERE job_id IN (SELECT j.id FROM print_job_bytes b JOIN print_jobs j ON j.id = b.job_id
           WHERE j.recipe IS NOT NULL AND j.updated_at < @before AND j.state IN ${SETTLED})`,
      ),
      byDossier: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE j.dossier_id = ? ORDER BY j.id`),
      open: db.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE j.state IN ('queued', 'sending', 'held', 'failed', 'unknown') ORDER BY j.id`),
      hold: db.prepare(
        `UPDATE print_jobs SET state = 'held', error_code = @code, error_vi = @vi, error_en = @en, updated_at = @at
         WHERE dossier_id = @dossierId AND state = 'queued' RETURNING id`,
      ),
      release: db.prepare(
        `UPDATE print_jobs SET state = 'queued', error_code = NULL, error_vi = NULL, error_en = NULL, updated_at = @at
         WHERE dossier_id = @dossierId AND state = 'held' RETURNING id`,
      ),
      nextQueued: db.prepare(`SELECT id FROM print_jobs WHERE state = 'queued' ORDER BY id LIMIT 1`),
      setState: db.prepare(
        `UPDATE print_jobs SET state = @state, target = coalesce(@target, target), attempts = attempts + @attempt,
           error_code = @code, error_vi = @vi, error_en = @en, updated_at = @at WHERE id = @id`,
      ),
      interrupted: db.prepare(`SELECT id, state FROM print_jobs WHERE state IN ('queued', 'sending')`),
    };
  }

  insertMany(jobs: NewJob[], layoutVersion: number, actor: Actor, at: Date): number[] {
    return this.db.transaction(() =>
      jobs.map((j) =>
        Number(
          this.q.insert.run({
            ...j,
            reprint: j.reprint ? 1 : 0,
            layoutVersion,
            at: at.toISOString(),
            clerkCode: actor.clerkCode,
            clerkName: actor.clerkName,
            counterCode: actor.counterCode,
          }).lastInsertRowid,
        ),
      ),
    )();
  }

  /** The bytes drawn for a job and their SHA-256: what is sent, and what any redraw must match. */
  recordDrawn(id: number, bytes: Buffer, sha256: string): void {
    this.db.transaction(() => {
      this.q.keepBytes.run({ id, bytes });
      this.q.drawn.run({ id, bytes, sha256 });
    })();
  }

  /**
   * Drops the bytes of jobs settled before `before`; they are drawn again from the dossier and
   * the recipe when needed. Returns how many.
   */
  forgetSettledBytes(before: Date): number {
    return this.q.forget.run({ before: before.toISOString() }).changes;
  }

  get(id: number): PrintJob | undefined {
    const r = this.q.one.get(id) as Row | undefined;
    return r && toJob(r);
  }

  payload(id: number): JobPayload | undefined {
    return this.q.payload.get(id) as JobPayload | undefined;
  }

  byDossier(dossierId: number): PrintJob[] {
    return (this.q.byDossier.all(dossierId) as Row[]).map(toJob);
  }

  /** Jobs still needing attention: waiting, in flight, failed or of unknown outcome. */
  open(): PrintJob[] {
    return (this.q.open.all() as Row[]).map(toJob);
  }

  nextQueued(): number | undefined {
    return (this.q.nextQueued.get() as { id: number } | undefined)?.id;
  }

  setState(id: number, state: PrintJob['state'], at: Date, opts: { target?: string; attempt?: boolean; error?: (Msg & { code: string }) | null } = {}): void {
    this.q.setState.run({
      id,
      state,
      target: opts.target ?? null,
      attempt: opts.attempt ? 1 : 0,
      code: opts.error?.code ?? null,
      vi: opts.error?.vi ?? null,
      en: opts.error?.en ?? null,
      at: at.toISOString(),
    });
  }

  /**
   * Records how a job ended; when it did not print, the dossier's jobs still waiting are held
   * for the clerk in the same transaction, so they never follow it to the same printer unasked.
   */
  finish(id: number, state: PrintJob['state'], at: Date, error: (Msg & { code: string }) | null, held: Msg & { code: string }): number[] {
    return this.db.transaction(() => {
      this.setState(id, state, at, { error });
      const dossierId = this.get(id)?.dossierId ?? null;
      if (dossierId === null || (state !== 'failed' && state !== 'unknown')) return [];
      return (this.q.hold.all({ dossierId, ...held, at: at.toISOString() }) as { id: number }[]).map((r) => r.id);
    })();
  }

  /** The dossier's held jobs go back in the queue, in their order; returns their ids. */
  release(dossierId: number, at: Date): number[] {
    return (this.q.release.all({ dossierId, at: at.toISOString() }) as { id: number }[]).map((r) => r.id);
  }

  /** Jobs left queued or in flight by a crash or a quit. */
  interrupted(): { id: number; state: 'queued' | 'sending' }[] {
    return this.q.interrupted.all() as { id: number; state: 'queued' | 'sending' }[];
  }
}
