import { createCanvas, type Canvas } from '@napi-rs/canvas';

/** A 1-bit image as thermal printers take it: rows of `width / 8` bytes, MSB first, 1 = black. */
export interface MonoBitmap {
  width: number;
  height: number;
  data: Uint8Array;
}

export const rowBytes = (width: number) => Math.ceil(width / 8);

/**
 * Thresholds a canvas drawn in black on a transparent background: a pixel is ink when its
 * coverage (alpha) is at least half. Text is drawn large enough (20 px+) that diacritics
 * survive a plain threshold; no dithering, which would fray small glyphs.
 */
export function toMono(canvas: Canvas, height = canvas.height): MonoBitmap {
  const { width } = canvas;
  const rgba = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  // One 32-bit read per pixel; on little-endian machines alpha is the top byte.
  const px = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const stride = rowBytes(width);
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const rowStart = y * width;
    for (let xb = 0; xb < stride; xb++) {
      let byte = 0;
      const x0 = xb * 8;
      const end = Math.min(8, width - x0);
      for (let bit = 0; bit < end; bit++) if (px[rowStart + x0 + bit]! >>> 24 >= 128) byte |= 0x80 >> bit;
      data[y * stride + xb] = byte;
    }
  }
  return { width, height, data };
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
