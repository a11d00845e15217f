import { SettingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract/index.js';
import { AppError, appError } from '../errors.js';
import type { Msg } from '../../../shared/i18n/msg.js';
import type { Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';

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

export class SettingsService {
  /**
   * Read once and kept: the store re-reads and the schema re-parses the whole file on every
   * access (about 20 µs), and an intake asks several times. Only `update` writes the file while
   * the core runs, and it replaces this. Frozen, so no caller can change it in place.
   */
  private current: Settings | null = null;

  constructor(
    private readonly kv: KeyValueStore,
    private readonly audit: AuditRepository,
    private readonly now: () => Date,
    /** checks that need more than the schema (paths against the data folder) */
    private readonly problemsOf: (next: Settings) => (Msg & { field: string })[] = () => [],
  ) {}

  /** A file edited by hand into something invalid falls back to defaults, field by field where possible. */
  get(): Settings {
    return (this.current ??= deepFreeze(this.read()));
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
   * Changes what the patch names and nothing else. The change and its audit row are written
   * together or not at all: the audit row is inserted in an open write transaction, the file is
   * written before it commits, and a failed commit puts the previous file back.
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
    const previousFile = this.kv.store;
    let fileWritten = false;
    try {
      await this.audit.inTransaction(async (tx) => {
        await this.audit.in(tx).record(this.now(), 'settings.update', actor, { changed, after: Object.fromEntries(changed.map((k) => [k, next[k]])) });
        this.kv.store = next as unknown as Record<string, unknown>;
        fileWritten = true;
      });
    } catch (error) {
      if (fileWritten) this.kv.store = previousFile;
      throw error;
    }
    this.current = deepFreeze(next);
    return next;
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
