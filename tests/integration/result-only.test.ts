import { afterEach, describe, expect, it } from 'vitest';
import { AGENCY_STATUS } from '../../shared/agency/wire.js';
import type { ResultOnlyInput } from '../../shared/contract/returns.js';
import { registerNo } from '../../shared/ids/register-no.js';
import { actorFor, SYSTEM_CLERK } from '../../electron/core/system/actor.js';
import { UpdateApplier } from '../../electron/core/updates/apply-updates.js';
import { UpdateRepository } from '../../electron/core/updates/update-repository.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import { rowOf, rowsOf } from '../support/raw-sql.js';
import { OWNER_QR, returnItem } from '../support/returns.js';

const running: Harness[] = [];
afterEach(() => Promise.all(running.splice(0).map((h) => h.stop())));

/** A counter of its own for each test, stopped after it. */
const counter = async () => running[running.push(await startCore()) - 1]!;

/** The code on the receipt the agency gave the citizen who applied online. */
const CODE = `${BUILDING}-261120-0042`;

async function form(h: Harness, over: Partial<ResultOnlyInput> = {}): Promise<ResultOnlyInput> {
  const version = (await h.client.catalog.status()).version!;
  return {
    agencyDossierCode: CODE,
    procedureCode: '1.002804',
    catalogVersion: version,
    sender: sampleIntake(version).sender,
    returnMethod: 'at-office',
    deliveryAddress: '',
    appointmentDate: '2026-12-10',
    ...over,
  };
}

/** An agency update page as GET /v1/updates gives it, applied as the poller applies one. */
async function agencySays(h: Harness, update: { SoHieuBuuGui: string; MaHoSo: string; SoHieuBuuGuiKetQua: string; GiayToKetQua: string[] }) {
  const applier = new UpdateApplier({
    updates: new UpdateRepository(h.core.data),
    dossiers: h.core.dossiers,
    actor: () => actorFor(SYSTEM_CLERK, h.core.settings.get()),
    now: () => h.clock.now,
  });
  await applier.applyPage('http://agency.test', [{ Cursor: '1', TrangThaiHoSo: AGENCY_STATUS.resultReady, ThoiGian: '20261127100000', ...update }], '1');
}

describe('"receive result only": the citizen applied elsewhere and wants the result by post', () => {
  it('gets the next register number and waits at "received by the agency" under its code: no item number, never in a batch', async () => {
    const h = await counter();
    const sent = await takeIn(h.client);
    const first = await h.client.dossiers.get({ id: sent.id });

    const out = await h.client.returns.registerResultOnly(await form(h));
    expect(out).toMatchObject({ status: 'received-by-agency', agencyDossierCode: CODE });
    // The register numbers every entry of the year without a gap: the next number after the intake's.
    const [seq, year] = first.registerNo!.split('/').map(Number) as [number, number];
    expect(out.registerNo).toBe(registerNo(year, seq + 1));

    const d = await h.client.dossiers.get({ id: out.dossierId });
    expect(d).toMatchObject({ status: 'received-by-agency', service: 'receive', itemNumber: null, registerNo: out.registerNo, returnMethod: 'at-office' });
    expect(d.events.map((e) => [e.type, e.clerkCode, e.data])).toEqual([['received-by-agency', 'gdv01', { agencyDossierCode: CODE, appointmentDate: '2026-12-10' }]]);
    // Lookup finds it by the agency's code; the batches never offer it (it was never sent here).
    expect((await h.client.dossiers.search({ query: CODE, limit: 5 })).rows.map((r) => r.id)).toEqual([out.dossierId]);
    expect((await h.client.batches.waiting()).flatMap((g) => g.dossiers.map((x) => x.id))).toEqual([sent.id]);
    const audit = (await rowsOf<{ detail: string }>(h, "SELECT detail FROM audit_log WHERE action = 'returns.resultOnly'"));
    expect(audit.map((r) => JSON.parse(r.detail))).toEqual([{ dossierId: out.dossierId, agencyDossierCode: CODE }]);
  });

  it("the agency's result names it by its code alone; it is received, handed over after the ID check and reported under that code", async () => {
    const h = await counter();
    const { dossierId } = await h.client.returns.registerResultOnly(await form(h));

    await agencySays(h, { SoHieuBuuGui: '', MaHoSo: CODE, SoHieuBuuGuiKetQua: returnItem(40), GiayToKetQua: ['Giấy phép xây dựng'] });
    expect((await h.client.dossiers.get({ id: dossierId })).status).toBe('result-ready');

    expect(await h.client.returns.receive({ code: returnItem(40) })).toMatchObject({ dossierId, status: 'result-at-post', itemNumber: null });
    const done = await h.client.returns.deliver({ dossierId, collectorId: OWNER_QR, documentsHanded: ['Giấy phép xây dựng'], fees: [] });
    expect(done.detail.line.status).toBe('delivered');
    const reports = (await rowsOf<{ agency: string; body: string }>(h, "SELECT agency_code AS agency, body FROM outbox WHERE kind = 'delivery-report'"));
    expect(reports.map((r) => [r.agency, JSON.parse(r.body).MaHoSo, JSON.parse(r.body).TrangThai])).toEqual([[BUILDING, CODE, 'DELIVERED']]);
  });

  it('refuses in words, with the field: a code already here, a code that is not one, a missing delivery address; nothing is written', async () => {
    const h = await counter();
    const out = await h.client.returns.registerResultOnly(await form(h));

    const twice = await failure(h.client.returns.registerResultOnly(await form(h)));
    expect(twice).toMatchObject({ code: 'RESULT_ONLY_ALREADY_REGISTERED', field: 'agencyDossierCode' });
    expect(twice.vi).toContain(out.registerNo);
    expect(twice.en).toContain(out.registerNo);

    const garbled = await failure(h.client.returns.registerResultOnly(await form(h, { agencyDossierCode: 'mã hồ sơ 42' })));
    expect(garbled).toMatchObject({ code: 'INTAKE_INVALID', field: 'agencyDossierCode' });
    expect(garbled.vi).toContain('Mã hồ sơ của cơ quan');

    const noAddress = await failure(h.client.returns.registerResultOnly(await form(h, { agencyDossierCode: `${CODE}9`, returnMethod: 'to-address' })));
    expect(noAddress).toMatchObject({ code: 'INTAKE_INVALID', field: 'deliveryAddress' });
    expect(noAddress.en).toContain('delivery address');

    expect((await rowOf(h, "SELECT count(*) AS n FROM dossiers WHERE service = 'receive'"))).toEqual({ n: 1 });
  });
});
