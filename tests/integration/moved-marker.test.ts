import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MOVED_MARKER_FILE } from '../../electron/core/office-move/moved-marker.js';
import { copyOf } from '../support/office-move.js';
import { failure, sampleIntake, startCore, tempDir } from '../support/core-harness.js';

/**
 * The file beside the counter's data that says they moved to the office server (decision 0033),
 * damaged: the counter must neither take it for "not moved" and write on, nor fail without words.
 */
let counter: string;
beforeAll(async () => {
  // A counter on its own file, whichever run this is: the marker lies beside that file.
  const h = await startCore({ dataDir: tempDir() });
  await h.client.dossiers.intake(sampleIntake((await h.client.catalog.status()).version!));
  await h.stop();
  counter = h.dataDir;
}, 60_000);

/** Every file of the folder with its content's hash: "changes nothing" is this, equal before and after. */
function folderState(dir: string): Record<string, string> {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => statSync(join(dir, f)).isFile());
  return Object.fromEntries(files.sort().map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

const DAMAGED: [string, Buffer][] = [
  ['cut short', Buffer.from('{\n  "movedAt": "2026-11-27T03:00:00.000Z",\n  "server": { "host": "10.0.0.5", "po')],
  ['empty', Buffer.alloc(0)],
  ['overwritten with bytes', Buffer.from([0x00, 0xff, 0x13, 0x37, 0xc3, 0x28, 0x00, 0x9f])],
  ['readable but not a marker', Buffer.from('{"movedAt": "yesterday", "rows": 12}')],
];

describe('a counter whose moved marker is damaged', () => {
  it.each(DAMAGED)('marker %s: the start is refused in words that name the file and what to do, and nothing in the folder changes', async (_how, bytes) => {
    const dataDir = copyOf(counter);
    const marker = join(dataDir, MOVED_MARKER_FILE);
    writeFileSync(marker, bytes);
    const before = folderState(dataDir);

    const refused = await failure(startCore({ dataDir }));
    expect(refused.code).toBe('MOVED_MARKER_UNREADABLE');
    expect(refused.vi).toContain(`Không đọc được tệp ${marker}`);
    expect(refused.vi).toContain('không thay đổi gì');
    expect(refused.vi).toContain('đặt quầy dùng máy chủ đó (officeServer trong settings.json)');
    expect(refused.vi).toContain('nếu chưa từng chuyển, xoá tệp này rồi mở lại');
    expect(refused.en).toContain(`Cannot read ${marker}`);
    expect(refused.en).toContain('if they never moved, delete this file and restart');
    expect(folderState(dataDir)).toEqual(before);
  }, 30_000);
});
