import { createCanvas, type Canvas } from '@napi-rs/canvas';

/** A 1-bit image as thermal printers take it: rows of `width / 8` bytes, MSB first, 1 = black. */
export interface MonoBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export const rowBytes = (width: number) => Math.ceil(width / 8);

/** Rows read from the canvas at a time: a whole strip at once is megabytes of new memory each time. */
const READ_ROWS = 256;

/**
 * Thresholds a canvas drawn in black on a transparent background: a pixel is ink when its
 * coverage (alpha) is at least half. Text is drawn large enough (20 px+) that diacritics
 * survive a plain threshold; no dithering, which would fray small glyphs.
 */
export function toMono(canvas: Canvas, height = canvas.height): MonoBitmap {
  const { width } = canvas;
  const ctx = canvas.getContext('2d');
  const bitmap = { width, height, data: new Uint8Array(rowBytes(width) * height) };
  // Rows asked for below the canvas (a gap taller than it) are paper.
  const drawn = Math.min(height, canvas.height);
  for (let top = 0; top < drawn; top += READ_ROWS) {
    const rows = Math.min(READ_ROWS, drawn - top);
    packAlpha(ctx.getImageData(0, top, width, rows).data, bitmap, top);
  }
  return bitmap;
}

/**
 * Packs RGBA rows into the bitmap's rows from `top` on, one bit per pixel. Each pixel is one
 * 32-bit read: on little-endian machines alpha is the top byte, so alpha ≥ 128 is the sign bit.
 */
export function packAlpha(rgba: Uint8ClampedArray | Uint8Array, bitmap: MonoBitmap, top: number): void {
  const { width, data } = bitmap;
  const rows = rgba.byteLength / 4 / width;
  const px = new Int32Array(rgba.buffer, rgba.byteOffset, width * rows);
  const stride = rowBytes(width);
  const whole = width >> 3;
  for (let y = 0; y < rows; y++) {
    let p = y * width;
    let out = (top + y) * stride;
    for (let xb = 0; xb < whole; xb++, p += 8) {
      data[out++] =
        ((px[p]! >>> 31) << 7) |
        ((px[p + 1]! >>> 31) << 6) |
        ((px[p + 2]! >>> 31) << 5) |
        ((px[p + 3]! >>> 31) << 4) |
        ((px[p + 4]! >>> 31) << 3) |
        ((px[p + 5]! >>> 31) << 2) |
        ((px[p + 6]! >>> 31) << 1) |
        (px[p + 7]! >>> 31);
    }
    // A width that is not a whole number of bytes leaves a last, partial byte.
    let last = 0;
    for (let bit = 0; p < (y + 1) * width; bit++, p++) last |= (px[p]! >>> 31) << (7 - bit);
    if (whole < stride) data[out] = last;
  }
}

/** Inks a rectangle straight into the bits (bars and modules: whole dots, nothing to threshold), clipped to the bitmap. */
export function inkRect(bitmap: MonoBitmap, x: number, y: number, w: number, h: number): void {
  const x0 = Math.max(0, x);
  const x1 = Math.min(bitmap.width, x + w);
  if (x1 <= x0) return;
  const stride = rowBytes(bitmap.width);
  const first = x0 >> 3;
  const last = (x1 - 1) >> 3;
  // The dots of the first and last byte the rectangle touches; the bytes between are all ink.
  const head = 0xff >> (x0 & 7);
  const tail = (0xff << (7 - ((x1 - 1) & 7))) & 0xff;
  const y1 = Math.min(bitmap.height, y + h);
  for (let row = Math.max(0, y); row < y1; row++) {
    const base = row * stride;
    if (first === last) {
      bitmap.data[base + first] = bitmap.data[base + first]! | (head & tail);
      continue;
    }
    bitmap.data[base + first] = bitmap.data[base + first]! | head;
    bitmap.data.fill(0xff, base + first + 1, base + last);
    bitmap.data[base + last] = bitmap.data[base + last]! | tail;
  }
}

/** The preview is drawn from the bits themselves, so it is exactly what the printer gets. */
export function monoToPng(bitmap: MonoBitmap): Buffer {
  const canvas = createCanvas(bitmap.width, bitmap.height);
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(bitmap.width, bitmap.height);
  const stride = rowBytes(bitmap.width);
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) {
      const black = (bitmap.data[y * stride + (x >> 3)]! & (0x80 >> (x & 7))) !== 0;
      const i = (y * bitmap.width + x) * 4;
      const v = black ? 0 : 255;
      img.data[i] = v;
      img.data[i + 1] = v;
      img.data[i + 2] = v;
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  return canvas.encodeSync('png');
}
