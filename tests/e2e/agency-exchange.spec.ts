import { drainUpdates } from '../../electron/core/agency/fetch-updates.js';
import type { WireUpdate } from '../../shared/agency/wire.js';
import { openHttp, startSim } from '../support/agency.js';
import { BUILDING } from '../support/batches.js';
import { sampleIntake } from '../support/core-harness.js';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

test('agencies set up in Settings; a closed batch uploads by itself; the decisions reach F4’s list, the status bar and the timeline', async ({ page, app }) => {
  const sim = await startSim({ schedule: { receiveAfterMs: 60_000, decideAfterMs: 60_000, resultAfterMs: 180_000, refuseShare: 0.25, supplementShare: 0.5 } });
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, app.url);

    // Settings → Agencies: typed, tested, saved; the token never comes back.
    await page.keyboard.press('F9');
    const form = page.getByRole('form', { name: 'Cơ quan giải quyết và máy chủ' });
    await form.getByRole('button', { name: 'Thêm cơ quan' }).click();
    await form.getByLabel('Mã cơ quan').fill(BUILDING);
    await form.getByLabel('Tên cơ quan').fill('Sở Xây dựng Hà Nội');
    await form.getByLabel('Địa chỉ cơ quan').fill('Số 52 Lê Đại Hành, Hai Bà Trưng, Hà Nội');
    await form.getByLabel('Địa chỉ máy chủ').fill(sim.url);
    await form.getByLabel('Mã truy cập').fill('sai-ma');
    await form.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect(form.getByRole('status').first()).toContainText('không nhận mã truy cập');
    await form.getByLabel('Mã truy cập').fill(sim.token);
    await form.getByRole('button', { name: 'Kiểm tra kết nối' }).click();
    await expect(form.getByRole('status').first()).toContainText('Đã kết nối');
    await form.getByRole('button', { name: 'Lưu danh sách cơ quan' }).click();
    await expect(form.getByText('Đã lưu danh sách cơ quan.')).toBeVisible();
    await expect(form.getByLabel('Mã truy cập')).toHaveValue('');
    await expect(form.getByLabel('Mã truy cập')).toHaveAttribute('placeholder', 'đã lưu');
    await form.scrollIntoViewIfNeeded();
    await shot(page, 'settings-agencies');

    // Six dossiers in one closed batch: it goes up by itself.
    const client = app.client;
    const docs = (await client.catalog.get({ code: '1.002804' })).documents.map((d) => ({ seq: d.seq, present: true, form: 'original' as const, count: 1 }));
    const items: { id: number; item: string }[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await client.dossiers.intake(sampleIntake(1, { procedureCode: '1.002804', documents: docs, feeReason: 'Theo biểu phí của thủ tục' }));
      items.push({ id: r.dossierId, item: r.itemNumber! });
    }
    const batch = await client.batches.create({ agencyCode: BUILDING });
    await client.batches.addByPick({ batchId: batch.id, dossierIds: items.map((d) => d.id) });
    await client.batches.close({ batchId: batch.id });
    await expect.poll(async () => (await client.batches.get({ batchId: batch.id })).upload?.state).toBe('delivered');
    await page.keyboard.press('F4');
    await page.getByRole('button', { name: batch.number }).click();
    const upload = page.getByLabel('Gửi lên máy chủ');
    await expect(upload).toContainText('Đã gửi');
    await expect(upload).toContainText('Số lần gửi: 1');
    await shot(page, 'handover-uploaded');

    // The agency decides; the handover is signed: the decisions come back by themselves.
    sim.advance(3600_000);
    const feed: WireUpdate[] = [];
    await drainUpdates(openHttp(sim), undefined, (page) => void feed.push(...page));
    await client.batches.recordHandover({ batchId: batch.id, signedAt: new Date().toISOString(), officerName: 'Phạm Thị Nhận' });
    await expect.poll(async () => (await client.exchange.status()).agencyServer, { timeout: 15_000 }).toBe('reachable');
    const lastOf = (item: string) => feed.filter((u) => u.SoHieuBuuGui === item).at(-1)!;
    await expect.poll(async () => (await Promise.all(items.map(async (d) => (await client.dossiers.get({ id: d.id })).status))).includes('handed-over'), { timeout: 15_000 }).toBe(false);

    // Back to F4 from another screen, as a clerk would come to look.
    await page.keyboard.press('F5');
    await page.keyboard.press('F4');
    const attention = page.getByRole('region', { name: 'Cần xử lý' });
    const decided = items.filter((d) => [3, 5].includes(lastOf(d.item).TrangThaiHoSo));
    expect(decided.length).toBeGreaterThan(0);
    for (const d of decided) await expect(attention.getByRole('row').filter({ hasText: d.item })).toContainText(lastOf(d.item).NoiDung!);
    await expect(page.getByRole('contentinfo')).toContainText('Gửi lô: có kết nối', { timeout: 20_000 });
    // What needs a person is counted in red (--err), apart from the uploads' state.
    const needs = page.getByRole('contentinfo').getByText(`Cần xử lý ${(await client.exchange.status()).attention}`);
    await expect(needs).toHaveCSS('color', 'rgb(179, 38, 30)');
    await shot(page, 'handover-attention');

    // The timeline names the agency's dossier code and the appointment.
    const received = items.find((d) => feed.some((u) => u.SoHieuBuuGui === d.item && u.TrangThaiHoSo === 2))!;
    const code = feed.find((u) => u.SoHieuBuuGui === received.item && u.TrangThaiHoSo === 2)!.MaHoSo!;
    await page.keyboard.press('F5');
    await page.getByLabel('Tìm hồ sơ').fill(code);
    await page.keyboard.press('Enter');
    const timeline = page.locator('ol.timeline');
    await expect(timeline).toContainText('Cơ quan tiếp nhận');
    await expect(timeline).toContainText(`Mã hồ sơ: ${code}`);
    await expect(timeline).toContainText('Ngày hẹn trả');
    await timeline.scrollIntoViewIfNeeded();
    await shot(page, 'lookup-agency-timeline');
  } finally {
    await sim.close();
  }
});
