import { describe, expect, it } from 'vitest';
import { SESSION_FORGET_AFTER_MS, SessionStore } from '../../electron/core/auth/sessions.js';

const clerk = { id: 1, code: 'gdv01', name: 'Nguyễn Văn A', role: 'clerk' as const };

describe('sessions held in memory', () => {
  it('forgets sessions nobody has used for longer than a shift, and keeps the ones in use', () => {
    const store = new SessionStore();
    const start = new Date('2026-12-01T01:00:00Z');
    const dropped = Array.from({ length: 500 }, () => store.open(clerk, start));
    const inUse = store.open(clerk, start);
    const later = new Date(start.getTime() + SESSION_FORGET_AFTER_MS + 1);
    inUse.lastActivity = new Date(later.getTime() - 60_000);

    const fresh = store.open(clerk, later);

    expect(store.size).toBe(2);
    expect(store.get({ token: dropped[0].token })).toBeUndefined();
    expect(store.get({ token: inUse.token })).toBe(inUse);
    expect(store.get({ token: fresh.token })).toBe(fresh);
  });
});
