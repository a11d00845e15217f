import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { formatDateTime } from '../../../shared/format/vn-time.js';
import { registerNo } from '../../../shared/ids/register-no.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import type { AuditCheck, AuditProblem } from '../../../shared/contract/audit.js';
import { inReadSnapshot, type Data } from '../db/data.js';
import { macMatches } from './chain.js';
import { readCheckpoints } from './checkpoint.js';
import { brokenHeadline, summaryOf, type ChainCheck } from './verify.js';
import { contentMac, eventMac, jobMac, readContents, stateMac, type SealedEvent, type SealedJob, type StoredContent } from './dossier-seals.js';
import { NO_RECORD, readUnsealedRecord, within, type Span, type UnsealedRecord } from './unsealed-record.js';

/**
 * The row check (decision 0066): every dossier's content and state, and its events and print jobs
 * as chains, against their MACs; and every dossier the audit chain says was recorded, still there.
 * Read a page of dossiers at a time, each page with its events and jobs on one snapshot, yielding
 * between pages so intakes go on while a large office is checked.
 */

/**
 * The entries that record dossiers, which must stay unless a retention purge takes them: a new
 * dossier's (an intake, a result-only intake), and a purge's own, which carry forward the dossiers
 * whose entries it removed but which it kept (decision 0066).
 */
const INTAKES = new Set(['dossier.intake', 'returns.resultOnly']);
const RECORDING = new Set([...INTAKES, 'retention.purgeChunk', 'retention.purge']);
/** The one of them written only since the seals: its dossier was sealed at intake. (A result-only intake was recorded long before.) */
const SEALED_AT_INTAKE = 'dossier.intake';

const PAGE = 500;
const ENTRY_PAGE = 2000;

export interface RowCheck {
  /** dossiers whose seals were checked */
  sealed: number;
  /** dossiers written before the seals (migration 040), which carry none */
  beforeSeals: number;
  problems: AuditProblem[];
  /** the dossiers those problems are about, each named once, by id */
  damaged: Msg[];
}

type Chained = { id: number; dossier_id: number; prev_mac: string | null; mac: string | null };
type StoredEvent = Chained & SealedEvent;
type StoredJob = Chained & SealedJob;

interface Page {
  dossiers: (StoredContent & { state: { status: unknown; agency_dossier_code: unknown; register_year: unknown; register_seq: unknown; state_mac: string | null } })[];
  events: StoredEvent[];
  jobs: StoredJob[];
}

const problem = (dossier: number, message: Msg): AuditProblem => ({ kind: 'dossier', entry: dossier, other: null, message });

/** How the words name a dossier: its number here, and its register number and item number when it has them. */
function named(id: number, registerNo: string | null, item: unknown): Msg {
  const extra = [registerNo ? { vi: `số sổ ${registerNo}`, en: `register no. ${registerNo}` } : null, item ? { vi: `số hiệu ${String(item)}`, en: `item ${String(item)}` } : null].filter((x) => x !== null);
  return extra.length === 0 ? msg(`Hồ sơ số ${id}`, `Dossier ${id}`) : msg(`Hồ sơ số ${id} (${extra.map((x) => x.vi).join(', ')})`, `Dossier ${id} (${extra.map((x) => x.en).join(', ')})`);
}

/** The page of dossiers after id `after`; the first page (`after` null) starts at the lowest id, negative ones too. */
async function readPage(data: Data, after: number | null): Promise<Page | null> {
  return inReadSnapshot(data, async (db) => {
    let first = db.selectFrom('dossiers').select('id');
    if (after !== null) first = first.where('id', '>', after);
    const ids = await first.orderBy('id').limit(PAGE).execute();
    if (ids.length === 0) return null;
    const [from, to] = [Number(ids[0]!.id), Number(ids[ids.length - 1]!.id)];
    const contents = await readContents(db, from, to);
    const states = await db.selectFrom('dossiers').select(['id', 'status', 'agency_dossier_code', 'register_year', 'register_seq', 'state_mac']).where('id', '>=', from).where('id', '<=', to).execute();
    const stateOf = new Map(states.map((s) => [Number(s.id), s]));
    const events = await db
      .selectFrom('dossier_events')
      .select(['id', 'dossier_id', 'at', 'type', 'clerk_code', 'clerk_name', 'counter_code', 'data', 'prev_mac', 'mac'])
      .where('dossier_id', '>=', from)
      .where('dossier_id', '<=', to)
      .orderBy('dossier_id')
      .orderBy('id')
      .execute();
    const jobs = await db
      .selectFrom('print_jobs')
      .select(['id', 'dossier_id', 'document', 'copy_label', 'reprint', 'created_at', 'clerk_code', 'clerk_name', 'recipe_id', 'layout_version', 'prev_mac', 'mac'])
      .where('dossier_id', '>=', from)
      .where('dossier_id', '<=', to)
      .execute();
    return {
      dossiers: contents.map((c) => ({ ...c, state: stateOf.get(c.row.id)! })),
      events: events.map((e) => ({ ...e, id: Number(e.id), dossier_id: Number(e.dossier_id) })),
      jobs: jobs.map((j) => ({ ...j, id: Number(j.id), dossier_id: Number(j.dossier_id) })).sort((a, b) => a.id - b.id),
    };
  });
}

const byDossier = <T extends { dossier_id: number }>(rows: T[]): Map<number, T[]> => {
  const out = new Map<number, T[]>();
  for (const r of rows) out.set(r.dossier_id, [...(out.get(r.dossier_id) ?? []), r]);
  return out;
};

const EVENT_WORDS = msg('sự kiện', 'event');
const JOB_WORDS = msg('lệnh in', 'print job');

/** The rows without a MAC a check accepted against the record, table by table. */
interface Unsealed {
  dossiers: number;
  events: number;
  jobs: number;
}

const noMac = (who: Msg, what: Msg, id: number, dossier: number): AuditProblem =>
  problem(dossier, msg(`${who.vi}: ${what.vi} dòng ${id} không có mã xác thực — đã được chèn hoặc sửa ngoài ứng dụng.`, `${who.en}: ${what.en} row ${id} has no MAC — inserted or edited outside the app.`));

/**
 * A dossier's events or print jobs as a chain. Rows before its first sealed one may lack a MAC
 * only if the record of the rows before the seals holds them (`span`, null for a dossier sealed at
 * intake: none of its rows may); after it, each must carry its MAC, match it, and follow the one
 * before. A link to a row further on is a reorder; a link to nothing the dossier holds, a removal.
 * Returns how many rows without a MAC were accepted.
 */
function checkLinks<R extends Chained>(who: Msg, rows: R[], what: Msg, span: Span | null, macOf: (prev: string, r: R) => string, out: AuditProblem[]): number {
  const found = rows.findIndex((r) => r.mac !== null);
  const first = found < 0 ? rows.length : found;
  let accepted = 0;
  for (const r of rows.slice(0, first)) {
    if (span && within(span, r.id)) accepted++;
    else out.push(noMac(who, what, r.id, r.dossier_id));
  }
  let prev = '';
  const macs = new Set(rows.map((r) => r.mac));
  for (const r of rows.slice(first)) {
    const dossier = r.dossier_id;
    if (r.mac === null || r.prev_mac === null) {
      out.push(noMac(who, what, r.id, dossier));
      continue;
    }
    if (!macMatches(macOf(r.prev_mac, r), r.mac)) {
      out.push(problem(dossier, msg(`${who.vi}: ${what.vi} dòng ${r.id} đã bị sửa — mã xác thực không khớp với nội dung.`, `${who.en}: ${what.en} row ${r.id} was altered — its MAC does not match its content.`)));
    } else if (!macMatches(r.prev_mac, prev)) {
      out.push(
        macs.has(r.prev_mac)
          ? problem(dossier, msg(`${who.vi}: thứ tự các ${what.vi} đã bị đổi (dòng ${r.id} không nối tiếp ${what.vi} trước nó).`, `${who.en}: its ${what.en}s were reordered (row ${r.id} does not follow the ${what.en} before it).`))
          : problem(dossier, msg(`${who.vi}: có ${what.vi} trước dòng ${r.id} đã bị xoá.`, `${who.en}: one or more ${what.en}s before row ${r.id} were removed.`)),
      );
    }
    prev = r.mac;
  }
  return accepted;
}

const nameOf = ({ row, state }: Page['dossiers'][number]): Msg =>
  named(row.id, state.register_year !== null && state.register_seq !== null ? registerNo(Number(state.register_year), Number(state.register_seq)) : null, row.item_number);

function checkDossier(key: Buffer, who: Msg, d: Page['dossiers'][number], events: StoredEvent[], jobs: StoredJob[], record: UnsealedRecord, sealedAtIntake: boolean, unsealed: Unsealed, out: AuditProblem[]): 'sealed' | 'before' {
  const { row, state } = d;
  unsealed.events += checkLinks(who, events, EVENT_WORDS, sealedAtIntake ? null : record.events, (prev, e) => eventMac(key, prev, e), out);
  unsealed.jobs += checkLinks(who, jobs, JOB_WORDS, sealedAtIntake ? null : record.jobs, (prev, j) => jobMac(key, prev, j), out);
  if (row.mac === null && state.state_mac === null) return 'before';
  if (row.mac !== null && !macMatches(contentMac(key, row, d.documents, d.fees), row.mac)) {
    out.push(problem(row.id, msg(
      `${who.vi} đã bị sửa ngoài ứng dụng: thông tin công dân, thủ tục, giấy tờ hoặc lệ phí không còn khớp với mã xác thực lúc nhận.`,
      `${who.en} was altered outside the app: the citizen, procedure, documents or fees no longer match the MAC written at intake.`,
    )));
  }
  // As written: the MACs of the last event and print job by row id (a reorder changes which is last).
  const expected = stateMac(key, { id: row.id, mac: row.mac, ...state, event_head: events.at(-1)?.mac ?? null, job_head: jobs.at(-1)?.mac ?? null });
  if (state.state_mac === null || !macMatches(expected, state.state_mac)) {
    out.push(problem(row.id, msg(
      `${who.vi}: trạng thái, số sổ hoặc mã hồ sơ của cơ quan đã bị sửa, hoặc sự kiện hay lệnh in cuối cùng của hồ sơ đã bị xoá (mã xác thực trạng thái không khớp).`,
      `${who.en}: its status, register number or agency code was altered, or its last event or print job was removed (the state MAC does not match).`,
    )));
  }
  return row.mac === null ? 'before' : 'sealed';
}

/**
 * A dossier as an entry records it: its id, the numbers the words name it by, when it was first
 * recorded (its intake's entry: a purge carrying it forward keeps that time, so a later purge past
 * it reads as a purge) and whether it was sealed at intake.
 */
export interface DossierLink {
  dossierId: number;
  registerNo: string | null;
  itemNumber: string | null;
  at: string;
  sealed: boolean;
}

/**
 * The dossiers an entry (written at `at`) records: an intake's, or those a retention purge carried
 * forward because it removed their entries and kept them (`kept`). Entries of other actions record none.
 */
export function linksIn(action: string, detailJson: string, at: string): DossierLink[] {
  if (!RECORDING.has(action)) return [];
  try {
    const d = JSON.parse(detailJson) as { kept?: unknown };
    const intake = INTAKES.has(action);
    const links = (intake ? [d] : Array.isArray(d.kept) ? d.kept : []) as Record<string, unknown>[];
    return links
      .filter((l) => typeof l?.['dossierId'] === 'number')
      .map((l) => ({
        dossierId: l['dossierId'] as number,
        registerNo: typeof l['registerNo'] === 'string' ? l['registerNo'] : null,
        itemNumber: typeof l['itemNumber'] === 'string' ? l['itemNumber'] : null,
        at: !intake && typeof l['at'] === 'string' ? l['at'] : at,
        sealed: intake ? action === SEALED_AT_INTAKE : l['sealed'] === true,
      }));
  } catch {
    // An entry edited into bad JSON is the chain check's to report.
    return [];
  }
}

/** A dossier as the chain records it, by the newest entry naming it (`carried`: a purge's, which kept it). */
type Recorded = DossierLink & { entry: number; carried: boolean };

/**
 * The dossiers the chain recorded, by id. Read before the pages: every dossier an entry names was
 * committed before its entry, so a page read later holds it. A page of entries at a time by the
 * action index, yielding between pages: a large office's log is mostly lookups, and one read of it
 * all would hold the counter's event loop.
 */
async function recordedDossiers(data: Data): Promise<Map<number, Recorded>> {
  const out = new Map<number, Recorded>();
  for (const action of RECORDING) {
    for (let after = 0; ; await yieldToOthers()) {
      const rows = await data.selectFrom('audit_log').select(['id', 'at', 'detail']).where('action', '=', action).where('id', '>', after).where('seq', 'is not', null).orderBy('id').limit(ENTRY_PAGE).execute();
      for (const r of rows) {
        for (const link of linksIn(action, r.detail, r.at)) {
          const known = out.get(link.dossierId);
          // Actions are read one after another: the newest entry names the dossier, whichever action.
          if (!known || known.entry < r.id) out.set(link.dossierId, { ...link, entry: r.id, carried: !INTAKES.has(action), sealed: link.sealed || known?.sealed === true });
          else known.sealed ||= link.sealed;
        }
      }
      if (rows.length < ENTRY_PAGE) break;
      after = rows.at(-1)!.id;
    }
  }
  return out;
}

/** A dossier without a MAC that the record does not hold, in the words of why. */
function unsealedDossier(who: Msg, recorded: Recorded | undefined): Msg {
  return recorded
    ? msg(`${who.vi} đã được niêm phong lúc nhận nhưng nay không còn mã xác thực: đã bị sửa ngoài ứng dụng.`, `${who.en} was sealed at intake but now carries no MAC: it was edited outside the app.`)
    : msg(`${who.vi} không có mã xác thực và không nằm trong số hồ sơ ghi trước khi có niêm phong: đã được chèn hoặc sửa ngoài ứng dụng.`, `${who.en} carries no MAC and is not among the dossiers written before the seals: it was inserted or edited outside the app.`);
}

/** More rows without a MAC than the record held (a purge only ever lowers the number). */
function tooMany(record: UnsealedRecord, unsealed: Unsealed): AuditProblem[] {
  const tables = [
    { found: unsealed.dossiers, held: record.dossiers.count, vi: 'hồ sơ', en: 'dossiers' },
    { found: unsealed.events, held: record.events.count, vi: 'sự kiện', en: 'events' },
    { found: unsealed.jobs, held: record.jobs.count, vi: 'lệnh in', en: 'print jobs' },
  ];
  const when = record.at ? formatDateTime(record.at) : '';
  return tables
    .filter((t) => t.found > t.held)
    .map((t) => ({
      kind: 'dossier' as const,
      entry: 0,
      other: null,
      message: msg(
        `Có ${t.found} ${t.vi} không có mã xác thực, nhưng nhật ký kiểm tra chỉ ghi ${t.held} ${t.vi} như vậy từ trước khi có niêm phong (lúc ${when}): có dòng đã được chèn ngoài ứng dụng.`,
        `${t.found} ${t.en} carry no MAC, but the audit trail recorded only ${t.held} such ${t.en} from before the seals (at ${when}): rows were inserted outside the app.`,
      ),
    }));
}

/** Told after each page: dossiers checked so far, of those there were when the check began. */
export type OnPage = (checked: number, total: number) => void;

export async function verifyDossiers(data: Data, key: Buffer, onPage: OnPage = () => undefined): Promise<RowCheck> {
  const record = (await readUnsealedRecord(data)) ?? NO_RECORD;
  const recorded = await recordedDossiers(data);
  const total = Number((await data.selectFrom('dossiers').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const out: RowCheck = { sealed: 0, beforeSeals: 0, problems: [], damaged: [] };
  const unsealed: Unsealed = { dossiers: 0, events: 0, jobs: 0 };
  const seen = new Set<number>();
  // Ids may be negative (either engine takes one given explicitly): the first page starts at the lowest.
  let after: number | null = null;
  for (let page = await readPage(data, after); page; page = await readPage(data, after)) {
    const events = byDossier(page.events);
    const jobs = byDossier(page.jobs);
    for (const d of page.dossiers) {
      const id = d.row.id;
      seen.add(id);
      const who = nameOf(d);
      const found = out.problems.length;
      const entry = recorded.get(id);
      const sealed = checkDossier(key, who, d, events.get(id) ?? [], jobs.get(id) ?? [], record, entry?.sealed === true, unsealed, out.problems);
      if (sealed === 'sealed') out.sealed++;
      // Only the record says what is from before the seals, not the order of ids: a corrected old
      // dossier is sealed since, and an old result-only one has an entry from before the seals.
      else if (!entry?.sealed && within(record.dossiers, id)) {
        out.beforeSeals++;
        unsealed.dossiers++;
      } else out.problems.push(problem(id, unsealedDossier(who, entry)));
      if (out.problems.length > found) out.damaged.push(who);
    }
    after = page.dossiers.at(-1)!.row.id;
    onPage(seen.size, total);
    await yieldToOthers();
  }
  out.problems.push(...tooMany(record, unsealed));
  // A retention purge that has not finished may have taken a dossier before its entry (decision 0055).
  const done = (await readCheckpoints(data)).filter((c) => c.state === 'done');
  const cutoff = done.reduce((a, c) => (c.cutoff > a ? c.cutoff : a), '');
  const lastRun = Number((await data.selectFrom('audit_log').select((eb) => eb.fn.max('id').as('id')).where('action', '=', 'retention.purgeStarted').executeTakeFirst())?.id ?? 0);
  for (const [id, e] of recorded) {
    // Recorded before the cutoff, a purge may have taken it; one a purge kept and carried forward,
    // only a run started after that purge's entry.
    const purged = e.at < cutoff && (!e.carried || lastRun > e.entry);
    if (seen.has(id) || purged) continue;
    const who = named(id, e.registerNo, e.itemNumber);
    out.damaged.push(who);
    out.problems.push(problem(id, msg(`${who.vi} đã bị xoá khỏi cơ sở dữ liệu: nhật ký kiểm tra ghi đã nhận hồ sơ này lúc ${formatDateTime(e.at)}, nay không còn.`, `${who.en} was deleted from the database: the audit trail records it at ${formatDateTime(e.at)}, and it is gone.`)));
  }
  return out;
}

/** How many dossiers the headline names before "and N more": the list below names every problem. */
const NAMED_IN_HEADLINE = 5;

/** The damaged dossiers, the first few by name. */
function dossiersNamed(damaged: Msg[]): Msg {
  const shown = damaged.slice(0, NAMED_IN_HEADLINE);
  const more = damaged.length - shown.length;
  return msg(
    `${shown.map((w) => w.vi).join('; ')}${more > 0 ? ` và ${more} hồ sơ khác` : ''}`,
    `${shown.map((w) => w.en).join('; ')}${more > 0 ? ` and ${more} more` : ''}`,
  );
}

/**
 * The chain's result with the row check's: one verdict, every problem. A broken chain keeps its
 * words; a sound chain with damaged dossiers says both, so a supervisor does not read a forged
 * entry into an altered dossier.
 */
export function withRows(chain: ChainCheck, rows: RowCheck): AuditCheck {
  const { words, ...check } = chain;
  const problems = [...check.problems, ...rows.problems];
  const dossiers = { sealed: rows.sealed, beforeSeals: rows.beforeSeals };
  if (problems.length > 0) {
    const n = rows.damaged.length;
    const headline =
      words && n > 0
        ? msg(
            `Chuỗi các mục nhật ký nguyên vẹn: ${words.vi} Nhưng ${n} hồ sơ đã bị sửa hoặc xoá ngoài ứng dụng: ${dossiersNamed(rows.damaged).vi}.`,
            `The chain of audit entries is intact: ${words.en} But ${n} dossier${n === 1 ? ' was' : 's were'} altered or deleted outside the app: ${dossiersNamed(rows.damaged).en}.`,
          )
        : brokenHeadline(problems.length);
    return { ...check, intact: false, problems, dossiers, headline, summary: summaryOf(headline, problems) };
  }
  const old = rows.beforeSeals > 0 ? msg(` ${rows.beforeSeals} hồ sơ ghi trước khi có niêm phong không có mã xác thực.`, ` ${rows.beforeSeals} dossiers written before the seals carry no MAC.`) : msg('', '');
  // An office with no dossier yet reads as the chain alone.
  const sealed = rows.sealed > 0 ? msg(` ${rows.sealed} hồ sơ khớp mã xác thực (nội dung, trạng thái, sự kiện, lệnh in).`, ` ${rows.sealed} dossiers match their MACs (content, state, events, print jobs).`) : msg('', '');
  const headline = msg(`${check.headline.vi}${sealed.vi}${old.vi}`, `${check.headline.en}${sealed.en}${old.en}`);
  return { ...check, dossiers, headline, summary: headline };
}
