import type { Account, Role, Settings } from '../../../shared/contract/index.js';
import { appError } from '../errors.js';
import { actorFor, type Actor } from '../system/actor.js';
import type { AuditRepository } from '../system/audit-repository.js';
import type { AccountRepository, AccountRow } from './account-repository.js';
import { atLeast, forbidden, notSignedIn, sessionLocked, type Rule } from './permissions.js';
import { DECOY_HASH, hashSecret, verifySecret } from './secrets.js';
import { SessionStore, type Session, type SessionRef } from './sessions.js';

/** Wrong secrets allowed before each further try has to wait. */
const FREE_ATTEMPTS = 3;
const FIRST_DELAY_MS = 30_000;
const MAX_DELAY_MS = 15 * 60_000;

/** 30 s after the 3rd failure, then 60 s, 120 s, … up to 15 minutes. */
export const lockoutDelayMs = (failures: number): number =>
  failures < FREE_ATTEMPTS ? 0 : Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** (failures - FREE_ATTEMPTS));

const wrongSecret = () =>
  appError('SIGN_IN_FAILED', 'Sai mã giao dịch viên hoặc mật khẩu.', 'Wrong clerk code or password.', { status: 'UNAUTHORIZED', field: 'secret' });

const setupDone = () => appError('SETUP_DONE', 'Đã có tài khoản quản trị; hãy đăng nhập.', 'An administrator account exists already; sign in.', { status: 'CONFLICT' });

const toAccount = (a: AccountRow): Account => ({ code: a.code, name: a.name, role: a.role, disabled: a.disabled, createdAt: a.createdAt });

export interface AuthDeps {
  accounts: AccountRepository;
  audit: AuditRepository;
  settings: () => Settings;
  now: () => Date;
  /** a damaged database is open for reading: sign-in works, but nothing is recorded */
  readOnly: boolean;
  /** kept across the switch into and out of training, so the clerk stays signed in (decision 0045) */
  sessions?: SessionStore;
}

/**
 * Accounts, sign-in and the sessions on each connection, and the check every call passes
 * through. Each sign-in, failure, lock and refusal is an audit_log entry.
 */
export class AuthService {
  private readonly sessions: SessionStore;

  constructor(private readonly deps: AuthDeps) {
    this.sessions = deps.sessions ?? new SessionStore();
  }

  async needsSetup(): Promise<boolean> {
    return (await this.deps.accounts.count()) === 0;
  }

  session(ref: SessionRef): Session | undefined {
    return this.sessions.get(ref);
  }

  actor(session: { code: string; name: string }): Actor {
    return actorFor(session, this.deps.settings());
  }

  /**
   * Lets a call through or refuses it in words, recording the refusal. A session quiet for longer
   * than the idle limit is locked first, whatever the page did; any other call is activity.
   */
  async authorise(path: string, rule: Rule | undefined, ref: SessionRef): Promise<Session | null> {
    const session = this.sessions.get(ref) ?? null;
    const now = this.deps.now();
    if (session) await this.lockIfIdle(session, now);
    if (rule?.need === 'public') return session;
    const refusal = !rule ? forbidden('admin') : !session ? notSignedIn() : session.locked ? sessionLocked() : !atLeast(session.role, rule.need) ? forbidden(rule.need) : null;
    if (refusal) {
      await this.record('access.denied', session, { procedure: path, need: rule?.need ?? null, reason: refusal.data.code });
      throw refusal;
    }
    session!.lastActivity = now;
    return session;
  }

  /**
   * Whether live events may still reach this connection: signed in and not locked. Receiving
   * events is not activity, so it never keeps a counter from locking itself.
   */
  async mayWatch(ref: SessionRef): Promise<boolean> {
    const session = this.sessions.get(ref);
    if (!session) return false;
    await this.lockIfIdle(session, this.deps.now());
    return !session.locked;
  }

  private async lockIfIdle(session: Session, now: Date): Promise<void> {
    if (session.locked || now.getTime() - session.lastActivity.getTime() <= this.deps.settings().security.idleLockMinutes * 60_000) return;
    session.locked = true;
    await this.record('session.idleLock', session, {});
  }

  /** First start: the administrator is created and signed in; once any account exists this is refused. */
  async setup(input: { clerkCode: string; clerkName: string; secret: string }, ref: SessionRef): Promise<Session> {
    if (!(await this.needsSetup())) throw setupDone();
    const secretHash = await hashSecret(input.secret);
    const id = await this.deps.audit.inTransaction(async (tx) => {
      // Checked again inside the write: two setup screens cannot both create an administrator.
      if ((await this.deps.accounts.in(tx).count()) > 0) throw setupDone();
      const newId = await this.deps.accounts.in(tx).insert({ code: input.clerkCode, name: input.clerkName, role: 'admin', secretHash }, this.deps.now());
      await this.deps.audit.in(tx).record(this.deps.now(), 'accounts.setup', this.actor({ code: input.clerkCode, name: input.clerkName }), { code: input.clerkCode, role: 'admin' });
      return newId;
    });
    return this.start((await this.deps.accounts.byId(id))!, ref);
  }

  /** Signs in on this connection; whoever was signed in on it is signed out (switching clerk). */
  async signIn(code: string, secret: string, ref: SessionRef): Promise<Session> {
    const account = await this.check(code, secret);
    const previous = this.sessions.get(ref);
    if (previous) {
      this.sessions.close(previous.token);
      await this.record('session.signOut', previous, { switchedTo: account.code });
    }
    return this.start(account, ref);
  }

  async lock(session: Session): Promise<void> {
    session.locked = true;
    await this.record('session.lock', session, {});
  }

  /**
   * Unlocks the counter as it was (the form on screen stays) for the clerk who locked it, or for
   * a supervisor or administrator, who then holds the session: their writes are theirs.
   */
  async unlock(code: string, secret: string, ref: SessionRef): Promise<Session> {
    const session = this.sessions.get(ref);
    if (!session) throw notSignedIn();
    const account = await this.check(code, secret);
    if (account.id !== session.clerkId && !atLeast(account.role, 'supervisor')) {
      await this.record('access.denied', session, { procedure: 'session.unlock', by: account.code, reason: 'NOT_SAME_CLERK' });
      throw appError(
        'UNLOCK_OTHER_CLERK',
        `Chỉ ${session.name} hoặc kiểm soát viên mở khoá được. Người khác muốn làm việc thì bấm "Đổi giao dịch viên".`,
        `Only ${session.name} or a supervisor can unlock. Anyone else should press "Switch clerk".`,
        { status: 'FORBIDDEN', field: 'clerkCode' },
      );
    }
    if (account.id !== session.clerkId) {
      await this.record('session.unlock', session, { by: account.code, role: account.role });
      Object.assign(session, { clerkId: account.id, code: account.code, name: account.name, role: account.role, lang: account.lang });
    } else {
      await this.record('session.unlock', session, {});
    }
    session.locked = false;
    session.lastActivity = this.deps.now();
    return session;
  }

  /** The signed-in clerk's own language, kept with the account and applied at each sign-in. */
  async setLang(session: Session, lang: 'vi' | 'en'): Promise<{ lang: 'vi' | 'en' }> {
    await this.deps.accounts.setLang(session.clerkId, lang);
    session.lang = lang;
    return { lang };
  }

  async signOut(ref: SessionRef): Promise<void> {
    const session = this.sessions.get(ref);
    if (!session) return;
    this.sessions.close(session.token);
    ref.token = null;
    await this.record('session.signOut', session, {});
  }

  async list(): Promise<Account[]> {
    return (await this.deps.accounts.all()).map(toAccount);
  }

  /** A supervisor creates clerks; only an administrator creates supervisors and administrators. */
  async create(by: Session, input: { clerkCode: string; clerkName: string; role: Role; secret: string }): Promise<Account> {
    if (input.role !== 'clerk' && !atLeast(by.role, 'admin')) {
      await this.record('access.denied', by, { procedure: 'accounts.create', role: input.role, reason: 'FORBIDDEN' });
      throw forbidden('admin');
    }
    if (await this.deps.accounts.byCode(input.clerkCode)) {
      throw appError('ACCOUNT_EXISTS', `Mã ${input.clerkCode} đã có người dùng.`, `The code ${input.clerkCode} is taken.`, { status: 'CONFLICT', field: 'clerkCode' });
    }
    const secretHash = await hashSecret(input.secret);
    const id = await this.deps.audit.inTransaction(async (tx) => {
      const newId = await this.deps.accounts.in(tx).insert({ code: input.clerkCode, name: input.clerkName, role: input.role, secretHash }, this.deps.now());
      await this.deps.audit.in(tx).record(this.deps.now(), 'accounts.create', this.actor(by), { code: input.clerkCode, name: input.clerkName, role: input.role });
      return newId;
    });
    return toAccount((await this.deps.accounts.byId(id))!);
  }

  async resetSecret(by: Session, code: string, secret: string): Promise<Account> {
    const account = await this.manageable(by, code, 'accounts.resetSecret');
    const secretHash = await hashSecret(secret);
    await this.deps.audit.inTransaction(async (tx) => {
      await this.deps.accounts.in(tx).setSecret(account.id, secretHash);
      await this.deps.audit.in(tx).record(this.deps.now(), 'accounts.resetSecret', this.actor(by), { code: account.code });
    });
    // Sessions opened with the old secret end with it.
    this.sessions.closeClerk(account.id);
    return toAccount((await this.deps.accounts.byId(account.id))!);
  }

  async setDisabled(by: Session, code: string, disabled: boolean): Promise<Account> {
    const account = await this.manageable(by, code, 'accounts.setDisabled');
    if (account.id === by.clerkId) {
      throw appError('ACCOUNT_SELF', 'Không tự khoá tài khoản của mình được.', 'You cannot disable your own account.', { field: 'clerkCode' });
    }
    await this.deps.audit.inTransaction(async (tx) => {
      await this.deps.accounts.in(tx).setDisabled(account.id, disabled);
      await this.deps.audit.in(tx).record(this.deps.now(), 'accounts.setDisabled', this.actor(by), { code: account.code, disabled });
    });
    if (disabled) this.sessions.closeClerk(account.id);
    return toAccount((await this.deps.accounts.byId(account.id))!);
  }

  /** A supervisor manages clerks only; an administrator manages everyone. */
  private async manageable(by: Session, code: string, procedure: string): Promise<AccountRow> {
    const account = await this.deps.accounts.byCode(code);
    if (!account) throw appError('ACCOUNT_NOT_FOUND', `Không có tài khoản mã ${code}.`, `There is no account ${code}.`, { status: 'NOT_FOUND', field: 'clerkCode' });
    if (account.role !== 'clerk' && !atLeast(by.role, 'admin')) {
      await this.record('access.denied', by, { procedure, code, reason: 'FORBIDDEN' });
      throw forbidden('admin');
    }
    return account;
  }

  /** The account whose secret this is, with a growing wait after repeated failures. */
  private async check(code: string, secret: string): Promise<AccountRow> {
    const now = this.deps.now();
    const account = await this.deps.accounts.byCode(code);
    if (account?.retryAfter && new Date(account.retryAfter) > now) {
      const seconds = Math.ceil((new Date(account.retryAfter).getTime() - now.getTime()) / 1000);
      await this.recordAs('session.signIn.refused', { code, name: '' }, { code, retryAfter: account.retryAfter });
      throw appError(
        'SIGN_IN_WAIT',
        `Đã nhập sai nhiều lần. Chờ ${seconds} giây rồi thử lại, hoặc nhờ kiểm soát viên đặt lại mật khẩu.`,
        `Too many wrong attempts. Wait ${seconds} seconds and try again, or ask a supervisor to reset the password.`,
        { status: 'TOO_MANY_REQUESTS', field: 'secret' },
      );
    }
    // An unknown code costs a full hash too, so timing does not tell which codes exist.
    const ok = await verifySecret(secret, account?.secretHash ?? DECOY_HASH);
    // Read again after the hash, in one transaction with the write: guesses sent together all
    // passed the check above, and each must count on top of the others.
    const refusedUntil = await this.countFailure(account, ok, now);
    if (refusedUntil) {
      await this.recordAs('session.signIn.refused', { code, name: '' }, { code, retryAfter: refusedUntil });
      throw wrongSecret();
    }
    // Clerk codes are printed on every receipt, so saying an account is disabled gives nothing
    // away; saying so only for the right password would confirm an old password to anyone.
    if (account?.disabled) {
      await this.recordAs('session.signIn.refused', account, { code, reason: 'DISABLED' });
      throw appError('ACCOUNT_DISABLED', 'Tài khoản này đã bị khoá. Hỏi kiểm soát viên.', 'This account is disabled. Ask a supervisor.', { status: 'FORBIDDEN', field: 'clerkCode' });
    }
    if (!account || !ok) {
      await this.recordAs('session.signIn.failed', { code, name: '' }, { code, known: account !== undefined });
      throw wrongSecret();
    }
    if (account.failedAttempts > 0 && !this.deps.readOnly) await this.deps.accounts.setFailures(account.id, 0, null);
    return account;
  }

  /**
   * After the hash: a failed guess adds one to the account's count (not a disabled account's),
   * read and written in one transaction. Returns the wait of a lockout another guess set
   * meanwhile, which refuses this one.
   */
  private async countFailure(account: AccountRow | undefined, ok: boolean, now: Date): Promise<string | null> {
    if (!account || this.deps.readOnly) return null;
    return this.deps.audit.inTransaction(async (tx) => {
      const accounts = this.deps.accounts.in(tx);
      await accounts.hold(account.id);
      const fresh = await accounts.byCode(account.code);
      if (!fresh) return null;
      if (fresh.retryAfter && new Date(fresh.retryAfter) > now && fresh.failedAttempts > account.failedAttempts) return fresh.retryAfter;
      if (!ok && !fresh.disabled) {
        const failures = fresh.failedAttempts + 1;
        const delay = lockoutDelayMs(failures);
        await accounts.setFailures(account.id, failures, delay > 0 ? new Date(now.getTime() + delay) : null);
      }
      return null;
    });
  }

  private async start(account: AccountRow, ref: SessionRef): Promise<Session> {
    const session = this.sessions.open(account, this.deps.now());
    ref.token = session.token;
    await this.record('session.signIn', session, { role: account.role });
    return session;
  }

  private record(action: string, session: Session | null, detail: Record<string, unknown>): Promise<void> {
    return this.recordAs(action, session ?? { code: '', name: '' }, detail);
  }

  private async recordAs(action: string, clerk: { code: string; name: string }, detail: Record<string, unknown>): Promise<void> {
    if (!this.deps.readOnly) await this.deps.audit.record(this.deps.now(), action, this.actor(clerk), detail);
  }
}
