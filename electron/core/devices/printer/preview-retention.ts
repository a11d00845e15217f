import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** What the preview printer writes: `000123-receipt.png` and `000123-receipt.bin`. */
const PREVIEW_FILE = /^\d{6,}-[a-z]+\.(png|bin)$/;
const DAY_MS = 86_400_000;

/**
 * Removes preview files older than `keepDays`. They carry citizens' names, ID numbers and
 * addresses in clear, so they are kept only as long as a clerk may want to look at them; the
 * job itself stays recorded in the database. Only files the preview printer wrote are touched,
 * whatever else an administrator keeps in that folder. A folder that does not exist yet is fine.
 */
export async function prunePreviews(dir: string, keepDays: number, now: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return 0;
  }
  const cutoff = now.getTime() - keepDays * DAY_MS;
  let removed = 0;
  for (const name of names.filter((n) => PREVIEW_FILE.test(n))) {
    const file = join(dir, name);
    try {
      if ((await stat(file)).mtimeMs < cutoff) {
        await unlink(file);
        removed++;
      }
    } catch {
      // Gone already, or not ours to remove: the next start tries again.
    }
  }
  return removed;
}
