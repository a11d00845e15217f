import { describe, expect, it } from 'vitest';
import { ORPCError } from '@orpc/server';
import { installLogMasking, maskPersonal } from '../../electron/hosting/log-masking.js';

const CITIZEN = {
  fullName: 'Nguyễn Văn Đức',
  personalId: '001090123456',
  oldId: '123456789',
  birthDate: '1990-03-15',
  address: 'Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội',
  phone: '0912345678',
  email: 'duc@example.vn',
};
const SECRETS = Object.values(CITIZEN);

/** Captures what a console would print, through the masking the hosts install. */
function maskedConsole() {
  const lines: string[] = [];
  const keep = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  const sink = { log: keep, info: keep, warn: keep, error: keep, debug: keep };
  installLogMasking(sink);
  return { sink, text: () => lines.join('\n') };
}

describe('no citizen data in a log line', () => {
  it('an error report carrying a dossier in its cause shows none of the citizen’s data', () => {
    const { sink, text } = maskedConsole();
    const cause = Object.assign(new Error('output did not validate'), { data: { id: 7, procedureCode: '1.002804', sender: CITIZEN, createdAt: '2026-11-27 09:15:00' } });
    sink.error('[core]', new ORPCError('INTERNAL_SERVER_ERROR', { cause }));
    sink.warn('[print] job for', JSON.stringify({ sender: CITIZEN }));
    sink.log(`lookup by ${CITIZEN.phone}, ${CITIZEN.personalId}, +84 912 345 678, 0912.345.678`);
    for (const value of SECRETS) expect(text()).not.toContain(value);
    expect(text()).not.toMatch(/912 345 678|912\.345\.678/);
    // What the administrator needs to read the line stays: codes, dates, amounts, file names.
    expect(text()).toContain('1.002804');
    expect(text()).toContain('2026-11-27 09:15:00');
    expect(text()).toContain('***56');
  });

  it('leaves lines without personal data as they were', () => {
    for (const line of [
      '[backup] restored from a backup; the previous database is kept as counter.before-restore-20261127091500.sqlite',
      '[print] removed 12 preview files older than 7 days',
      'BCCI Counter (browser mode) — data: /tmp/bcci-serve-abc123',
      'total 135000 VND on 27.11.2026 09:15',
    ]) {
      expect(maskPersonal(line)).toBe(line);
    }
  });
});
