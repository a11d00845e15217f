import type { IntakeInput } from '../../shared/contract/index.js';
import type { DossierEvent } from '../../shared/lifecycle/events.js';
import { openDatabase } from '../../electron/core/db/open.js';
import { inTransaction, sqliteData } from '../../electron/core/db/data.js';
import { sqliteDossierSearch } from '../../electron/core/dossiers/search/sqlite-search.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import { s10CheckDigit } from '../../shared/ids/s10.js';
import { actorFor, SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { BUILDING } from './batches.js';
import { sampleIntake, type Harness } from './core-harness.js';

/** A return item number as the agency's system gives one: RR, 8-digit serial, check digit, VN. */
export const returnItem = (n: number) => {
  const serial = String(n).padStart(8, '0');
  return `RR${serial}${s10CheckDigit(serial)}VN`;
};

/**
 * A dossier taken in, batched, handed over and decided: its result waits at the agency with
 * `returnItemNumber`. The agency's part goes through DossierRepository.appendEvent, as the
 * updates poller writes it; the counter's part through the contract.
 */
export async function resultReady(
  h: Harness,
  returnItemNumber: string,
  over: Partial<IntakeInput> = {},
  resultDocuments = ['Giấy phép xây dựng', 'Bản vẽ có đóng dấu'],
): Promise<{ id: number; item: string }> {
  const version = (await h.client.catalog.status()).version!;
  const docs = (await h.client.catalog.get({ code: '1.002804' })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
  const taken = await h.client.dossiers.intake(sampleIntake(version, { documents: docs, feeReason: 'Theo biểu phí của thủ tục', ...over }));
  const batch = await h.client.batches.create({ agencyCode: BUILDING });
  await h.client.batches.addByPick({ batchId: batch.id, dossierIds: [taken.dossierId] });
  await h.client.batches.close({ batchId: batch.id });
  await h.client.batches.recordHandover({ batchId: batch.id, signedAt: h.clock.now.toISOString(), officerName: 'Phạm Thị Nhận' });
  const agency = actorFor(SYSTEM_CLERK, h.core.settings.get());
  const at = h.clock.now.toISOString();
  await h.core.dossiers.inTransaction(async (repo) => {
    await repo.appendEvent(taken.dossierId, at, { kind: 'received-by-agency', data: { agencyDossierCode: `${BUILDING}-261127-${String(taken.dossierId).padStart(4, '0')}`, appointmentDate: null } }, agency);
    await repo.appendEvent(taken.dossierId, at, { kind: 'result-ready', data: { returnItemNumber, resultDocuments } }, agency);
  });
  return { id: taken.dossierId, item: taken.itemNumber! };
}

/**
 * The agency's part, as the updates poller writes it: through DossierRepository.appendEvent on
 * a second connection to the counter's file (a browser-mode app's, which runs in its own
 * process), up to the result waiting at the agency.
 */
export async function resultReadyAt(dataDir: string, dossierId: number, returnItemNumber: string): Promise<void> {
  const data = sqliteData(openDatabase(dataDir));
  const repo = new DossierRepository(data, sqliteDossierSearch);
  const agency = { clerkCode: 'system', clerkName: 'Hệ thống', counterCode: 'Q01', officeCode: '100000' };
  const events: DossierEvent[] = [
    { kind: 'batched', data: { batchId: '100000-Q01-261128-01' } },
    { kind: 'handed-over', data: { batchId: '100000-Q01-261128-01' } },
    { kind: 'received-by-agency', data: { agencyDossierCode: '000.00.15.H26-261128-0001', appointmentDate: null } },
    { kind: 'result-ready', data: { returnItemNumber, resultDocuments: ['Giấy phép xây dựng', 'Bản vẽ có đóng dấu'] } },
  ];
  await inTransaction(data, async (tx) => {
    for (const event of events) await repo.in(tx).appendEvent(dossierId, new Date().toISOString(), event, agency);
  });
  await data.destroy();
}

/** The chip card's QR text of the sample intake's owner (Nguyễn Văn Đức, 001090123456). */
export const OWNER_QR = '001090123456|012345678|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';
/** Someone else's card. */
export const OTHER_QR = '079185000123||Lê Thị Hoa|02021985|Nữ|12 Lê Lợi, Quận 1, TP. Hồ Chí Minh|05062022';
