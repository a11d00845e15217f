import type { Data } from '../db/data.js';
import { lastEntry } from '../audit/verify.js';
import type { MovedMarker } from './moved-marker.js';

/**
 * Whether this counter's data already reached the server in an earlier move whose answer was
 * lost (the server committed, the connection or the process died before the marker was
 * written). The move appends "office.moved" to the counter's own chain, so the server holding
 * that entry right after the counter's last one, linked to its MAC, is this very data: the next
 * run writes the marker instead of being refused as a server holding data, or moving twice.
 * A counter that wrote anything since has another last entry, and is refused as before.
 */
export async function earlierMove(counter: Data, office: Data, server: MovedMarker['server']): Promise<MovedMarker | null> {
  const last = await lastEntry(counter);
  if (!last) return null;
  const moved = await office
    .selectFrom('audit_log')
    .select(['at', 'seq', 'detail'])
    .where('action', '=', 'office.moved')
    .where('seq', '=', last.seq + 1)
    .where('prev_mac', '=', last.mac)
    .executeTakeFirst();
  if (!moved) return null;
  const { rows } = JSON.parse(moved.detail) as { rows: number };
  return { movedAt: moved.at, server, rows, auditEntry: moved.seq! };
}
