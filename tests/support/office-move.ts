import { spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { OfficeServer } from '../../shared/contract/office-server.js';
import type { Data } from '../../electron/core/db/data.js';
import { postgresData, sqliteData } from '../../electron/core/db/data.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { openOfficeDatabase } from '../../electron/core/db/postgres/open-office.js';
import { MOVED_TABLES } from '../../electron/core/office-move/tables.js';
import { sampleIntake, startCore, tempDir } from './core-harness.js';
import { BUILDING, takeIn } from './batches.js';
import type { PgLogin } from './postgres.js';

/**
 * A counter's data folder filled through the real services and contract, as a day at the
 * counter leaves it: accepted and guided intakes, a reprint, a lookup, a closed batch with its
 * label, the day closed and its report printed, every print job settled. Stopped afterwards,
 * so a copy of the folder is a counter whose app is closed.
 */
export async function filledCounter(): Promise<string> {
  const h = await startCore();
  try {
    const v = (await h.client.catalog.status()).version!;
    const a = await takeIn(h.client);
    const b = await takeIn(h.client);
    await takeIn(h.client);
    const guide = sampleIntake(v, { decision: 'guide' });
    await h.client.dossiers.intake({ ...guide, documents: guide.documents.map((d) => (d.seq === 1 ? { ...d, present: false } : d)) });
    await h.client.printing.reprint({ dossierId: a.id, document: 'receipt' });
    await h.client.dossiers.search({ query: 'Nguyễn Văn Đức', limit: 20 });
    const batch = await h.client.batches.create({ agencyCode: BUILDING });
    await h.client.batches.addByPick({ batchId: batch.id, dossierIds: [a.id, b.id] });
    await h.client.batches.close({ batchId: batch.id });
    await h.client.batches.printLabel({ batchId: batch.id });
    await h.setClock(new Date('2026-11-27T10:30:00Z')); // 17:30 in Hà Nội
    await h.client.reports.closeDay({ day: '2026-11-27', cashCounted: 480000 });
    await h.client.reports.printDay({ day: '2026-11-27' });
    const end = Date.now() + 20_000;
    while ((await h.client.printing.openJobs()).length > 0) {
      if (Date.now() > end) throw new Error('print jobs did not settle');
      await new Promise((r) => setTimeout(r, 20));
    }
    return h.dataDir;
  } finally {
    await h.stop();
  }
}

/** A copy of a filled folder, so each test starts from the same counter. */
export function copyOf(dataDir: string): string {
  const copy = tempDir('bcci-move-');
  cpSync(dataDir, copy, { recursive: true });
  return copy;
}

export const officeServerOf = (login: PgLogin): OfficeServer => ({ host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' });

/**
 * Sets the folder's office server as the administrator does in Settings. `use: false` only names
 * the server the move command moves into, the counter still on its own file; `use: true` is the
 * switch, and the counter's next start opens its data there. Said at each call, never defaulted:
 * a server named but left off looks switched in a test and is not.
 */
export function pointAt(dataDir: string, login: PgLogin, { use }: { use: boolean }): void {
  const file = join(dataDir, 'settings.json');
  // A counter whose settings were never changed has no file yet.
  const settings = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(file, JSON.stringify({ ...settings, officeServer: { ...officeServerOf(login), enabled: use } }));
}

export const sha256Of = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The office database as a counter opens it (migrated); close with `destroy()`. */
export async function officeData(login: PgLogin): Promise<Data> {
  const { pool } = await openOfficeDatabase(officeServerOf(login), login.password, 'T01');
  return postgresData(pool);
}

export function counterData(dataDir: string): Data {
  return sqliteData(openDatabase(dataDir));
}

/** Rows in each moved table: what "the server is empty" and "nothing moved" are checked by. */
export async function rowsPerTable(db: Data): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const { table } of MOVED_TABLES) out[table] = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);
  return out;
}

/**
 * Every row of a table, each as JSON with its columns in name order and bytes as hex, sorted:
 * the same text on both engines when the values are the same byte for byte.
 */
export async function dump(db: Data, table: string): Promise<string[]> {
  const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(db);
  return rows
    .map((row) => JSON.stringify(Object.keys(row).sort().map((k) => [k, Buffer.isBuffer(row[k]) ? `hex:${(row[k] as Buffer).toString('hex')}` : row[k]])))
    .sort();
}

/** Runs `npm run office-move` as an administrator would, the app closed, and waits for its end. */
export function runMoveCommand(dataDir: string, password: string | null, env: Record<string, string> = {}, args: string[] = []) {
  const { BCCI_OFFICE_PASSWORD: _ours, ...inherited } = process.env;
  return new Promise<{ code: number | null; signal: string | null; out: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'tools/office-move/main.ts', dataDir, ...args], {
      env: { ...inherited, ...(password === null ? {} : { BCCI_OFFICE_PASSWORD: password }), ...env },
    });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}
