/**
 * Settings → Agencies (decision 0034): the agencies batches go to, their servers, and the
 * tokens kept apart from both the settings and the database. The core asks it which server an
 * agency's batches go to, and which servers to read updates from.
 */
import type { Agency, AgencyTestReport, AgencyView } from '../../../shared/contract/agencies.js';
import { AgencyHttp, type AgencyServer } from '../agency/http-client.js';
import { fetchUpdates } from '../agency/fetch-updates.js';
import type { AgencyProblem } from '../agency/problems.js';
import type { SettingsService } from '../config/settings-service.js';
import { appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import { serverKey } from './token-file.js';

/**
 * Where the tokens are kept: this counter's 0600 file (`AgencyTokens`), or on an office server
 * the sealed rows every counter reads (`OfficeTokens`, decision 0047).
 */
export interface TokenStore {
  get(url: string): string | undefined;
  has(url: string): boolean;
  replace(keep: string[], set: Map<string, string>, by?: string): void | Promise<void>;
  /** reads what other counters saved; the counter's own file has nothing to read again */
  refresh?(): Promise<void>;
}

export type AgencyInput = Agency & { token: string };

/** One server and the agencies whose batches it takes: the updates feed is read once per server. */
export interface ServerOfAgencies extends AgencyServer {
  agencyCodes: string[];
}

const report = (outcome: AgencyTestReport['outcome'], vi: string, en: string): AgencyTestReport => ({ ok: outcome === 'ok', outcome, vi, en });

/** A failed test in words: what happened, and what to change. */
function testReportOf(p: AgencyProblem): AgencyTestReport {
  const detail = p.detail ? ` (${p.detail.slice(0, 200)})` : '';
  switch (p.code) {
    case 'AGENCY_UNAUTHORIZED':
      return report('token-refused', 'Đã kết nối được máy chủ, nhưng máy chủ không nhận mã truy cập. Nhập lại mã truy cập cơ quan cấp.', 'The server was reached, but it refused the token. Enter the token the agency issued again.');
    case 'AGENCY_FORBIDDEN':
      return report('forbidden', 'Máy chủ nhận mã truy cập nhưng không cho gửi thay bưu cục này. Kiểm tra mã bưu cục trong Cài đặt, hoặc xin cơ quan cấp mã khác.', 'The server accepted the token but will not let it act for this post office. Check the post office code in Settings, or ask the agency for another token.');
    case 'AGENCY_TLS_UNTRUSTED':
      return report('untrusted', `Không tin được chứng chỉ bảo mật của máy chủ (hết hạn, sai tên hoặc tự cấp)${detail}. Kiểm tra địa chỉ, hoặc nhờ quản trị cài chứng chỉ của tỉnh.`, `The server's security certificate is not trusted (expired, wrong name or self-issued)${detail}. Check the address, or have the province's certificate installed.`);
    case 'AGENCY_UNREACHABLE':
      return report('unreachable', `Không kết nối được máy chủ${detail}. Kiểm tra địa chỉ và mạng của quầy.`, `The server cannot be reached${detail}. Check the address and the counter's network.`);
    case 'AGENCY_URL_INVALID':
      return report('bad-url', p.text.vi, p.text.en);
    case 'AGENCY_UNREADABLE_ANSWER':
      return report('unreadable', `Máy chủ trả lời nhưng không đúng hợp đồng trao đổi${detail}. Kiểm tra địa chỉ (có đúng máy chủ một cửa của tỉnh không).`, `The server answered, but not as the exchange contract says${detail}. Check the address (is it the province's one-stop server?).`);
    default:
      return report('server-error', `Máy chủ trả lời lỗi${p.status ? ` (HTTP ${p.status})` : ''}. Thử lại sau ít phút; nếu vẫn lỗi, báo cơ quan.`, `The server answered with an error${p.status ? ` (HTTP ${p.status})` : ''}. Try again in a few minutes; if it persists, tell the agency.`);
  }
}

export class AgencyService {
  private readonly listeners: ((changed: string[]) => void | Promise<void>)[] = [];

  constructor(
    private readonly d: {
      settings: SettingsService;
      tokens: TokenStore;
      audit: AuditRepository;
      now: () => Date;
    },
  ) {}

  /** Called after a save with the codes whose server or token changed. */
  onChange(listener: (changed: string[]) => void | Promise<void>): void {
    this.listeners.push(listener);
  }

  /** Before a call or a turn of the exchange: another counter of the office may have saved a token. */
  async refresh(): Promise<void> {
    await this.d.tokens.refresh?.();
  }

  list(): AgencyView[] {
    return this.d.settings.get().agencies.map((a) => ({ ...a, tokenSaved: a.serverUrl.trim() !== '' && this.d.tokens.has(a.serverUrl) }));
  }

  async save(inputs: AgencyInput[], actor: Actor): Promise<AgencyView[]> {
    const codes = inputs.map((a) => a.code);
    const twice = codes.find((c, i) => codes.indexOf(c) !== i);
    if (twice) throw appError('AGENCY_CODE_TWICE', `Mã cơ quan ${twice} có hai lần trong danh sách.`, `Agency code ${twice} is in the list twice.`, { field: 'code' });
    const before = new Map(this.d.settings.get().agencies.map((a) => [a.code, a]));
    const given = this.tokensByServer(inputs);
    await this.d.settings.update({ agencies: inputs.map(({ token: _token, ...a }) => a) }, actor);
    const servers = [...new Set(inputs.filter((a) => a.serverUrl.trim() !== '').map((a) => serverKey(a.serverUrl)))];
    const serversBefore = new Set([...before.values()].filter((a) => a.serverUrl.trim() !== '').map((a) => serverKey(a.serverUrl)));
    await this.d.tokens.replace(servers, given, actor.clerkCode);
    // Which servers' tokens changed is worth an audit line; the token itself never is.
    const removed = [...serversBefore].filter((u) => !servers.includes(u));
    if (given.size > 0 || removed.length > 0) await this.d.audit.record(this.d.now(), 'agencies.tokens', actor, { set: [...given.keys()], removed });
    const retokened = inputs.filter((a) => given.has(serverKey(a.serverUrl))).map((a) => a.code);
    const gone = [...before.keys()].filter((c) => !codes.includes(c));
    const moved = inputs.filter((a) => before.get(a.code)?.serverUrl !== a.serverUrl).map((a) => a.code);
    const changed = [...new Set([...retokened, ...gone, ...moved])];
    for (const l of this.listeners) await l(changed);
    return this.list();
  }

  /**
   * The tokens typed in the form, one per server: agencies that share a server share its token,
   * so two different tokens typed for one server are refused rather than one silently kept.
   */
  private tokensByServer(inputs: AgencyInput[]): Map<string, string> {
    const given = new Map<string, { token: string; code: string }>();
    for (const a of inputs) {
      const token = a.token.trim();
      if (token === '' || a.serverUrl.trim() === '') continue;
      const key = serverKey(a.serverUrl);
      const other = given.get(key);
      if (other && other.token !== token) {
        throw appError(
          'AGENCY_TOKEN_TWICE',
          `Cơ quan ${other.code} và ${a.code} dùng chung máy chủ ${key} nhưng được nhập hai mã truy cập khác nhau. Một máy chủ chỉ có một mã truy cập của bưu cục: nhập mã đó cho một cơ quan và để trống ở cơ quan kia.`,
          `Agencies ${other.code} and ${a.code} share the server ${key} but two different tokens were entered. A server has one token for the post office: enter it for one agency and leave the other blank.`,
          { field: 'token' },
        );
      }
      given.set(key, { token, code: a.code });
    }
    return new Map([...given].map(([key, g]) => [key, g.token]));
  }

  /** The server an agency's batches go to, once it has an address and its server a token. */
  serverFor(code: string): AgencyServer | undefined {
    const a = this.d.settings.get().agencies.find((x) => x.code === code);
    if (!a || a.serverUrl.trim() === '') return undefined;
    const token = this.d.tokens.get(a.serverUrl);
    return token ? { url: a.serverUrl, token } : undefined;
  }

  /** Every configured server once, with the agencies it serves and its one token. */
  servers(): ServerOfAgencies[] {
    const byUrl = new Map<string, ServerOfAgencies>();
    for (const a of this.d.settings.get().agencies) {
      const server = this.serverFor(a.code);
      if (!server) continue;
      const known = byUrl.get(serverKey(server.url));
      if (known) known.agencyCodes.push(a.code);
      else byUrl.set(serverKey(server.url), { ...server, agencyCodes: [a.code] });
    }
    return [...byUrl.values()];
  }

  /** "Kiểm tra kết nối": one read of the updates feed, with the form's address and token (or the saved one). */
  async test(input: { code: string; serverUrl: string; token: string }): Promise<AgencyTestReport> {
    if (input.serverUrl.trim() === '') return report('no-url', 'Chưa nhập địa chỉ máy chủ.', 'No server address is entered.');
    const token = input.token.trim() || this.d.tokens.get(input.serverUrl);
    if (!token) return report('no-token', 'Chưa nhập mã truy cập cho cơ quan này.', 'No token is entered for this agency.');
    const http = AgencyHttp.open({ url: input.serverUrl.trim(), token }, 10_000);
    if (!(http instanceof AgencyHttp)) return testReportOf(http);
    try {
      const page = await fetchUpdates(http, undefined, 1);
      if (page.ok) return report('ok', 'Đã kết nối: máy chủ trả lời và nhận mã truy cập.', 'Connected: the server answered and accepted the token.');
      return testReportOf(page.problem);
    } finally {
      http.close();
    }
  }
}
