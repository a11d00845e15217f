import { SettingsSchema, type Settings } from '../../../shared/contract/index.js';
import { appError } from '../errors.js';
import { actorOf } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';

/**
 * The settings file behind one interface: electron-store inside Electron, `conf`
 * elsewhere (electron-store is built on it). Both expose the whole object as `store`.
 */
export interface KeyValueStore {
  store: Record<string, unknown>;
}

export class SettingsService {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly audit: AuditRepository,
    private readonly now: () => Date,
  ) {}

  /** A file edited by hand into something invalid falls back to defaults, field by field where possible. */
  get(): Settings {
    const parsed = SettingsSchema.safeParse(this.kv.store);
    if (parsed.success) return parsed.data;
    const fallback = SettingsSchema.parse({});
    for (const key of Object.keys(fallback) as (keyof Settings)[]) {
      const one = SettingsSchema.shape[key].safeParse(this.kv.store[key]);
      if (one.success) (fallback as Record<string, unknown>)[key] = one.data;
    }
    return fallback;
  }

  update(patch: Partial<Settings>): Settings {
    const next = SettingsSchema.parse({ ...this.get(), ...patch });
    if (next.s10.first > next.s10.last) {
      throw appError(
        'SETTINGS_S10_RANGE',
        'Dải số hiệu bưu gửi không hợp lệ: số đầu lớn hơn số cuối.',
        'The item number range is not valid: the first number is above the last.',
        { field: 's10' },
      );
    }
    const before = this.get();
    this.kv.store = next as unknown as Record<string, unknown>;
    // Recorded under the clerk who made the change (the one signed in before it).
    const changed = (Object.keys(next) as (keyof Settings)[]).filter((k) => JSON.stringify(next[k]) !== JSON.stringify(before[k]));
    if (changed.length > 0) this.audit.record(this.now(), 'settings.update', actorOf(before), { changed, after: Object.fromEntries(changed.map((k) => [k, next[k]])) });
    return next;
  }
}
