import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { serverKey } from './token-file.js';

/**
 * The servers a counter's own token file has a token for that no agency of the office sends to.
 * On the office server the tokens are the office's, one per server its agencies name (decision
 * 0047), so these are not brought there; the administrator is told rather than left to find an
 * upload refused later (decision 0056).
 */
export function serversLeftBehind(fileServers: readonly string[], agencyServers: readonly string[]): string[] {
  const named = new Set(agencyServers.map(serverKey));
  return fileServers.filter((s) => s !== '' && !named.has(serverKey(s))).sort();
}

/** What the token file will not carry, in words: servers no agency names, and agencies gone (decision 0064). */
export function leftBehindWords(servers: readonly string[], agenciesGone: readonly string[] = []): Msg | null {
  const parts: Msg[] = [];
  if (servers.length > 0) {
    const list = servers.join(', ');
    parts.push(
      msg(
        `Mã truy cập đã lưu cho ${list} không được mang lên máy chủ bưu cục: không cơ quan nào của bưu cục gửi hồ sơ tới địa chỉ đó. Khi có cơ quan dùng địa chỉ này, nhập lại mã trong Cài đặt → Cơ quan giải quyết và máy chủ.`,
        `The token saved for ${list} is not brought to the office server: no agency of the office sends dossiers to that address. When an agency uses it, type the token again in Settings → Deciding agencies and their servers.`,
      ),
    );
  }
  if (agenciesGone.length > 0) {
    const list = agenciesGone.join(', ');
    parts.push(
      msg(
        `Mã truy cập đã lưu theo mã cơ quan ${list} không được mang theo: cơ quan này không còn trong danh sách cơ quan giải quyết. Nếu thêm lại cơ quan, nhập lại mã trong Cài đặt → Cơ quan giải quyết và máy chủ.`,
        `The token saved under agency code ${list} is not carried over: that agency is no longer among the deciding agencies. If it is added again, type its token again in Settings → Deciding agencies and their servers.`,
      ),
    );
  }
  if (parts.length === 0) return null;
  return msg(parts.map((p) => p.vi).join(' '), parts.map((p) => p.en).join(' '));
}
