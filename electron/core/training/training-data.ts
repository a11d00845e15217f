import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { inTransaction, sqliteData, type Data } from '../db/data.js';
import { migrate } from '../db/migrate.js';
import { openDatabase } from '../db/open.js';
import type { Schema } from '../db/schema.js';

/** Everything training writes lives in this folder of the data folder, and only there. */
export const TRAINING_FOLDER = 'training';
export const TRAINING_FILE = 'training.sqlite';

/**
 * What a training session starts from: the office's own catalogue, clerks (so everybody signs in
 * as themselves) and days off. No dossier, register or item number, batch or upload is carried.
 */
const COPIED: readonly (keyof Schema)[] = ['catalog_versions', 'procedures', 'procedure_documents', 'clerks', 'calendar_notices', 'calendar_notice_days'];

/** SQLite takes at most 32,766 parameters in one statement; a catalogue row has about twenty. */
const ROWS_PER_INSERT = 200;

/**
 * Makes a fresh training database from the real data (a counter's file or the office server,
 * only read here) and returns its folder. The folder is emptied first: each session starts clean.
 */
export async function makeTrainingDatabase(real: Data, dataDir: string): Promise<string> {
  const dir = join(dataDir, TRAINING_FOLDER);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(dir, TRAINING_FILE);
  const training = sqliteData(db);
  try {
    migrate(db);
    await inTransaction(training, async (tx) => {
      for (const table of COPIED) {
        const rows = await real.selectFrom(table).selectAll().execute();
        for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
          await tx.insertInto(table).values(rows.slice(i, i + ROWS_PER_INSERT) as never).execute();
        }
      }
    });
  } finally {
    await training.destroy();
  }
  return dir;
}
