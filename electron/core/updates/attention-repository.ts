import type { AttentionItem } from '../../../shared/contract/exchange.js';
import { msg } from '../../../shared/i18n/msg.js';
import type { Data } from '../db/data.js';

/** The most lines each part of the list shows; older ones stay findable in lookup. */
const LIMIT = 200;

/** The SQL of the "Cần xử lý" list: what the agencies decided against, and what is stuck. */
export class AttentionRepository {
  constructor(private readonly db: Data) {}

  /** Refused dossiers and supplement requests, with the agency's words, newest first. */
  async decisions(): Promise<AttentionItem[]> {
    const rows = await this.db
      .selectFrom('dossier_events as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossier_id')
      .select(['d.id', 'd.item_number', 'd.sender_name', 'd.status', 'e.at', 'e.data', 'e.type'])
      // the event that put the dossier in its current state
      .whereRef('e.type', '=', 'd.status')
      .where('d.status', 'in', ['refused', 'supplement-requested'])
      .orderBy('e.id', 'desc')
      .limit(LIMIT)
      .execute();
    const seen = new Set<number>();
    return rows.flatMap((r) => {
      if (seen.has(r.id)) return [];
      seen.add(r.id);
      const data = JSON.parse(r.data) as { reason?: string; missing?: string };
      const words = (r.type === 'refused' ? data.reason : data.missing) ?? '';
      return [{ kind: r.status as 'refused' | 'supplement-requested', at: r.at, dossierId: r.id, itemNumber: r.item_number, senderName: r.sender_name, batchId: null, batchNumber: null, detail: msg(words, words) }];
    });
  }

  /** Uploads stopped for a person, with the problem's words. */
  async stoppedUploads(): Promise<AttentionItem[]> {
    const rows = await this.db
      .selectFrom('outbox as o')
      .leftJoin('batches as b', 'b.number', 'o.idempotency_key')
      .select(['b.id as batchId', 'o.idempotency_key', 'o.created_at', 'o.error_vi', 'o.error_en'])
      .where('o.state', '=', 'attention')
      .orderBy('o.id', 'desc')
      .limit(LIMIT)
      .execute();
    return rows.map((r) => ({
      kind: 'upload' as const,
      at: r.created_at,
      dossierId: null,
      itemNumber: null,
      senderName: null,
      batchId: r.batchId,
      batchNumber: r.idempotency_key,
      detail: msg(r.error_vi ?? '', r.error_en ?? ''),
    }));
  }

  /** Updates kept but not applied, with why. */
  async heldUpdates(): Promise<AttentionItem[]> {
    const rows = await this.db
      .selectFrom('agency_updates as u')
      .leftJoin('dossiers as d', 'd.id', 'u.dossier_id')
      .select(['u.dossier_id', 'u.item_number', 'u.received_at', 'u.problem_vi', 'u.problem_en', 'd.sender_name'])
      .where('u.state', '=', 'held')
      .orderBy('u.id', 'desc')
      .limit(LIMIT)
      .execute();
    return rows.map((r) => ({
      kind: 'update' as const,
      at: r.received_at,
      dossierId: r.dossier_id,
      itemNumber: r.item_number,
      senderName: r.sender_name,
      batchId: null,
      batchNumber: null,
      detail: msg(r.problem_vi ?? '', r.problem_en ?? ''),
    }));
  }
}
