import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DossierDetail, IntakeInput } from '../../shared/contract/index.js';
import { sampleIntake, sampleOrganisation, startCore, type Harness } from '../support/core-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.stop();
});

/**
 * An intake hands its print jobs the dossier as it wrote it, built from the rows it inserted
 * instead of read back: it must be exactly what reading it back in the same transaction gives.
 */
async function handedAndReadBack(input: IntakeInput): Promise<{ handed: DossierDetail; readBack: DossierDetail | undefined }> {
  const actor = h.core.auth.actor({ code: 'gdv01', name: 'Giao dịch viên demo' });
  let seen: { handed: DossierDetail; readBack: DossierDetail | undefined } | undefined;
  await h.core.intake.intake(input, actor, async (tx, dossier) => {
    seen = { handed: dossier, readBack: await h.core.dossiers.in(tx).get(dossier.id) };
  });
  return seen!;
}

describe('the dossier an intake hands to its print jobs', () => {
  it('equals the dossier read back, for an organisation with fee lines, documents, a return address and a guided record it continues', async () => {
    const v = (await h.client.catalog.status()).version!;
    const sample = sampleIntake(v);
    const guided = await h.client.dossiers.intake(
      sampleIntake(v, { decision: 'guide', documents: sample.documents.map((d) => (d.seq === 3 ? { ...d, present: false, count: 0 } : d)) }),
    );
    const { handed, readBack } = await handedAndReadBack(
      sampleIntake(v, {
        sender: { ...sampleOrganisation, email: 'hoasen@example.vn' },
        fees: [
          { name: 'Lệ phí cấp đổi', amount: 100_000 },
          { name: 'Phí thẩm định', amount: 35_000 },
        ],
        documents: [
          { seq: 3, present: true, form: 'original', count: 1 },
          { seq: 1, present: true, form: 'original', count: 2 },
          { seq: 2, present: true, form: 'copy', count: 1 },
        ],
        returnMethod: 'to-address',
        deliveryAddress: 'Số 12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội',
        postage: 32_000,
        resumes: guided.dossierId,
      }),
    );
    expect(readBack).toBeDefined();
    expect(handed).toEqual(readBack);
    // What was compared is the rich dossier, not an empty one.
    expect(handed).toMatchObject({
      senderIdNumber: '0101234567',
      total: 167_000,
      fees: [{ name: 'Lệ phí cấp đổi', amount: 100_000 }, { name: 'Phí thẩm định', amount: 35_000 }],
      sender: { kind: 'organisation', bearerName: 'Lê Thị Bích', bearerId: '001190012345' },
      resumes: { id: guided.dossierId, status: 'guided-not-accepted' },
      deliveryAddress: 'Số 12 Lý Thường Kiệt, Hoàn Kiếm, Hà Nội',
    });
    expect(handed.documents.map((d) => [d.seq, d.present, d.count])).toEqual([[1, true, 2], [2, true, 1], [3, true, 1], [4, false, 0]]);
  });

  it('equals the dossier read back for a guided record with an older ID number and no fees', async () => {
    const v = (await h.client.catalog.status()).version!;
    const sample = sampleIntake(v);
    const { handed, readBack } = await handedAndReadBack(
      sampleIntake(v, {
        decision: 'guide',
        sender: { ...sample.sender, personalId: '', oldId: '012345678' },
        documents: sample.documents.map((d) => (d.seq === 1 ? { ...d, present: false, count: 0 } : d)),
      }),
    );
    expect(handed).toEqual(readBack);
    expect(handed).toMatchObject({ senderIdNumber: '012345678', fees: [], total: 0, status: 'draft' });
  });
});
