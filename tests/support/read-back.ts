import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monoToPng } from '../../electron/core/devices/printer/mono-bitmap.js';
import type { MonoBitmap } from '../../electron/core/devices/printer/mono-bitmap.js';
import { tempDir, type Harness } from './core-harness.js';
import { requireTool } from './prerequisites.js';

/** A job's preview (the bitmap it prints) written to a file for the read-back tools. */
export async function previewFile(harness: Harness, jobId: number, name: string): Promise<string> {
  const file = join(tempDir('bcci-read-'), `${name}.png`);
  writeFileSync(file, Buffer.from((await harness.client.printing.preview({ jobId })).pngBase64, 'base64'));
  return file;
}

export function savePng(bitmap: MonoBitmap, name = 'page'): string {
  const file = join(tempDir('bcci-print-'), `${name}.png`);
  writeFileSync(file, monoToPng(bitmap));
  return file;
}

/** Every barcode zbarimg finds in the image, as "TYPE:data". */
export function readBarcodes(png: string): string[] {
  requireTool('zbarimg');
  const r = spawnSync('zbarimg', ['-q', png], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

/** Vietnamese text read back from a raster with tesseract, NFC. */
export function ocrVietnamese(png: string): string {
  requireTool('tesseract');
  return execFileSync('tesseract', [png, '-', '-l', 'vie', '--psm', '4'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).normalize('NFC');
}
