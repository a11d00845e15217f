import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describe('the last-resort handler', () => {
  it('logs a failure no task caught and keeps the process serving', async () => {
    const script = `
      const { installLastResort } = await import('./electron/hosting/last-resort.ts');
      installLastResort();
      Promise.reject(new Error('slipped through'));
      setTimeout(() => { throw new Error('thrown in a timer'); }, 10);
      setTimeout(() => { console.log('still serving'); process.exit(0); }, 200);
    `;
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(out).toContain('[last-resort] unhandled rejection');
    expect(out).toContain('[last-resort] uncaught exception');
    expect(out).toContain('still serving');
    expect(code).toBe(0);
  });
});
