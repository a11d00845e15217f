import Database from 'better-sqlite3';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { appError } from '../errors.js';

export type HostKind = 'electron' | 'browser' | 'command';

const HOST_WORDS: Record<HostKind, [string, string]> = {
  electron: ['cửa sổ ứng dụng', 'the app window'],
  browser: ['chế độ trình duyệt', 'browser mode'],
  command: ['lệnh chạy từ dòng lệnh', 'a command-line tool'],
};

export interface InstanceLock {
  release(): void;
}

interface Holder {
  pid: number;
  mode: HostKind;
  since: string;
}

/**
 * One process per data folder, in Electron and in browser mode alike: two would both recover
 * "interrupted" print jobs, fight over the serial port and interleave register numbers.
 * The lock is SQLite's own exclusive lock on `instance.lock`, held for the life of the
 * process; the operating system drops it when the process ends, however it ends, so a crash
 * never leaves a stale lock behind. `instance.json` only says who holds it, for the message.
 */
export function lockDataDir(dataDir: string, mode: HostKind, now: Date): InstanceLock {
  const db = new Database(join(dataDir, 'instance.lock'), { timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    // The first write takes the exclusive lock; in this locking mode it is kept until close.
    db.exec('CREATE TABLE IF NOT EXISTS held (since TEXT); DELETE FROM held; INSERT INTO held VALUES (datetime())');
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) throw inUse(dataDir);
    throw error;
  }
  const holder: Holder = { pid: process.pid, mode, since: now.toISOString() };
  writeFileSync(join(dataDir, 'instance.json'), JSON.stringify(holder));
  return { release: () => db.close() };
}

function inUse(dataDir: string) {
  let who: Holder | undefined;
  try {
    who = JSON.parse(readFileSync(join(dataDir, 'instance.json'), 'utf8')) as Holder;
  } catch {
    // The holder may not have written it yet; the message does without.
  }
  const [viMode, enMode] = HOST_WORDS[who?.mode ?? 'browser'] ?? HOST_WORDS.browser;
  const vi = who ? ` (tiến trình ${who.pid}, ${viMode}, mở từ ${formatDateTime(who.since)})` : '';
  const en = who ? ` (process ${who.pid}, ${enMode}, open since ${formatDateTime(who.since)})` : '';
  return appError(
    'DATA_DIR_IN_USE',
    `Thư mục dữ liệu ${dataDir} đang được một phiên BCCI Counter khác dùng${vi}. Mỗi thư mục dữ liệu chỉ mở được ở một nơi: đóng phiên kia, hoặc chọn thư mục khác.`,
    `The data folder ${dataDir} is in use by another BCCI Counter${en}. A data folder can be open in one place only: close the other one, or choose another folder.`,
  );
}
