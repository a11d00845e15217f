import type { Compilable, CompiledQuery } from 'kysely';
import type { Data } from './data.js';

/** Stands where a value will go, while the query is built the one time. */
class Slot {
  constructor(readonly name: string) {}
}

/**
 * A query built and compiled once, then run with new values each time: the builder's work (a
 * good part of a small query's cost, most of a forty-column insert's) is paid at the first call
 * only. `build` gets a slot in place of each value; the compiled text keeps a bound parameter
 * where each slot went, and every call binds that parameter to its own value. For queries whose
 * shape does not change with the values (no lists of varying length, no optional parts).
 */
export function compiledOnce<V extends Record<string, unknown>, R>(build: (db: Data, values: V) => Compilable<R>) {
  // One text per engine (SQLite writes `?`, PostgreSQL `$1`): keyed by the engine's adapter,
  // which a transaction shares with the handle it came from.
  const byEngine = new WeakMap<object, { query: CompiledQuery<R>; params: readonly unknown[] }>();
  return async (db: Data, values: V): Promise<R[]> => {
    const engine = db.getExecutor().adapter;
    let compiled = byEngine.get(engine);
    if (!compiled) {
      // The first call's keys are the shape: the same keys come every time (the type says which).
      const slots = Object.fromEntries(Object.keys(values).map((name) => [name, new Slot(name)])) as V;
      const query = build(db, slots).compile();
      byEngine.set(engine, (compiled = { query, params: query.parameters }));
    }
    const parameters = compiled.params.map((p) => (p instanceof Slot ? values[p.name] : p));
    return (await db.executeQuery<R>({ ...compiled.query, parameters })).rows;
  };
}
