import { formatDateTime } from '../../shared/format/vn-time.js';
import { configureAgency, startSim } from '../support/agency.js';
import { BUILDING, takeIn } from '../support/batches.js';
import { expect, openApp, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

test('F4: the batch on show turns delivered by itself; the agency officer’s signing is typed from the keyboard, refused in words when before the close or in the future, and shown on the batch and every dossier’s timeline', async ({ page, app }) => {
  const sim = await startSim();
  try {
    const first = await takeIn(app.client);
    const second = await takeIn(app.client);
    const { id: batchId, number } = await app.client.batches.create({ agencyCode: BUILDING });
    await app.client.batches.addByPick({ batchId, dossierIds: [first.id, second.id] });
    await app.client.batches.close({ batchId });

    await page.setViewportSize({ width: 1366, height: 768 });
    await openApp(page, app.url);
    await page.keyboard.press('F4');
    await page.getByRole('button', { name: number }).click();
    const panel = page.getByLabel('Lô', { exact: true });
    const upload = panel.getByLabel('Gửi lên máy chủ');
    // No server yet: the batch waits. Once the agency is set up elsewhere, the panel on show
    // follows the upload by itself, without being opened again.
    await expect(upload).toContainText('Chờ gửi');
    await configureAgency(app.client, sim);
    await expect(upload).toContainText('Đã gửi', { timeout: 10_000 });
    await expect(upload).toContainText('Số lần gửi: 1');

    // The officer's paper comes back: the time is typed first (the field has the focus), the
    // name after a Tab, Enter records. Each wrong time is refused in words, nothing is saved.
    const form = panel.getByRole('form', { name: 'Ghi nhận bàn giao' });
    const when = form.getByLabel('Giờ ký biên bản');
    await expect(when).toBeFocused();
    const officer = form.getByLabel('Cán bộ cơ quan nhận hồ sơ');
    // insertText: the words arrive as typed text without key events, so the scanner's burst
    // detector (which a robot's instant keys would trip) leaves them to the fields.
    const attempt = async (time: string, name: string) => {
      await when.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(time);
      await page.keyboard.press('Tab');
      await expect(officer).toBeFocused();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(name);
      await page.keyboard.press('Enter');
    };
    await attempt(formatDateTime(Date.now() - 86_400_000), 'Phạm Thị Nhận');
    await expect(form.getByRole('alert')).toHaveText('Giờ ký bàn giao không được trước giờ đóng lô.');
    await attempt(formatDateTime(Date.now() + 2 * 3600_000), 'Phạm Thị Nhận');
    await expect(form.getByRole('alert')).toHaveText('Giờ ký bàn giao không được ở tương lai.');
    await attempt('hôm nay 9 giờ', ' ');
    await expect(form.getByRole('alert')).toHaveText(['Nhập giờ ký theo dạng 28/11/2026 09:15.', 'Nhập họ tên cán bộ cơ quan đã ký nhận.']);
    await shot(page, 'handover-signed-refused');
    expect((await app.client.batches.get({ batchId })).state).toBe('closed');

    const signed = formatDateTime(Date.now());
    await attempt(signed, 'Phạm Thị Nhận');
    await expect(panel.getByText(`Đã bàn giao · Bàn giao lúc ${signed} · cán bộ nhận: Phạm Thị Nhận`)).toBeVisible();
    await expect(form).toHaveCount(0);
    await shot(page, 'handover-signed');
    const saved = await app.client.batches.get({ batchId });
    expect([saved.state, formatDateTime(saved.handedOverAt!), saved.handoverOfficer]).toEqual(['handed-over', signed, 'Phạm Thị Nhận']);
    // A batch handed over leaves the list of batches not handed over.
    await expect(page.getByRole('button', { name: number })).toHaveCount(0);

    // Each dossier's timeline has the handover at the signed time, with the batch and the officer.
    await page.keyboard.press('F5');
    for (const d of [first, second]) {
      await page.getByLabel('Tìm hồ sơ').fill(d.item);
      await page.keyboard.press('Enter');
      const line = page.locator('ol.timeline li').filter({ hasText: 'Bàn giao cho cơ quan' });
      await expect(line).toContainText(signed);
      await expect(line).toContainText(`Lô ${number} · cán bộ nhận: Phạm Thị Nhận`);
      if (d === first) await page.keyboard.press('Escape');
    }
    await page.locator('ol.timeline').scrollIntoViewIfNeeded();
    await shot(page, 'handover-signed-timeline');
  } finally {
    await sim.close();
  }
});
