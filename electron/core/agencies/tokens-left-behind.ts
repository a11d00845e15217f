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

export function leftBehindWords(servers: readonly string[]): Msg | null {
  if (servers.length === 0) return null;
  const list = servers.join(', ');
  return msg(
    `Mã truy cập đã lưu cho ${list} không được mang lên máy chủ bưu cục: không cơ quan nào của bưu cục gửi hồ sơ tới địa chỉ đó. Khi có cơ quan dùng địa chỉ này, nhập lại mã trong Cài đặt → Cơ quan giải quyết và máy chủ.`,
    `The token saved for ${list} is not brought to the office server: no agency of the office sends dossiers to that address. When an agency uses it, type the token again in Settings → Deciding agencies and their servers.`,
  );
}
