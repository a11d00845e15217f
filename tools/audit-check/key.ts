import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openAuditKey } from '../../electron/core/audit/key-export.js';
import { AUDIT_KEY_SEALED_FILE, auditKeyPath, readAuditKey } from '../../electron/core/audit/key-file.js';
import { appError } from '../../electron/core/errors.js';

/** Where a passphrase for an exported key file comes from when it is not typed. */
export const PASSPHRASE_ENV = 'BCCI_AUDIT_KEY_PASSPHRASE';

const HOW = (dataDir: string) => ({
  vi: `npm run audit-check -- ${dataDir} --key-file <tệp .bcciauditkey> (mật khẩu của tệp trong biến môi trường ${PASSPHRASE_ENV}, hoặc gõ khi được hỏi)`,
  en: `npm run audit-check -- ${dataDir} --key-file <.bcciauditkey file> (the file's passphrase in the ${PASSPHRASE_ENV} environment variable, or typed when asked)`,
});

/** An exported key file (decision 0055) opened with its passphrase, typed or from the environment. */
export async function openKeyFile(keyFile: string, passphrase: () => Promise<string | null>): Promise<{ key: Buffer; office: string }> {
  const bytes = readFileSync(keyFile);
  const typed = await passphrase();
  if (typed === null) {
    throw appError(
      'AUDIT_CHECK_NO_PASSPHRASE',
      `Cần mật khẩu của tệp khoá ${keyFile}: đặt biến môi trường ${PASSPHRASE_ENV}, hoặc chạy trong cửa sổ dòng lệnh để gõ mật khẩu.`,
      `The passphrase of the key file ${keyFile} is needed: set the ${PASSPHRASE_ENV} environment variable, or run in a terminal to type it.`,
    );
  }
  return openAuditKey(bytes, typed);
}

/**
 * The key the check needs (decision 0055): an exported key file opened with its passphrase when
 * one is named, else the folder's 0600 audit.key. A key sealed by the OS secret store cannot be
 * read here (only the app's own account, through Electron, opens it): the words say what to run.
 */
export async function checkKey(dataDir: string, keyFile: string | undefined, passphrase: () => Promise<string | null>): Promise<Buffer> {
  if (keyFile) return (await openKeyFile(keyFile, passphrase)).key;
  if (!existsSync(auditKeyPath(dataDir)) && existsSync(join(dataDir, AUDIT_KEY_SEALED_FILE))) {
    const how = HOW(dataDir);
    throw appError(
      'AUDIT_CHECK_KEY_SEALED',
      `Khoá nhật ký của quầy này được niêm phong bằng kho bí mật của hệ điều hành (${AUDIT_KEY_SEALED_FILE}), công cụ dòng lệnh không mở được. Quản trị viên xuất khoá trong ứng dụng (tệp niêm phong bằng mật khẩu), rồi chạy: ${how.vi}.`,
      `This counter's audit key is sealed by the operating system's secret store (${AUDIT_KEY_SEALED_FILE}), which the command line cannot open. An administrator exports the key in the app (a file sealed with a passphrase), then runs: ${how.en}.`,
    );
  }
  return readAuditKey(dataDir);
}

/** Asks for the passphrase on the terminal without echoing it; null when there is no terminal. */
export async function promptPassphrase(env: NodeJS.ProcessEnv = process.env): Promise<string | null> {
  // An empty variable is no passphrase: none is that short.
  const given = env[PASSPHRASE_ENV];
  if (given) return given;
  const input = process.stdin;
  if (!input.isTTY) return null;
  process.stderr.write('Mật khẩu của tệp khoá / Key file passphrase: ');
  input.setRawMode(true);
  let text = '';
  try {
    for await (const chunk of input) {
      for (const ch of (chunk as Buffer).toString('utf8')) {
        if (ch === '\r' || ch === '\n') return text;
        if (ch === '\u0003') throw appError('AUDIT_CHECK_CANCELLED', 'Đã huỷ.', 'Cancelled.');
        text = ch === '\u007f' ? [...text].slice(0, -1).join('') : text + ch;
      }
    }
    return text;
  } finally {
    input.setRawMode(false);
    input.pause();
    process.stderr.write('\n');
  }
}
