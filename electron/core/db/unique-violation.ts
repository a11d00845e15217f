import pg from 'pg';

/** A unique index as both engines name it in their refusals: SQLite by table.column, PostgreSQL by the index. */
export interface UniqueIndex {
  name: string;
  table: string;
  column: string;
}

/** Whether `error` is either engine refusing a row because `index` holds its value already. */
export function violatesUnique(error: unknown, index: UniqueIndex): boolean {
  if (error instanceof pg.DatabaseError) return error.code === '23505' && error.constraint === index.name;
  const e = error as { code?: unknown; message?: unknown } | null;
  return e?.code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof e.message === 'string' && e.message.includes(`${index.table}.${index.column}`);
}
