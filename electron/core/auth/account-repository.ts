import type { Db } from '../db/open.js';
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
}

type Raw = { id: number; code: string; name: string; role: Role; secret_hash: string; disabled: number; failed_attempts: number; retry_after: string | null; created_at: string };

const toRow = (r: Raw): AccountRow => ({
  id: r.id,
  code: r.code,
  name: r.name,
  role: r.role,
  secretHash: r.secret_hash,
  disabled: r.disabled === 1,
  failedAttempts: r.failed_attempts,
  retryAfter: r.retry_after,
  createdAt: r.created_at,
});

/** The clerks' accounts. Codes are stored as normalised by the service (trimmed, lower case). */
export class AccountRepository {
  private readonly q;

  constructor(db: Db) {
    this.q = {
      count: db.prepare('SELECT COUNT(*) AS n FROM clerks'),
      byCode: db.prepare('SELECT * FROM clerks WHERE code = ?'),
      byId: db.prepare('SELECT * FROM clerks WHERE id = ?'),
      all: db.prepare('SELECT * FROM clerks ORDER BY code'),
      insert: db.prepare('INSERT INTO clerks (code, name, role, secret_hash, created_at) VALUES (?, ?, ?, ?, ?)'),
      setSecret: db.prepare('UPDATE clerks SET secret_hash = ?, failed_attempts = 0, retry_after = NULL WHERE id = ?'),
      setDisabled: db.prepare('UPDATE clerks SET disabled = ? WHERE id = ?'),
      setFailures: db.prepare('UPDATE clerks SET failed_attempts = ?, retry_after = ? WHERE id = ?'),
    };
  }

  count(): number {
    return (this.q.count.get() as { n: number }).n;
  }

  byCode(code: string): AccountRow | undefined {
    const r = this.q.byCode.get(code) as Raw | undefined;
    return r && toRow(r);
  }

  byId(id: number): AccountRow | undefined {
    const r = this.q.byId.get(id) as Raw | undefined;
    return r && toRow(r);
  }

  all(): AccountRow[] {
    return (this.q.all.all() as Raw[]).map(toRow);
  }

  insert(a: { code: string; name: string; role: Role; secretHash: string }, at: Date): number {
    return Number(this.q.insert.run(a.code, a.name, a.role, a.secretHash, at.toISOString()).lastInsertRowid);
  }

  setSecret(id: number, secretHash: string): void {
    this.q.setSecret.run(secretHash, id);
  }

  setDisabled(id: number, disabled: boolean): void {
    this.q.setDisabled.run(disabled ? 1 : 0, id);
  }

  setFailures(id: number, failedAttempts: number, retryAfter: Date | null): void {
    this.q.setFailures.run(failedAttempts, retryAfter?.toISOString() ?? null, id);
  }
}
