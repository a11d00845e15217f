import { toAppError } from '../electron/core/errors.js';

/**
 * Runs a command-line tool: exits with what `main` returns, or says a refusal in both languages
 * on stderr and exits with `failureCode` (2 unless the tool tells a refusal apart).
 */
export function runCommand(main: () => Promise<number>, failureCode: (code: string | undefined) => number = () => 2): void {
  main().then(
    (code) => process.exit(code),
    (error) => {
      const e = toAppError(error);
      const words = (e.data as { code?: string; vi?: string; en?: string } | undefined) ?? {};
      console.error(words.vi ?? e.message);
      if (words.en) console.error(words.en);
      process.exit(failureCode(words.code));
    },
  );
}
