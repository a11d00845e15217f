import { describe, expect, it } from 'vitest';
import { describeEntry } from '../../electron/core/audit/describe-entry.js';

/** Entries in words on the audit screen (F6), old kinds of detail included. */
describe('a failed take-in of an audit key, in words', () => {
  it('words each reason: a wrong passphrase, and the refusals older entries recorded', () => {
    const wrong = describeEntry('audit.keyImportFailed', JSON.stringify({ reason: 'WRONG_PASSPHRASE', inARow: 2 })).about;
    expect(wrong).toEqual({ vi: 'sai mật khẩu của tệp khoá (lần 2 liên tiếp)', en: 'wrong key-file passphrase (2 in a row)' });
    const wait = describeEntry('audit.keyImportFailed', JSON.stringify({ reason: 'WAIT', retryAfter: '2026-11-29T03:04:30.000Z' })).about;
    expect(wait.vi).toBe('bị từ chối: đang phải chờ sau nhiều lần sai mật khẩu (đến 29/11/2026 10:04)');
    expect(wait.en).toBe('refused: a wait after wrong passphrases was running (until 29/11/2026 10:04)');
    const busy = describeEntry('audit.keyImportFailed', JSON.stringify({ reason: 'BUSY' })).about;
    expect(busy).toEqual({ vi: 'bị từ chối: quầy đang mở một tệp khoá khác', en: 'refused: the counter was opening another key file' });
    for (const words of [wait, busy]) expect(`${words.vi} ${words.en}`).not.toMatch(/sai mật khẩu của tệp khoá|in a row|undefined/);
  });
});

describe('a key taken in, in words', () => {
  it('says whether the recovery command checked the key against the trail', () => {
    const base = { fingerprint: 'ab12cd34ef56ab12', office: 'HN01', via: 'npm run recover-audit-key', setAside: [] };
    expect(describeEntry('audit.keyImported', JSON.stringify({ ...base, unchecked: true })).about.vi).toContain('đặt vào không kiểm tra với nhật ký (--unchecked)');
    expect(describeEntry('audit.keyImported', JSON.stringify({ ...base, unchecked: false })).about.en).toContain('checked against the trail');
    // An entry from before the command recorded it claims neither.
    const old = describeEntry('audit.keyImported', JSON.stringify(base)).about;
    expect(`${old.vi} ${old.en}`).not.toMatch(/kiểm tra|checked|checking/);
  });
});
