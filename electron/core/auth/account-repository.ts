import type { Selectable } from 'kysely';
import type { Data, Tx } from '../db/data.js';
import type { ClerksTable } from '../db/schema.js';
import type { Role } from '../../../shared/contract/index.js';

export interface AccountRow {
  id: number;
  code: string;
  name: string;
  role: Role;
  secretHash: string;
  disabled: boolean;
  failedAttempts: number;
  retryAfter: string | null;
  createdAt: string;
  /** null: the counter's language */
  lang: 'vi' | 'en' | null;
}

const toRow = (r: Selectable<ClerksTable>): AccountRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  disabled: r.disabled === 1,
  failedAttempts: r.failed_attempts,
  retryAfter: r.retry_after,
  createdAt: r.created_at,
  lang: r.lang === '' ? null : r.lang,
});

/** The clerks' accounts. Codes are stored as normalised by the service (trimmed, lower case). */
export class AccountRepository {
  constructor(private readonly db: Data) {}

  in(tx: Tx): AccountRepository {
    return new AccountRepository(tx);
  }

  async count(): Promise<number> {
    const r = await this.db.selectFrom('clerks').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async byCode(code: string): Promise<AccountRow | undefined> {
    const r = await this.db.selectFrom('clerks').selectAll().where('code', '=', code).executeTakeFirst();
    return r && toRow(r);
  }

  /**
   * Holds the account's row until the transaction ends (a write that changes nothing). On the
   * office server guesses sent at once then read and count their failures one after another, as
   * SQLite's single writer already makes them; without it each would add one to the same count.
   */
  async hold(id: number): Promise<void> {
    await this.db.updateTable('clerks').set((eb) => ({ failed_attempts: eb.ref('failed_attempts') })).where('id', '=', id).execute();
  }

  async byId(id: number): Promise<AccountRow | undefined> {
    const r = await this.db.selectFrom('clerks').selectAll().where('id', '=', id).executeTakeFirst();
    return r && toRow(r);
  }

  async all(): Promise<AccountRow[]> {
    return (await this.db.selectFrom('clerks').selectAll().orderBy('code').execute()).map(toRow);
  }

  async insert(a: { code: string; name: string; role: Role; secretHash: string }, at: Date): Promise<number> {
    const r = await this.db
      .insertInto('clerks')
      .values({ code: a.code, name: a.name, role: a.role, secret_hash: a.secretHash, created_at: at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    return r.id;
  }

  async setSecret(id: number, secretHash: string): Promise<void> {
    await this.db.updateTable('clerks').set({ secret_hash: secretHash, failed_attempts: 0, retry_after: null }).where('id', '=', id).execute();
  }

  async setLang(id: number, lang: 'vi' | 'en'): Promise<void> {
    await this.db.updateTable('clerks').set({ lang }).where('id', '=', id).execute();
  }

  async setDisabled(id: number, disabled: boolean): Promise<void> {
    await this.db.updateTable('clerks').set({ disabled: disabled ? 1 : 0 }).where('id', '=', id).execute();
  }

  async setFailures(id: number, failedAttempts: number, retryAfter: Date | null): Promise<void> {
    await this.db.updateTable('clerks').set({ failed_attempts: failedAttempts, retry_after: retryAfter?.toISOString() ?? null }).where('id', '=', id).execute();
  }
}
