import { EVENT_DATA, type DossierEvent } from '../../../shared/lifecycle/events.js';
import { statusLabel, EVENT_LABELS } from '../../../shared/lifecycle/labels.js';
import type { DossierStatus } from '../../../shared/lifecycle/states.js';
import { transition } from '../../../shared/lifecycle/transitions.js';
import { appError } from '../errors.js';

/**
 * The state `event` takes dossier `dossierId` to from `current` (undefined: no such dossier),
 * with its data checked against the event's schema. Anything the lifecycle table does not
 * allow throws before a row is written, and is logged with ids and state names only: no
 * names, ID numbers or addresses reach the log.
 */
export function nextStatus(dossierId: number, current: DossierStatus | undefined, event: DossierEvent): { status: DossierStatus; data: DossierEvent['data'] } {
  if (current === undefined) {
    throw appError('DOSSIER_NOT_FOUND', `Không có hồ sơ số ${dossierId}.`, `There is no dossier ${dossierId}.`, { status: 'NOT_FOUND' });
  }
  const to = transition(current, event.kind);
  if (to === null) {
    console.warn(`[lifecycle] refused: dossier ${dossierId} is ${current}; ${event.kind} is not allowed from it`);
    const what = EVENT_LABELS[event.kind];
    throw appError(
      'TRANSITION_REFUSED',
      `Hồ sơ số ${dossierId} đang ở trạng thái "${statusLabel(current, 'vi', 'long')}", không thể ghi "${what.vi}". Không có gì thay đổi; tải lại hồ sơ để xem trạng thái mới nhất.`,
      `Dossier ${dossierId} is "${statusLabel(current, 'en', 'long')}"; "${what.en}" cannot be recorded now. Nothing changed; reload the dossier to see its latest state.`,
      { status: 'CONFLICT' },
    );
  }
  const parsed = EVENT_DATA[event.kind].safeParse(event.data);
  if (!parsed.success) {
    // A writer in the core built the event wrongly: a fault of the program, not of the clerk.
    console.error(`[lifecycle] dossier ${dossierId}: ${event.kind} data does not match its schema`, parsed.error.issues.map((i) => i.path.join('.')));
    throw appError(
      'EVENT_DATA_INVALID',
      `Không ghi được "${EVENT_LABELS[event.kind].vi}" cho hồ sơ số ${dossierId}: dữ liệu không đúng mẫu. Không có gì thay đổi; báo quản trị.`,
      `"${EVENT_LABELS[event.kind].en}" could not be recorded for dossier ${dossierId}: its data is malformed. Nothing changed; tell the administrator.`,
      { status: 'INTERNAL_SERVER_ERROR' },
    );
  }
  return { status: to, data: parsed.data };
}
