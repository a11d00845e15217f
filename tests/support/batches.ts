import type { Client } from './core-harness.js';
import { sampleIntake } from './core-harness.js';

/** Sở Xây dựng, the agency of the sample intake's procedure */
export const BUILDING = '000.00.15.H26';

/** Takes in one dossier through the contract and returns its id and item number. */
export async function takeIn(client: Client, procedureCode = '1.002804'): Promise<{ id: number; item: string }> {
  const version = (await client.catalog.status()).version!;
  const docs = (await client.catalog.get({ code: procedureCode })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
  const r = await client.dossiers.intake(sampleIntake(version, { procedureCode, documents: docs, feeReason: 'Theo biểu phí của thủ tục' }));
  return { id: r.dossierId, item: r.itemNumber! };
}
