import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/core/db/open.js';
import { exitOf, startServeProcess, type ServeProcess } from '../support/serve-process.js';

let serve: ServeProcess | undefined;
afterEach(() => {
  serve?.process.kill('SIGKILL');
  serve = undefined;
});

/** The lookup entries in the file, read with a connection of its own. */
function lookups(dataDir: string): { seq: number; query: string }[] {
  const db = openDatabase(dataDir);
  try {
    const rows = db.prepare("SELECT seq, detail FROM audit_log WHERE action = 'lookup' ORDER BY seq").all() as { seq: number; detail: string }[];
    return rows.map((r) => ({ seq: r.seq, query: (JSON.parse(r.detail) as { query: string }).query }));
  } finally {
    db.close();
  }
}

const headSeq = (dataDir: string) => (JSON.parse(readFileSync(join(dataDir, 'audit.head'), 'utf8')) as { seq: number }).seq;

describe('the record of a citizen lookup (committed without waiting for the disk)', () => {
  it('is in the file when the core is killed right after answering, and the chain still checks intact', async () => {
    serve = await startServeProcess();
    const { dataDir } = serve;
    await serve.client.dossiers.search({ query: '001090123456', limit: 10 });
    await serve.client.dossiers.search({ query: '0912345678', limit: 10 });
    serve.process.kill('SIGKILL');
    expect((await exitOf(serve.process)).signal).toBe('SIGKILL');

    expect(lookups(dataDir).map((l) => l.query)).toEqual(['001090123456', '0912345678']);
    serve = await startServeProcess(dataDir);
    const check = await serve.client.audit.check();
    expect(check.intact).toBe(true);
    // The supervisor's trail lists both, newest first, each number shown only by its last digits.
    const listed = await serve.client.audit.list({ action: 'lookup', limit: 10 });
    expect(listed.entries).toHaveLength(2);
  });

  it('is named by the end marker shortly after the answer (the marker never runs ahead of what is on disk)', async () => {
    serve = await startServeProcess();
    const { dataDir } = serve;
    await serve.client.dossiers.search({ query: '079123456789', limit: 10 });
    const [entry] = lookups(dataDir);
    const deadline = Date.now() + 5000;
    while (headSeq(dataDir) < entry!.seq && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(headSeq(dataDir)).toBe(entry!.seq);
  });
});
