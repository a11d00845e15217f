import { randomBytes } from 'node:crypto';
import type { Role } from '../../../shared/contract/index.js';

/** A clerk signed in on one connection (a window's MessagePort, or a browser tab's token). */
export interface Session {
  token: string;
  clerkId: number;
  code: string;
  name: string;
  role: Role;
  locked: boolean;
  lastActivity: Date;
  /** the account's own language, null for the counter's */
  lang: 'vi' | 'en' | null;
}

/**
 * What a transport hands the router with every call. Electron keeps one per MessagePort (sign-in
 * fills it in, a reload makes a new port and so signs out); browser mode builds one per request
 * from the session header, since HTTP has no connection to hang it on.
 */
export interface SessionRef {
  token: string | null;
}

/**
 * A session untouched this long is forgotten: windows closed and tabs dropped never sign out,
 * and a shift is shorter than this, so nobody at work is signed out by it.
 */
export const SESSION_FORGET_AFTER_MS = 16 * 60 * 60_000;

/** Sessions live in memory only: a restart of the core signs everybody out. */
export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  open(clerk: { id: number; code: string; name: string; role: Role; lang?: 'vi' | 'en' | null }, now: Date): Session {
    this.forgetIdle(now);
    const session: Session = { token: randomBytes(32).toString('base64url'), clerkId: clerk.id, code: clerk.code, name: clerk.name, role: clerk.role, locked: false, lastActivity: now, lang: clerk.lang ?? null };
    this.byToken.set(session.token, session);
    return session;
  }

  /** How many sessions are held: a leak shows here first. */
  get size(): number {
    return this.byToken.size;
  }

  get(ref: SessionRef): Session | undefined {
    return ref.token ? this.byToken.get(ref.token) : undefined;
  }

  close(token: string): void {
    this.byToken.delete(token);
  }

  /** A disabled account is signed out everywhere at once. */
  closeClerk(clerkId: number): void {
    for (const [token, s] of this.byToken) if (s.clerkId === clerkId) this.byToken.delete(token);
  }

  private forgetIdle(now: Date): void {
    for (const [token, s] of this.byToken) if (now.getTime() - s.lastActivity.getTime() > SESSION_FORGET_AFTER_MS) this.byToken.delete(token);
  }
}
