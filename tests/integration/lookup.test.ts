import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failure, sampleIntake, startCore, type Harness } from '../support/core-harness.js';
import type { DossierSearchInput, Sender } from '../../shared/contract/index.js';

let h: Harness;
/** A sender whose birth year and gender agree with the 12-digit ID (digits 4–6). */
const person = (fullName: string, personalId: string, phone: string, extra: Partial<Sender> = {}): Sender => ({
  ...sampleIntake(1).sender,
  fullName,
  personalId,
  phone,
  gender: Number(personalId[3] ?? 0) % 2 === 1 ? 'female' : 'male',
  birthDate: `19${personalId.slice(4, 6) || '85'}-05-01`,
  ...extra,
});

beforeAll(async () => {
  h = await startCore();
  const v = (await h.client.catalog.status()).version!;
  const take = (sender: Sender, overrides = {}) => h.client.dossiers.intake(sampleIntake(v, { sender, ...overrides }));
  await take(person('Nguyễn Thị Thu Hà', '001190012345', '0912 345 678')); // 000001/2026
  await take(person('Trần Văn Hải', '079085000111', '0987654321', { personalId: '', oldId: '123456789' })); // 000002
  await take(person('Nguyễn Thị Thuý', '001195000222', '0905111222'), { itemNumber: 'EL471108151VN' }); // 000003
  await h.setClock(new Date('2026-11-30T03:00:00Z'));
  await take(person('Lê Thu Hằng', '036192000333', '0911000333')); // 000004, Monday
  const missing = sampleIntake(v).documents.map((d) => (d.seq === 1 ? { ...d, present: false } : d));
  await take(person('Phạm Đức Hà', '001080000444', '0977000444'), { decision: 'guide', documents: missing }); // no number
});
afterAll(async () => {
  await h.stop();
});

const names = async (query: string, filters: Partial<DossierSearchInput> = {}) =>
  (await h.client.dossiers.search({ query, ...filters })).rows.map((r) => r.senderName);

describe('dossier lookup', () => {
  it('finds by name without marks or case, by any of its words, newest first', async () => {
    expect(await names('Nguyễn Thị Thu Hà')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('NGUYEN THI THU HA')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('thu ha')).toEqual(['Lê Thu Hằng', 'Nguyễn Thị Thu Hà']);
    expect(await names('thu ha ')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('nguyen')).toEqual(['Nguyễn Thị Thuý', 'Nguyễn Thị Thu Hà']);
    // the word being typed is a prefix; a finished word (space after it) is matched whole
    expect(await names('thu')).toEqual(['Lê Thu Hằng', 'Nguyễn Thị Thuý', 'Nguyễn Thị Thu Hà']);
    expect(await names('thu ')).toEqual(['Lê Thu Hằng', 'Nguyễn Thị Thu Hà']);
    expect(await names('ha')).toEqual(['Phạm Đức Hà', 'Lê Thu Hằng', 'Trần Văn Hải', 'Nguyễn Thị Thu Hà']);
    expect(await names('duc ha')).toEqual(['Phạm Đức Hà']);
    expect(await names('Hoàng')).toEqual([]);
  });

  it('finds by register number as shown or short, ID numbers, phone and item number', async () => {
    expect(await names('000001/2026')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('1/2026')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('3 / 2026')).toEqual(['Nguyễn Thị Thuý']);
    expect(await names('1/2025')).toEqual([]);
    expect(await names('001190012345')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('123456789')).toEqual(['Trần Văn Hải']);
    expect(await names('0912345678')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('+84 912 345 678')).toEqual(['Nguyễn Thị Thu Hà']);
    expect(await names('el471108151vn')).toEqual(['Nguyễn Thị Thuý']);
    const guided = (await h.client.dossiers.search({ query: '', status: 'guided-not-accepted' })).rows[0]!;
    expect(await names(`hd${String(guided.id).padStart(6, '0')}`)).toEqual(['Phạm Đức Hà']);
    expect(await names('HD000001')).toEqual([]); // dossier 1 was accepted: its slip code names nothing
    const r = await h.client.dossiers.search({ query: '1/2026' });
    expect(r).toMatchObject({ matchedBy: 'register', next: null });
    expect(r.rows[0]).toMatchObject({ registerNo: '000001/2026', senderIdNumber: '001190012345' });
    expect((await h.client.dossiers.search({ query: '123456789' })).rows[0]!.senderIdNumber).toBe('123456789');
  });

  it('filters by date range, status, procedure and clerk, with or without a query', async () => {
    expect(await names('', { from: '2026-11-30' })).toEqual(['Phạm Đức Hà', 'Lê Thu Hằng']);
    expect(await names('', { to: '2026-11-27' })).toHaveLength(3);
    expect(await names('ha', { to: '2026-11-27' })).toEqual(['Trần Văn Hải', 'Nguyễn Thị Thu Hà']);
    expect(await names('', { status: 'guided-not-accepted' })).toEqual(['Phạm Đức Hà']);
    expect(await names('', { procedureCode: '1.002804' })).toHaveLength(5);
    expect(await names('', { procedureCode: '1.002809' })).toEqual([]);
    expect(await names('', { clerkCode: 'gdv01' })).toHaveLength(5);
    expect(await names('', { clerkCode: 'gdv99' })).toEqual([]);
  });

  it('pages newest first without gaps or repeats', async () => {
    const seen: string[] = [];
    let before: number | undefined;
    for (;;) {
      const page = await h.client.dossiers.search({ query: '', limit: 2, before });
      seen.push(...page.rows.map((r) => r.senderName));
      if (page.next === null) break;
      before = page.next;
    }
    expect(seen).toEqual(['Phạm Đức Hà', 'Lê Thu Hằng', 'Nguyễn Thị Thuý', 'Trần Văn Hải', 'Nguyễn Thị Thu Hà']);
  });

  it('pages a date range in the same order, one row at a time', async () => {
    const seen: string[] = [];
    let before: number | undefined;
    do {
      const page = await h.client.dossiers.search({ query: '', from: '2026-11-01', to: '2026-11-30', status: 'accepted-at-post', limit: 1, before });
      seen.push(...page.rows.map((r) => r.senderName));
      before = page.next ?? undefined;
    } while (before !== undefined);
    expect(seen).toEqual(['Lê Thu Hằng', 'Nguyễn Thị Thuý', 'Trần Văn Hải', 'Nguyễn Thị Thu Hà']);
  });

  it('refuses an impossible date in words, and takes FTS syntax in a name as plain text', async () => {
    const e = await failure(h.client.dossiers.search({ query: '', from: '2026-02-31' }));
    expect(e.vi).toMatch(/ngày không có thật/);
    expect(await names('"ha" *')).toEqual(['Phạm Đức Hà', 'Lê Thu Hằng', 'Trần Văn Hải', 'Nguyễn Thị Thu Hà']);
    expect(await names('NEAR(ha')).toEqual([]);
  });
});
