import { chmodSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { appError } from '../errors.js';

/**
 * The agency servers' tokens (decisions 0034, 0041): one per server address, in one file in the data folder that only this user
 * may read (0600), never in the settings (readable by every clerk, copied into backups) nor in
 * the database (copied into backups, shared with an office server). Each token is sealed by the
 * host's `SecretSeal` before it is written: Electron can pass one over the OS secret store
 * (safeStorage); plain Node keeps the file's permissions as the only guard.
 */
export interface SecretSeal {
  /** names the seal in the file, so a file sealed one way is never opened another way */
  kind: string;
  seal(plain: string): string;
  open(sealed: string): string;
}

/** No sealing: the file's mode is the protection (browser mode, tests). */
export const FILE_MODE_ONLY: SecretSeal = { kind: 'none', seal: (t) => t, open: (t) => t };

export const AGENCY_TOKENS_FILE = 'agency-tokens.json';

interface TokenFileBody {
  seal: string;
  /** 'server': keyed by server address; absent in files written before, keyed by agency code */
  by?: 'server';
  tokens: Record<string, string>;
}

/** The one key of a server: its address as entered, without surrounding blanks or a final slash. */
export const serverKey = (url: string): string => url.trim().replace(/\/+$/, '');

export class AgencyTokens {
  private readonly path: string;
  private cache: Map<string, string> | undefined;
  /** agency codes of a file keyed by code whose agency is gone: their tokens have no server to go to */
  private gone: string[] = [];

  constructor(
    dataDir: string,
    private readonly sealer: SecretSeal = FILE_MODE_ONLY,
    /** for a file keyed by agency code: the server address that agency has now */
    private readonly serverOfAgency: (code: string) => string | undefined = () => undefined,
  ) {
    this.path = join(dataDir, AGENCY_TOKENS_FILE);
  }

  /** The tokens by server key; a missing file is none, a file sealed another way is refused. */
  private read(): Map<string, string> {
    if (this.cache) return this.cache;
    let body: TokenFileBody;
    try {
      body = JSON.parse(readFileSync(this.path, 'utf8')) as TokenFileBody;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return (this.cache = new Map());
      throw new Error(`${this.path} cannot be read: ${(error as Error).message}`);
    }
    if (body.seal !== this.sealer.kind) throw sealedOtherwise(this.path, body.seal);
    // A file copied in with looser rights is tightened rather than refused (POSIX only).
    if (process.platform !== 'win32' && (statSync(this.path).mode & 0o077) !== 0) chmodSync(this.path, 0o600);
    const opened = Object.entries(body.tokens ?? {}).map(([key, sealed]) => [key, this.sealer.open(sealed)] as const);
    if (body.by === 'server') return (this.cache = new Map(opened));
    // Written by agency code: each token goes to its agency's server; the first one given wins.
    const byServer = new Map<string, string>();
    this.gone = [];
    for (const [code, token] of opened) {
      const url = this.serverOfAgency(code);
      if (!url) this.gone.push(code);
      else if (!byServer.has(serverKey(url))) byServer.set(serverKey(url), token);
    }
    this.gone.sort();
    return (this.cache = byServer);
  }

  /**
   * The agency codes of a file written by agency code whose agency no longer exists: their tokens
   * are not carried to any server (decision 0064), and whoever carries the file is told.
   */
  agenciesGone(): string[] {
    this.read();
    return this.gone;
  }

  get(url: string): string | undefined {
    return this.read().get(serverKey(url));
  }

  has(url: string): boolean {
    return this.read().has(serverKey(url));
  }

  /** The servers the file holds a token for. */
  servers(): string[] {
    return [...this.read().keys()];
  }

  /**
   * Sets the tokens given, keeps the others of `keep`, drops every server not in `keep` (all by
   * server key). Written to a new 0600 file and renamed over the old one, so a crash leaves one
   * or the other.
   */
  replace(keep: string[], set: Map<string, string>): void {
    const current = this.read();
    // Rewritten by server, an old file's tokens of agencies gone are dropped: never silently.
    if (this.gone.length > 0) console.warn(`[agencies] the tokens saved under agency codes ${this.gone.join(', ')} are dropped: those agencies are gone`);
    const next = new Map<string, string>();
    for (const code of keep) {
      const token = set.get(code) ?? current.get(code);
      if (token !== undefined) next.set(code, token);
    }
    writeTokenFile(this.path, { seal: this.sealer.kind, by: 'server', tokens: Object.fromEntries([...next].map(([c, t]) => [c, this.sealer.seal(t)])) });
    this.cache = next;
    this.gone = [];
  }
}

function writeTokenFile(path: string, body: TokenFileBody): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, JSON.stringify(body), { mode: 0o600 });
  renameSync(temp, path);
}

/**
 * A file of clear tokens (written before the host had a seal) is sealed in place, keyed as it
 * was: the first start with a seal leaves no token in clear on disk (decision 0050).
 */
export function sealTokenFile(dataDir: string, sealer: SecretSeal): void {
  const path = join(dataDir, AGENCY_TOKENS_FILE);
  let body: TokenFileBody;
  try {
    body = JSON.parse(readFileSync(path, 'utf8')) as TokenFileBody;
  } catch {
    // None yet, or unreadable: AgencyTokens says so in words when the tokens are needed.
    return;
  }
  if (body.seal !== FILE_MODE_ONLY.kind) return;
  const tokens = Object.fromEntries(Object.entries(body.tokens ?? {}).map(([key, token]) => [key, sealer.seal(token)]));
  writeTokenFile(path, { ...body, seal: sealer.kind, tokens });
}

/** Sealed with the OS secret store's key but opened without it, or the other way round. */
const sealedOtherwise = (path: string, seal: string) =>
  seal === FILE_MODE_ONLY.kind
    ? appError(
        'AGENCY_TOKENS_NOT_SEALED',
        `Tệp mã truy cập ${path} chưa được niêm phong dù máy có kho bí mật; mở lại ứng dụng để niêm phong nó.`,
        `The token file ${path} is not sealed although this computer has a secret store; start the app again to seal it.`,
      )
    : appError(
        'AGENCY_TOKENS_SEALED',
        `Tệp mã truy cập ${path} được niêm phong bằng kho bí mật của hệ điều hành, nhưng lần chạy này không có khoá của kho (chế độ trình duyệt, hoặc kho bí mật chưa mở). Tệp được giữ nguyên; mở ứng dụng (không phải chế độ trình duyệt) bằng tài khoản đã dùng trước đây.`,
        `The token file ${path} is sealed with the operating system's secret store, but this run has no key for it (browser mode, or the secret store is not open). The file is kept as it is; open the app (not browser mode) as the account used before.`,
      );
