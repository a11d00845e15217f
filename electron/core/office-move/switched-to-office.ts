import { join } from 'node:path';
import type { Data } from '../db/data.js';
import { COUNTER_FILE } from '../db/open.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import { readMovedMarker, type MovedMarker } from './moved-marker.js';

/**
 * The first start on the office server of a counter whose own file was moved there: the office's
 * trail says which counter came over, from which file, and when its data moved, so a supervisor's
 * "Kiểm tra" shows when the counter began writing on the server, not only the move. Once per
 * move: a later start finds the entry (this runs under the office's start lock, decision 0032, so
 * two starts never both miss it). The marker stays where it is, the old file's label.
 */
export async function recordSwitchAfterMove(o: { data: Data; audit: AuditRepository; dataDir: string; actor: Actor; now: Date }): Promise<void> {
  let marker: MovedMarker | null;
  try {
    marker = readMovedMarker(o.dataDir);
  } catch (error) {
    // The data are on the server whatever the marker says: the counter works on, the log says why nothing was recorded.
    console.warn(`[office] the switch after a move is not recorded: ${(error as { data?: { en?: string } }).data?.en ?? String(error)}`);
    return;
  }
  if (!marker) return;
  const detail = {
    file: join(o.dataDir, COUNTER_FILE),
    movedAt: marker.movedAt,
    movedTo: `${marker.server.host}:${marker.server.port}/${marker.server.database}`,
    moveEntry: marker.auditEntry,
  };
  const earlier = await o.data.selectFrom('audit_log').select('detail').where('action', '=', 'office.switched').where('counter_code', '=', o.actor.counterCode).execute();
  const same = (json: string): boolean => {
    try {
      const d = JSON.parse(json) as Record<string, unknown>;
      return d['file'] === detail.file && d['movedAt'] === detail.movedAt;
    } catch {
      // An entry edited into bad JSON is the chain check's to report, not a reason not to start.
      return false;
    }
  };
  if (earlier.some((e) => same(e.detail))) return;
  await o.audit.record(o.now, 'office.switched', o.actor, detail);
}
