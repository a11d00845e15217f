import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../shared/audit/actions.js';

const CORE = new URL('../../electron', import.meta.url).pathname;

/** Every action the core writes into the trail, as its source names it where it records. */
function recordedActions(): string[] {
  const found = new Set<string>();
  for (const file of readdirSync(CORE, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(CORE, file), 'utf8');
    for (const m of text.matchAll(/\b(?:record|recordQuick|recordAs|note)\(\s*(?:[\w.]+(?:\([^()]*\))?,\s*)?'(lookup|[a-z][A-Za-z]*(?:\.[A-Za-z]+)+)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

describe('the audit screen\'s "Thao tác" filter', () => {
  it('offers every action the core records, in words in both languages', () => {
    const actions = recordedActions();
    // The search itself must keep finding the core's writes: voids, day closes, returns, sign-ins.
    expect(actions).toEqual(expect.arrayContaining(['dossier.voided', 'day.closed', 'returns.deliver', 'session.signIn.failed', 'training.enter', 'lookup']));
    expect(actions.filter((a) => !AUDIT_ACTIONS[a]?.vi || !AUDIT_ACTIONS[a]?.en)).toEqual([]);
  });
});
