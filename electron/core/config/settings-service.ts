import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract/index.js';
import { AppError, appError } from '../errors.js';
import { msg, type Msg } from '../../../shared/i18n/msg.js';
import { actorFor, SYSTEM_CLERK, type Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { OfficeSettingsRepository } from './office-settings-repository.js';
import type { MovedMarker } from '../office-move/moved-marker.js';
import { refuseOtherServer } from '../office-move/switch-after-move.js';
import { COUNTER_KEYS, counterOfRangeRow, counterPartOf, keyOfRow, officeKeysIn, officeRowsOf, overlapping, rangeRowOf, rangesIn, withOfficeRows, type S10Range } from './office-wide.js';

/**
 * The settings file behind one interface: electron-store inside Electron, `conf`
 * elsewhere (electron-store is built on it). Both expose the whole object as `store`.
 */
export interface KeyValueStore {
  store: Record<string, unknown>;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies a patch: named keys replace, nested sections merge key by key, arrays are replaced whole. */
export function mergePatch<T>(base: T, patch: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) out[key] = mergePatch(out[key], value);
  }
  return out as T;
}

/**
 * This counter's settings: its own (language, counter code, devices, the office server's address)
 * from its settings file, the office's (decision 0038) from the database every counter of the
 * office shares. Callers see one `Settings` and need not know which is which.
 */
export class SettingsService {
  /**
   * Read once and kept: the store re-reads and the schema re-parses the whole file on every
   * access (about 20 µs), and an intake asks several times. Only `update` writes the file while
   * the core runs, and it replaces this. Frozen, so no caller can change it in place.
   */
  private current: Settings | null = null;
  private file: Settings | null = null;
  /** the office-wide rows as last read, and the mark they were read at; null until `load` */
  private rows: ReadonlyMap<string, string> | null = null;
  private mark = '';

  constructor(
    private readonly kv: KeyValueStore,
    private readonly audit: AuditRepository,
    private readonly now: () => Date,
    /** checks that need more than the schema (paths against the data folder) */
    private readonly problemsOf: (next: Settings) => (Msg & { field: string })[] = () => [],
    private readonly office: OfficeSettingsRepository,
  ) {}

  /**
   * Until `load` has read the office's rows (the office server may not answer yet), the file's
   * values stand in for them. A file edited by hand into something invalid falls back to
   * defaults, field by field where possible.
   */
  get(): Settings {
    this.file ??= this.read();
    return (this.current ??= deepFreeze(this.rows ? withOfficeRows(this.file, this.rows) : this.file));
  }

  private read(): Settings {
    const parsed = SettingsSchema.safeParse(this.kv.store);
    if (parsed.success) return parsed.data;
    const fallback = SettingsSchema.parse({});
    for (const key of Object.keys(fallback) as (keyof Settings)[]) {
      const one = SettingsSchema.shape[key].safeParse(this.kv.store[key]);
      if (one.success) (fallback as Record<string, unknown>)[key] = one.data;
    }
    return fallback;
  }

  /**
   * At start, once the data answer: office-wide values a settings file still holds (written
   * before they moved to the database) are carried into rows the office does not have yet,
   * audited, in one transaction; then the file keeps only this counter's own. On an office
   * server the first counter to start brings them; the others' copies give way to the office's.
   */
  async load(): Promise<void> {
    const raw = this.kv.store;
    const stale = officeKeysIn(raw);
    if (stale.length > 0) {
      const fromFile = officeRowsOf(this.get());
      await this.audit.inTransaction(async (tx) => {
        const repo = this.office.in(tx);
        await repo.lock();
        const have = await repo.all();
        const carried = new Map([...fromFile].filter(([name]) => !have.has(name) && stale.includes(keyOfRow(name))));
        // Checked as a save is: two counters' old files may hold the same range (decision 0056).
        const range = rangeRowOf(this.get().counter.code);
        const clash = carried.has(range) ? overlapping(this.get().s10, this.get().counter.code, rangesIn(have)) : null;
        if (clash) {
          carried.delete(range);
          console.warn(`[settings] item number range not carried: it overlaps counter ${clash[0]}'s; an administrator sets this counter's own`);
        }
        if (carried.size === 0) return;
        await repo.write(carried, [], this.now(), 'system');
        await this.audit.in(tx).record(this.now(), 'settings.carried', actorFor(SYSTEM_CLERK, this.get()), { rows: [...carried.keys()] });
      });
      this.kv.store = Object.fromEntries(Object.entries(raw).filter(([k]) => !stale.includes(k)));
    }
    await this.refresh(true);
  }

  /**
   * Before each call: another counter may have changed the office's rows. One cheap aggregate
   * (`mark`) tells; the rows are read again only when it moved.
   */
  async refresh(force = false): Promise<void> {
    if (!force && this.rows === null) return;
    const mark = await this.office.mark();
    if (!force && mark === this.mark) return;
    const rows = await this.office.all();
    this.rows = rows;
    this.mark = mark;
    this.current = null;
  }

  /**
   * On an office server a counter draws item numbers only from a range saved as its own, so two
   * counters never hand out the same one (decision 0056). A counter with none takes the range it
   * works with (the default, for a counter never set) as its own, under the settings lock, when
   * no other counter's range shares a number with it; otherwise it is refused in words telling
   * the administrator to set one. Once the row is there this costs nothing: the rows are cached.
   */
  async ownRange(actor: Actor): Promise<void> {
    const s = this.get();
    const name = rangeRowOf(s.counter.code);
    if (this.rows?.has(name)) return;
    await this.audit.inTransaction(async (tx) => {
      const repo = this.office.in(tx);
      await repo.lock();
      const rows = await repo.all();
      if (rows.has(name)) return;
      const clash = overlapping(s.s10, s.counter.code, rangesIn(rows));
      if (clash) throw noRangeOfItsOwn(s, clash);
      await repo.write(new Map([[name, officeRowsOf(s).get(name)!]]), [], this.now(), actor.clerkCode);
      await this.audit.in(tx).record(this.now(), 'settings.rangeTaken', actor, { counter: s.counter.code, range: rangeText(s.s10) });
    });
    await this.refresh(true);
  }

  /**
   * Changes what the patch names and nothing else. The change and its audit row are written
   * together or not at all: the office's rows and the audit row in one write transaction, the
   * file written before it commits, and a failed commit puts the previous file back.
   */
  async update(patch: SettingsPatch, actor: Actor): Promise<Settings> {
    const before = this.get();
    const next = SettingsSchema.parse(mergePatch(before, patch));
    if (next.s10.first > next.s10.last) {
      throw appError(
        'SETTINGS_S10_RANGE',
        'Dải số hiệu bưu gửi không hợp lệ: số đầu lớn hơn số cuối.',
        'The item number range is not valid: the first number is above the last.',
        { field: 's10' },
      );
    }
    const problems = this.problemsOf(next);
    if (problems.length > 0) throw new AppError('SETTINGS_INVALID', problems[0]!, { field: problems[0]!.field, problems });
    const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
    if (changed.length === 0) return next;
    const [rowsBefore, rowsNext] = [officeRowsOf(before), officeRowsOf(next)];
    const written = new Map([...rowsNext].filter(([name, value]) => rowsBefore.get(name) !== value));
    // A counter given a new code takes its range with it.
    const removed = [...rowsBefore.keys()].filter((name) => !rowsNext.has(name) && this.rows?.has(name));
    const fileChanged = changed.some((k) => (COUNTER_KEYS as readonly string[]).includes(k));
    const previousFile = this.kv.store;
    let fileWritten = false;
    try {
      await this.audit.inTransaction(async (tx) => {
        if (written.size > 0 || removed.length > 0) {
          const repo = this.office.in(tx);
          await repo.lock();
          if (written.has(rangeRowOf(next.counter.code))) refuseOverlap(next, rangesIn(await repo.all()), removed);
          await repo.write(written, removed, this.now(), actor.clerkCode);
        }
        await this.audit.in(tx).record(this.now(), 'settings.update', actor, { changed, after: Object.fromEntries(changed.map((k) => [k, next[k]])) });
        if (fileChanged) {
          this.kv.store = counterPartOf(next);
          fileWritten = true;
        }
      });
    } catch (error) {
      if (fileWritten) this.kv.store = previousFile;
      throw error;
    }
    this.file = SettingsSchema.parse({ ...this.file, ...counterPartOf(next) });
    await this.refresh(true);
    return this.get();
  }

  /**
   * On a counter whose data moved (decision 0064) only the office server section is saved, to
   * this counter's file alone: the moved database takes no rows, the audit row included, so the
   * change is logged. The router lets no other section through; this checks it again. Only the
   * server the data moved to is turned on.
   */
  async switchAfterMove(patch: SettingsPatch, actor: Actor, moved: MovedMarker): Promise<Settings> {
    const next = SettingsSchema.parse(mergePatch(this.get(), { officeServer: patch.officeServer }));
    if (Object.keys(patch).some((k) => k !== 'officeServer')) throw new Error('only the office server section is saved on a moved counter');
    refuseOtherServer(moved, next.officeServer);
    // The rest of the file as it is: an old file's office-wide values were never carried here.
    this.kv.store = { ...this.kv.store, officeServer: next.officeServer };
    this.file = SettingsSchema.parse({ ...this.file, officeServer: next.officeServer });
    this.current = null;
    console.log(`[settings] ${actor.clerkCode} set the office server on a counter whose data moved: ${JSON.stringify(next.officeServer)}`);
    return this.get();
  }
}

const rangeText = (r: S10Range) => `${r.service} ${r.first}–${r.last}`;

/** Two counters drawing from one range would print the same item number on two envelopes. */
function refuseOverlap(next: Settings, ranges: Map<string, S10Range>, removed: readonly string[]): void {
  for (const name of removed) ranges.delete(counterOfRangeRow(name)!);
  const clash = overlapping(next.s10, next.counter.code, ranges);
  if (!clash) return;
  const [counter, r] = clash;
  const [mine, theirs] = [rangeText(next.s10), rangeText(r)];
  throw appError(
    'SETTINGS_S10_OVERLAP',
    `Dải số hiệu bưu gửi ${mine} trùng với dải của quầy ${counter} (${theirs}). Chọn dải khác cho quầy này.`,
    `The item number range ${mine} overlaps counter ${counter}'s (${theirs}). Choose another range for this counter.`,
    { field: 's10' },
  );
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** A counter of an office with no range of its own, whose would share numbers with another's. */
function noRangeOfItsOwn(s: Settings, [counter, r]: [string, S10Range]): AppError {
  const [mine, theirs] = [rangeText(s.s10), rangeText(r)];
  return appError(
    'S10_RANGE_NOT_OWN',
    `Quầy ${s.counter.code} chưa có dải số hiệu bưu gửi riêng: dải ${mine} trùng với dải của quầy ${counter} (${theirs}), nên hai quầy có thể cấp trùng một số. Quản trị viên đặt cho quầy này một dải riêng trong Cài đặt → Ký hiệu bưu gửi S10. Trong lúc chờ, quét hoặc gõ số hiệu trên nhãn có sẵn.`,
    `Counter ${s.counter.code} has no item number range of its own: the range ${mine} overlaps counter ${counter}'s (${theirs}), so both could hand out the same number. An administrator sets this counter's own range in Settings → S10 item numbers. Meanwhile, scan or type the number on a ready label.`,
    // The whole of it above the form; at the narrow item number field, what the clerk does now (decision 0064).
    { field: 'itemNumber', problems: [{ field: 'itemNumber', ...msg('Quầy chưa có dải số riêng: quét hoặc gõ số hiệu trên nhãn.', "No range of this counter's own: scan or type the label's number.") }], status: 'CONFLICT' },
  );
}
