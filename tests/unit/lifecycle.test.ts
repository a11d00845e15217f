import { describe, expect, it } from 'vitest';
import { DossierEventSchema, DossierStatusSchema } from '../../shared/contract/index.js';
import { EVENT_KINDS, type EventKind } from '../../shared/lifecycle/events.js';
import { EVENT_LABELS, STATUS_LABELS } from '../../shared/lifecycle/labels.js';
import { DOSSIER_STATUSES, INITIAL_STATUS, STATE_FACTS, type DossierStatus } from '../../shared/lifecycle/states.js';
import { TRANSITIONS, transition, wasAccepted } from '../../shared/lifecycle/transitions.js';

const edges = (from: DossierStatus) => Object.entries(TRANSITIONS[from]) as [EventKind, DossierStatus][];

/** Every state reachable from `start` by the table's transitions. */
function reachableFrom(start: DossierStatus): Set<DossierStatus> {
  const seen = new Set<DossierStatus>([start]);
  const queue = [start];
  while (queue.length > 0) {
    for (const [, to] of edges(queue.shift()!)) {
      if (!seen.has(to)) {
        seen.add(to);
        queue.push(to);
      }
    }
  }
  return seen;
}

describe('the lifecycle table', () => {
  it('reaches every state from intake', () => {
    expect([...reachableFrom(INITIAL_STATUS)].sort()).toEqual([...DOSSIER_STATUSES].sort());
  });

  it('gives every state that is not final a way out, and none to a final one', () => {
    for (const s of DOSSIER_STATUSES) {
      expect({ state: s, hasWayOut: edges(s).length > 0 }).toEqual({ state: s, hasWayOut: !STATE_FACTS[s].final });
    }
  });

  it('lets every dossier end: a final state is reachable from every state (no loop without an exit)', () => {
    for (const s of DOSSIER_STATUSES) {
      const ends = [...reachableFrom(s)].filter((r) => STATE_FACTS[r].final);
      expect({ state: s, canEnd: ends.length > 0 }).toEqual({ state: s, canEnd: true });
    }
  });

  it('uses every event kind somewhere, and nothing ever leads back to a draft', () => {
    const used = new Set(DOSSIER_STATUSES.flatMap((s) => edges(s).map(([kind]) => kind)));
    expect([...used].sort()).toEqual([...EVENT_KINDS].sort());
    expect(DOSSIER_STATUSES.filter((s) => edges(s).some(([, to]) => to === INITIAL_STATUS))).toEqual([]);
  });

  it('tells an accepted dossier by the states it can reach, whatever happened since; a guided one never was', () => {
    for (const s of ['accepted-at-post', 'in-batch', 'handed-over', 'delivered', 'voided'] as const) expect(wasAccepted(s), s).toBe(true);
    for (const s of ['draft', 'guided-not-accepted'] as const) expect(wasAccepted(s), s).toBe(false);
  });

  it('refuses what the table does not list', () => {
    expect(transition('draft', 'accepted')).toBe('accepted-at-post');
    expect(transition('accepted-at-post', 'delivered')).toBeNull();
    expect(transition('delivered', 'delivery-failed')).toBeNull();
    expect(transition('guided-not-accepted', 'accepted')).toBeNull();
  });

  it('gives the portal codes of agency-api.md to the states the agency reports, each once', () => {
    const codes = DOSSIER_STATUSES.flatMap((s) => (STATE_FACTS[s].portalCode === null ? [] : [[STATE_FACTS[s].portalCode, s] as const]));
    expect(Object.fromEntries(codes)).toEqual({
      2: 'received-by-agency',
      3: 'refused',
      4: 'processing',
      5: 'supplement-requested',
      7: 'withdrawn',
      8: 'stopped',
      9: 'result-ready',
      10: 'delivered',
    });
  });

  it('is what the contract accepts: the status list and event kinds are the table’s', () => {
    expect(DossierStatusSchema.options).toEqual([...DOSSIER_STATUSES]);
    expect(DossierStatusSchema.safeParse('lost').success).toBe(false);
    const event = { id: 1, at: '2026-11-27T02:15:00Z', clerkCode: 'gdv01', clerkName: 'A', counterCode: 'Q01', data: {} };
    expect(DossierEventSchema.safeParse({ ...event, type: 'batched' }).success).toBe(true);
    expect(DossierEventSchema.safeParse({ ...event, type: 'teleported' }).success).toBe(false);
  });
});

describe('lifecycle labels', () => {
  const vietnamese = /[ăâđêôơưáàảãạéèẻẽẹíìỉĩịóòỏõọúùủũụýỳỷỹỵ]/i;

  it('name every state, short and long, in Vietnamese and in English', () => {
    for (const s of DOSSIER_STATUSES) {
      for (const length of ['short', 'long'] as const) {
        const { vi, en } = STATUS_LABELS[s][length];
        expect({ s, length, vi: vietnamese.test(vi), en: en.length > 0 && !vietnamese.test(en) && en !== s }).toEqual({ s, length, vi: true, en: true });
      }
      expect(STATUS_LABELS[s].short.vi.length).toBeLessThanOrEqual(STATUS_LABELS[s].long.vi.length);
    }
  });

  it('tell states apart: no two states share a short label in either language', () => {
    for (const lang of ['vi', 'en'] as const) {
      const labels = DOSSIER_STATUSES.map((s) => STATUS_LABELS[s].short[lang]);
      expect(new Set(labels).size).toBe(labels.length);
    }
  });

  it('name every event kind in Vietnamese and in English', () => {
    for (const k of EVENT_KINDS) {
      const { vi, en } = EVENT_LABELS[k];
      expect({ k, vi: vietnamese.test(vi), en: en.length > 0 && !vietnamese.test(en) }).toEqual({ k, vi: true, en: true });
    }
  });
});
