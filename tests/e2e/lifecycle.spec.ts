import { openDatabase } from '../../electron/core/db/open.js';
import { inTransaction, sqliteData } from '../../electron/core/db/data.js';
import { sqliteDossierSearch } from '../../electron/core/dossiers/search/sqlite-search.js';
import { DossierRepository } from '../../electron/core/dossiers/dossier-repository.js';
import type { DossierEvent } from '../../shared/lifecycle/events.js';
import { DOSSIER_STATUSES } from '../../shared/lifecycle/states.js';
import { expect, openApp as open, shot, skipWithoutBrowser, test } from '../support/browser-mode.js';
import { ADMIN, sampleIntake } from '../support/core-harness.js';
import { signInAs } from '../support/sign-in.js';

skipWithoutBrowser();

/** What batches, agency updates and returns will record, written through the core's lifecycle guard on a second connection. */
async function laterLife(dataDir: string, dossierId: number): Promise<void> {
  const data = sqliteData(openDatabase(dataDir));
  const repo = new DossierRepository(data, sqliteDossierSearch);
  const actor = { clerkCode: 'gdv02', clerkName: 'Lê Văn An', counterCode: 'Q02', officeCode: '100000' };
  const events: DossierEvent[] = [
    { kind: 'batched', data: { batchId: 'L-2026-11-28-01' } },
    { kind: 'handed-over', data: { batchId: 'L-2026-11-28-01' } },
    { kind: 'received-by-agency', data: { agencyDossierCode: '000.00.15.H26-261130-0007', appointmentDate: '2026-12-14' } },
    { kind: 'processing', data: {} },
    { kind: 'result-ready', data: { returnItemNumber: 'RR123456785VN', resultDocuments: ['Giấy phép lái xe'] } },
    { kind: 'result-at-post', data: { returnItemNumber: 'RR123456785VN' } },
    { kind: 'out-for-delivery', data: { attempt: 1 } },
    { kind: 'delivery-failed', data: { attempt: 1, reason: 'Không có người nhận' } },
  ];
  // An hour apart from now on: the intake was just now, on the app's real clock.
  const at = (i: number) => new Date(Date.now() + (i + 1) * 3_600_000).toISOString();
  await inTransaction(data, async (tx) => {
    for (const [i, event] of events.entries()) await repo.in(tx).appendEvent(dossierId, at(i), event, actor);
  });
  await data.destroy();
}

test('the lookup names every state and every event of a dossier’s life in the clerk’s language', async ({ page, app }) => {
  const { dossierId, registerNo } = await app.client.dossiers.intake(sampleIntake(1));
  await app.client.dossiers.intake(sampleIntake(1, { decision: 'guide', documents: [] }));
  await laterLife(app.dataDir, dossierId);

  await open(page, app.url);
  await page.keyboard.press('F5');
  const rows = page.getByRole('table', { name: 'Kết quả tra cứu' }).locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('Hướng dẫn, chưa tiếp nhận');
  await expect(rows.nth(1)).toContainText('Phát không thành công');

  // The filter offers every state a stored dossier can be in, by its words.
  const filter = page.getByLabel('Trạng thái');
  await expect(filter.locator('option')).toHaveCount(DOSSIER_STATUSES.length); // "any" and every state but the draft
  await filter.selectOption({ label: 'Phát không thành công' });
  await expect(rows).toHaveCount(1);
  await shot(page, 'lookup-states');

  await page.getByLabel('Tìm hồ sơ').fill(registerNo!);
  await page.getByLabel('Tìm hồ sơ').press('Enter');
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Phát không thành công, chờ phát lại');
  const timeline = page.locator('ol.timeline li');
  await expect(timeline).toHaveText([
    /Tiếp nhận hồ sơ/,
    /Xếp vào lô — Lê Văn An \(gdv02\), Quầy Q02/,
    /Bàn giao cho cơ quan/,
    /Cơ quan tiếp nhận/,
    /Cơ quan đang giải quyết/,
    /Cơ quan có kết quả/,
    /Nhận kết quả về bưu cục/,
    /Đi phát kết quả/,
    /Phát không thành công/,
  ]);
  // No state or event kind shows as its code.
  await expect(page.locator('section.dossier')).not.toContainText(/handed-over|result-at-post|delivery-failed|batched/);
  await shot(page, 'lookup-timeline');

  await app.client.settings.update({ lang: 'en' });
  await page.reload();
  await signInAs(page, ADMIN.clerkCode, ADMIN.secret, 'en');
  await page.keyboard.press('F5');
  await page.getByLabel('Find a dossier').fill(registerNo!);
  await page.getByLabel('Find a dossier').press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Delivery failed, awaiting another attempt');
  await expect(timeline.nth(1)).toContainText('Put in a batch');
  await expect(timeline.nth(6)).toContainText('Result received at the post office');
  await shot(page, 'lookup-timeline-en');
});
