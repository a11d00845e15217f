/**
 * The bytes of a write on the wire. Fields go out in the contract's order and every string
 * NFC-normalised, whatever order or form the caller built them in, so a batch rebuilt from
 * the database after a restart is byte-identical to the one first sent: the server compares
 * bodies under one Idempotency-Key, and any difference would be a 409.
 */
import { createHash } from 'node:crypto';
import { MAX_BATCH_KEY, type WireBatch, type WireDelivery, type WireDossier } from '../../../shared/agency/wire.js';

const nfc = (v: unknown): unknown =>
  typeof v === 'string'
    ? v.normalize('NFC')
    : Array.isArray(v)
      ? v.map(nfc)
      : v && typeof v === 'object'
        ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, nfc(x)]))
        : v;

function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out = {} as T;
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out;
}

const DOSSIER_KEYS = [
  'SoHieuBuuGui', 'MaTTHC', 'TenTTHC', 'KenhThucHien', 'ChuHoSo', 'LoaiDoiTuong', 'DinhDanhCHS', 'DiaChi', 'SoDienThoai',
  'Email', 'NgayTiepNhan', 'HinhThuc', 'DiaChiNhanKetQua', 'TaiLieuNop', 'DanhSachLePhi', 'CuocBuuChinh', 'GhiChu',
] as const satisfies readonly (keyof WireDossier)[];

function orderedDossier(d: WireDossier): WireDossier {
  return {
    ...ordered(d, DOSSIER_KEYS),
    DinhDanhCHS: d.DinhDanhCHS.map((x) => ordered(x, ['LoaiDinhDanh', 'SoDinhDanh'])),
    TaiLieuNop: d.TaiLieuNop.map((x) => ordered(x, ['TenTaiLieu', 'BanChinh', 'BanSao'])),
    DanhSachLePhi: d.DanhSachLePhi.map((x) => ordered(x, ['TenPhiLePhi', 'Gia'])),
  };
}

export function encodeBatch(batch: WireBatch): string {
  const head = ordered(batch, ['MaLo', 'MaBuuCuc', 'MaQuay', 'MaCoQuan', 'ThoiGianTao', 'SoLuong', 'HoSo']);
  return JSON.stringify(nfc({ ...head, HoSo: batch.HoSo.map(orderedDossier) }));
}

export function encodeDelivery(d: WireDelivery): string {
  const head = ordered(d, ['SoHieuBuuGuiKetQua', 'MaHoSo', 'TrangThai', 'ThoiGian', 'LanPhat', 'NguoiNhan']);
  const receiver = d.NguoiNhan && ordered(d.NguoiNhan, ['HoTen', 'SoDinhDanh', 'UyQuyen']);
  return JSON.stringify(nfc({ ...head, ...(receiver ? { NguoiNhan: receiver } : {}) }));
}

/**
 * A part's key: the parent's with "-1" or "-2", while that fits the contract's 64 characters.
 * Past that (a long batch number split many times) the parent is shortened to its start and a
 * hash of the whole of it: still derived, so the same split gives the same keys after a crash,
 * and still different for different parents.
 */
function partKey(parent: string, n: 1 | 2): string {
  const plain = `${parent}-${n}`;
  if (plain.length <= MAX_BATCH_KEY) return plain;
  const hash = createHash('sha256').update(parent).digest('hex').slice(0, 12);
  return `${parent.slice(0, MAX_BATCH_KEY - hash.length - 3)}~${hash}-${n}`;
}

/**
 * Halves of a batch the server found too large (413). Each half's MaLo is the parent's with
 * "-1" or "-2": derived, not random, so a run after a crash splits the same way and resends
 * the same keys with the same bodies.
 */
export function splitBatch(batch: WireBatch): [WireBatch, WireBatch] {
  const mid = Math.ceil(batch.HoSo.length / 2);
  const part = (n: 1 | 2, HoSo: WireDossier[]): WireBatch => ({ ...batch, MaLo: partKey(batch.MaLo, n), SoLuong: HoSo.length, HoSo });
  return [part(1, batch.HoSo.slice(0, mid)), part(2, batch.HoSo.slice(mid))];
}
