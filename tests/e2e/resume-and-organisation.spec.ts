import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { sampleIntake } from '../support/core-harness.js';
import { guidanceCode } from '../../shared/ids/guidance-code.js';

skipWithoutBrowser();

/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };

test('a guided dossier is continued when the citizen comes back: the form opens filled, and both records name each other', async ({ page, app }) => {
  // Last week: the health certificate was missing, so the clerk guided and did not accept.
  const documents = sampleIntake(1).documents.map((d) => (d.seq === 3 ? { ...d, present: false, count: 0 } : d));
  const guided = await app.client.dossiers.intake(sampleIntake(1, { decision: 'guide', documents }));
  const code = guidanceCode(guided.dossierId);

  await open(page, app.url);
  // Something is already typed on the intake form: continuing asks before replacing it.
  await page.getByLabel('Số điện thoại').fill('09');
  await page.keyboard.press('F5');
  await page.keyboard.type(code.toLowerCase(), HUMAN);
  await expect(page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await shot(page, 'lookup-guided-resumable');
  await page.getByRole('button', { name: 'Tiếp tục hồ sơ' }).click();

  await expect(page.getByRole('alertdialog')).toContainText('Thay hồ sơ đang nhập bằng hồ sơ được tiếp tục?');
  await page.getByRole('button', { name: 'Thay bằng hồ sơ tiếp tục' }).click();
  await expect(page.getByText(`Tiếp tục hồ sơ đã hướng dẫn ${code}`)).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue('001090123456');
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('15/03/1990');
  await expect(page.getByLabel('Số điện thoại')).toHaveValue('0912345678');
  await expect(page.getByText('Sở Xây dựng', { exact: true })).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Đơn đề nghị đổi giấy phép lái xe' })).toBeChecked();
  // Focus waits on what the citizen brought back.
  const certificate = page.getByRole('checkbox', { name: 'Giấy khám sức khỏe của người lái xe' });
  await expect(certificate).not.toBeChecked();
  await expect(certificate).toBeFocused();
  await shot(page, 'intake-resumed');
  await page.keyboard.press('Space');
  await expect(page.getByLabel('Cước bưu chính')).toBeFocused();
  await page.keyboard.type('25000', HUMAN);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();

  // Lookup: the new dossier names the guided record, and the guided record names it back.
  await page.keyboard.press('F5');
  await page.keyboard.type('001090123456', HUMAN);
  const rows = page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await page.keyboard.press('Enter'); // the newest: the accepted one
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Tiếp tục từ hồ sơ hướng dẫn');
  await expect(facts).toContainText(code);
  await shot(page, 'lookup-resumed-dossier');
  await facts.getByRole('button', { name: new RegExp(code) }).click();
  await expect(facts).toContainText('Đã tiếp tục thành hồ sơ');
  await expect(facts).toContainText('000001/');
  await expect(page.getByRole('button', { name: 'Tiếp tục hồ sơ' })).toHaveCount(0);
});

test('an organisation sender: the organisation and the person who brings the dossier, recorded, shown and printed', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByRole('radio', { name: 'Tổ chức' }).check();
  await page.getByLabel('Tên tổ chức').fill('Công ty TNHH Hoa Sen');
  await page.getByLabel('Mã số doanh nghiệp').fill('0101234567');
  await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 9 Phố Huế, Hai Bà Trưng, Hà Nội');
  await page.getByLabel('Số điện thoại').fill('0987654321');
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('checkbox', { name: 'Đơn đề nghị đổi giấy phép lái xe' })).toBeFocused();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Space');
  await page.getByLabel('Cước bưu chính').fill('25.000');
  // Without the person who brings it, the dossier is not accepted, and the summary says who is missing.
  await page.keyboard.press('Control+Enter');
  const summary = page.getByRole('alert').filter({ hasText: 'Họ tên người nộp hồ sơ' }).first();
  await expect(summary).toBeVisible();
  await expect(page.getByText('Chưa nhập họ và tên người nộp hồ sơ.')).toBeVisible();
  await expect(page.getByText('Người nộp hồ sơ: Chưa nhập số định danh cá nhân.')).toBeVisible();
  await shot(page, 'intake-organisation-errors');
  await page.getByLabel('Họ tên người nộp hồ sơ').fill('Lê Thị Bích');
  await page.getByLabel('Số định danh người nộp').fill('001190012345');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Phiếu sẽ in (đúng ảnh gửi tới máy in)' })).toBeVisible();
  await shot(page, 'intake-organisation-accepted');
  const receipts = readdirSync(join(app.dataDir, 'print-preview')).filter((f) => f.endsWith('-receipt.png'));
  expect(receipts.length).toBeGreaterThan(0);
  console.log(`receipt preview: ${join(app.dataDir, 'print-preview', receipts.sort()[0]!)}`);

  // Lookup by the person's ID number finds the organisation's dossier; both are labelled.
  await page.keyboard.press('F5');
  await page.keyboard.type('001190012345', HUMAN);
  await page.keyboard.press('Enter');
  const facts = page.locator('dl.facts');
  await expect(facts).toContainText('Tên tổ chức');
  await expect(facts).toContainText('Công ty TNHH Hoa Sen');
  await expect(facts).toContainText('Mã số doanh nghiệp');
  await expect(facts).toContainText('Người nộp hồ sơ');
  await expect(facts).toContainText('Lê Thị Bích (001190012345)');
  await shot(page, 'lookup-organisation-bearer');
});
