import type { DossierRepository, NewDossier } from '../../electron/core/dossiers/dossier-repository.js';
import { INITIAL_STATUS } from '../../shared/lifecycle/states.js';

/** The intake's writes, as IntakeService makes them, for tests that run them on either engine. */
export const actor = { officeCode: '100000', counterCode: 'Q01', clerkCode: 'gdv01', clerkName: 'Trần Thị Lan' };
export const AT = '2026-11-27T02:15:00.000Z';

export function newDossier(catalogVersion: number, i: number): NewDossier {
  return {
    status: INITIAL_STATUS,
    createdAt: AT,
    createdDay: '2026-11-27',
    acceptedAt: AT,
    catalogVersion,
    procedureCode: '1.002804',
    procedureName: 'Cấp đổi giấy phép lái xe',
    agencyCode: '000.00.15.H26',
    agencyName: 'Sở Xây dựng',
    sender: { kind: 'individual', fullName: `Nguyễn Văn Đức ${i}`, personalId: '001090123456', oldId: '', businessCode: '', birthDate: '1990-03-15', gender: 'male', address: 'Số 1 Tràng Tiền', phone: '0912345678', email: '' },
    senderNameKey: `nguyen van duc ${i}`,
    service: 'both',
    returnMethod: 'at-office',
    deliveryAddress: '',
    feeReason: '',
    fees: [{ name: 'Lệ phí', amount: 135000 }],
    postage: 25000,
    expectedHandoverDate: '2026-11-30',
    expectedHandoverProvisional: false,
    deadlineDays: 5,
    deadlineUnit: 'working',
    deadlineText: '5 ngày làm việc',
    estimatedResultDate: null,
    officeName: 'Bưu cục Hoàn Kiếm',
    documents: [{ seq: 1, name: 'Đơn đề nghị', required: true, present: true, form: 'original', count: 1 }],
  };
}

/** What the intake writes in its transaction, through the same repository the app uses. */
export function intakeWrites(repo: DossierRepository, catalogVersion: number, i: number, failAfterDossier = false) {
  return repo.inTransaction(async (tx) => {
    const seq = await tx.nextRegisterSeq(2026);
    const serial = await tx.nextSerial({ service: 'EL', country: 'VN', first: 1000, last: 9999 });
    const { id } = await tx.insert(newDossier(catalogVersion, i), { year: 2026, seq }, `EL${serial}VN`, actor);
    if (failAfterDossier) throw new Error('failed between writes');
    await tx.appendEvent(id, AT, { kind: 'accepted', data: { registerNo: null, itemNumber: null, total: 160000, expectedHandoverDate: null, expectedHandoverProvisional: false, handoverDays: 2 } }, actor);
    await tx.recordRequest(`key-${i}`, 'sha', id, AT);
    return seq;
  });
}

