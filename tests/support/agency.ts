/**
 * The agency simulator for tests: started in-process on loopback in a temp folder, batches
 * made of plausible dossiers, and a clock whose sleeps are recorded and return at once.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { s10CheckDigit } from '../../shared/ids/s10.js';
import type { WireBatch, WireDossier } from '../../shared/agency/wire.js';
import { AgencyHttp } from '../../electron/core/agency/http-client.js';
import { DEFAULT_RETRY_POLICY, type Clock } from '../../electron/core/agency/retry-policy.js';
import { startAgencySim, type AgencySim, type SimOptions } from '../../tools/agency-sim/server.js';
import { startCore, tempDir, type Client, type Harness } from './core-harness.js';
import { BUILDING } from './batches.js';

export const startSim = (opts: Partial<SimOptions> = {}): Promise<AgencySim> => startAgencySim({ dir: tempDir('bcci-agency-'), ...opts });

export function openHttp(sim: AgencySim, timeoutMs = 5000, token = sim.token): AgencyHttp {
  const http = AgencyHttp.open({ url: sim.url, token }, timeoutMs);
  if (!(http instanceof AgencyHttp)) throw new Error(http.text.en);
  return http;
}

export const itemNumber = (n: number) => {
  const serial = String(n).padStart(8, '0');
  return `EL${serial}${s10CheckDigit(serial)}VN`;
};

export function dossier(n: number, over: Partial<WireDossier> = {}): WireDossier {
  return {
    SoHieuBuuGui: itemNumber(n),
    MaTTHC: '1.004227',
    TenTTHC: 'Cấp đổi giấy phép lái xe',
    KenhThucHien: 3,
    ChuHoSo: `Nguyễn Văn Đức ${n}`,
    LoaiDoiTuong: 1,
    DinhDanhCHS: [{ LoaiDinhDanh: 1, SoDinhDanh: '001090123456' }],
    DiaChi: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
    SoDienThoai: '0912345678',
    Email: '',
    NgayTiepNhan: '20261128091500',
    HinhThuc: 1,
    DiaChiNhanKetQua: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
    TaiLieuNop: [{ TenTaiLieu: 'Đơn đề nghị đổi giấy phép lái xe', BanChinh: 1, BanSao: 0 }],
    DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí cấp đổi', Gia: 135000 }],
    CuocBuuChinh: 25000,
    GhiChu: '',
    ...over,
  };
}

/** A batch of `count` dossiers numbered from `first`. */
export function batch(maLo: string, first: number, count: number, over: Partial<WireBatch> = {}): WireBatch {
  const HoSo = Array.from({ length: count }, (_, i) => dossier(first + i));
  return { MaLo: maLo, MaBuuCuc: '100000', MaQuay: 'Q01', MaCoQuan: '000.00.15.H12', ThoiGianTao: '20261128093000', SoLuong: count, HoSo, ...over };
}

/** Sleeps are noted, not waited: the tests read what the client asked for. */
export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return { sleeps, now: () => Date.now(), sleep: async (ms) => void sleeps.push(ms) };
}

/** Settings → Agencies as an administrator fills them in: the agency of the sample dossiers sends to `sim`. */
export async function configureAgency(admin: Client, sim: AgencySim, opts: { token?: string; code?: string } = {}) {
  return admin.agencies.save({
    agencies: [{ code: opts.code ?? BUILDING, name: 'Sở Xây dựng', address: 'Số 2 Tràng Thi, Hoàn Kiếm, Hà Nội', serverUrl: sim.url, token: opts.token ?? sim.token }],
  });
}

/** A throw-away certificate for 127.0.0.1, as a province's own authority would issue (needs openssl). */
export function certificate(): { key: string; cert: string } {
  const dir = tempDir('bcci-agency-tls-');
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(made.stderr);
  return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
}

export interface CounterOptions {
  dataDir?: string;
  token?: string;
  policy?: Partial<typeof DEFAULT_RETRY_POLICY>;
  /** the worker's clock runs this far ahead of the wall clock (a restart "an hour later") */
  aheadMs?: number;
}

/** A core whose outbox worker sends to `sim`, with waits that return at once (and are noted). */
export async function counterWithSim(sim: AgencySim, opts: CounterOptions = {}): Promise<{ h: Harness; clock: ReturnType<typeof recordingClock> }> {
  const recording = recordingClock();
  const clock = { ...recording, now: () => Date.now() + (opts.aheadMs ?? 0) };
  const h = await startCore({
    dataDir: opts.dataDir,
    agencyClock: clock,
    agencyPolicy: { ...DEFAULT_RETRY_POLICY, ...opts.policy },
    outboxIdleMs: 20,
  });
  if (!opts.dataDir) await configureAgency(h.client, sim, { token: opts.token });
  return { h, clock };
}
