import { encodeCp1258 } from './cp1258.js';
import type { Layout, TextStyle } from './sheet.js';

const ESC = 0x1b;
const GS = 0x1d;

/** Display width: combining marks take no column. */
const columnsOf = (s: string) => s.normalize('NFC').replace(/\p{M}/gu, '').length;

/**
 * The optional text mode, for printers known to print CP1258 correctly: the same documents
 * as code-page text in Font A (48 columns on 80 mm, 32 on 58 mm), with the printer's own
 * Code 128 and QR commands. Text is encoded by encodeCp1258, never by a built-in table.
 */
export class TextSheet implements Layout<Buffer> {
  private readonly parts: Buffer[] = [];
  readonly cols: number;

  constructor(widthDots: number, codePage: number) {
    this.cols = widthDots >= 576 ? 48 : 32;
    this.raw(ESC, 0x74, codePage); // ESC t n: select the CP1258 table (its number varies by maker)
  }

  private raw(...bytes: number[]) {
    this.parts.push(Buffer.from(bytes));
  }

  private line(text: string, align: 'left' | 'center' | 'right' = 'left') {
    this.raw(ESC, 0x61, align === 'center' ? 1 : align === 'right' ? 2 : 0);
    this.parts.push(encodeCp1258(text), Buffer.from([0x0a]));
  }

  private wrap(text: string, width: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (columnsOf(candidate) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = word;
      }
    }
    lines.push(line);
    return lines;
  }

  private styled(style: TextStyle, body: (width: number) => void) {
    const size = style.size ?? 24;
    const big = size >= 30;
    this.raw(ESC, 0x45, style.bold ? 1 : 0); // ESC E: bold
    this.raw(GS, 0x21, big ? 0x11 : size >= 26 ? 0x01 : 0x00); // GS !: double width/height
    body(big ? Math.floor(this.cols / 2) : this.cols);
    this.raw(GS, 0x21, 0x00);
    this.raw(ESC, 0x45, 0);
  }

  text(text: string, style: TextStyle = {}): this {
    this.styled(style, (width) => this.wrap(text, width).forEach((l) => this.line(l, style.align)));
    return this;
  }

  pair(label: string, value: string, style: TextStyle = {}): this {
    this.styled({ ...style, size: Math.min(style.size ?? 24, 29) }, (width) => {
      const room = width - columnsOf(label) - 1;
      if (columnsOf(value) <= room) this.line(`${label}${' '.repeat(width - columnsOf(label) - columnsOf(value))}${value}`);
      else {
        this.line(label);
        this.wrap(value, width).forEach((l) => this.line(l, 'right'));
      }
    });
    return this;
  }

  columns(cells: { text: string; fraction: number; align?: 'left' | 'right' | 'center' }[], style: TextStyle = {}): this {
    this.styled({ ...style, size: 22 }, (width) => {
      const widths = cells.map((c) => Math.floor(width * c.fraction));
      const wrapped = cells.map((c, i) => this.wrap(c.text, widths[i]! - 1));
      const rows = Math.max(...wrapped.map((w) => w.length));
      for (let r = 0; r < rows; r++) {
        const line = cells
          .map((c, i) => {
            const t = wrapped[i]![r] ?? '';
            const pad = widths[i]! - columnsOf(t);
            return c.align === 'right' ? ' '.repeat(pad) + t : c.align === 'center' ? ' '.repeat(Math.floor(pad / 2)) + t + ' '.repeat(Math.ceil(pad / 2)) : t + ' '.repeat(pad);
          })
          .join('');
        this.line(line.trimEnd());
      }
    });
    return this;
  }

  rule(dashed = false): this {
    this.line((dashed ? '-' : '=').repeat(this.cols));
    return this;
  }

  gap(dots: number): this {
    for (let i = 0; i < Math.floor(dots / 30); i++) this.raw(0x0a);
    return this;
  }

  barcode(data: string): this {
    const body = Buffer.from(`{B${data}`, 'ascii');
    this.raw(ESC, 0x61, 1);
    this.raw(GS, 0x68, 88); // height in dots
    this.raw(GS, 0x77, this.cols >= 48 ? 3 : 2); // module width
    this.raw(GS, 0x48, 2); // human-readable text below
    this.raw(GS, 0x6b, 73, body.length); // GS k m=73 (Code 128) n
    this.parts.push(body, Buffer.from([0x0a]));
    return this;
  }

  qr(data: string): this {
    const body = Buffer.from(data, 'ascii');
    // Store length counts the payload in bytes plus 3 (cn, fn, m): ASCII only, so bytes = characters.
    const stored = body.length + 3;
    this.raw(ESC, 0x61, 1);
    this.raw(GS, 0x28, 0x6b, 4, 0, 0x31, 0x41, 0x32, 0); // model 2
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x43, 5); // module size
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x45, 0x31); // error correction M
    this.raw(GS, 0x28, 0x6b, stored & 0xff, stored >> 8, 0x31, 0x50, 0x30);
    this.parts.push(body);
    this.raw(GS, 0x28, 0x6b, 3, 0, 0x31, 0x51, 0x30, 0x0a); // print
    return this;
  }

  finish(): Buffer {
    this.raw(ESC, 0x61, 0);
    return Buffer.concat(this.parts);
  }
}
