import { describe, expect, it } from 'vitest';
import {
  batchNumber,
  batchTotals,
  BATCH_NUMBER_PATTERN,
  groupByAgency,
  MAX_BATCH_ITEMS,
  refuseHandover,
  refuseToAdd,
  refuseToClose,
  type BatchFacts,
  type Candidate,
} from '../../shared/batches/rules.js';

const batch: BatchFacts = { number: '100000-Q01-261128-01', agencyCode: '000.00.15.H12', agencyName: 'Sở Giao thông vận tải', state: 'open', size: 3 };
const accepted: Candidate = { status: 'accepted-at-post', agencyCode: '000.00.15.H12', agencyName: 'Sở Giao thông vận tải', batchNumber: null };

describe('batch numbers', () => {
  it('name the office, the counter, the day and the sequence, and read back by the pattern', () => {
    const n = batchNumber('100000', 'Q01', '2026-11-28', 7);
    expect(n).toBe('100000-Q01-261128-07');
    expect(BATCH_NUMBER_PATTERN.test(n)).toBe(true);
    expect(/^[\x20-\x7e]+$/.test(n)).toBe(true);
  });

  it('keep two counters of one office apart on the same day', () => {
    expect(batchNumber('100000', 'Q01', '2026-11-28', 1)).not.toBe(batchNumber('100000', 'Q02', '2026-11-28', 1));
  });

  it('refuse a sequence outside 1..999', () => {
    expect(() => batchNumber('100000', 'Q01', '2026-11-28', 0)).toThrow(RangeError);
    expect(() => batchNumber('100000', 'Q01', '2026-11-28', 1000)).toThrow(RangeError);
  });
});

describe('what may go into a batch', () => {
  it('takes an accepted dossier for the batch\'s agency', () => {
    expect(refuseToAdd(accepted, batch)).toBeNull();
  });

  it('refuses a dossier that is not accepted, in both languages', () => {
    for (const status of ['draft', 'guided-not-accepted', 'voided', 'handed-over'] as const) {
      const r = refuseToAdd({ ...accepted, status }, batch);
      expect(r?.code).toBe('BATCH_NOT_ACCEPTED');
      expect(r?.words.vi).toContain('Đã tiếp nhận');
      expect(r?.words.en).toContain('Accepted');
    }
  });

  it('refuses a dossier for another agency, naming both', () => {
    const r = refuseToAdd({ ...accepted, agencyCode: '000.00.20.H12', agencyName: 'Sở Tư pháp' }, batch);
    expect(r?.code).toBe('BATCH_OTHER_AGENCY');
    expect(r?.words.vi).toContain('Sở Tư pháp');
    expect(r?.words.vi).toContain('Sở Giao thông vận tải');
  });

  it('refuses a dossier already in a batch, naming that batch, and says when it is this one', () => {
    expect(refuseToAdd({ ...accepted, batchNumber: '100000-Q01-261127-02' }, batch)?.words.vi).toContain('100000-Q01-261127-02');
    expect(refuseToAdd({ ...accepted, batchNumber: '100000-Q01-261127-02' }, batch)?.code).toBe('BATCH_ALREADY_IN_ANOTHER');
    expect(refuseToAdd({ ...accepted, status: 'in-batch', batchNumber: batch.number }, batch)?.code).toBe('BATCH_ALREADY_HERE');
  });

  it('refuses anything once the batch is closed, and past the upload limit', () => {
    expect(refuseToAdd(accepted, { ...batch, state: 'closed' })?.code).toBe('BATCH_NOT_OPEN');
    expect(refuseToAdd(accepted, { ...batch, size: MAX_BATCH_ITEMS })?.code).toBe('BATCH_FULL');
    expect(refuseToAdd(accepted, { ...batch, size: MAX_BATCH_ITEMS - 1 })).toBeNull();
  });
});

describe('closing and handing over', () => {
  it('closes only an open batch with something in it', () => {
    expect(refuseToClose(batch)).toBeNull();
    expect(refuseToClose({ ...batch, size: 0 })?.code).toBe('BATCH_EMPTY');
    expect(refuseToClose({ ...batch, state: 'closed' })?.code).toBe('BATCH_NOT_OPEN');
  });

  it('records the signing once, on a closed batch, not before the close nor in the future', () => {
    const now = new Date('2026-11-28T08:00:00Z');
    const closed = { ...batch, state: 'closed' as const, closedAt: '2026-11-28T03:00:00.000Z' };
    expect(refuseHandover(closed, new Date('2026-11-28T07:30:00Z'), now)).toBeNull();
    expect(refuseHandover({ ...closed, state: 'open' }, now, now)?.code).toBe('BATCH_STILL_OPEN');
    expect(refuseHandover({ ...closed, state: 'handed-over' }, now, now)?.code).toBe('BATCH_HANDED_OVER');
    expect(refuseHandover(closed, new Date('2026-11-28T02:59:00Z'), now)?.code).toBe('HANDOVER_BEFORE_CLOSE');
    expect(refuseHandover(closed, new Date('2026-11-28T08:05:00Z'), now)?.code).toBe('HANDOVER_IN_FUTURE');
  });

  it('reads the signing to the minute the paper gives: signed in the minute of the close is not before it', () => {
    const closed = { ...batch, state: 'closed' as const, closedAt: '2026-11-28T03:00:42.517Z' };
    const now = new Date('2026-11-28T03:01:00Z');
    expect(refuseHandover(closed, new Date('2026-11-28T03:00:00Z'), now)).toBeNull();
    expect(refuseHandover(closed, new Date('2026-11-28T02:59:00Z'), now)?.code).toBe('HANDOVER_BEFORE_CLOSE');
  });
});

describe('the waiting list', () => {
  const w = (agencyCode: string, acceptedAt: string, expectedHandoverDate: string | null) => ({ agencyCode, agencyName: `Cơ quan ${agencyCode}`, acceptedAt, expectedHandoverDate });

  it('groups by agency with count, oldest and overdue, late groups first', () => {
    const groups = groupByAgency(
      [
        w('A', '2026-11-27T02:00:00.000Z', '2026-11-30'),
        w('B', '2026-11-25T02:00:00.000Z', '2026-11-27'),
        w('A', '2026-11-20T02:00:00.000Z', '2026-11-28'),
        w('C', '2026-11-10T02:00:00.000Z', null),
      ],
      '2026-11-28',
    );
    expect(groups.map((g) => [g.agencyCode, g.count, g.overdue])).toEqual([
      ['B', 1, 1],
      ['C', 1, 0],
      ['A', 2, 0],
    ]);
    expect(groups[2]!.oldestAcceptedAt).toBe('2026-11-20T02:00:00.000Z');
    expect(groups[2]!.dossiers.map((d) => d.acceptedAt)).toEqual(['2026-11-20T02:00:00.000Z', '2026-11-27T02:00:00.000Z']);
  });

  it('totals items and fees in whole đồng', () => {
    expect(batchTotals([{ fees: [{ amount: 135000 }, { amount: 20000 }] }, { fees: [] }, { fees: [{ amount: 50000 }] }])).toEqual({ items: 3, fees: 205000 });
  });
});
