import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING } from '../support/batches.js';
import { sampleIntake } from '../support/core-harness.js';
import { expect, openApp, scanByKeyboard, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

/**
 * The whole loop against the agency simulator: every decision falls due at once and nothing is
 * refused or sent back for supplements, so the result is certain. The updates the simulator
 * gives before the handover is recorded are held and applied at the handover, as in real life.
 */
const AT_ONCE = { receiveAfterMs: 0, decideAfterMs: 0, resultAfterMs: 0, refuseShare: 0, supplementShare: 0 };

test.setTimeout(120_000);

test('intake, batch, upload, the agency decides and sends the result, the clerk receives it by scanning and hands it over after the ID check; the agency hears of it once', async ({ page, app }) => {
  const sim = await startSim({ schedule: AT_ONCE });
  try {
    const client = app.client;
    await configureAgency(client, sim);
    const docs = (await client.catalog.get({ code: '1.002804' })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
    const taken = await client.dossiers.intake(sampleIntake(1, { procedureCode: '1.002804', documents: docs, feeReason: 'Theo biểu phí của thủ tục' }));
    const batch = await client.batches.create({ agencyCode: BUILDING });
    await client.batches.addByPick({ batchId: batch.id, dossierIds: [taken.dossierId] });
    await client.batches.close({ batchId: batch.id });
    await expect.poll(async () => (await client.batches.get({ batchId: batch.id })).upload?.state, { timeout: 20_000 }).toBe('delivered');
    await client.batches.recordHandover({ batchId: batch.id, signedAt: new Date().toISOString(), officerName: 'Phạm Thị Nhận' });

    // The agency's result, with the number of the item it will hand over.
    await expect.poll(async () => (await client.dossiers.get({ id: taken.dossierId })).status, { timeout: 20_000 }).toBe('result-ready');
    const ready = (await client.dossiers.get({ id: taken.dossierId })).events.find((e) => e.type === 'result-ready')!;
    const returnItem = ready.data['returnItemNumber'] as string;
    expect(returnItem).toMatch(/^RR\d{9}VN$/);

    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, app.url);
    await page.keyboard.press('F3');
    await page.keyboard.press('F7');
    await scanByKeyboard(page, returnItem);
    await expect(page.getByRole('status')).toContainText(`Kết quả tại bưu cục: ${returnItem} · Nguyễn Văn Đức`);

    await page.keyboard.press('F8');
    await scanByKeyboard(page, returnItem);
    const panel = page.getByRole('complementary', { name: 'Số hiệu bưu gửi kết quả' });
    await expect(panel.getByRole('heading')).toContainText(returnItem);
    // The owner's card, scanned (a reader that sends the QR without accents): the ID check passes.
    const card = '001090123456|012345678|NGUYEN VAN DUC|15031990|Nam|SO 1 TRANG TIEN, HOAN KIEM, HA NOI|01012021';
    await scanByKeyboard(page, card);
    await expect(panel.getByLabel('Căn cước người nhận')).toHaveValue(card);
    await panel.getByRole('button', { name: 'Giao kết quả' }).click();
    await expect(panel).toContainText('Đã trả cho NGUYEN VAN DUC (001090123456)');
    await shot(page, 'returns-loop-delivered');

    // The report reaches the agency, once, however long the test waits after.
    await expect.poll(() => sim.store.deliveryCounts(sim.postOffice)[returnItem] ?? 0, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await client.returns.get({ dossierId: taken.dossierId })).reports.map((r) => [r.status, r.state]), { timeout: 10_000 }).toEqual([['DELIVERED', 'delivered']]);
    await page.waitForTimeout(6_000); // past the outbox's idle pause: a second send would show now
    expect(sim.store.deliveryCounts(sim.postOffice)).toEqual({ [returnItem]: 1 });
  } finally {
    await sim.close();
  }
});
