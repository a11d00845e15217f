import type { OfficeServer } from '../../../shared/contract/office-server.js';
import type { OfficeMovePreview, OfficeMoveResult } from '../../../shared/contract/office-move.js';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { postgresData, type Data } from '../db/data.js';
import { openOfficeDatabase } from '../db/postgres/open-office.js';
import { appError } from '../errors.js';
import type { Actor } from '../system/actor.js';
import { earlierMove } from './earlier-move.js';
import { moveToOffice } from './move.js';
import { movedMarkerPath, writeMovedMarker, type MovedMarker } from './moved-marker.js';
import { previewMove } from './preview.js';

export interface OfficeMoveOptions {
  /** the counter's SQLite data */
  counter: Data;
  dataDir: string;
  auditKey: Buffer;
  damage: string | null;
  counterCode: () => string;
  now: () => Date;
  /** the counter already keeps its data on the office server: it has no file of its own to move */
  onServer: boolean;
  /** the folder's marker of an earlier move, read before the file was opened (null: none) */
  marker: MovedMarker | null;
  /** the agency tokens of the counter's own file the office server will not take, in words (decision 0056) */
  tokensLeftBehind?: () => Msg | null;
  /** once the data have moved: the background work that writes into the file stops (decision 0047) */
  onMoved?: () => Promise<void>;
}

/** A counter already on the server has nothing of its own to move; joining is switching it over. */
export const alreadyOnServer = () =>
  appError(
    'OFFICE_MOVE_REFUSED',
    'Quầy này đã dùng máy chủ dữ liệu bưu cục (Cài đặt → Máy chủ dữ liệu bưu cục): dữ liệu của quầy nằm trên máy chủ, không có gì để chuyển. Chỉ chuyển từ quầy còn giữ sổ trong tệp của mình, trước khi bật máy chủ cho quầy đó.',
    "This counter already uses the office data server (Settings → Office data server): its data are on the server, there is nothing to move. Move only from a counter that still keeps its register in its own file, before turning the server on for it.",
    { status: 'CONFLICT' },
  );

const settledWords = (m: MovedMarker) =>
  msg(
    `Dữ liệu của quầy này đã được chuyển lên ${m.server.host}/${m.server.database} lúc ${formatDateTime(m.movedAt)} (${m.rows} dòng, mục nhật ký số ${m.auditEntry}); lần chuyển đó không nhận được trả lời. Đã ghi nhận lại trên quầy, không chuyển lần nữa. Đặt quầy dùng máy chủ bưu cục rồi mở lại ứng dụng.`,
    `This counter's data were moved to ${m.server.host}/${m.server.database} at ${formatDateTime(m.movedAt)} (${m.rows} rows, audit entry ${m.auditEntry}); that move's answer was lost. It is now recorded at the counter and nothing is moved twice. Set the counter to use the office server and restart the app.`,
  );

/**
 * The administrator's move of this counter's data to the office server (decision 0033): the
 * server is opened as a counter opens it (history checked, its schema migrated), used for the
 * one call and closed again; the password comes with the call and is not kept. A move whose
 * commit answer was lost is found on the server and settled at the next call (decision 0040).
 */
export class OfficeMoveService {
  private marker: MovedMarker | null;
  /**
   * The office's database, kept open once this counter's data are there, until the app closes:
   * the lookups made here are recorded in the office's trail from then on, not in the file the
   * office no longer reads (decision 0056). The connection keeps the password it opened with, in
   * memory only.
   */
  private office: Data | null = null;

  constructor(private readonly o: OfficeMoveOptions) {
    this.marker = o.onServer ? null : o.marker;
  }

  /** The office's database when the data moved in this run of the app; null otherwise. */
  movedTo(): Data | null {
    return this.office;
  }

  async close(): Promise<void> {
    await this.office?.destroy();
    this.office = null;
  }

  /** Set once this counter's data has moved: its SQLite copy then takes no more writes. */
  moved(): MovedMarker | null {
    return this.marker;
  }

  preview(server: OfficeServer, password: string): Promise<OfficeMovePreview> {
    return this.withOffice(server, password, async (office) => {
      const preview = await previewMove({ ...this.o, office, server });
      const settled = await this.settleEarlier(office, preview.server);
      return settled ? { ...preview, refusal: settledWords(settled) } : preview;
    });
  }

  async move(server: OfficeServer, password: string, actor: Actor): Promise<OfficeMoveResult> {
    return this.withOffice(server, password, async (office) => {
      const preview = await previewMove({ ...this.o, office, server });
      const settled = await this.settleEarlier(office, preview.server);
      if (settled) return { preview, ...settled, marker: movedMarkerPath(this.o.dataDir), summary: settledWords(settled) };
      const result = await moveToOffice({ ...this.o, office, server, actor, movedAlready: () => this.marker, marked: (m) => this.movedHere(m, office) });
      await this.o.onMoved?.();
      return result;
    });
  }

  /**
   * Set by the move itself, in the same step as its marker is written and while the file's write
   * lock is held: from then on every call of this service, and the router, knows the data are
   * there, and the move's own connection is the one kept. Never decided by looking for the marker
   * file, which another call running at the same time may have written (decision 0064).
   */
  private movedHere(marker: MovedMarker, office: Data): void {
    this.marker = marker;
    this.office = office;
  }

  /** A move of this very data the server committed without the counter hearing it: the marker is written now. */
  private async settleEarlier(office: Data, server: MovedMarker['server']): Promise<MovedMarker | null> {
    if (this.marker) return null;
    const earlier = await earlierMove(this.o.counter, office, server);
    // Asked again after the wait: a move running meanwhile may have put the data there itself.
    if (!earlier || this.marker) return null;
    writeMovedMarker(this.o.dataDir, earlier);
    this.movedHere(earlier, office);
    await this.o.onMoved?.();
    return earlier;
  }

  private async withOffice<T>(server: OfficeServer, password: string, work: (office: Data) => Promise<T>): Promise<T> {
    if (this.o.onServer) throw alreadyOnServer();
    const { pool } = await openOfficeDatabase(server, password, this.o.counterCode());
    const office = postgresData(pool);
    try {
      return await work(office);
    } finally {
      // Kept only when this very call put the data there: a preview of another server, or a
      // second move refused, must not become where the counter's lookups are signed.
      if (this.office !== office) await office.destroy();
    }
  }
}
