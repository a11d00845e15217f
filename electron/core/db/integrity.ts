import type { Db } from './open.js';

/**
 * SQLite's quick check (page structure, no index-content compare, seconds on a large file).
 * Returns what it found wrong, or null when the file is sound.
 */
export function damageOf(db: Db): string | null {
  try {
    const rows = db.pragma('quick_check(5)') as { quick_check: string }[];
    const problems = rows
      .map((r) => r.quick_check.replace(/\*\*\* in database \w+ \*\*\*\s*/g, '').replace(/\s+/g, ' ').trim())
      .filter((p) => p !== 'ok');
    return problems.length > 0 ? problems.join('; ') : null;
  } catch (error) {
    // A page so damaged that the check itself cannot read it.
    return (error as Error).message;
  }
}
