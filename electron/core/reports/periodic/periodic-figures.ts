import type { PeriodFigures, PeriodGroup } from '../../../../shared/contract/periodic-report.js';
import type { EventCount } from './periodic-repository.js';

export const noFigures = (): PeriodFigures => ({
  received: 0,
  guided: 0,
  handedOver: 0,
  handedOverLate: 0,
  refused: 0,
  supplementRequested: 0,
  returned: 0,
  returnedLate: 0,
  returnedUndated: 0,
  voided: 0,
});

/** Adds one counted row to a group's figures: the event's type says which figure it is. */
function add(f: PeriodFigures, c: EventCount): void {
  switch (c.type) {
    case 'accepted':
      f.received += c.n;
      break;
    case 'guided':
      f.guided += c.n;
      break;
    case 'handed-over':
      f.handedOver += c.n;
      if (c.late === 1) f.handedOverLate += c.n;
      break;
    case 'refused':
      f.refused += c.n;
      break;
    case 'supplement-requested':
      f.supplementRequested += c.n;
      break;
    case 'delivered':
      f.returned += c.n;
      if (c.late === 1) f.returnedLate += c.n;
      if (c.late === null) f.returnedUndated += c.n;
      break;
    case 'voided':
      f.voided += c.n;
      break;
  }
}

/** The groups of one dimension, busiest first (by dossiers taken in, then results returned). */
export function groupsOf(counts: EventCount[]): PeriodGroup[] {
  const byKey = new Map<string, PeriodGroup>();
  for (const c of counts) {
    let g = byKey.get(c.key);
    if (!g) byKey.set(c.key, (g = { key: c.key, name: c.name, ...noFigures() }));
    add(g, c);
  }
  return [...byKey.values()].sort((a, b) => b.received - a.received || b.returned - a.returned || a.name.localeCompare(b.name, 'vi'));
}

/** Every day or month of the range in order, the quiet ones with zeros, so a chart keeps its scale. */
export function timelineOf(counts: EventCount[], from: string, to: string, step: 'day' | 'month'): PeriodGroup[] {
  const found = new Map(groupsOf(counts).map((g) => [g.key, g]));
  const points: PeriodGroup[] = [];
  for (const key of stepsOf(from, to, step)) points.push(found.get(key) ?? { key, name: key, ...noFigures() });
  return points;
}

function* stepsOf(from: string, to: string, step: 'day' | 'month'): Generator<string> {
  if (step === 'month') {
    let [y, m] = from.split('-').map(Number) as [number, number];
    const last = to.slice(0, 7);
    for (;;) {
      const key = `${y}-${String(m).padStart(2, '0')}`;
      yield key;
      if (key >= last) return;
      [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
    }
  }
  for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
    const key = new Date(t).toISOString().slice(0, 10);
    yield key;
    if (key >= to) return;
  }
}

/** The sum of a dimension's groups: each counted event belongs to exactly one group of it. */
export function totalOf(groups: PeriodGroup[]): PeriodFigures {
  const t = noFigures();
  for (const g of groups) for (const k of Object.keys(t) as (keyof PeriodFigures)[]) t[k] += g[k];
  return t;
}
