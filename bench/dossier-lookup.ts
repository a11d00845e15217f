import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DossierRepository } from '../electron/core/dossiers/dossier-repository.js';
import { sqliteDossierSearch } from '../electron/core/dossiers/search/sqlite-search.js';
import { sqliteSql } from '../electron/core/db/engine-sql.js';
import { LookupService } from '../electron/core/dossiers/lookup-service.js';
import { AuditRepository } from '../electron/core/system/audit-repository.js';
import { loadOrCreateAuditKey } from '../electron/core/audit/key-file.js';
import { ChainHead, MarkerFile } from '../electron/core/audit/marker-file.js';
import { walFlush } from '../electron/core/db/wal-flush.js';
import { WalCheckpointer } from '../electron/core/db/wal-checkpointer.js';
import type { Actor } from '../electron/core/system/actor.js';
import { dossierDb, FREQUENT_SENDERS, giveFrequentSenders } from './dossier-db.js';
import { measure, type Row } from './stats.js';

/** Name queries as clerks type them: a family name, a full name, a name being typed. */
const NAME_QUERIES = [
  'nguyen', 'tran thi', 'le van h', 'pham thi thu', 'nguyen thi thu ha', 'hoang duc a', 'ng', 'vu', 'thu ha', 'bui minh t',
  'Nguyễn Văn Hùng', 'do thanh', 'dang', 'huynh ngoc a', 'phan quoc b', 'ha', 'tr', 'nguyen van', 'le thi hong', 'kh',
];

/**
 * Lookup on a generated database of `count` dossiers (bench/dossier-db.ts), built once into
 * the temp folder and reused by later runs. Each key is looked up for real rows sampled from it.
 */
export async function benchDossierLookup(count = 1_000_000, rounds = 200): Promise<Row[]> {
  const dir = join(tmpdir(), `bcci-bench-dossiers-${count}`);
  const built = await dossierDb(dir, count);
  giveFrequentSenders(built);
  try {
    // A lookup by ID, phone or name writes its audit row as the app does (decision 0053): measured with it.
    const key = loadOrCreateAuditKey(dir);
    const head = new ChainHead(new MarkerFile(dir, 'head', key), walFlush(built.db.name));
    const audit = new AuditRepository(built.data, key, sqliteSql, head);
    const dossiers = new DossierRepository(built.data, sqliteDossierSearch);
    const lookup = new LookupService(dossiers, (actor, kind, query) => audit.recordQuick(new Date(), 'lookup', actor, { kind, query }));
    // The same lookups without any audit row, and with the row committed fully durable before answering (as before 0053).
    const unaudited = new LookupService(dossiers, async () => undefined);
    const durable = new LookupService(dossiers, (actor, kind, query) => audit.record(new Date(), 'lookup', actor, { kind, query }));
    const clerk: Actor = { officeCode: '100000', counterCode: 'Q01', clerkCode: 'bench', clerkName: 'Bench' };
    const sample = built.db
      .prepare(
        `SELECT sender_personal_id AS id12, sender_old_id AS id9, sender_phone AS phone, register_seq AS seq, register_year AS year,
           item_number AS item, agency_dossier_code AS agency
         FROM dossiers WHERE id % ? = 0 LIMIT ?`,
      )
      .all(Math.floor(count / (rounds * 4)) || 1, rounds * 4) as Record<string, string | number | null>[];
    const keys = (pick: (r: (typeof sample)[number]) => string | null) => sample.map(pick).filter((k): k is string => !!k).slice(0, rounds);
    // One sender in twenty has only the old 9-digit ID: sampled on their own, or a p99 rests on a few dozen.
    const oldIds = (
      built.db.prepare(`SELECT sender_old_id AS id9 FROM dossiers WHERE sender_old_id <> '' AND id % ? = 0 LIMIT ?`).all(Math.floor(count / (rounds * 25)) || 1, rounds) as { id9: string }[]
    ).map((r) => r.id9);
    const by = (variant: string, queries: string[], service = lookup) =>
      measure('dossier lookup', variant, queries.map((query) => () => service.search({ query, limit: 50 }, clerk)), `${count.toLocaleString('en')} dossiers`);
    const names = Array.from({ length: Math.ceil(rounds / NAME_QUERIES.length) }, () => NAME_QUERIES).flat();
    const byKey = {
      id12: keys((r) => r['id12'] as string),
      phone: keys((r) => r['phone'] as string),
      register: keys((r) => (r['seq'] ? `${r['seq']}/${r['year']}` : null)),
      item: keys((r) => r['item'] as string),
      agency: keys((r) => r['agency'] as string),
    };
    // Before this change a key of digits was one OR of the five indexes: every match read and sorted before the first page.
    const asOneOr = built.db.prepare(
      `SELECT d.id, d.status, d.register_year, d.register_seq, d.item_number, d.sender_name, d.procedure_code, d.procedure_name, d.agency_name, d.created_at,
         coalesce(nullif(d.sender_personal_id, ''), nullif(d.sender_old_id, ''), d.sender_business_code) AS sender_id_number, d.fees_total + d.postage AS total
       FROM dossiers d
       WHERE d.sender_personal_id = :k OR (d.sender_old_id = :k AND d.sender_old_id <> '') OR (d.sender_business_code = :k AND d.sender_business_code <> '')
         OR (d.bearer_id = :k AND d.bearer_id <> '') OR (replace(replace(replace(d.sender_phone, ' ', ''), '.', ''), '-', '') = :k AND d.sender_phone <> '')
       ORDER BY d.id DESC LIMIT 51`,
    );
    const frequent = FREQUENT_SENDERS.flatMap(({ id, dossiers: n }) => {
      const of = `by 12-digit ID of ${n.toLocaleString('en')} dossiers`;
      const again = Array<string>(rounds).fill(id);
      return [
        () => by(`${of}, first page`, again),
        () => by(`${of}, first page, no audit row (comparison)`, again, unaudited),
        () => measure('dossier lookup', `${of}, first page as one OR of the indexes (before, comparison)`, again.map((k) => () => asOneOr.all({ k })), 'no audit row'),
      ];
    });
    // Every key's pages read once (only the 12-digit IDs' were), so no row pays for a cold cache the others do not.
    for (const query of [...Object.values(byKey).flat(), ...oldIds, ...FREQUENT_SENDERS.map((s) => s.id)]) await unaudited.search({ query, limit: 50 }, clerk);
    // First as SQLite does by itself: the commit that passes a thousand pages of log checkpoints it.
    const inCommit = await by('by 12-digit ID, log checkpointed by the commits (comparison)', byKey.id12);
    // Then as the app runs (decision 0057): no commit checkpoints, a thread does it every second.
    const checkpointer = new WalCheckpointer(built.db);
    checkpointer.start();
    const rows = [
      await by('by 12-digit ID', byKey.id12),
      inCommit,
      await by('by 12-digit ID, no audit row (comparison)', byKey.id12, unaudited),
      await by('by 12-digit ID, audit row synced before answering (comparison)', byKey.id12, durable),
      await by('by 9-digit ID', oldIds),
      await by('by phone', byKey.phone),
      await by('by register number', byKey.register),
      await by('by item number', byKey.item),
      await by('by agency dossier code', byKey.agency),
      ...(await sequentially(frequent)),
      await secondPage(unaudited, FREQUENT_SENDERS[1].id, rounds, clerk, `${count.toLocaleString('en')} dossiers`),
      await by('by name prefix, first page of 50', names),
      await by('no query, newest page', Array<string>(rounds).fill('')),
      await measure(
        'dossier lookup',
        'old 10-day range and a status, no query',
        Array.from({ length: rounds }, (_, i) => () =>
          lookup.search({ query: '', from: `2022-0${1 + (i % 9)}-10`, to: `2022-0${1 + (i % 9)}-20`, status: 'in-batch', limit: 50 }, clerk),
        ),
        `${count.toLocaleString('en')} dossiers`,
      ),
    ];
    await head.settle();
    await checkpointer.stop();
    const note = built.builtSeconds ? `built now in ${built.builtSeconds} s` : 'reused from an earlier run';
    const size = Math.round(built.bytes / count);
    return [...rows, { bench: 'dossier lookup', variant: 'database (bytes per dossier, not µs)', n: count, median_us: size, p99_us: size, note }];
  } finally {
    await built.data.destroy();
  }
}

async function sequentially<T>(steps: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  for (const step of steps) out.push(await step());
  return out;
}

/** The page after the first, as the screen asks for it (`before` the first page's last row). */
async function secondPage(lookup: LookupService, id: string, rounds: number, clerk: Actor, note: string): Promise<Row> {
  const first = await lookup.search({ query: id, limit: 50 }, clerk);
  const before = first.next!;
  return measure('dossier lookup', `by 12-digit ID of ${FREQUENT_SENDERS[1].dossiers.toLocaleString('en')} dossiers, second page, no audit row`, Array.from({ length: rounds }, () => () => lookup.search({ query: id, limit: 50, before }, clerk)), note);
}
