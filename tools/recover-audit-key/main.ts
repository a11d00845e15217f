import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { SettingsSchema } from '../../shared/contract/index.js';
import { compactDateTime } from '../../shared/format/vn-time.js';
import { keyFingerprint } from '../../electron/core/audit/key-export.js';
import { notThisChainsKey, replaceKeyFile } from '../../electron/core/audit/key-transfer.js';
import { officeKeyRefusal } from '../../electron/core/audit/office-key.js';
import { pendingDir, restorePending } from '../../electron/core/backup/restore-pending.js';
import { sqliteData } from '../../electron/core/db/data.js';
import { sqliteSql } from '../../electron/core/db/engine-sql.js';
import { lockDataDir } from '../../electron/core/db/instance-lock.js';
import { officeServerOf } from '../../electron/core/db/store.js';
import { appError } from '../../electron/core/errors.js';
import { readMovedMarker } from '../../electron/core/office-move/moved-marker.js';
import { RECOVER_COMMAND, sealedByDataKey, setAside } from '../../electron/core/secrets/lost-data-key.js';
import { actorFor, SYSTEM_CLERK, type Actor } from '../../electron/core/system/actor.js';
import { AuditRepository } from '../../electron/core/system/audit-repository.js';
import { DATA_KEY_FILE } from '../../electron/hosting/data-key.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { msg, type Msg } from '../../shared/i18n/msg.js';
import { openKeyFile, PASSPHRASE_ENV, promptPassphrase } from '../audit-check/key.js';
import { runCommand } from '../run-command.js';

const SET_ASIDE_DATA_KEY = '--set-aside-data-key';
const UNCHECKED = '--unchecked';

/**
 * `npm run recover-audit-key -- <data folder> --key-file <file> [--set-aside-data-key] [--unchecked]`:
 * the way back for a counter whose data key is lost for good (decision 0065). The office's audit
 * key, exported with a passphrase, must verify the trail's latest entry on the counter's own file.
 * Where no trail can be read here (an office server, no file, no signed entry yet) it is refused
 * unless told `--unchecked`. The files the lost key sealed are moved into a folder of their own,
 * never deleted, and the audit key is put in as the 0600 audit.key, which the next start seals
 * under a new data key; the counter's own trail records it, unless its data moved to the office
 * server (the moved file stays byte for byte as it was, decision 0033).
 * Exit 0 done, 2 refused (nothing changed).
 */
async function main(args: string[]): Promise<number> {
  const at = args.indexOf('--key-file');
  const keyFile = at >= 0 ? args[at + 1] : undefined;
  const dataDir = args.find((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
  if (!dataDir || !keyFile) {
    console.error(`Cách dùng / Usage: ${RECOVER_COMMAND} -- <thư mục dữ liệu / data folder> --key-file <tệp .bcciauditkey / .bcciauditkey file> [${SET_ASIDE_DATA_KEY}] [${UNCHECKED}]  (${PASSPHRASE_ENV})`);
    console.error(`${UNCHECKED}: đặt khoá vào cả khi không có nhật ký để kiểm tra (quầy dùng máy chủ bưu cục, không có tệp dữ liệu, nhật ký chưa có mục nào). Một khoá sai khi đó không bị phát hiện: trên máy chủ, quầy không ghi được gì cho đến khi có đúng khoá; trên tệp của quầy, nhật ký ký bằng khoá sai sẽ không khớp với khoá của bưu cục.`);
    console.error(`${UNCHECKED}: put the key in even when there is no trail to check it against (the counter uses the office server, there is no data file, the trail has no entry yet). A wrong key then goes unnoticed: on the server the counter writes nothing until it has the right key; on the counter's file, a trail signed with a wrong key will not verify with the office's key.`);
    return 2;
  }
  const dataKeyThere = existsSync(join(dataDir, DATA_KEY_FILE));
  // A data key still there may only be this account's to open: set aside only when told it is lost.
  if (dataKeyThere && !args.includes(SET_ASIDE_DATA_KEY)) throw dataKeyStillThere(dataDir);
  const { key, office } = await openKeyFile(keyFile, () => promptPassphrase());
  // Everything read and checked before a file moves: a refusal or a bad settings file changes nothing.
  const settings = fileSettingsStore(dataDir);
  const actor = actorFor(SYSTEM_CLERK, SettingsSchema.parse(settings.store));
  const onServer = !restorePending(dataDir) && officeServerOf(settings) !== null;
  const moved = readMovedMarker(dataDir);
  const notChecked = await keyFitsTrail(dataDir, key, office, onServer);
  if (notChecked && !args.includes(UNCHECKED)) throw keyCannotBeChecked(notChecked);

  const now = new Date();
  const fingerprint = keyFingerprint(key);
  // Whether the key was checked against the trail: a key put in `--unchecked` may be the wrong one.
  const takenIn = (setAside: string[]) => ({ fingerprint, office, via: RECOVER_COMMAND, setAside, unchecked: notChecked !== null });
  // The app holds the folder while it runs: none of this while it does.
  const lock = lockDataDir(dataDir, 'command', now);
  let files: string[];
  let aside: string | null;
  try {
    files = [...(dataKeyThere ? [DATA_KEY_FILE] : []), ...sealedByDataKey(dataDir)];
    aside = files.length ? setAside(dataDir, files, compactDateTime(now)) : null;
    replaceKeyFile(dataDir, key, now);
    if (!onServer && !moved) await recordTakenIn(dataDir, key, now, actor, takenIn(files));
  } finally {
    lock.release();
  }
  console.log(`Đã đặt khoá nhật ký kiểm tra của bưu cục ${office} (dấu ${fingerprint}) vào ${join(dataDir, 'audit.key')}; lần mở sau ứng dụng tạo khoá dữ liệu mới và niêm phong khoá này.`);
  console.log(`The audit key of office ${office} (fingerprint ${fingerprint}) was put in ${join(dataDir, 'audit.key')}; at the next start the app makes a new data key and seals this key.`);
  if (aside) {
    console.log(`Các tệp không mở được nữa đã được cất vào ${aside}: ${files.join(', ')}. Nhập lại mã truy cập của cơ quan nhận và mật khẩu máy chủ bưu cục (nếu có).`);
    console.log(`The files that no longer open were set aside in ${aside}: ${files.join(', ')}. Enter the agencies' tokens and the office server's password (if any) again.`);
  }
  if (notChecked) {
    console.log(`Khoá được đặt vào mà không kiểm tra (${UNCHECKED}): ${notChecked.vi}.`);
    console.log(`The key was put in unchecked (${UNCHECKED}): ${notChecked.en}.`);
  }
  if (onServer) {
    console.log('Quầy dùng máy chủ dữ liệu bưu cục: ứng dụng kiểm tra khoá với nhật ký của bưu cục khi mở, và không ghi gì nếu khoá không khớp.');
    console.log("The counter uses the office data server: the app checks the key against the office's trail at start and writes nothing if it does not verify.");
  } else if (moved) {
    const entry = JSON.stringify({ action: 'audit.keyImported', at: now.toISOString(), clerk: actor.clerkCode, ...takenIn(files) });
    console.log(`Dữ liệu của quầy đã chuyển lên máy chủ bưu cục ${moved.server.host}/${moved.server.database}: tệp cũ giữ nguyên, việc đặt khoá không ghi vào đó mà ghi tại đây: ${entry}`);
    console.log(`This counter's data moved to the office server ${moved.server.host}/${moved.server.database}: the old file stays as it was, so the take-in is not recorded there but here: ${entry}`);
  }
  return 0;
}

/**
 * Only the key that signed the trail may go in: checked against the latest entry of the database
 * the next start opens (a restore waiting, else the counter's file). Returns, in words, why it
 * could not be checked (the office server's trail, which only the app reaches; no file; no signed
 * entry, which any key would fit); null once checked.
 */
async function keyFitsTrail(dataDir: string, key: Buffer, office: string, onServer: boolean): Promise<Msg | null> {
  if (onServer) return msg('quầy dùng máy chủ dữ liệu bưu cục, nơi chỉ ứng dụng đọc được nhật ký', 'the counter uses the office data server, whose trail only the app reads');
  const file = join(restorePending(dataDir) ? pendingDir(dataDir) : dataDir, 'counter.sqlite');
  if (!existsSync(file)) return msg(`không có tệp dữ liệu ${file}`, `there is no data file ${file}`);
  const data = sqliteData(new Database(file, { readonly: true, fileMustExist: true }));
  try {
    const signed = await data.selectFrom('audit_log').select('seq').where('seq', 'is not', null).limit(1).executeTakeFirst();
    if (!signed) return msg(`nhật ký trong ${file} chưa có mục nào được ký`, `the trail in ${file} has no signed entry yet`);
    if (await officeKeyRefusal(data, key, false)) throw notThisChainsKey(keyFingerprint(key), office);
  } finally {
    await data.destroy();
  }
  return null;
}

/**
 * The counter's own trail says who put which key in, as the app's import does: by the system
 * clerk, under the key taken in. A waiting restore replaces this database, so nothing goes there.
 */
async function recordTakenIn(dataDir: string, key: Buffer, at: Date, actor: Actor, detail: Record<string, unknown>): Promise<void> {
  const file = join(dataDir, 'counter.sqlite');
  if (restorePending(dataDir) || !existsSync(file)) return;
  const data = sqliteData(new Database(file, { fileMustExist: true }));
  try {
    await new AuditRepository(data, key, sqliteSql).record(at, 'audit.keyImported', actor, detail);
  } finally {
    await data.destroy();
  }
}

const dataKeyStillThere = (dataDir: string) =>
  appError(
    'RECOVER_DATA_KEY_THERE',
    `Khoá dữ liệu ${join(dataDir, DATA_KEY_FILE)} vẫn còn: mở ứng dụng trước. Chỉ khi ứng dụng báo không mở được khoá và chắc chắn khoá đã mất hẳn (không phải do mở bằng tài khoản hoặc máy khác), chạy lại lệnh này với ${SET_ASIDE_DATA_KEY}. Không thay đổi gì.`,
    `The data key ${join(dataDir, DATA_KEY_FILE)} is still there: start the app first. Only when the app says the key cannot be opened and it is surely lost for good (not another account or computer), run this again with ${SET_ASIDE_DATA_KEY}. Nothing changed.`,
  );

const keyCannotBeChecked = (why: Msg) =>
  appError(
    'RECOVER_KEY_UNCHECKED',
    `Không kiểm tra được khoá với nhật ký kiểm tra: ${why.vi}. Không thay đổi gì. Chỉ khi chắc chắn đây là khoá của bưu cục, chạy lại lệnh với ${UNCHECKED}; một khoá sai khi đó không bị phát hiện.`,
    `The key cannot be checked against the audit trail: ${why.en}. Nothing changed. Only when sure this is the office's key, run this again with ${UNCHECKED}; a wrong key then goes unnoticed.`,
  );

runCommand(() => main(process.argv.slice(2)));
