/** How a scanner ends each read: CR, LF, CR+LF, or whichever of CR/LF comes ("any"). */
export type FrameSuffix = 'CR' | 'LF' | 'CRLF' | 'any';

export type DecodedFrame =
  | { kind: 'frame'; text: string }
  /** bytes that are not text: a wrong baud rate, parity or a noisy line */
  | { kind: 'noise'; bytes: number }
  /** no suffix after `maxLength` characters: the frame is dropped, not guessed at */
  | { kind: 'overlong'; length: number };

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/**
 * Turns a serial byte stream into scanner frames. UTF-8 is decoded with a streaming
 * decoder, so a letter split across two chunks arrives whole; frames are NFC.
 */
export class FrameDecoder {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private pending = '';
  private overlong = false;

  constructor(
    private readonly suffix: FrameSuffix = 'any',
    private readonly maxLength = 4096,
  ) {}

  push(chunk: Uint8Array): DecodedFrame[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const out: DecodedFrame[] = [];
    for (;;) {
      const end = this.findEnd();
      if (end === null) break;
      const raw = this.pending.slice(0, end.at);
      this.pending = this.pending.slice(end.at + end.length);
      if (this.overlong) {
        // The tail of a frame already reported as over-long: drop it.
        this.overlong = false;
        continue;
      }
      const frame = this.classify(raw);
      if (frame) out.push(frame);
    }
    if (this.pending.length > this.maxLength) {
      if (!this.overlong) out.push({ kind: 'overlong', length: this.pending.length });
      this.overlong = true;
      this.pending = '';
    }
    return out;
  }

  /** Forget a half-received frame (on reconnect, the rest will never come). */
  reset(): void {
    this.pending = '';
    this.overlong = false;
    this.decoder.decode();
  }

  private findEnd(): { at: number; length: number } | null {
    const p = this.pending;
    if (this.suffix === 'CRLF') {
      const at = p.indexOf('\r\n');
      return at < 0 ? null : { at, length: 2 };
    }
    if (this.suffix === 'CR' || this.suffix === 'LF') {
      const at = p.indexOf(this.suffix === 'CR' ? '\r' : '\n');
      return at < 0 ? null : { at, length: 1 };
    }
    const cr = p.indexOf('\r');
    const lf = p.indexOf('\n');
    if (cr < 0 && lf < 0) return null;
    const at = cr < 0 ? lf : lf < 0 ? cr : Math.min(cr, lf);
    return { at, length: p[at] === '\r' && p[at + 1] === '\n' ? 2 : 1 };
  }

  private classify(raw: string): DecodedFrame | null {
    if (raw.length === 0) return null;
    const replaced = (raw.match(/\uFFFD/g) ?? []).length;
    const controls = (raw.match(CONTROL) ?? []).length;
    // Wrong-baud garbage decodes to replacement characters and control bytes.
    if (replaced > 0 || controls > raw.length / 4) return { kind: 'noise', bytes: raw.length };
    const text = raw.replace(CONTROL, '').normalize('NFC').trim();
    return text ? { kind: 'frame', text } : null;
  }
}
