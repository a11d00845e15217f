import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createORPCClient } from '@orpc/client';
import { RPCLink } from '@orpc/client/fetch';
import type { ContractRouterClient } from '@orpc/contract';
import type { Contract, IntakeInput, Role, Sender } from '../../shared/contract/index.js';
import { createCore, type Core, type CoreOptions } from '../../electron/core/core.js';
import { createRouter } from '../../electron/core/router.js';
import type { ScannerDevices } from '../../electron/core/devices/scanner/scanner-service.js';
import { fileSettingsStore } from '../../electron/hosting/file-settings-store.js';
import { SESSION_HEADER, startHttpHost, type HttpHost } from '../../electron/hosting/http-host.js';
import { officeDataDir } from './office-counter.js';
import { rowOf } from './raw-sql.js';
import { freshOfficeDatabase, onOfficeServer, suiteEnv } from './suite-postgres.js';

export type Client = ContractRouterClient<Contract>;

export interface Harness {
  core: Core;
  host: HttpHost;
  /** signed in as the administrator made at first start (ADMIN) */
  client: Client;
  /** a client on the same host, signed in as nobody yet */
  anonymous(): Client;
  /** creates an account (as the administrator) and returns a client signed in with it */
  clientAs(role: Role, clerkCode: string, clerkName?: string): Promise<Client>;
  dataDir: string;
  clock: { now: Date };
  /** moves the clock; a counter left idle that long has locked itself, so ADMIN unlocks it as a clerk would */
  setClock(at: Date): Promise<void>;
  stop(): Promise<void>;
}

export const tempDir = (prefix = 'bcci-test-') => mkdtempSync(join(tmpdir(), prefix));

/** The administrator every harness creates at first start; existing tests expect its code. */
export const ADMIN = { clerkCode: 'gdv01', clerkName: 'Giao dịch viên demo', secret: 'mat-khau-quan-tri' } as const;
export const SECRET = 'mat-khau-123';

/** A client as the page is: it keeps the session token sign-in returns and sends it with each call. */
export function clientFor(url: string, token: string): Client {
  const session: { token: string | null } = { token: null };
  const client: Client = createORPCClient(
    new RPCLink({
      url: `${url}rpc`,
      headers: () => ({ authorization: `Bearer ${token}`, ...(session.token ? { [SESSION_HEADER]: session.token } : {}) }),
      interceptors: [
        async ({ next, path }) => {
          const out = await next();
          if (path[0] === 'session' && (path[1] === 'signIn' || path[1] === 'setup' || path[1] === 'unlock')) session.token = (out as { token: string }).token;
          return out;
        },
      ],
    }),
  );
  return client;
}

/** Signs a client in as ADMIN, creating the account when the data folder has none yet. */
export async function signInAdmin(client: Client): Promise<Client> {
  if ((await client.session.state()).needsSetup) await client.session.setup({ clerkCode: ADMIN.clerkCode, clerkName: ADMIN.clerkName, secret: ADMIN.secret });
  else await client.session.signIn({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
  return client;
}

/**
 * The real core on a real SQLite file — or, in the suite's run on the office server, on a fresh
 * PostgreSQL database as counter Q01 — served over real HTTP on loopback, with a settable clock.
 */
export async function startCore(
  opts: { dataDir?: string; now?: Date; serialDevices?: ScannerDevices } & Pick<
    CoreOptions,
    'printerTimeouts' | 'printRecordRetryMs' | 'printKeepBytesHours' | 'backupPace' | 'agencyClock' | 'agencyPolicy' | 'outboxIdleMs' | 'updatesIntervalMs' | 'env' | 'officeHealth' | 'trainingSettleMs' | 'purgeChunk'
  > = {},
): Promise<Harness> {
  const dataDir = opts.dataDir ?? (onOfficeServer() ? officeDataDir(await freshOfficeDatabase(), 'Q01') : tempDir());
  const clock = { now: opts.now ?? new Date('2026-11-27T02:15:00Z') }; // Friday 09:15 in Hà Nội
  const core = await createCore({ dataDir, settingsStore: fileSettingsStore(dataDir), now: () => clock.now,
    serialDevices: opts.serialDevices,
    printerTimeouts: opts.printerTimeouts,
    printRecordRetryMs: opts.printRecordRetryMs,
    printKeepBytesHours: opts.printKeepBytesHours,
    backupPace: opts.backupPace,
    agencyClock: opts.agencyClock,
    agencyPolicy: opts.agencyPolicy,
    outboxIdleMs: opts.outboxIdleMs,
    updatesIntervalMs: opts.updatesIntervalMs,
    // A folder set up for the office server (fresh or reopened) logs in with the suite's password.
    env: suiteEnv(opts.env),
    officeHealth: opts.officeHealth,
    trainingSettleMs: opts.trainingSettleMs,
    purgeChunk: opts.purgeChunk,
  });
  // On an office server the core is up before its data are open; the harness signs in after.
  await core.office?.settled();
  const token = 'test-token';
  const host = await startHttpHost({ router: createRouter(core), token, staticDir: join(dataDir, 'no-static') });
  const client = await signInAdmin(clientFor(host.url, token));
  return {
    core,
    host,
    client,
    anonymous: () => clientFor(host.url, token),
    clientAs: async (role, clerkCode, clerkName = `Tài khoản ${clerkCode}`) => {
      await client.accounts.create({ clerkCode, clerkName, role, secret: SECRET });
      const other = clientFor(host.url, token);
      await other.session.signIn({ clerkCode, secret: SECRET });
      return other;
    },
    dataDir,
    clock,
    setClock: async (at) => {
      clock.now = at;
      if ((await client.session.state()).locked) await client.session.unlock({ clerkCode: ADMIN.clerkCode, secret: ADMIN.secret });
    },
    stop: async () => {
      await host.close();
      await core.close();
    },
  };
}

/** A company as sender, with the person who brings its dossier. */
export const sampleOrganisation: Sender = {
  kind: 'organisation',
  fullName: 'Công ty TNHH Hoa Sen',
  personalId: '',
  oldId: '',
  businessCode: '0101234567',
  birthDate: '',
  gender: '',
  address: 'Số 9 Phố Huế, Hai Bà Trưng, Hà Nội',
  phone: '0987654321',
  email: '',
  bearerName: 'Lê Thị Bích',
  bearerId: '001190012345',
};

/** A complete, acceptable intake for the demo catalogue's "Cấp đổi giấy phép lái xe". */
export function sampleIntake(catalogVersion: number, overrides: Partial<IntakeInput> = {}): IntakeInput {
  return {
    requestKey: randomUUID(),
    decision: 'accept',
    sender: {
      kind: 'individual',
      fullName: 'Nguyễn Văn Đức',
      personalId: '001090123456',
      oldId: '',
      businessCode: '',
      birthDate: '1990-03-15',
      gender: 'male',
      address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
      phone: '0912345678',
      email: '',
    },
    procedureCode: '1.002804',
    catalogVersion,
    documents: [
      { seq: 1, present: true, form: 'original', count: 1 },
      { seq: 2, present: true, form: 'copy', count: 1 },
      { seq: 3, present: true, form: 'original', count: 1 },
      { seq: 4, present: false, form: 'copy', count: 0 },
    ],
    service: 'both',
    returnMethod: 'at-office',
    deliveryAddress: '',
    fees: [{ name: 'Phí, lệ phí', amount: 135000 }],
    feeReason: '',
    postage: 25000,
    itemNumber: '',
    ...overrides,
  };
}

export interface FailureData {
  code: string;
  vi: string;
  en: string;
  field?: string;
  problems?: { field?: string; vi: string; en: string }[];
}

/** The words a call failed with; fails the test if the call succeeded. */
export async function failure(call: Promise<unknown>): Promise<FailureData> {
  try {
    await call;
  } catch (error) {
    return (error as { data: FailureData }).data;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/**
 * Waits until a job is on its way to the printer: drawn, its bytes recorded, marked sending.
 * Jobs are drawn after the intake answer, so a test that acts "while it prints" waits for this.
 */
export async function untilSending(h: Harness, jobId: number, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while ((await h.client.printing.openJobs()).find((j) => j.id === jobId)?.state !== 'sending') {
    if (Date.now() > end) throw new Error(`job ${jobId} never started sending`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** A job's SHA-256 and size once drawn (the answer that queued it comes before drawing). */
export async function recorded(h: Harness, jobId: number): Promise<{ sha256: string; bytes: number }> {
  return (await rowOf<{ sha256: string; bytes: number }>(h, 'SELECT sha256, size AS bytes FROM print_jobs WHERE id = ?', jobId))!;
}
