import { afterEach, describe, expect, it } from 'vitest';
import { PrinterSettingsSchema, type PrintJob } from '../../shared/contract/index.js';
import type { AuditPage } from '../../shared/contract/audit.js';
import { closedPort } from '../support/fake-printer.js';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
  h = undefined;
});

const lines = (page: AuditPage) => page.entries.map((e) => `${e.what.vi} | ${e.about.vi} | ${e.clerkCode} ${e.clerkName ?? ''}`);

describe('the audit trail a supervisor reads', () => {
  it('says each entry in words in both languages, with ID numbers and names masked', async () => {
    h = await startCore();
    const clerk = await h.clientAs('clerk', 'gdv07', 'Lê Thị Hoa');
    await clerk.dossiers.search({ query: '001090123456', limit: 5 });
    await clerk.dossiers.search({ query: 'Nguyễn Văn Đức', limit: 5 });
    const sup = await h.clientAs('supervisor', 'gs01', 'Phạm Minh');
    const page = await sup.audit.list({ clerkCode: 'gdv07' });
    expect(lines(page)).toEqual([
      'Tra cứu | theo tên N. V. Đ. | gdv07 Lê Thị Hoa',
      'Tra cứu | theo số giấy tờ hoặc điện thoại •••56 | gdv07 Lê Thị Hoa',
      'Đăng nhập | vai trò giao dịch viên | gdv07 Lê Thị Hoa',
    ]);
    expect(page.entries[0]!.what.en).toBe('Looked up');
    expect(page.entries[0]!.about.en).toBe('by name N. V. Đ.');
    // Nothing the citizen typed reaches the page, in any field.
    const wire = JSON.stringify(await sup.audit.list({ limit: 200 }));
    expect(wire).not.toContain('001090123456');
    expect(wire).not.toContain('Nguyễn');
    expect(wire).not.toContain('Đức');
  });

  it('filters by action and by Hà Nội day, newest first', async () => {
    h = await startCore({ now: new Date('2026-11-27T16:30:00Z') }); // 27/11 23:30 in Hà Nội
    await h.client.dossiers.search({ query: '0912345678', limit: 5 });
    await h.setClock(new Date('2026-11-27T17:30:00Z')); // 28/11 00:30 in Hà Nội
    await h.client.dossiers.search({ query: '0987654321', limit: 5 });
    const day27 = await h.client.audit.list({ action: 'lookup', from: '2026-11-27', to: '2026-11-27' });
    expect(day27.entries.map((e) => e.about.vi)).toEqual(['theo số giấy tờ hoặc điện thoại •••78']);
    const both = await h.client.audit.list({ action: 'lookup', from: '2026-11-27', to: '2026-11-28' });
    expect(both.entries.map((e) => e.about.vi)).toEqual(['theo số giấy tờ hoặc điện thoại •••21', 'theo số giấy tờ hoặc điện thoại •••78']);
  });

  it('finds the entries about one dossier by its item number, and says so when no dossier has the code', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 400, statusMs: 400 } });
    const port = await closedPort();
    await h.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port }) });
    const first = await h.client.dossiers.intake(sampleIntake(1));
    const other = await h.client.dossiers.intake(sampleIntake(1));
    await h.core.printing.idle();
    const failed = async (dossierId: number) => ((await h!.client.printing.jobs({ dossierId })) as PrintJob[]).find((j) => j.state === 'failed')!;
    await h.client.printing.retry({ jobId: (await failed(first.dossierId)).id });
    await h.core.printing.idle();
    await h.client.printing.retry({ jobId: (await failed(other.dossierId)).id });
    const page = await h.client.audit.list({ dossier: first.itemNumber! });
    // Its intake (decision 0066) and its retry; the other dossier's are not listed.
    expect(page.entries.map((e) => e.what.vi)).toEqual(['In lại', 'Nhận hồ sơ mới (tiếp nhận hoặc hướng dẫn)']);
    expect(page.entries[0]!.about.vi).toMatch(new RegExp(`hồ sơ số ${first.dossierId}$`));
    expect(page.entries[1]!.about.vi).toBe(`tiếp nhận, số sổ ${first.registerNo}, số hiệu ${first.itemNumber}; hồ sơ số ${first.dossierId}`);
    const missing = await failure(h.client.audit.list({ dossier: 'EE000000000VN' }));
    expect(missing).toMatchObject({ code: 'AUDIT_DOSSIER_NOT_FOUND', field: 'dossier' });
    expect(missing.vi).toMatch(/Không có hồ sơ nào mang mã EE000000000VN/);
  });

  it('finds every entry about a dossier: lookups by its codes and its sender\'s ID number, corrections, voids, print retries', async () => {
    h = await startCore({ printerTimeouts: { connectMs: 1000, idleMs: 400, statusMs: 400 } });
    await h.client.settings.update({ printer: PrinterSettingsSchema.parse({ connection: 'network', host: '127.0.0.1', port: await closedPort() }) });
    const supervisor = await h.clientAs('supervisor', 'ksv01', 'Phạm Văn Kiểm');
    const mine = await h.client.dossiers.intake(sampleIntake(1));
    const other = await h.client.dossiers.intake(sampleIntake(1, { sender: { ...sampleIntake(1).sender, personalId: '079090123456', phone: '0987654321' } }));
    await h.core.printing.idle();
    const failed = async (dossierId: number) => ((await h!.client.printing.jobs({ dossierId })) as PrintJob[]).find((j) => j.state === 'failed')!;
    const job = (await failed(mine.dossierId)).id;
    await h.client.printing.retry({ jobId: job });
    await h.client.dossiers.findByCode({ code: mine.itemNumber! });
    await h.client.dossiers.findByCode({ code: other.itemNumber! });
    await h.client.dossiers.search({ query: '001090123456', limit: 5 });
    await h.client.dossiers.search({ query: '079090123456', limit: 5 });
    await supervisor.dossiers.correct({ dossierId: mine.dossierId, reason: 'Sai số nhà', changes: { address: 'Số 2 Tràng Tiền, Hoàn Kiếm, Hà Nội' } });
    await supervisor.dossiers.void({ dossierId: mine.dossierId, reason: 'Khách rút hồ sơ' });
    const about = await supervisor.audit.list({ dossier: mine.itemNumber! });
    expect(about.entries.map((e) => `${e.action} | ${e.about.vi}`).reverse()).toEqual([
      `dossier.intake | tiếp nhận, số sổ ${mine.registerNo}, số hiệu ${mine.itemNumber}; hồ sơ số ${mine.dossierId}`,
      `printing.retry | lệnh in số ${job}; hồ sơ số ${mine.dossierId}`,
      `lookup | theo mã ${mine.itemNumber}`,
      'lookup | theo số giấy tờ hoặc điện thoại •••56',
      `dossier.corrected | hồ sơ số ${mine.dossierId}`,
      `dossier.voided | hồ sơ số ${mine.dossierId}`,
    ]);
  });

  it('pages from the newest to the oldest without repeating or skipping an entry', async () => {
    h = await startCore();
    for (let n = 0; n < 23; n++) await h.client.dossiers.search({ query: `09123456${String(n).padStart(2, '0')}`, limit: 5 });
    const seen: number[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await h.client.audit.list({ action: 'lookup', limit: 10, ...(before ? { before } : {}) });
      seen.push(...page.entries.map((e) => e.id));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seen).toHaveLength(23);
    expect(seen).toEqual([...seen].sort((a, b) => b - a));
    expect(new Set(seen).size).toBe(23);
  });
});
