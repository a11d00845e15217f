import { lockoutDelayMs } from '../auth/auth-service.js';
import { AppError, appError } from '../errors.js';

/**
 * The audit-key import answers without a session (decision 0055) and each try costs a key
 * derivation (scrypt, 128 MiB, ~0.5 s): without a limit anyone at the screen could guess
 * passphrases for ever and keep the core busy. Wrong passphrases wait as wrong sign-in secrets do
 * (`lockoutDelayMs`), and only one derivation runs at a time. Kept in memory: the count is of this
 * running core, and a restart (which takes longer than a try) starts it again.
 */
export type FailedTry = { reason: 'WRONG_PASSPHRASE'; inARow: number };

export class KeyImportLimit {
  private failures = 0;
  private retryAt = 0;
  private busy = false;

  constructor(private readonly now: () => Date) {}

  /**
   * Runs one try, refused before any derivation while another runs or a wait is not over.
   * `record` is told of each wrong passphrase (with how many in a row); refusals are not recorded,
   * as they cost nothing and, open to anyone at the screen, would only fill the shared trail.
   */
  async attempt<T>(work: () => Promise<T>, record: (detail: FailedTry) => Promise<void>): Promise<T> {
    const now = this.now().getTime();
    if (this.busy) throw busy();
    if (this.retryAt > now) throw wait(Math.ceil((this.retryAt - now) / 1000));
    this.busy = true;
    try {
      const result = await work();
      this.failures = 0;
      return result;
    } catch (e) {
      if (isWrongPassphrase(e)) {
        this.failures += 1;
        const delay = lockoutDelayMs(this.failures);
        if (delay > 0) this.retryAt = this.now().getTime() + delay;
        // The answer stays "wrong passphrase": a database busy or full must not hide it from the clerk.
        await record({ reason: 'WRONG_PASSPHRASE', inARow: this.failures }).catch((failure: unknown) =>
          console.error(`[audit] a wrong key-file passphrase could not be recorded (${this.failures} in a row):`, failure),
        );
      }
      throw e;
    } finally {
      this.busy = false;
    }
  }
}

const isWrongPassphrase = (e: unknown): boolean => e instanceof AppError && e.data.code === 'AUDIT_KEY_WRONG_PASSPHRASE';

const wait = (seconds: number) =>
  appError(
    'AUDIT_KEY_IMPORT_WAIT',
    `Đã nhập sai mật khẩu của tệp khoá nhiều lần. Chờ ${seconds} giây rồi thử lại.`,
    `The key file's passphrase was wrong too many times. Wait ${seconds} seconds and try again.`,
    { status: 'TOO_MANY_REQUESTS', field: 'passphrase' },
  );

const busy = () =>
  appError(
    'AUDIT_KEY_IMPORT_BUSY',
    'Quầy đang mở một tệp khoá khác. Chờ vài giây rồi thử lại.',
    'The counter is opening another key file. Wait a few seconds and try again.',
    { status: 'TOO_MANY_REQUESTS', field: 'passphrase' },
  );
