import Database from 'better-sqlite3';
import { join } from 'node:path';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { readChain, verifyChain } from '../../electron/core/audit/verify.js';
import { sqliteData } from '../../electron/core/db/data.js';
import { toAppError } from '../../electron/core/errors.js';

/**
 * `npm run audit-check -- <data folder>`: the check "Kiểm tra" runs, from the command line, on
 * the folder's database opened read-only (the app may be running). Exit 0 intact, 1 broken,
 * 2 when the check could not run.
 */
async function main(dataDir: string | undefined): Promise<number> {
  if (!dataDir) {
    console.error('Cách dùng / Usage: npm run audit-check -- <thư mục dữ liệu / data folder>');
    return 2;
  }
  const key = readAuditKey(dataDir);
  const data = sqliteData(new Database(join(dataDir, 'counter.sqlite'), { readonly: true, fileMustExist: true }));
  try {
    const result = verifyChain(key, await readChain(data));
    console.log(result.headline.vi);
    console.log(result.headline.en);
    for (const p of result.problems) console.log(`- ${p.message.vi}\n  ${p.message.en}`);
    if (result.last) console.log(`Mục cuối / last entry: ${result.last.entry} (${result.last.at})`);
    return result.intact ? 0 : 1;
  } finally {
    await data.destroy();
  }
}

main(process.argv[2]).then(
  (code) => process.exit(code),
  (error) => {
    const e = toAppError(error);
    const words = (e.data as { vi?: string; en?: string } | undefined) ?? {};
    console.error(words.vi ?? e.message);
    if (words.en) console.error(words.en);
    process.exit(2);
  },
);
