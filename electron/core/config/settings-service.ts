import { SettingsSchema, type Settings } from '../../../shared/contract/index.js';
import { appError } from '../errors.js';

/**
 * The settings file behind one interface: electron-store inside Electron, `conf`
 * elsewhere (electron-store is built on it). Both expose the whole object as `store`.
 */
export interface KeyValueStore {
  store: Record<string, unknown>;
}

export class SettingsService {
  constructor(private readonly kv: KeyValueStore) {}

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
    this.kv.store = next as unknown as Record<string, unknown>;
    return next;
  }
}
