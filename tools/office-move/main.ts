/**
 * `npm run office-move -- <data folder> [--preview]`: moves a counter's SQLite data into the office
 * server named in the folder's settings (officeServer), with the role's password from the
 * environment (BCCI_OFFICE_PASSWORD), never from the command line where `ps` would show it.
 * Prints what will move, then moves it all or nothing (decision 0033); `--preview` stops after
 * the figures. The app must be closed on that folder: the folder's lock says so otherwise.
 * Exit 0 moved (or previewed), 1 refused, 2 could not run.
 */
import { parseArgs } from 'node:util';
import { OfficeServerTestSchema, SettingsSchema, type OfficeMovePreview } from '../../shared/contract/index.js';
import { readAuditKey } from '../../electron/core/audit/key-file.js';
import { sqliteData } from '../../electron/core/db/data.js';
import { lockDataDir } from '../../electron/core/db/instance-lock.js';
import { damageOf } from '../../electron/core/db/integrity.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { appError } from '../../electron/core/errors.js';
import { alreadyOnServer, OfficeMoveService } from '../../electron/core/office-move/office-move-service.js';
import { dataMovedAway, readMovedMarker } from '../../electron/core/office-move/moved-marker.js';
import { actorFor, SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { runCommand } from '../run-command.js';

const PASSWORD_ENV = 'BCCI_OFFICE_PASSWORD';

function describe(p: OfficeMovePreview): string {
  const lines = [`Máy chủ / server: ${p.server.host}:${p.server.port}/${p.server.database}`, 'Sẽ chuyển / will move:'];
  for (const k of p.kinds) lines.push(`  ${String(k.rows).padStart(8)}  ${k.name.vi} / ${k.name.en}`);
  for (const y of p.registerYears) {
    lines.push(`  Sổ năm / register ${y.year}: ${y.dossiers} hồ sơ / dossiers, số / numbers ${y.firstSeq}–${y.lastSeq}, đã cấp đến / issued up to ${y.lastIssued}`);
  }
  lines.push(`  Hồ sơ từ ngày / dossiers from ${p.firstDay ?? '—'} đến / to ${p.lastDay ?? '—'}`);
  lines.push(`  ${p.audit.summary.vi}`, `  ${p.audit.summary.en}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { preview: { type: 'boolean', default: false } } });
  const dataDir = positionals[0];
  if (!dataDir) {
    console.error('Cách dùng / Usage: npm run office-move -- <thư mục dữ liệu / data folder> [--preview]');
    return 2;
  }
  const password = process.env[PASSWORD_ENV];
  if (password === undefined) {
    throw appError(
      'OFFICE_PASSWORD_MISSING',
      `Chưa có mật khẩu của vai trò trên máy chủ: đặt biến môi trường ${PASSWORD_ENV} rồi chạy lại.`,
      `The server role's password is missing: set the ${PASSWORD_ENV} environment variable and run again.`,
    );
  }
  const settings = SettingsSchema.parse(fileSettingsStore(dataDir).store);
  const server = OfficeServerTestSchema.shape.server.parse(settings.officeServer);
  // Refused before the folder is opened: opening would make an empty data file where there is none.
  if (settings.officeServer.enabled) throw alreadyOnServer();
  const marker = readMovedMarker(dataDir);
  const lock = lockDataDir(dataDir, 'command', new Date());
  const db = openDatabase(dataDir);
  const counter = sqliteData(db);
  try {
    const moves = new OfficeMoveService({ counter, dataDir, auditKey: readAuditKey(dataDir), damage: damageOf(db), counterCode: () => settings.counter.code, now: () => new Date(), onServer: false, marker });
    const movedBefore = moves.moved();
    if (movedBefore) {
      const words = dataMovedAway(movedBefore).data as { vi: string; en: string };
      console.error(`${words.vi}\n${words.en}`);
      return 1;
    }
    const preview = await moves.preview(server, password);
    console.log(describe(preview));
    if (moves.moved()) {
      // An earlier run's commit reached the server unheard: now recorded here, nothing moved again.
      console.log(`${preview.refusal!.vi}\n${preview.refusal!.en}`);
      return 0;
    }
    if (preview.refusal) {
      console.error(`${preview.refusal.vi}\n${preview.refusal.en}`);
      return 1;
    }
    if (values.preview) return 0;
    const result = await moves.move(server, password, actorFor(SYSTEM_CLERK, settings));
    console.log(`${result.summary.vi}\n${result.summary.en}\nĐánh dấu / marker: ${result.marker}`);
    return 0;
  } finally {
    await counter.destroy();
    lock.release();
  }
}

runCommand(main, (code) => (code === 'OFFICE_MOVE_REFUSED' ? 1 : 2));
