import { describe, expect, it } from 'vitest';
import { SettingsService, type KeyValueStore } from '../../electron/core/config/settings-service.js';

/** A store that counts how often the file would be read. */
function countingStore(): KeyValueStore & { reads: number } {
  let data: Record<string, unknown> = {};
  return {
    reads: 0,
    get store() {
      this.reads++;
      return structuredClone(data);
    },
    set store(next) {
      data = structuredClone(next);
    },
  };
}

describe('settings on the hot path', () => {
  it('are read from the file once, not at every call, and no caller can change them in place', () => {
    const kv = countingStore();
    const settings = new SettingsService(kv, null as never, () => new Date(), undefined, null as never);
    for (let i = 0; i < 10; i++) settings.get();
    expect(kv.reads).toBe(1);
    expect(() => {
      (settings.get().counter as { code: string }).code = 'Q99';
    }).toThrow(TypeError);
    expect(settings.get().counter.code).not.toBe('Q99');
  });
});
