/**
 * The retention purge on years of data (decision 0055): how long the purge takes, the longest
 * single transaction it holds (every other write waits that long at most), and what an intake
 * made meanwhile waits, and what a chunk reads to find where the chain starts once the run has
 * left its checkpoints (every one before, the latest now). `npx tsx bench/retention-purge.ts [dossiers] [entries]`.
 * The dossiers come from bench/dossier-db.ts's generator (all taken in during 2022), settled;
 * the audit entries are real links of the chain, dated 2022 too. "Today" is 2028, so with the
 * default five years everything is older than the cutoff.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { nextLink } from '../electron/core/audit/chain.js';
import { latestPurgedStart, purgedStart, readCheckpoints } from '../electron/core/audit/checkpoint.js';
import { inTransaction, type Tx } from '../electron/core/db/data.js';
import { sqliteSql } from '../electron/core/db/engine-sql.js';
import { RetentionService } from '../electron/core/retention/retention-service.js';
import { AuditRepository } from '../electron/core/system/audit-repository.js';
import type { Actor } from '../electron/core/system/actor.js';
import { tempDir } from '../tests/support/core-harness.js';
import { dossierDb } from './dossier-db.js';
import { fromMs, printTable, summarise, type Row } from './stats.js';

const NOW = new Date('2028-01-10T02:00:00Z');
const ADMIN: Actor = { officeCode: '100000', counterCode: 'Q01', clerkCode: 'admin', clerkName: 'Quản trị viên' };
const CLERK: Actor = { ...ADMIN, clerkCode: 'gdv01', clerkName: 'Giao dịch viên' };

/** Each transaction the purge runs, timed from its start to its commit. */
class TimedAudit extends AuditRepository {
  readonly holds: number[] = [];
  override async inTransaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await super.inTransaction(work);
    } finally {
      this.holds.push(performance.now() - t0);
    }
  }
}

export async function benchRetentionPurge(dossiers = 60_000, entries = 120_000): Promise<Row[]> {
  const dir = tempDir('bcci-purge-bench-');
  const built = await dossierDb(dir, dossiers);
  const { data, db } = built;
  try {
    db.prepare("UPDATE dossiers SET status = 'delivered'").run();
    const key = randomBytes(32);
    // A chain of old entries, one clerk's day after another through 2022.
    const start = Date.UTC(2022, 0, 3, 1, 0);
    let last: { seq: number; mac: string } | undefined;
    for (let i = 0; i < entries; i += 10_000) {
      await inTransaction(data, async (tx) => {
        for (let j = i; j < Math.min(entries, i + 10_000); j++) {
          const link = nextLink(key, last, { at: new Date(start + j * 120_000).toISOString(), action: 'lookup', clerk_code: 'gdv01', counter_code: 'Q01', detail: JSON.stringify({ query: `0010900${j}` }) });
          await tx.insertInto('audit_log').values(link).execute();
          last = link;
        }
      });
    }
    const audit = new TimedAudit(data, key, sqliteSql);
    const service = new RetentionService({ data, sql: sqliteSql, audit, key, now: () => NOW });
    const preview = await service.preview();

    // A clerk's intake every 50 ms while the purge runs: a write transaction appending to the chain.
    const clerk = new AuditRepository(data, key, sqliteSql);
    const waits: number[] = [];
    let running = true;
    const intakes = (async () => {
      while (running) {
        const t0 = performance.now();
        await clerk.record(new Date(), 'bench.intake', CLERK, {});
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const t0 = performance.now();
    const result = await service.purge(preview.cutoff, ADMIN);
    const total = performance.now() - t0;
    running = false;
    await intakes;

    // What each chunk read to find where the chain starts, now that the run left its checkpoints:
    // every checkpoint (before) against the latest one (now), on the same file.
    const checkpoints = (await readCheckpoints(data)).length;
    const timed = async (work: () => Promise<unknown>) => {
      const times: number[] = [];
      for (let i = 0; i < 30; i++) {
        const t = performance.now();
        await work();
        times.push(performance.now() - t);
      }
      return times;
    };
    const everyOne = await timed(async () => purgedStart(key, await readCheckpoints(data)));
    const latest = await timed(() => latestPurgedStart(data, key));

    // The longest wait matters here, not the 99th: the p99 column holds it.
    const longest = (variant: string, ms: number[]): Row => ({ ...summarise('retention purge', variant, fromMs(ms), 'p99 column = longest'), p99_us: Math.round(Math.max(...ms) * 1000) });
    const what = `${result.dossiers} dossiers, ${result.entries} entries`;
    return [
      summarise('retention purge', 'whole purge (one transaction before 0055)', fromMs([total]), what),
      longest('one chunk: lock held', audit.holds),
      longest('intake during the purge: wait', waits),
      summarise('retention purge', "a chunk's start: every checkpoint read (before)", fromMs(everyOne), `${checkpoints} checkpoints`),
      summarise('retention purge', "a chunk's start: the latest checkpoint (now)", fromMs(latest), `${checkpoints} checkpoints`),
    ];
  } finally {
    await data.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [dossiers, entries] = process.argv.slice(2).map(Number);
  console.log(printTable(await benchRetentionPurge(dossiers || undefined, entries || undefined)));
}
