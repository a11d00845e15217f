import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { requireTool } from './prerequisites.js';

export interface PtyPair {
  /** the end the app opens, as it would open COM3 or /dev/ttyUSB0 */
  app: string;
  /** the end the test writes scanner frames to */
  device: string;
  process: ChildProcess;
  /** pulls the plug: socat exits and both ends vanish */
  kill(): Promise<void>;
}

/** A virtual serial cable from socat: two linked ptys in raw mode. */
export async function ptyPair(dir: string, name: string): Promise<PtyPair> {
  requireTool('socat');
  const app = join(dir, `${name}-app`);
  const device = join(dir, `${name}-dev`);
  const child = spawn('socat', [`pty,raw,echo=0,link=${app}`, `pty,raw,echo=0,link=${device}`], { stdio: 'ignore' });
  const deadline = Date.now() + 5000;
  while (!(existsSync(app) && existsSync(device))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('socat did not create the pty pair');
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    app,
    device,
    process: child,
    kill: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
