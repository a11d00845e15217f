import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretSeal } from '../agencies/token-file.js';
import { appError } from '../errors.js';

interface SealedBody {
  seal: string;
  value: string;
}

/**
 * One secret in its own file, sealed (decision 0050): the file names its seal, is written 0600
 * beside itself and renamed over, so a crash leaves the old secret or the new one, never half.
 */
export class SealedFile {
  constructor(
    readonly path: string,
    private readonly sealer: SecretSeal,
  ) {}

  /** The secret, or null when there is no file; a file sealed another way is refused in words. */
  read(): string | null {
    let body: SealedBody;
    try {
      body = JSON.parse(readFileSync(this.path, 'utf8')) as SealedBody;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw unreadable(this.path);
    }
    if (body.seal !== this.sealer.kind || typeof body.value !== 'string') throw unreadable(this.path);
    return this.sealer.open(body.value);
  }

  write(value: string): void {
    const body: SealedBody = { seal: this.sealer.kind, value: this.sealer.seal(value) };
    const temp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(body), { mode: 0o600 });
    renameSync(temp, this.path);
  }
}

const unreadable = (path: string) =>
  appError(
    'SECRET_FILE_UNREADABLE',
    `Tệp bí mật ${path} không đọc được (hỏng, hoặc không do ứng dụng này niêm phong). Tệp được giữ nguyên; báo bộ phận kỹ thuật.`,
    `The secret file ${path} cannot be read (damaged, or not sealed by this app). The file is kept as it is; call technical support.`,
  );
