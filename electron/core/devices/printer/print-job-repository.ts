import { inTransaction, type Data, type Tx } from '../../db/data.js';
import type { EngineSql } from '../../db/engine-sql.js';
import type { PrintJob } from '../../../../shared/contract/index.js';
import { guidanceCode } from '../../../../shared/ids/guidance-code.js';
import type { Msg } from '../../../../shared/i18n/msg.js';
import { formatRegisterNo } from '../../dossiers/dossier-summary.js';
import type { Actor } from '../../system/actor.js';
import type { DocumentKind } from './documents.js';
import { recipeIds } from './print-recipes.js';
import { holdDossier, jobMac, resealState, type SealedJob } from '../../audit/dossier-seals.js';

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

/** A job as listed, with the dossier it prints named as the clerk knows it. */
const jobs = (db: Data) =>
  db
    .selectFrom('print_jobs as j')
    .leftJoin('dossiers as d', 'd.id', 'j.dossier_id')
    .select([
      'j.id', 'j.dossier_id', 'j.document', 'j.copy_label', 'j.reprint', 'j.created_at', 'j.clerk_code', 'j.clerk_name', 'j.state',
      'j.target', 'j.attempts', 'j.sha256', 'j.size', 'j.error_code', 'j.error_vi', 'j.error_en', 'j.updated_at',
      'd.register_year', 'd.register_seq', 'd.item_number', 'd.status as dossier_status',
    ]);

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
  /** when the job was recorded: its dossier is drawn as it stood then */
  createdAt: string;
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
const SETTLED = ['sent', 'unconfirmed', 'saved', 'dismissed'] as const;
const OPEN = ['queued', 'sending', 'held', 'failed', 'unknown'] as const;

/**
 * All SQL about print jobs. Each job carries the counter that queued it, and this counter's
 * queue, worker and recovery see only their own: on an office server every counter's jobs share
 * one table, and each must come out of the printer beside the clerk who asked (decision 0032).
 */
export class PrintJobRepository {
  constructor(
    private readonly db: Data,
    /** this counter's code, as its jobs are queued under it (from settings, which may change) */
    private readonly counter: () => string,
    /** the engine's cheap commit, for a job's outcome (decision 0062) */
    private readonly sql: EngineSql,
    /** the audit key a dossier's jobs are sealed with (decision 0066); null writes them unsealed */
    private readonly key: Buffer | null = null,
  ) {}

  in(tx: Tx): PrintJobRepository {
    return new PrintJobRepository(tx, this.counter, this.sql, this.key);
  }

  /**
   * Records the jobs, each of a dossier sealed and linked to that dossier's job before it, and
   * the dossier's state sealed again to name the last one. The intake's own jobs (`inIntake`) are
   * of a dossier new in its transaction, whose first event, written next, seals the state: the
   * intake pays no second write of the dossier.
   */
  async insertMany(jobs: NewJob[], layoutVersion: number, actor: Actor, at: Date, inIntake = false): Promise<number[]> {
    if (!this.db.isTransaction) return inTransaction(this.db, (tx) => this.in(tx).insertMany(jobs, layoutVersion, actor, at, inIntake));
    const recipes = await recipeIds(this.db, jobs.map((j) => j.recipe));
    const dossiers = new Set(jobs.flatMap((j) => (j.dossierId === null ? [] : [j.dossierId])));
    // Another writer of the dossier waits until this chain link commits (see holdDossier).
    if (this.key && !inIntake) for (const id of dossiers) await holdDossier(this.db, id);
    const values = jobs.map((j) => ({
      dossier_id: j.dossierId,
      document: j.document,
      copy_label: j.copyLabel,
      reprint: j.reprint ? 1 : 0,
      created_at: at.toISOString(),
      clerk_code: actor.clerkCode,
      clerk_name: actor.clerkName,
      counter_code: actor.counterCode,
      state: 'queued' as const,
      target: j.target,
      recipe_id: recipes.get(j.recipe)!,
      layout_version: layoutVersion,
      sha256: '',
      updated_at: at.toISOString(),
    }));
    const sealed = this.key ? await this.sealed(this.key, values, inIntake) : values;
    const rows = await this.db.insertInto('print_jobs').values(sealed).returning('id').execute();
    if (this.key && !inIntake) for (const id of dossiers) await resealState(this.db, this.key, id);
    // One statement, so the ids come back in the order of the rows; sorted to be sure on any engine.
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  /** The rows with their MACs, each of a dossier chained to the dossier's job before it (none yet for a new dossier). */
  private async sealed<J extends SealedJob & { dossier_id: number | null }>(key: Buffer, values: J[], newDossier: boolean): Promise<(J & { prev_mac: string | null; mac: string | null })[]> {
    const heads = new Map<number, string>();
    const out: (J & { prev_mac: string | null; mac: string | null })[] = [];
    for (const v of values) {
      if (v.dossier_id === null) {
        out.push({ ...v, prev_mac: null, mac: null });
        continue;
      }
      const prev = heads.get(v.dossier_id) ?? (newDossier ? '' : await this.lastMac(v.dossier_id));
      const mac = jobMac(key, prev, v);
      heads.set(v.dossier_id, mac);
      out.push({ ...v, prev_mac: prev, mac });
    }
    return out;
  }

  /** The MAC of the dossier's last job ('' when none is sealed: its chain starts afresh). */
  private async lastMac(dossierId: number): Promise<string> {
    const r = await this.db.selectFrom('print_jobs').select('mac').where('dossier_id', '=', dossierId).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return r?.mac ?? '';
  }

  /**
   * The job is about to go to the printer: marked `sending` (one more attempt, this counter's
   * printer), with the bytes first drawn for it and their SHA-256 (what is sent, and what any
   * redraw must match), in one commit that waits for the disk. It must be on disk before a byte
   * leaves: after a power cut the job then reads "may have printed", never "not printed".
   */
  async markSending(id: number, target: string, drawn: { bytes: Buffer; sha256: string } | null, at: Date): Promise<void> {
    await inTransaction(this.db, async (tx) => {
      if (drawn) {
        const { bytes, sha256 } = drawn;
        await tx
          .insertInto('print_job_bytes')
          .values({ job_id: id, bytes, png: null })
          .onConflict((oc) => oc.column('job_id').doUpdateSet({ bytes, png: null }))
          .execute();
        await tx.updateTable('print_jobs').set({ sha256, size: bytes.length }).where('id', '=', id).execute();
      }
      await this.in(tx).setState(id, 'sending', at, { target, attempt: true, error: null });
    });
  }

  /**
   * Drops the bytes of jobs settled before `before`; they are drawn again from the dossier and
   * the recipe when needed. Returns how many.
   */
  async forgetSettledBytes(before: Date): Promise<number> {
    // Walks the few jobs holding bytes, never the years of jobs without.
    const r = await this.db
      .deleteFrom('print_job_bytes')
      .where('job_id', 'in', (eb) =>
        eb
          .selectFrom('print_job_bytes as b')
          .innerJoin('print_jobs as j', 'j.id', 'b.job_id')
          .select('j.id')
          .where('j.recipe_id', 'is not', null)
          .where('j.updated_at', '<', before.toISOString())
          .where('j.state', 'in', SETTLED),
      )
      .executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async get(id: number): Promise<PrintJob | undefined> {
    const r = await jobs(this.db).where('j.id', '=', id).executeTakeFirst();
    return r && toJob(r);
  }

  async payload(id: number): Promise<JobPayload | undefined> {
    return this.db
      .selectFrom('print_jobs as j')
      .leftJoin('print_job_bytes as b', 'b.job_id', 'j.id')
      .leftJoin('print_recipes as r', 'r.id', 'j.recipe_id')
      .select(['j.document', 'j.dossier_id as dossierId', 'j.created_at as createdAt', 'r.recipe', 'j.layout_version as layoutVersion', 'b.bytes', 'j.sha256', 'b.png'])
      .where('j.id', '=', id)
      .executeTakeFirst();
  }

  async byDossier(dossierId: number): Promise<PrintJob[]> {
    return (await jobs(this.db).where('j.dossier_id', '=', dossierId).orderBy('j.id').execute()).map(toJob);
  }

  /** This counter's jobs still needing attention: waiting, in flight, failed or of unknown outcome. */
  async open(): Promise<PrintJob[]> {
    return (await jobs(this.db).where('j.state', 'in', OPEN).where('j.counter_code', '=', this.counter()).orderBy('j.id').execute()).map(toJob);
  }

  /** The next job for this counter's printer; another counter's queued jobs are its own worker's. */
  async nextQueued(): Promise<number | undefined> {
    return (
      await this.db.selectFrom('print_jobs').select('id').where('state', '=', 'queued').where('counter_code', '=', this.counter()).orderBy('id').limit(1).executeTakeFirst()
    )?.id;
  }

  /**
   * `target` sends the job to this counter's printer: it becomes this counter's job (a retry
   * asked for here prints here, whichever counter queued it first).
   */
  async setState(id: number, state: PrintJob['state'], at: Date, opts: { target?: string; attempt?: boolean; error?: (Msg & { code: string }) | null } = {}): Promise<void> {
    await this.db
      .updateTable('print_jobs')
      .set((eb) => ({
        state,
        ...(opts.target !== undefined ? { target: opts.target, counter_code: this.counter() } : {}),
        ...(opts.attempt ? { attempts: eb(eb.ref('attempts'), '+', 1) } : {}),
        error_code: opts.error?.code ?? null,
        error_vi: opts.error?.vi ?? null,
        error_en: opts.error?.en ?? null,
        updated_at: at.toISOString(),
      }))
      .where('id', '=', id)
      .execute();
  }

  /**
   * Records how a job ended; when it did not print, the dossier's jobs still waiting are held
   * for the clerk in the same transaction, so they never follow it to the same printer unasked.
   * Committed without waiting for the disk (decision 0062): a power cut that loses it leaves the
   * job `sending`, which the next start shows as "may have printed", and the next job's
   * `sending`, or the checkpoint within a second, puts it on disk.
   */
  async finish(id: number, state: PrintJob['state'], at: Date, error: (Msg & { code: string }) | null, held: Msg & { code: string }): Promise<number[]> {
    return this.sql.quickTransaction(this.db, async (tx) => {
      const repo = this.in(tx);
      await repo.setState(id, state, at, { error });
      const dossierId = (await repo.get(id))?.dossierId ?? null;
      if (dossierId === null || (state !== 'failed' && state !== 'unknown')) return [];
      const rows = await tx
        .updateTable('print_jobs')
        .set({ state: 'held', error_code: held.code, error_vi: held.vi, error_en: held.en, updated_at: at.toISOString() })
        .where('dossier_id', '=', dossierId)
        .where('state', '=', 'queued')
        .where('counter_code', '=', this.counter())
        .returning('id')
        .execute();
      return rows.map((r) => r.id).sort((a, b) => a - b);
    });
  }

  /** The dossier's held jobs go back in the queue, in their order, for this counter's printer; returns their ids. */
  async release(dossierId: number, at: Date): Promise<number[]> {
    const rows = await this.db
      .updateTable('print_jobs')
      .set({ state: 'queued', counter_code: this.counter(), error_code: null, error_vi: null, error_en: null, updated_at: at.toISOString() })
      .where('dossier_id', '=', dossierId)
      .where('state', '=', 'held')
      .returning('id')
      .execute();
    return rows.map((r) => r.id).sort((a, b) => a - b);
  }

  /** This counter's jobs left queued or in flight by its crash or quit; other counters' are theirs to recover. */
  async interrupted(): Promise<{ id: number; state: 'queued' | 'sending' }[]> {
    return (await this.db.selectFrom('print_jobs').select(['id', 'state']).where('state', 'in', ['queued', 'sending']).where('counter_code', '=', this.counter()).execute()) as {
      id: number;
      state: 'queued' | 'sending';
    }[];
  }
}
