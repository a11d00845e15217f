/**
 * The envelope rules a server enforces with 400: the shape from the OpenAPI document, then the
 * rules its schema cannot say (the key is the MaLo, SoLuong counts HoSo, items unique, NFC).
 */
import { checkSchema, type OpenApiDoc } from './openapi-check.js';

export interface Refusal {
  code: string;
  message: string;
}

const refusal = (code: string, vi: string, en: string): Refusal => ({ code, message: `${vi} / ${en}` });

function firstNotNfc(value: unknown, at: string): string | undefined {
  if (typeof value === 'string') return value === value.normalize('NFC') ? undefined : at;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = firstNotNfc(value[i], `${at}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = firstNotNfc(v, `${at}.${k}`);
      if (found) return found;
    }
  }
  return undefined;
}

function shapeAndNfc(doc: OpenApiDoc, schemaName: string, body: unknown): Refusal | undefined {
  const problems = checkSchema(doc, doc.components['schemas']![schemaName] as Record<string, unknown>, body);
  if (problems.length > 0) {
    const shown = problems.slice(0, 5).join('; ');
    return refusal('INVALID_BODY', `Nội dung không đúng hợp đồng: ${shown}`, `The body does not follow the contract: ${shown}`);
  }
  const notNfc = firstNotNfc(body, '$');
  if (notNfc) return refusal('NOT_NFC', `Chuỗi ${notNfc} chưa chuẩn hoá NFC`, `String ${notNfc} is not NFC-normalised`);
  return undefined;
}

export function refuseBatch(doc: OpenApiDoc, key: string, body: unknown): Refusal | undefined {
  const bad = shapeAndNfc(doc, 'Batch', body);
  if (bad) return bad;
  const batch = body as { MaLo: string; SoLuong: number; HoSo: { SoHieuBuuGui: string }[] };
  if (key !== batch.MaLo) {
    return refusal('KEY_NOT_MALO', `Idempotency-Key (${key}) phải bằng MaLo (${batch.MaLo})`, `Idempotency-Key (${key}) must equal MaLo (${batch.MaLo})`);
  }
  if (batch.SoLuong !== batch.HoSo.length) {
    return refusal('COUNT_MISMATCH', `SoLuong ${batch.SoLuong} khác số hồ sơ ${batch.HoSo.length}`, `SoLuong ${batch.SoLuong} differs from the ${batch.HoSo.length} dossiers`);
  }
  const seen = new Set<string>();
  for (const h of batch.HoSo) {
    if (seen.has(h.SoHieuBuuGui)) {
      return refusal('DUPLICATE_ITEM', `Số hiệu ${h.SoHieuBuuGui} xuất hiện hai lần trong lô`, `Item ${h.SoHieuBuuGui} appears twice in the batch`);
    }
    seen.add(h.SoHieuBuuGui);
  }
  return undefined;
}

export const refuseDelivery = (doc: OpenApiDoc, body: unknown): Refusal | undefined => shapeAndNfc(doc, 'Delivery', body);
