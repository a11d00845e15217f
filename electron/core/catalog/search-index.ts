import { markedWords } from '../../../shared/text/fold.js';
import type { Procedure } from '../../../shared/contract/index.js';

interface Entry {
  procedure: Procedure;
  code: string;
  name: string;
  initials: string;
  /** ids into the index's vocabulary, one per word of the name */
  words: Uint32Array;
  /** the same words with their marks, lower case */
  marked: string[];
}

/**
 * In-memory search over the current catalogue (300–2,000 rows, rebuilt on import).
 * Every query word must match a word of the name (whole word, word prefix, then inside a
 * word), the name's initials ("gplx" → "giấy phép lái xe") or the code; scores rank the
 * best first. Query words are matched once against the vocabulary (a few thousand words),
 * so each entry costs only array lookups; entries are kept in name order so equal scores
 * need no string comparison at query time.
 */
export class ProcedureIndex {
  private readonly entries: Entry[];
  private readonly vocabulary: string[] = [];
  /** vocabulary ids in word order, for prefix ranges by binary search */
  private readonly sorted: number[];
  /** three-letter pieces → ids of the words containing them, for matches inside a word */
  private readonly trigrams = new Map<string, number[]>();
  /** word id → positions (in `entries`) of the names that contain it */
  private readonly postings: number[][] = [];
  /** pieces of a name's initials ("gplx", "dgp"…) → positions of the names */
  private readonly initialPieces = new Map<string, number[]>();

  constructor(procedures: Procedure[]) {
    const ids = new Map<string, number>();
    const idOf = (w: string) => {
      let id = ids.get(w);
      if (id === undefined) {
        id = this.vocabulary.push(w) - 1;
        ids.set(w, id);
      }
      return id;
    };
    this.entries = procedures
      .map((p) => {
        const { marked, folded: words } = markedWords(p.name);
        return {
          procedure: p,
          code: p.code.toLowerCase(),
          name: words.join(' '),
          initials: words.map((w) => w[0]).join(''),
          words: Uint32Array.from(words, idOf),
          marked,
        };
      })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.sorted = this.vocabulary.map((_, i) => i).sort((a, b) => (this.vocabulary[a]! < this.vocabulary[b]! ? -1 : 1));
    this.entries.forEach((e, at) => {
      for (const id of new Set(e.words)) (this.postings[id] ??= []).push(at);
      for (const piece of pieces(e.initials, 2, 8)) {
        const list = this.initialPieces.get(piece);
        if (list) list.push(at);
        else this.initialPieces.set(piece, [at]);
      }
    });
    this.vocabulary.forEach((w, id) => {
      for (const g of new Set(Array.from({ length: Math.max(0, w.length - 2) }, (_, i) => w.slice(i, i + 3)))) {
        const list = this.trigrams.get(g);
        if (list) list.push(id);
        else this.trigrams.set(g, [id]);
      }
    });
  }

  get size(): number {
    return this.entries.length;
  }

  search(query: string, limit = 10, filter: (p: Procedure) => boolean = () => true): Procedure[] {
    const typed = markedWords(query);
    const q = typed.folded.join(' ');
    const terms = typed.folded.map((t, i) => this.term(t, typed.marked[i] !== t ? typed.marked[i]! : null));
    const wholeWords = `${q} `;
    const marksTyped = terms.some((t) => t.marked !== null);
    if (terms.length === 0 || limit <= 0) return [];
    // Only names the most selective term can match are scored at all.
    const candidates = this.candidates(terms.reduce((a, b) => (this.estimate(b) < this.estimate(a) ? b : a)));
    // Top-k kept sorted by score; ties keep name order because entries are scanned in it.
    const top: { entry: Entry; score: number }[] = [];
    for (let pos = 0; pos < this.entries.length; pos++) {
      if (candidates[pos] === 0) continue;
      const entry = this.entries[pos]!;
      let score = 0;
      for (const term of terms) {
        const s = termScore(entry, term);
        if (s === 0) {
          score = 0;
          break;
        }
        score += s;
      }
      if (score === 0 || !filter(entry.procedure)) continue;
      // A name that starts with the query's words ranks first; one that merely starts with the
      // letters of a single word does not, or "xe" would put every "xét…" above "đăng ký xe".
      const atStart = !marksTyped || marksAgreeAtStart(entry, terms);
      if (atStart && (entry.name === q || entry.name.startsWith(wholeWords))) score += 8;
      else if (atStart && terms.length > 1 && entry.name.startsWith(q)) score += 6;
      else if (terms.length > 1 && entry.name.includes(q)) score += 4;
      score -= entry.words.length * 0.01;
      if (top.length === limit && score <= top[top.length - 1]!.score) continue;
      let at = top.length;
      while (at > 0 && top[at - 1]!.score < score) at--;
      top.splice(at, 0, { entry, score });
      if (top.length > limit) top.pop();
    }
    return top.map((t) => t.entry.procedure);
  }

  /** At most how many names a term can match, without building the set. */
  private estimate(t: Term): number {
    let n = t.codeLike ? this.entries.length : 0;
    for (const id of t.matched) n += this.postings[id]?.length ?? 0;
    return n + (this.initialPieces.get(t.text)?.length ?? 0);
  }

  /** Every name a term could match: by a word, by its initials, or (for digits) by its code. */
  private candidates(t: Term): Uint8Array {
    const marks = new Uint8Array(this.entries.length);
    for (const id of t.matched) for (const at of this.postings[id] ?? []) marks[at] = 1;
    if (t.text.length >= 2) for (const at of this.initialPieces.get(t.text) ?? []) marks[at] = 1;
    if (t.codeLike) this.entries.forEach((e, at) => e.code.includes(t.text) && (marks[at] = 1));
    return marks;
  }

  /** How well the term matches each vocabulary word: 3 whole word, 2 prefix, 1 inside. */
  private term(text: string, marked: string | null): Term {
    const byWord = new Float32Array(this.vocabulary.length);
    const matched: number[] = [];
    if (text.length >= 3) {
      for (const id of this.trigrams.get(text.slice(0, 3)) ?? []) {
        if (this.vocabulary[id]!.includes(text)) {
          byWord[id] = 1;
          matched.push(id);
        }
      }
    }
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocabulary[this.sorted[mid]!]! < text) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.sorted.length; i++) {
      const id = this.sorted[i]!;
      const w = this.vocabulary[id]!;
      if (!w.startsWith(text)) break;
      if (byWord[id] === 0) matched.push(id);
      byWord[id] = w === text ? 3 : 2;
    }
    return { text, marked, byWord, matched, codeLike: /\d/.test(text) };
  }
}

interface Term {
  text: string;
  /** the word as typed, when the clerk typed marks ("thuốc"); null when typed without */
  marked: string | null;
  byWord: Float32Array;
  /** ids of the vocabulary words with a score above 0 */
  matched: number[];
  codeLike: boolean;
}

function termScore(e: Entry, t: Term): number {
  if (t.codeLike) {
    if (e.code === t.text) return 20;
    if (e.code.startsWith(t.text)) return 10;
  }
  let best = 0;
  for (let i = 0; i < e.words.length; i++) best = Math.max(best, t.byWord[e.words[i]!]!);
  // Marks the clerk did type are meant: "thuốc" ranks names with "thuốc" above those with "thuộc".
  if (best > 0 && t.marked !== null && e.marked.some((w) => w.startsWith(t.marked!))) best += 1;
  if (best >= 2) return best;
  if (t.text.length >= 2 && e.initials.includes(t.text)) return 2.5;
  if (best > 0) return best;
  return t.codeLike && t.text.length >= 3 && e.code.includes(t.text) ? 1 : 0;
}

/** Where the name starts with the query, its first words carry the marks the clerk typed. */
function marksAgreeAtStart(e: Entry, terms: Term[]): boolean {
  return terms.every((t, i) => t.marked === null || (e.marked[i] ?? '').startsWith(t.marked));
}

/** Every substring of `text` with a length from `min` to `max`. */
function pieces(text: string, min: number, max: number): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) for (let n = min; n <= max && i + n <= text.length; n++) out.add(text.slice(i, i + n));
  return out;
}
