import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monoToPng } from '../../electron/core/devices/printer/mono-bitmap.js';
import type { MonoBitmap } from '../../electron/core/devices/printer/mono-bitmap.js';
import { tempDir } from './core-harness.js';

export const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

export function savePng(bitmap: MonoBitmap, name = 'page'): string {
  const file = join(tempDir('bcci-print-'), `${name}.png`);
  writeFileSync(file, monoToPng(bitmap));
  return file;
}

/** Every barcode zbarimg finds in the image, as "TYPE:data". */
export function readBarcodes(png: string): string[] {
  const r = spawnSync('zbarimg', ['-q', png], { encoding: 'utf8' });
  return r.stdout.split('\n').filter(Boolean);
}

/** Vietnamese text read back from a raster with tesseract, NFC. */
export function ocrVietnamese(png: string): string {
  return execFileSync('tesseract', [png, '-', '-l', 'vie', '--psm', '4'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).normalize('NFC');
}
