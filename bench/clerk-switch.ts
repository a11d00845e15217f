import { performance } from 'node:perf_hooks';
import { verifySecret, hashSecret } from '../electron/core/auth/secrets.js';
import { SECRET, startCore } from '../tests/support/core-harness.js';
import { fromMs, measure, printTable, summarise, type Row } from './stats.js';

/**
 * Switching clerk at a shared counter, over HTTP with the calls the page makes: the lock screen's
 * "Đổi giao dịch viên" (lock, then the next clerk signs in over the locked session, which signs
 * the first out) and the sign-out button followed by a sign-in; each ends with the state the page
 * reads to draw the next screen. The password check alone (scrypt, 32 MiB) is timed beside them:
 * it is most of a switch, on purpose: it is what makes each guess of a password cost (decision 0015).
 */
export async function benchClerkSwitch(n = 40): Promise<Row[]> {
  const h = await startCore();
  try {
    const clerks = ['gdv02', 'gdv03'];
    for (const clerkCode of clerks) await h.client.accounts.create({ clerkCode, clerkName: `Giao dịch viên ${clerkCode}`, role: 'clerk', secret: SECRET });
    const counter = h.anonymous();
    await counter.session.signIn({ clerkCode: clerks[0]!, secret: SECRET });
    const next = (i: number) => ({ clerkCode: clerks[(i + 1) % 2]!, secret: SECRET });
    // `leave` as the page leaves the first clerk's screen, then the next clerk in.
    const switches = async (leave: () => Promise<unknown>): Promise<number[]> => {
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        await leave();
        await counter.session.signIn(next(i));
        await counter.session.state();
        ms.push(performance.now() - t0);
      }
      return ms;
    };
    const viaLock = await switches(() => counter.session.lock());
    const viaSignOut = await switches(() => counter.session.signOut());
    const stored = await hashSecret(SECRET);
    return [
      summarise('clerk switch', 'lock → next clerk signs in → state (HTTP)', fromMs(viaLock), 'as the lock screen does; 3 audit entries'),
      summarise('clerk switch', 'sign out → next clerk signs in → state (HTTP)', fromMs(viaSignOut), '2 audit entries'),
      await measure('clerk switch', 'the password check alone (scrypt verify)', Array.from({ length: n }, () => () => verifySecret(SECRET, stored)), 'N=2^15, r=8: 32 MiB'),
    ];
  } finally {
    await h.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(printTable(await benchClerkSwitch(Number(process.argv[2] ?? 40))));
