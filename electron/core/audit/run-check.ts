import type { AuditCheck } from '../../../shared/contract/audit.js';
import type { Data } from '../db/data.js';
import { MarkerFile, type ChainMark } from './marker-file.js';
import { readChain, verifyChain, type ChainCheck, type HeadOf } from './verify.js';
import { verifyDossiers, withRows, type OnPage } from './verify-dossiers.js';

/**
 * One check of the chain, as "Kiểm tra", the start of the app and `npm run audit-check` run it
 * (decision 0031): from the last entry an earlier check found sound unless `full`, against the
 * end marker; a sound chain moves the verified mark to the last entry. Returns that entry too.
 * With `rows` the dossiers, events and print jobs are checked as well (decision 0066); the
 * markers follow the chain alone, which is what they stand for.
 */
export async function runCheck(
  data: Data,
  key: Buffer,
  dataDir: string,
  opts: { full: boolean; now: Date; headOf?: HeadOf; rows: boolean; onPage?: OnPage },
): Promise<{ result: AuditCheck; chain: ChainCheck; last: ChainMark | null }> {
  const verified = new MarkerFile(dataDir, 'verified', key);
  const mark = verified.read();
  // A mark that is not the app's own is ignored: the check then reads everything.
  const from = !opts.full && mark.state === 'ok' ? mark.mark : undefined;
  // The end marker before the rows: it moves only after an append commits, so read first it never
  // names an entry the rows read after it lack; read after, an intake meanwhile reads as a cut.
  const head = new MarkerFile(dataDir, 'head', key).read();
  const read = await readChain(data, from, opts.headOf ?? null);
  const chain = verifyChain(key, read, { head, from });
  const tail = read.rows.reduce<(typeof read.rows)[number] | undefined>((a, r) => (r.seq !== null && r.mac !== null && (!a || r.seq > a.seq!) ? r : a), undefined);
  const last = tail ? { seq: tail.seq!, mac: tail.mac!, id: tail.id, at: tail.at } : null;
  if (chain.intact && last) verified.write({ ...last, at: opts.now.toISOString() });
  const result = opts.rows ? withRows(chain, await verifyDossiers(data, key, opts.onPage)) : chain;
  return { result, chain, last };
}
