import { foldVi, foldedWords } from '../../../shared/text/fold.js';
import type { Procedure } from '../../../shared/contract/index.js';

interface Entry {
  procedure: Procedure;
  code: string;
  name: string;
  words: string[];
  initials: string;
}

/**
 * In-memory search over the current catalogue (300–2,000 rows, rebuilt on import).
 * Every query word must match the name (word prefix, then substring), the name's
 * initials ("gplx" → "giấy phép lái xe") or the code; scores rank the best first.
 */
export class ProcedureIndex {
  private readonly entries: Entry[];

  constructor(procedures: Procedure[]) {
    this.entries = procedures.map((p) => {
      const words = foldedWords(p.name);
      return {
        procedure: p,
        code: p.code.toLowerCase(),
        name: words.join(' '),
        words,
        initials: words.map((w) => w[0]).join(''),
      };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  search(query: string, limit = 10, filter: (p: Procedure) => boolean = () => true): Procedure[] {
    const q = foldVi(query);
    const terms = q.split(' ').filter(Boolean);
    if (terms.length === 0) return [];
    const scored: { entry: Entry; score: number }[] = [];
    for (const entry of this.entries) {
      if (!filter(entry.procedure)) continue;
      let score = 0;
      for (const term of terms) {
        const s = termScore(entry, term);
        if (s === 0) {
          score = 0;
          break;
        }
        score += s;
      }
      if (score === 0) continue;
      if (entry.name.startsWith(q)) score += 8;
      else if (entry.name.includes(q)) score += 4;
      scored.push({ entry, score: score - entry.words.length * 0.01 });
    }
    scored.sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name));
    return scored.slice(0, limit).map((s) => s.entry.procedure);
  }
}

function termScore(e: Entry, term: string): number {
  if (e.code === term) return 20;
  if (e.code.startsWith(term) && /[\d.]/.test(term)) return 10;
  let best = 0;
  for (const w of e.words) {
    if (w === term) return 3;
    if (w.startsWith(term)) best = Math.max(best, 2);
  }
  if (best) return best;
  if (term.length >= 2 && e.initials.includes(term)) return 2.5;
  if (term.length >= 3 && e.name.includes(term)) return 1;
  if (term.length >= 3 && e.code.includes(term)) return 1;
  return 0;
}
