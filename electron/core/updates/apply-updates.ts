/**
 * Applies the agencies' updates through the lifecycle (decision 0034). A page is kept, applied
 * and its cursor stored in one transaction, so a crash repeats the page whole and never skips
 * one. An update that cannot be applied — no such dossier here, the lifecycle refuses it from
 * the dossier's state, or it lacks what its event needs — is kept `held` with the reason, shown
 * to a person, and tried again; the updates after it for the same dossier wait behind it, so a
 * dossier's decisions are always applied in the agency's order.
 */
import type { WireUpdate } from '../../../shared/agency/wire.js';
import { fromCompactDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../../shared/lifecycle/labels.js';
import { transition } from '../../../shared/lifecycle/transitions.js';
import type { DossierRepository } from '../dossiers/dossier-repository.js';
import type { Actor } from '../system/actor.js';
import { failpoint } from '../system/failpoints.js';
import { eventOfUpdate } from './event-of-update.js';
import type { UpdateRepository } from './update-repository.js';

export interface ApplierDeps {
  updates: UpdateRepository;
  dossiers: DossierRepository;
  /** who the events are recorded for */
  actor: () => Actor;
  now: () => Date;
}

const unknownDossier = (item: string) =>
  msg(
    `Cơ quan gửi cập nhật cho số hiệu ${item} nhưng quầy không có hồ sơ này. Kiểm tra số hiệu với cơ quan.`,
    `The agency sent an update for item ${item}, but this counter has no such dossier. Check the item number with the agency.`,
  );
const behindEarlier = (item: string) =>
  msg(
    `Chờ cập nhật trước đó của hồ sơ ${item} được ghi (cập nhật được ghi theo đúng thứ tự của cơ quan).`,
    `Waits for an earlier update of ${item} to be applied (updates are applied in the agency's order).`,
  );

export class UpdateApplier {
  constructor(private readonly d: ApplierDeps) {}

  /** Keeps and applies one page, and stores `next` with it. */
  async applyPage(serverUrl: string, page: WireUpdate[], next: string): Promise<void> {
    const at = this.d.now().toISOString();
    await this.d.updates.inTransaction(async (repo, tx) => {
      const dossiers = this.d.dossiers.in(tx);
      for (const [i, u] of page.entries()) {
        const id = await repo.insert({ serverUrl, cursor: u.Cursor, itemNumber: u.SoHieuBuuGui, agencyStatus: u.TrangThaiHoSo, body: JSON.stringify(u), at });
        await this.applyOne(repo, dossiers, id, u);
        if (i === 0) failpoint('updates.page-half-applied');
      }
      await repo.storeCursor(serverUrl, next, at);
    });
  }

  /** Tries the held updates again, oldest first; how many applied now. */
  async retryHeld(): Promise<number> {
    const blocked = new Set<string>();
    let applied = 0;
    for (const row of await this.d.updates.held()) {
      if (blocked.has(row.item_number)) continue;
      const done = await this.d.updates.inTransaction((repo, tx) => this.applyOne(repo, this.d.dossiers.in(tx), row.id, JSON.parse(row.body) as WireUpdate));
      if (done) applied += 1;
      else blocked.add(row.item_number);
    }
    return applied;
  }

  /** Applies update `id` to its dossier, or holds it with the reason; true when applied. */
  private async applyOne(repo: UpdateRepository, dossiers: DossierRepository, id: number, u: WireUpdate): Promise<boolean> {
    const hold = async (dossierId: number | null, code: string, words: Msg) => (await repo.markHeld(id, dossierId, code, words), false);
    // A "receive result only" dossier was never sent: the agency can name it only by its own code.
    const dossierId = (await dossiers.idByCode(u.SoHieuBuuGui)) ?? (u.MaHoSo ? await dossiers.idByCode(u.MaHoSo) : undefined);
    if (dossierId === undefined) return hold(null, 'UPDATE_UNKNOWN_DOSSIER', unknownDossier(u.SoHieuBuuGui || (u.MaHoSo ?? '')));
    if (await repo.heldBefore(u.SoHieuBuuGui, id)) return hold(dossierId, 'UPDATE_BEHIND_HELD', behindEarlier(u.SoHieuBuuGui));
    const event = eventOfUpdate(u);
    if (!('kind' in event)) return hold(dossierId, 'UPDATE_INCOMPLETE', event);
    const status = (await dossiers.status(dossierId))!;
    // Checked here rather than caught from appendEvent: a refused update is an expected case,
    // and nothing may fail inside the page's transaction that is not a reason to repeat the page.
    if (transition(status, event.kind) === null) {
      const state = STATUS_LABELS[status].short;
      const what = EVENT_LABELS[event.kind];
      return hold(
        dossierId,
        'UPDATE_REFUSED_BY_LIFECYCLE',
        msg(
          `Hồ sơ ${u.SoHieuBuuGui} đang "${state.vi}" nên chưa ghi được "${what.vi}". Sẽ tự ghi khi hồ sơ tới bước cho phép (ví dụ khi ghi nhận bàn giao); nếu không, báo kiểm soát viên.`,
          `Dossier ${u.SoHieuBuuGui} is "${state.en}", so "${what.en}" cannot be recorded yet. It is recorded by itself once the dossier reaches a step that allows it (when the handover is recorded, say); otherwise tell a supervisor.`,
        ),
      );
    }
    await dossiers.appendEvent(dossierId, fromCompactDateTime(u.ThoiGian) ?? this.d.now().toISOString(), event, this.d.actor());
    await repo.markApplied(id, dossierId, this.d.now().toISOString());
    return true;
  }
}
