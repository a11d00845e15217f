import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { catalogueWorkbook } from '../support/catalogue-workbook.js';
import { expect, openApp as open, settingsSection, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';

skipWithoutBrowser();

const QR_DUC = '001090123456|123456789|Nguyễn Văn Đức|15031990|Nam|Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội|01012021';
const QR_ANH = '079305000123||Trần Thị Ánh|01012005|Nữ|Phường Bến Thành, TP Hồ Chí Minh|20052022';
/** A clerk's typing: keys well apart, so it is never taken for a keyboard-wedge scanner. */
const HUMAN = { delay: 70 };

test('a clerk imports the province list, accepts one dossier and guides another, all by keyboard', async ({ page, app }) => {
  await open(page, app.url);
  await expect(page.getByText('Đang dùng danh mục thủ tục và bưu cục mẫu (demo)')).toBeVisible();

  // Import the province's list (Settings, F9): preview first, nothing written until confirmed.
  await page.keyboard.press('F9');
  const file = join(app.dataDir, 'danh-muc.xlsx');
  writeFileSync(file, await catalogueWorkbook());
  await page.getByLabel('Tệp danh mục (.xlsx, .csv, .json)').setInputFiles(file);
  await expect(page.getByText('danh-muc.xlsx: 3 thủ tục, 7 thành phần hồ sơ')).toBeVisible();
  await shot(page, 'settings-import-preview');
  await page.getByRole('button', { name: 'Xác nhận nhập danh mục' }).click();
  await expect(page.getByText('Đã nhập danh mục: Phiên bản 2, 3 thủ tục.')).toBeVisible();
  await expect(page.getByRole('contentinfo')).toContainText('Danh mục: 3');

  // Intake (F2): the ID card QR fills the sender; the procedure is found without accents.
  await page.keyboard.press('F2');
  const qr = page.getByLabel('Dán mã QR Căn cước');
  await qr.focus();
  await page.keyboard.insertText(QR_DUC);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await expect(page.getByLabel('Số định danh cá nhân')).toHaveValue('001090123456');
  await expect(page.getByLabel('Ngày sinh')).toHaveValue('15/03/1990');
  await page.getByLabel('Số điện thoại').focus();
  await page.keyboard.type('0912345678', HUMAN);
  await page.keyboard.press('Enter'); // Enter moves on to the next field
  await expect(page.getByLabel('Thủ tục hành chính')).toBeFocused(); // the optional e-mail sits before the phone

  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('cap doi gplx', HUMAN);
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' }).getByRole('option').first()).toContainText('Cấp đổi giấy phép lái xe');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Sở Xây dựng', { exact: true })).toBeVisible();
  // Picking closes the list for good: the picked name is not searched again.
  await expect(page.getByRole('listbox', { name: 'Thủ tục hành chính' })).toBeHidden();
  await expect(page.getByLabel('Phí, lệ phí')).toHaveValue('135.000');

  // Tick the three required documents with Space; Ctrl+Enter refuses while one is missing.
  for (const name of ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy phép lái xe đang sử dụng']) {
    await page.getByRole('checkbox', { name }).focus();
    await page.keyboard.press('Space');
  }
  await page.getByLabel('Cước bưu chính').fill('25.000');
  await expect(page.getByLabel('Tổng cộng')).toHaveText('160.000 ₫');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'Còn thiếu giấy tờ bắt buộc: Giấy khám sức khỏe của người lái xe' }).first()).toBeVisible();
  await page.getByRole('checkbox', { name: 'Giấy khám sức khỏe của người lái xe' }).focus();
  await page.keyboard.press('Space');
  await shot(page, 'intake-filled');
  await page.keyboard.press('Control+Enter');

  await expect(page.getByRole('heading', { name: 'Đã tiếp nhận hồ sơ' })).toBeVisible();
  const year = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric' }).format(new Date());
  await expect(page.getByText(`000001/${year}`)).toBeVisible();
  await expect(page.getByText(/^EL1000000\d{2}VN$/)).toBeVisible();
  // The list gives 5 working days: the clerk can tell the citizen when to expect the result.
  await expect(page.getByText('Ngày trả kết quả dự kiến')).toBeVisible();
  // The receipt preview is the bitmap the preview printer wrote, with the label: three jobs, saved, not printed.
  await expect(page.getByRole('img', { name: 'Phiếu sẽ in (đúng ảnh gửi tới máy in)' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lệnh in' }).getByText('Đã lưu, chưa in')).toHaveCount(3);
  const written = readdirSync(join(app.dataDir, 'print-preview')).sort();
  expect(written.filter((f) => f.endsWith('-receipt.png'))).toHaveLength(2);
  expect(written.filter((f) => f.endsWith('-label.bin'))).toHaveLength(1);
  const previewSrc = await page.getByRole('img', { name: 'Phiếu sẽ in (đúng ảnh gửi tới máy in)' }).getAttribute('src');
  expect(Buffer.from(previewSrc!.split(',')[1]!, 'base64').equals(readFileSync(join(app.dataDir, 'print-preview', written.find((f) => f.endsWith('-receipt.png'))!)))).toBe(true);
  await shot(page, 'intake-accepted');

  // Next citizen: documents incomplete, so the dossier is guided, not accepted.
  await page.keyboard.press('Enter'); // "Hồ sơ mới" has focus
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText(QR_ANH);
  await page.keyboard.press('Enter');
  await page.getByLabel('Số điện thoại').fill('0987654321');
  await page.getByLabel('Thủ tục hành chính').focus();
  await page.keyboard.type('ly lich tu phap', HUMAN);
  await page.keyboard.press('Enter');
  await page.getByRole('checkbox', { name: 'Thẻ Căn cước hoặc Hộ chiếu' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: 'Hướng dẫn bổ sung' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Đã ghi nhận hướng dẫn bổ sung (không tiếp nhận)' })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp' })).toBeVisible();

  // Lookup (F5): both are in today's list; the accepted one shows its timeline.
  await page.keyboard.press('F5');
  const rows = page.getByRole('table', { name: 'Kết quả tra cứu' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Trần Thị Ánh');
  await expect(rows.nth(1)).toContainText('Hướng dẫn, chưa tiếp nhận');
  await expect(rows.nth(2)).toContainText('Nguyễn Văn Đức');
  await expect(rows.nth(2)).toContainText('Đã tiếp nhận');
  await expect(rows.nth(2)).toContainText('160.000 ₫');
  await shot(page, 'lookup-today');
  await rows.nth(2).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /Cấp đổi giấy phép lái xe/ })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Tiếp nhận hồ sơ' })).toContainText('Giao dịch viên demo (gdv01), Quầy Q01');
  await shot(page, 'lookup-dossier');
});

test('a bad ID card and a bad item number are refused with the reason beside the field', async ({ page, app }) => {
  await open(page, app.url);
  await page.getByLabel('Dán mã QR Căn cước').focus();
  await page.keyboard.insertText('EL471108151VN');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Đây không phải mã QR trên thẻ Căn cước (thiếu trường thông tin).')).toBeVisible();
  await expect(page.getByLabel('Họ và tên')).toHaveValue('');

  await page.getByLabel('Họ và tên').fill('Lê Văn Minh');
  await page.getByLabel('Số định danh cá nhân').fill('001290123456');
  await page.getByLabel('Ngày sinh').fill('15/03/1990');
  await page.getByLabel('Số hiệu bưu gửi').fill('EL471108152VN');
  await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
  await expect(page.getByText('Số hiệu bưu gửi EL471108152VN không đúng (sai số kiểm tra): có thể đã đọc hoặc gõ nhầm một chữ số. Kiểm tra số trên bao bì rồi quét hoặc nhập lại.')).toBeVisible();
  await expect(page.getByText(/không khớp năm sinh 1990/).first()).toBeVisible();
  await expect(page.getByText('Chưa chọn thủ tục hành chính.')).toBeVisible();
  await shot(page, 'intake-errors');
});

test('the interface switches to English', async ({ page, app }) => {
  await open(page, app.url);
  await page.keyboard.press('F9');
  await page.getByLabel('Ngôn ngữ').selectOption('en');
  await settingsSection(page, 'Quầy và thiết bị').getByRole('button', { name: 'Lưu', exact: true }).click();
  await page.keyboard.press('F2');
  await expect(page.getByLabel('Full name')).toBeVisible();
  await expect(page.getByLabel('Paste ID card QR')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Guide: not accepted' })).toBeVisible();
  await shot(page, 'intake-english');
});
