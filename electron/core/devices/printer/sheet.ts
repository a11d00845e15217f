import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import { code128, draw1D, draw2D, qrCode, widthOf1D, type FillRect } from './barcodes.js';
import { PRINT_FONT } from './fonts.js';
import { inkRect, rowBytes, toMono, type MonoBitmap } from './mono-bitmap.js';
import { giveBackCanvas, takeCanvas } from './paper-canvas.js';

export interface TextStyle {
  /** pixel height; 20 px or more keeps Vietnamese diacritics legible after thresholding */
  size?: number;
  bold?: boolean;
  align?: 'left' | 'center' | 'right';
}

/**
 * The tallest canvas a sheet draws on (14 MB on 80 mm paper); it grows to it only when a
 * document needs it. A longer document scrolls: rows it has finished are read off into the
 * bits and the canvas starts again below them, so any length prints whole.
 */
const MAX_HEIGHT = 6000;

/**
 * Rows kept on the canvas above the cursor when it scrolls: the next line's accents are
 * painted over the last line's descenders there, so the dots come out as on one long canvas.
 */
const SCROLL_KEEP = 64;

/**
 * What a printed document is made of. Documents are written once against this, and drawn
 * either as a raster bitmap (Sheet, the default) or as code-page text (TextSheet).
 */
export interface Layout<Out> {
  text(text: string, style?: TextStyle): this;
  pair(label: string, value: string, style?: TextStyle): this;
  columns(cells: { text: string; fraction: number; align?: 'left' | 'right' | 'center' }[], style?: TextStyle): this;
  rule(dashed?: boolean): this;
  /** vertical space in printer dots (8 dots = 1 mm) */
  gap(dots: number): this;
  /** Code 128 of an item number, with its quiet zones */
  barcode(data: string): this;
  /** QR of an ASCII payload */
  qr(data: string): this;
  finish(): Out;
}

/**
 * A strip of thermal paper to draw on, top to bottom: wrapped text, label/value pairs,
 * columns, rules, barcodes. `finish()` crops it and thresholds it to the 1-bit bitmap
 * that is both the preview and what is sent to the printer.
 * Only text goes through the canvas. Rules, bars and QR modules are whole-dot rectangles,
 * inked straight into the bits at the end: the very bits the canvas would give (a fully
 * covered dot is black whatever lies under it), without hundreds of canvas calls.
 */
export class Sheet implements Layout<MonoBitmap> {
  private canvas: Canvas;
  private ctx: SKRSContext2D;
  /** the cursor, in rows of the paper */
  private y: number;
  /** the row of the paper at the canvas's top: above it, rows already read off into `readOff` */
  private top = 0;
  private readonly readOff: MonoBitmap[] = [];
  readonly margin: number;
  private readonly rects: [x: number, y: number, w: number, h: number][] = [];
  private readonly ink: FillRect = (x, y, w, h) => this.rects.push([x, y, w, h]);

  constructor(readonly width: number) {
    // Black on transparent: the threshold reads coverage from alpha alone.
    this.canvas = takeCanvas(width);
    this.ctx = this.canvas.getContext('2d');
    this.ctx.fillStyle = '#000';
    this.ctx.textBaseline = 'top';
    this.margin = width >= 576 ? 16 : 8;
    this.y = 8;
  }

  /** The cursor's row on the canvas. */
  private get row(): number {
    return this.y - this.top;
  }

  /** Makes sure `more` dots fit below the cursor, moving to a taller canvas or scrolling when needed. */
  private room(more: number): void {
    const need = this.row + more + 32;
    if (need <= this.canvas.height) return;
    if (this.canvas.height < MAX_HEIGHT) this.grow(Math.min(MAX_HEIGHT, Math.max(need, this.canvas.height * 2)));
    if (need > this.canvas.height) this.scroll();
  }

  private grow(height: number): void {
    const taller = createCanvas(this.width, height);
    const ctx = taller.getContext('2d');
    ctx.drawImage(this.canvas, 0, 0);
    giveBackCanvas(this.canvas);
    ctx.font = this.ctx.font;
    ctx.fillStyle = '#000';
    ctx.textBaseline = 'top';
    this.canvas = taller;
    this.ctx = ctx;
  }

  /**
   * Reads the finished rows off into the bits and moves the last few to the canvas's top.
   * Image data is put back as it was read (no blending), and text is drawn at whole rows, so
   * the dots are the ones one taller canvas would give.
   */
  private scroll(): void {
    const done = this.row - SCROLL_KEEP;
    if (done <= 0) return;
    this.readOff.push(toMono(this.canvas, done));
    const moved = Math.min(2 * SCROLL_KEEP, this.canvas.height - done);
    const kept = moved > 0 ? this.ctx.getImageData(0, done, this.width, moved) : null;
    // Nothing is drawn below the cursor between calls: clearing to just past it is enough.
    this.ctx.clearRect(0, 0, this.width, Math.min(this.canvas.height, this.row + SCROLL_KEEP));
    if (kept) this.ctx.putImageData(kept, 0, 0);
    this.top += done;
  }

  private font({ size = 24, bold = false }: TextStyle) {
    this.ctx.font = `${bold ? 'bold ' : ''}${size}px "${PRINT_FONT}"`;
  }

  /** Splits text into lines no wider than `max`, breaking at spaces (or inside a too-long word). */
  private wrap(text: string, max: number): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let line = '';
      for (const word of paragraph.split(/\s+/).filter(Boolean)) {
        const candidate = line ? `${line} ${word}` : word;
        if (this.ctx.measureText(candidate).width <= max) {
          line = candidate;
          continue;
        }
        if (line) lines.push(line);
        line = word;
        while (this.ctx.measureText(line).width > max && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && this.ctx.measureText(line.slice(0, cut)).width > max) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line);
    }
    return lines;
  }

  text(text: string, style: TextStyle = {}): this {
    const size = style.size ?? 24;
    this.font(style);
    const max = this.width - 2 * this.margin;
    for (const line of this.wrap(text, max)) {
      this.room(size * 2);
      const w = this.ctx.measureText(line).width;
      const x = style.align === 'center' ? (this.width - w) / 2 : style.align === 'right' ? this.width - this.margin - w : this.margin;
      this.ctx.fillText(line, Math.round(x), this.row);
      this.y += Math.round(size * 1.3);
    }
    return this;
  }

  /** "Label: value" with the value right-aligned; a long value wraps under the label. */
  pair(label: string, value: string, style: TextStyle = {}): this {
    const size = style.size ?? 24;
    this.font({ size, bold: false });
    const labelWidth = this.ctx.measureText(`${label} `).width;
    this.font({ size, bold: style.bold ?? true });
    const room = this.width - 2 * this.margin - labelWidth;
    const lines = this.wrap(value, this.width - 2 * this.margin);
    if (lines.length === 1 && this.ctx.measureText(lines[0]!).width <= room) {
      this.room(size * 2);
      this.font({ size, bold: false });
      this.ctx.fillText(label, this.margin, this.row);
      this.font({ size, bold: style.bold ?? true });
      const w = this.ctx.measureText(lines[0]!).width;
      this.ctx.fillText(lines[0]!, Math.round(this.width - this.margin - w), this.row);
      this.y += Math.round(size * 1.3);
      return this;
    }
    this.text(label, { size });
    return this.text(value, { size, bold: style.bold ?? true });
  }

  /**
   * Columns by fraction of the width; each cell wraps within its column. The row is drawn a
   * line at a time, each line making room for itself, so a cell of any length is printed
   * whole and the next row starts below its last line.
   */
  columns(cells: { text: string; fraction: number; align?: 'left' | 'right' | 'center' }[], style: TextStyle = {}): this {
    const size = style.size ?? 22;
    this.font(style);
    const inner = this.width - 2 * this.margin;
    let x = this.margin;
    const placed = cells.map((cell) => {
      const w = inner * cell.fraction;
      const at = { x, w, align: cell.align, lines: this.wrap(cell.text, w - 6) };
      x += w;
      return at;
    });
    const tallest = Math.max(...placed.map((cell) => cell.lines.length));
    for (let i = 0; i < tallest; i++) {
      this.room(size * 2);
      for (const { x, w, align, lines } of placed) {
        const line = lines[i];
        if (line === undefined) continue;
        const lw = this.ctx.measureText(line).width;
        const lx = align === 'right' ? x + w - lw : align === 'center' ? x + (w - lw) / 2 : x;
        this.ctx.fillText(line, Math.round(lx), this.row);
      }
      this.y += Math.round(size * 1.3);
    }
    return this;
  }

  rule(dashed = false, thickness = 2): this {
    this.room(24);
    this.y += 6;
    if (dashed) {
      for (let x = this.margin; x < this.width - this.margin; x += 12) this.ink(x, this.y, 6, thickness);
    } else {
      this.ink(this.margin, this.y, this.width - 2 * this.margin, thickness);
    }
    this.y += thickness + 8;
    return this;
  }

  gap(dots: number): this {
    this.room(dots);
    this.y += dots;
    return this;
  }

  /** A Code 128 centred with its quiet zones; bars 3 dots wide when they fit, else 2. */
  barcode(data: string, height = 88): this {
    const symbol = code128(data);
    this.room(height + 16);
    const quiet = (m: number) => 10 * m;
    const moduleDots = [3, 2, 1].find((m) => widthOf1D(symbol, m) + 2 * quiet(m) <= this.width) ?? 1;
    const w = widthOf1D(symbol, moduleDots);
    draw1D(this.ink, symbol, Math.round((this.width - w) / 2), this.y, moduleDots, height);
    this.y += height + 6;
    return this;
  }

  qr(data: string, moduleDots = 5): this {
    const symbol = qrCode(data);
    this.room((symbol.size + 8) * moduleDots);
    const w = symbol.size * moduleDots;
    this.y += 4 * moduleDots; // quiet zone above; the sides are wider than 4 modules anyway
    draw2D(this.ink, symbol, Math.round((this.width - w) / 2), this.y, moduleDots);
    this.y += w + 4 * moduleDots;
    return this;
  }

  finish(): MonoBitmap {
    const last = toMono(this.canvas, Math.min(this.canvas.height, this.row + 16));
    giveBackCanvas(this.canvas);
    const bitmap = this.readOff.length === 0 ? last : stack([...this.readOff, last]);
    for (const [x, y, w, h] of this.rects) inkRect(bitmap, x, y, w, h);
    return bitmap;
  }
}

/** One bitmap of pieces drawn one under the other. */
function stack(pieces: MonoBitmap[]): MonoBitmap {
  const [{ width }] = pieces as [MonoBitmap];
  const height = pieces.reduce((sum, p) => sum + p.height, 0);
  const data = new Uint8Array(rowBytes(width) * height);
  let at = 0;
  for (const p of pieces) {
    data.set(p.data, at);
    at += p.data.length;
  }
  return { width, height, data };
}
