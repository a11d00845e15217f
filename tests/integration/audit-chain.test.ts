import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { auditKeyPath } from '../../electron/core/audit/key-file.js';
import { startCore, type Harness } from '../support/core-harness.js';

const run = promisify(execFile);
let open: Harness | undefined;
afterEach(async () => {
  await open?.stop();
  open = undefined;
});

/** A data folder whose audit log holds real entries: the first start's, then six lookups. */
async function auditedFolder(): Promise<string> {
  const h = await startCore();
  for (const query of ['0912345678', '001090123456', 'Nguyễn Văn Đức', '0987654321', '079123456789', 'Trần Thị B']) {
    await h.client.dossiers.search({ query, limit: 10 });
  }
  await h.stop();
  return h.dataDir;
}

/** Edits the SQLite file directly, as someone with the file but not the app would. */
function tamper(dataDir: string, edit: (db: Database.Database) => void): void {
  const db = new Database(join(dataDir, 'counter.sqlite'));
  try {
    edit(db);
  } finally {
    db.close();
  }
}

const dropTriggers = (db: Database.Database) => db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
const idOf = (db: Database.Database, seq: number) => (db.prepare('SELECT id FROM audit_log WHERE seq = ?').get(seq) as { id: number }).id;

/** Starts the app again on the folder: what it says at start, and what "Kiểm tra" finds. */
async function restart(dataDir: string) {
  open = await startCore({ dataDir });
  const status = await open.client.system.status();
  const check = await open.client.audit.check();
  return { notice: status.auditNotice, check, problems: check.problems.map((p) => ({ kind: p.kind, entry: p.entry, other: p.other })) };
}

async function cli(args: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(join('node_modules', '.bin', 'tsx'), ['tools/audit-check/main.ts', ...args.split(' ')]);
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('the audit chain', () => {
  it('is intact after the app wrote it, says so from the app and the command line, and its key is readable only by the user', async () => {
    const dir = await auditedFolder();
    const { notice, check } = await restart(dir);
    expect(notice).toBeNull();
    expect(check.intact).toBe(true);
    expect(check.entries).toBeGreaterThanOrEqual(7);
    expect(check.summary.vi).toMatch(/nguyên vẹn/);
    expect(statSync(auditKeyPath(dir)).mode & 0o777).toBe(0o600);
    // The key never lands in the database, which is what the backup copies.
    const key = readFileSync(auditKeyPath(dir), 'utf8').trim();
    expect(readFileSync(join(dir, 'counter.sqlite')).includes(Buffer.from(key))).toBe(false);
    await open!.stop();
    open = undefined;
    const out = await cli(dir);
    expect(out.code).toBe(0);
    expect(out.out).toMatch(/nguyên vẹn/);
  });

  it('names the one entry whose content was altered (triggers dropped), at start and from the command line', async () => {
    const dir = await auditedFolder();
    tamper(dir, (db) => {
      dropTriggers(db);
      db.prepare(`UPDATE audit_log SET detail = '{"kind":"phone","query":"0000000000"}' WHERE seq = 3`).run();
    });
    const { notice, check, problems } = await restart(dir);
    expect(notice?.vi).toMatch(/can thiệp/);
    expect(check.intact).toBe(false);
    expect(problems).toEqual([{ kind: 'altered', entry: 3, other: null }]);
    expect(check.problems[0]!.message.vi).toMatch(/Mục số 3 .*đã bị sửa/);
    await open!.stop();
    open = undefined;
    const out = await cli(dir);
    expect(out.code).toBe(1);
    expect(out.out).toMatch(/Mục số 3 /);
    expect(out.out).toMatch(/Entry 3 /);
  });

  it('names the entry that was removed, and not its neighbours', async () => {
    const dir = await auditedFolder();
    tamper(dir, (db) => {
      dropTriggers(db);
      db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    });
    const { notice, check, problems } = await restart(dir);
    expect(notice).not.toBeNull();
    expect(problems).toEqual([{ kind: 'removed', entry: 4, other: 4 }]);
    expect(check.problems[0]!.message.en).toMatch(/Entry 4 was removed/);
  });

  it('finds entries cut off the end of the log, at start, from "Kiểm tra" and from the command line', async () => {
    const dir = await auditedFolder();
    let last = 0;
    tamper(dir, (db) => {
      dropTriggers(db);
      last = (db.prepare('SELECT max(seq) AS n FROM audit_log').get() as { n: number }).n;
      db.prepare('DELETE FROM audit_log WHERE seq > ?').run(last - 3);
    });
    const out = await cli(dir);
    expect(out.code).toBe(1);
    expect(out.out).toContain(`Mục số ${last - 2}–${last} đã bị xoá khỏi cuối nhật ký`);
    expect(out.out).toContain(`Entry ${last - 2}–${last} was cut off the end of the log`);
    const { notice, check, problems } = await restart(dir);
    expect(notice?.vi).toMatch(/can thiệp/);
    // Signing in at this start took number last−2 again: what is missing now ends at `last` all the same.
    expect(problems).toContainEqual({ kind: 'removed', entry: expect.any(Number), other: last });
    expect(check.problems.find((p) => p.kind === 'removed')!.message.vi).toMatch(/ứng dụng đã ghi đến mục số \d+ .*nay nhật ký chỉ còn đến mục số/);
    // New entries take the freed numbers; the check still sees that entry `last` is not the one the app wrote.
    for (let n = 0; n < 4; n++) await open!.client.dossiers.search({ query: '0912345678', limit: 5 });
    const later = await open!.client.audit.check({ full: true });
    expect(later.intact).toBe(false);
    expect(later.problems.map((p) => [p.kind, p.entry])).toContainEqual(['altered', last]);
  });

  it('says so when the end marker is deleted or rewritten without the key', async () => {
    const dir = await auditedFolder();
    rmSync(join(dir, 'audit.head'));
    let r = await restart(dir);
    expect(r.problems).toEqual([{ kind: 'marker', entry: 0, other: null }]);
    expect(r.check.problems[0]!.message.vi).toMatch(/audit\.head.*đã bị xoá/);
    await open!.stop();
    open = undefined;
    const other = await auditedFolder();
    const head = JSON.parse(readFileSync(join(other, 'audit.head'), 'utf8')) as { seq: number };
    writeFileSync(join(other, 'audit.head'), JSON.stringify({ ...head, seq: 2 }));
    r = await restart(other);
    expect(r.problems).toEqual([{ kind: 'marker', entry: 0, other: null }]);
    expect(r.check.problems[0]!.message.en).toMatch(/not written by the app/);
  });

  it('starts a check where the last sound one ended; an alteration before that mark is found by the full check', async () => {
    const dir = await auditedFolder();
    let r = await restart(dir);
    expect(r.check.intact).toBe(true);
    const mark = r.check.last!.entry;
    await open!.client.dossiers.search({ query: '0912345678', limit: 5 });
    const next = await open!.client.audit.check();
    expect(next.from).toMatchObject({ entry: mark });
    expect(next.headline.vi).toContain(`Lần này kiểm tra từ mục số ${mark}`);
    await open!.stop();
    open = undefined;
    tamper(dir, (db) => {
      dropTriggers(db);
      db.prepare(`UPDATE audit_log SET detail = '{"kind":"phone","query":"0000000000"}' WHERE seq = 3`).run();
    });
    // From the mark, entry 3 is not read again, and the command line says the same words.
    const quick = await cli(dir);
    expect(quick.code).toBe(0);
    expect(quick.out).toContain('Lần này kiểm tra từ mục số');
    const full = await cli(`${dir} --full`);
    expect(full.code).toBe(1);
    expect(full.out).toMatch(/Mục số 3 .*đã bị sửa/);
    r = await restart(dir);
    const everything = await open!.client.audit.check({ full: true });
    expect(everything.problems.map((p) => [p.kind, p.entry])).toEqual([['altered', 3]]);
    expect(everything.from).toBeNull();
  });

  it('finds two entries swapped in the table', async () => {
    const dir = await auditedFolder();
    tamper(dir, (db) => {
      dropTriggers(db);
      const [a, b] = [idOf(db, 3), idOf(db, 4)];
      const move = db.prepare('UPDATE audit_log SET id = ? WHERE id = ?');
      db.transaction(() => {
        move.run(-1, a);
        move.run(a, b);
        move.run(b, -1);
      })();
    });
    const { check, problems } = await restart(dir);
    expect(problems).toEqual([{ kind: 'reordered', entry: 3, other: 4 }]);
    expect(check.problems[0]!.message.vi).toMatch(/Mục số 3 nằm sau mục số 4/);
  });

  it('with the triggers in place: refuses edits, and finds rows inserted around the app', async () => {
    const dir = await auditedFolder();
    let last = 0;
    tamper(dir, (db) => {
      expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
      const tail = db.prepare('SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; mac: string };
      last = tail.seq;
      const forge = db.prepare("INSERT INTO audit_log (at, action, clerk_code, counter_code, detail, seq, prev_mac, mac) VALUES ('2026-11-27T03:00:00.000Z', 'lookup', 'gdv01', 'Q01', '{}', ?, ?, ?)");
      // A forger who copies the chain's shape but cannot compute the MAC without the key.
      forge.run(tail.seq + 1, tail.mac, 'f'.repeat(64));
      forge.run(null, null, null);
    });
    const { problems } = await restart(dir);
    expect(problems).toEqual([
      { kind: 'unsigned', entry: expect.any(Number), other: null },
      { kind: 'altered', entry: last + 1, other: null },
    ]);
  });

  it('keeps chaining across restarts: entries written after a restart still check', async () => {
    const dir = await auditedFolder();
    await restart(dir);
    await open!.client.dossiers.search({ query: '0912345678', limit: 10 });
    const check = await open!.client.audit.check();
    expect(check.intact).toBe(true);
    const list = await open!.client.audit.list({ action: 'lookup', limit: 3 });
    expect(list.entries).toHaveLength(3);
    expect(list.entries[0]!.entry).toBe(check.last!.entry);
  });

  it('is for a supervisor: a clerk is refused', async () => {
    open = await startCore();
    const clerk = await open.clientAs('clerk', 'gdv07');
    await expect(clerk.audit.check()).rejects.toMatchObject({ data: { vi: expect.any(String) } });
    await expect(clerk.audit.list({ limit: 10 })).rejects.toThrow();
    const sup = await open.clientAs('supervisor', 'gs01');
    expect((await sup.audit.check()).intact).toBe(true);
  });
});
