import type { OfficeServer } from '../../../shared/contract/office-server.js';
import type { OfficeMovePreview, OfficeMoveResult } from '../../../shared/contract/office-move.js';
import { postgresData, type Data } from '../db/data.js';
import { openOfficeDatabase } from '../db/postgres/open-office.js';
import type { Actor } from '../system/actor.js';
import { moveToOffice } from './move.js';
import { readMovedMarker, type MovedMarker } from './moved-marker.js';
import { previewMove } from './preview.js';

export interface OfficeMoveOptions {
  /** the counter's SQLite data */
  counter: Data;
  dataDir: string;
  auditKey: Buffer;
  damage: string | null;
  counterCode: () => string;
  now: () => Date;
}

/**
 * The administrator's move of this counter's data to the office server (decision 0033): the
 * server is opened as a counter opens it (history checked, its schema migrated), used for the
 * one call and closed again; the password comes with the call and is not kept.
 */
export class OfficeMoveService {
  private marker: MovedMarker | null;

  constructor(private readonly o: OfficeMoveOptions) {
    this.marker = readMovedMarker(o.dataDir);
  }

  /** Set once this counter's data has moved: its SQLite copy then takes no more writes. */
  moved(): MovedMarker | null {
    return this.marker;
  }

  preview(server: OfficeServer, password: string): Promise<OfficeMovePreview> {
    return this.withOffice(server, password, (office) => previewMove({ ...this.o, office, server }));
  }

  async move(server: OfficeServer, password: string, actor: Actor): Promise<OfficeMoveResult> {
    const result = await this.withOffice(server, password, (office) => moveToOffice({ ...this.o, office, server, actor }));
    this.marker = readMovedMarker(this.o.dataDir);
    return result;
  }

  private async withOffice<T>(server: OfficeServer, password: string, work: (office: Data) => Promise<T>): Promise<T> {
    const { pool } = await openOfficeDatabase(server, password, this.o.counterCode());
    const office = postgresData(pool);
    try {
      return await work(office);
    } finally {
      await office.destroy();
    }
  }
}
