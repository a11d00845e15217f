import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failure, sampleIntake, sampleOrganisation, startCore, type Harness } from '../support/core-harness.js';

let h: Harness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.stop();
});

const version = async () => (await h.client.catalog.status()).version!;
/** The sample's documents with the health certificate left at home. */
const withoutHealthCertificate = sampleIntake(1).documents.map((d) => (d.seq === 3 ? { ...d, present: false, count: 0 } : d));

describe('a guided dossier resumed when the citizen comes back', () => {
  it('links the accepted dossier and the guided record, each visible from the other', async () => {
    const v = await version();
    const guided = await h.client.dossiers.intake(sampleIntake(v, { decision: 'guide', documents: withoutHealthCertificate }));
    expect(guided.status).toBe('guided-not-accepted');

    const accepted = await h.client.dossiers.intake(sampleIntake(v, { resumes: guided.dossierId }));
    expect(accepted).toMatchObject({ status: 'accepted-at-post', registerNo: '000001/2026' });

    const fromAccepted = await h.client.dossiers.get({ id: accepted.dossierId });
    expect(fromAccepted.resumes).toMatchObject({ id: guided.dossierId, status: 'guided-not-accepted', registerNo: null });
    expect(fromAccepted.resumedBy).toBeNull();
    const fromGuided = await h.client.dossiers.get({ id: guided.dossierId });
    expect(fromGuided.resumedBy).toMatchObject({ id: accepted.dossierId, status: 'accepted-at-post', registerNo: '000001/2026' });
    expect(fromGuided.resumes).toBeNull();
    // the guided record itself stays what it was: guided, never accepted
    expect(fromGuided.status).toBe('guided-not-accepted');
  });

  it('continues a guided record once, and never an accepted dossier; the refusal writes nothing and says which dossier did', async () => {
    const v = await version();
    const guided = await h.client.dossiers.intake(sampleIntake(v, { decision: 'guide', documents: withoutHealthCertificate }));
    const first = await h.client.dossiers.intake(sampleIntake(v, { resumes: guided.dossierId }));

    const again = await failure(h.client.dossiers.intake(sampleIntake(v, { resumes: guided.dossierId })));
    expect(again.code).toBe('RESUME_REFUSED');
    expect(again.vi).toContain(`đã được tiếp tục thành hồ sơ ${first.registerNo}`);
    expect(again.en).toContain(`already continued as dossier ${first.registerNo}`);

    const notGuided = await failure(h.client.dossiers.intake(sampleIntake(v, { resumes: first.dossierId })));
    expect(notGuided.code).toBe('RESUME_REFUSED');
    expect(notGuided.vi).toContain('không phải hồ sơ đã hướng dẫn bổ sung');

    const unknown = await failure(h.client.dossiers.intake(sampleIntake(v, { resumes: 999_999 })));
    expect(unknown.code).toBe('RESUME_REFUSED');
    // nothing written by the refusals: still one register number taken
    expect((await h.client.dossiers.search({ query: '' })).rows).toHaveLength(2);
  });
});

describe('an organisation sender and the person who brings its dossier', () => {
  const organisation = sampleOrganisation;

  it('records both, and finds the dossier by the person’s ID number', async () => {
    const r = await h.client.dossiers.intake(sampleIntake(await version(), { sender: organisation }));
    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d.sender).toMatchObject({ kind: 'organisation', fullName: 'Công ty TNHH Hoa Sen', businessCode: '0101234567', bearerName: 'Lê Thị Bích', bearerId: '001190012345', phone: '0987654321' });
    const found = await h.client.dossiers.search({ query: '001190012345' });
    expect(found.rows.map((x) => x.id)).toEqual([r.dossierId]);
  });

  it('refuses an organisation without the person, in both languages, naming the fields', async () => {
    const v = await version();
    const none = await failure(h.client.dossiers.intake(sampleIntake(v, { sender: { ...organisation, bearerName: '', bearerId: '' } })));
    expect(none.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'bearerName', vi: 'Chưa nhập họ và tên người nộp hồ sơ.', en: 'The name of the person bringing the dossier is missing.' }),
        expect.objectContaining({ field: 'bearerId', vi: 'Người nộp hồ sơ: Chưa nhập số định danh cá nhân.' }),
      ]),
    );
    const short = await failure(h.client.dossiers.intake(sampleIntake(v, { sender: { ...organisation, bearerId: '00119001' } })));
    expect(short.problems).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'bearerId', en: expect.stringContaining('Person bringing the dossier: A personal ID number has 12 digits') })]));
  });

  it('keeps no bearer on an individual’s dossier, whatever the page sent', async () => {
    const r = await h.client.dossiers.intake(sampleIntake(await version(), { sender: { ...sampleIntake(1).sender, bearerName: 'Ai đó', bearerId: '001190012345' } }));
    const d = await h.client.dossiers.get({ id: r.dossierId });
    expect(d.sender).toMatchObject({ bearerName: '', bearerId: '' });
  });
});
