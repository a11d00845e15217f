import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { WorkCalendar } from '../../shared/calendar/working-days.js';
import { loadCalendarFile } from '../../electron/core/calendar/notice-file.js';
import { deliveryReportKey, readPresentedId, refuseCollector, refuseNextAttempt } from '../../shared/returns/rules.js';

const resources = fileURLToPath(new URL('../../resources/', import.meta.url));
const calendar = new WorkCalendar(new Map(loadCalendarFile(resources, join(resources, 'no-data-dir')).map((y) => [y.year, y])));

const owner = { personalId: '001090123456', oldId: '012345678' };

describe('who may take a result', () => {
  it('reads the chip card QR, a typed 12-digit number or an old 9-digit one, and refuses anything else in words', () => {
    expect(readPresentedId('001090123456|012345678|Nguyễn Văn Đức|15031990|Nam|Hà Nội|01012021')).toEqual({ personalId: '001090123456', oldId: '012345678', name: 'Nguyễn Văn Đức' });
    expect(readPresentedId(' 001090123456 ')).toEqual({ personalId: '001090123456', oldId: '', name: '' });
    expect(readPresentedId('012345678')).toEqual({ personalId: '', oldId: '012345678', name: '' });
    const bad = readPresentedId('0010901234');
    expect(bad).toMatchObject({ code: 'RETURN_ID_UNREADABLE', words: { vi: expect.stringContaining('12 chữ số'), en: expect.stringContaining('12-digit') } });
  });

  it('matches the 12-digit number, or the old number the card carries; anything else is refused naming the last digits', () => {
    expect(refuseCollector(owner, { personalId: '001090123456', oldId: '' })).toBeNull();
    expect(refuseCollector({ personalId: '', oldId: '012345678' }, { personalId: '001060009999', oldId: '012345678' })).toBeNull();
    // The old number typed, for an owner who gave it at intake.
    expect(refuseCollector(owner, { personalId: '', oldId: '012345678' })).toBeNull();
    const other = refuseCollector(owner, { personalId: '079185000123', oldId: '' });
    expect(other).toMatchObject({ code: 'RETURN_ID_MISMATCH' });
    expect(other!.words.vi).toContain('…0123');
    expect(other!.words.vi).toContain('…3456');
    // An empty number on the card never matches an empty number on the dossier.
    expect(refuseCollector({ personalId: '001090123456', oldId: '' }, { personalId: '079185000123', oldId: '' })).toMatchObject({ code: 'RETURN_ID_MISMATCH' });
    expect(refuseCollector({ personalId: '', oldId: '' }, { personalId: '', oldId: '' })).toMatchObject({ code: 'RETURN_OWNER_HAS_NO_ID' });
  });
});

describe('another attempt at the address', () => {
  it('waits two working days after a failure, so the two failed attempts are two working days apart (domain) and never on the next day or sooner (issue)', () => {
    // Friday 27/11/2026: the weekend is no working day; Monday is one day on, Tuesday two.
    expect(refuseNextAttempt('2026-11-27', '2026-11-27', calendar)).toMatchObject({ code: 'RETURN_ATTEMPT_TOO_SOON' });
    expect(refuseNextAttempt('2026-11-27', '2026-11-29', calendar)!.words.vi).toContain('01/12/2026');
    const monday = refuseNextAttempt('2026-11-27', '2026-11-30', calendar);
    expect(monday!.words.vi).toContain('hai ngày làm việc');
    expect(monday!.words.en).toContain('two working days');
    expect(refuseNextAttempt('2026-11-27', '2026-12-01', calendar)).toBeNull();
    expect(refuseNextAttempt('2026-11-30', '2026-12-01', calendar)).toMatchObject({ code: 'RETURN_ATTEMPT_TOO_SOON' });
    expect(refuseNextAttempt('2026-11-30', '2026-12-02', calendar)).toBeNull();
    // 31/12/2026 is a Thursday; 1/1/2027 is a day off, then the weekend: Monday 4/1 is one, Tuesday 5/1 two.
    expect(refuseNextAttempt('2026-12-31', '2027-01-04', calendar)!.words.en).toContain('05/01/2027');
    expect(refuseNextAttempt('2026-12-31', '2027-01-05', calendar)).toBeNull();
  });

  it('keys a report by office, counter and event, so two counters never share a key', () => {
    expect(deliveryReportKey('100000', 'Q01', 57)).not.toBe(deliveryReportKey('100000', 'Q02', 57));
    expect(deliveryReportKey('100000', 'Q01', 57)).toBe('100000-Q01-EV57');
  });
});
