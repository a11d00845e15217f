import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/contract/index.js';
import { fieldOfPath } from '../../shared/contract/validation-words.js';

type Def = { type: string; shape?: Record<string, { _zod: { def: Def } }>; [k: string]: unknown };

/** Every object key a procedure's input can hold, as a path from the input's root. */
function keysOf(def: Def, path: string[], out: string[][], seen = new Set<Def>()) {
  if (seen.has(def)) return;
  seen.add(def);
  const inner = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;
  switch (def.type) {
    case 'object':
      for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
        out.push([...path, k]);
        keysOf(inner(v), [...path, k], out, seen);
      }
      return;
    case 'optional': case 'nullable': case 'default': case 'prefault': case 'readonly': case 'catch': case 'nonoptional':
      return keysOf(inner(def.innerType), path, out, seen);
    case 'array':
      return keysOf(inner(def.element), [...path, '0'], out, seen);
    case 'union': case 'discriminated_union':
      for (const o of def.options as unknown[]) keysOf(inner(o), path, out, seen);
      return;
    case 'pipe':
      return keysOf(inner(def.in), path, out, seen);
    case 'lazy':
      return keysOf(inner((def.getter as () => unknown)()), path, out, seen);
  }
}

function procedures(node: Record<string, unknown>, name: string[] = []): [string, Def][] {
  return Object.entries(node).flatMap(([k, v]) => {
    const orpc = (v as { '~orpc'?: { inputSchema?: { _zod: { def: Def } } } })['~orpc'];
    if (orpc) return orpc.inputSchema ? [[[...name, k].join('.'), orpc.inputSchema._zod.def] as [string, Def]] : [];
    return procedures(v as Record<string, unknown>, [...name, k]);
  });
}

/** What the forms set themselves, never typed by the clerk, so never the field a refusal names. */
const SET_BY_THE_FORM = new Set(['requestKey', 'decision', 'resumes', 'sender', 'kind', 'dossierId', 'authorisation']);

/** The procedures behind the forms where the clerk types a citizen's details. */
const CLERK_FORMS = ['dossiers.intake', 'returns.registerResultOnly', 'returns.deliver', 'batches.create'];

describe('a refused field is named in the form’s own words', () => {
  const inputs = new Map(procedures(contract as unknown as Record<string, unknown>));

  it.each(CLERK_FORMS)('every field %s takes has a label', (name) => {
    const out: string[][] = [];
    keysOf(inputs.get(name)!, [], out);
    expect(out.length).toBeGreaterThan(0);
    const unnamed = out.filter((p) => !SET_BY_THE_FORM.has(p.at(-1)!) && !fieldOfPath(p)).map((p) => p.join('.'));
    expect(unnamed).toEqual([]);
  });

  it('names a nested field by its parent: the authorised person’s name, not the citizen’s', () => {
    expect(fieldOfPath(['authorisation', 'name'])).toBe('authorisedName');
    expect(fieldOfPath(['sender', 'fullName'])).toBe('fullName');
  });
});
