import Database from 'better-sqlite3';
import { join } from 'node:path';
import { runCheck } from '../../electron/core/audit/run-check.js';
import { sqliteData } from '../../electron/core/db/data.js';
import { checkKey, PASSPHRASE_ENV, promptPassphrase } from './key.js';
import { runCommand } from '../run-command.js';

/**
 * `npm run audit-check -- <data folder> [--full] [--key-file <file>]`: the check "Kiểm tra" runs,
 * from the command line, on the folder's database opened read-only (the app may be running), in
 * the same words: from the last entry a check found sound, or everything with --full. The key is
 * the folder's audit.key, or an exported key file (decision 0055) whose passphrase is typed or in
 * BCCI_AUDIT_KEY_PASSPHRASE. Exit 0 intact, 1 broken, 2 when the check could not run.
 */
async function main(args: string[]): Promise<number> {
  const full = args.includes('--full');
  const at = args.indexOf('--key-file');
  const keyFile = at >= 0 ? args[at + 1] : undefined;
  const dataDir = args.find((a, i) => a !== '--full' && a !== '--key-file' && (at < 0 || i !== at + 1));
  if (!dataDir || (at >= 0 && !keyFile)) {
    console.error(`Cách dùng / Usage: npm run audit-check -- <thư mục dữ liệu / data folder> [--full] [--key-file <tệp khoá / key file>]  (${PASSPHRASE_ENV})`);
    return 2;
  }
  const key = await checkKey(dataDir, keyFile, () => promptPassphrase());
  const data = sqliteData(new Database(join(dataDir, 'counter.sqlite'), { readonly: true, fileMustExist: true }));
  try {
    const { result } = await runCheck(data, key, dataDir, { full, now: new Date(), rows: true });
    console.log(result.headline.vi);
    console.log(result.headline.en);
    for (const p of result.problems) console.log(`- ${p.message.vi}\n  ${p.message.en}`);
    if (result.last) console.log(`Mục cuối / last entry: ${result.last.entry} (${result.last.at})`);
    return result.intact ? 0 : 1;
  } finally {
    await data.destroy();
  }
}

runCommand(() => main(process.argv.slice(2)));
