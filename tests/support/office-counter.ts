import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { auditKeyPath } from '../../electron/core/audit/key-file.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { SettingsSchema, type OfficeLinkStatus, type Settings } from '../../shared/contract/index.js';
import { tempDir, type Client } from './core-harness.js';
import type { PgLogin } from './postgres.js';

/** One audit key per office database: every counter of an office holds a copy (decision 0032). */
const officeKeys = new Map<string, string>();

/**
 * A counter's data folder set to keep its data on `login`'s database, as an administrator sets
 * one up: its counter code, the server, and a copy of the office's audit key.
 */
export function officeDataDir(login: PgLogin, counter: string, settings: Partial<Settings> = {}): string {
  const dataDir = tempDir(`bcci-${counter}-`);
  fileSettingsStore(dataDir).store = {
    ...settings,
    counter: { code: counter },
    officeServer: { enabled: true, host: login.host, port: login.port, database: login.database, role: login.user, tls: 'disable', caFile: '' },
  };
  const key = officeKeys.get(`${login.port}/${login.database}`) ?? randomBytes(32).toString('hex');
  officeKeys.set(`${login.port}/${login.database}`, key);
  writeFileSync(auditKeyPath(dataDir), key, { mode: 0o600 });
  return dataDir;
}

/**
 * An item-number range of the counter's own, as an administrator gives each counter of an office
 * one in its settings file (decision 0056): Q01 draws from 31000000, Q02 from 32000000, and so on.
 */
export const ownRangeOf = (counter: string): Settings['s10'] => {
  const first = 30_000_000 + Number(counter.replace(/\D/g, '')) * 1_000_000;
  return SettingsSchema.shape.s10.parse({ first, last: first + 999_999 });
};

/** What the status bar is told: the first state of the office link stream, or the next one matching. */
export async function linkUntil(client: Client, wanted: (l: OfficeLinkStatus) => boolean, timeoutMs = 10_000): Promise<OfficeLinkStatus> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for await (const link of await client.office.link(undefined, { signal: controller.signal })) if (wanted(link)) return link;
  } finally {
    clearTimeout(timer);
  }
  throw new Error('the link never reached the state wanted');
}
