import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monoToPng } from '../../electron/core/devices/printer/mono-bitmap.js';
import type { MonoBitmap } from '../../electron/core/devices/printer/mono-bitmap.js';
import { tempDir } from './core-harness.js';
import { requireTool } from './prerequisites.js';

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
