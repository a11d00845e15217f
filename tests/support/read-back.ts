import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
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

/*
 * The tools run asynchronously: a test's core serves HTTP in the same process, and blocking it
 * for the seconds OCR takes let keep-alive sockets expire under the client (ECONNRESET).
 */
const run = promisify(execFile);

/** Every barcode zbarimg finds in the image, as "TYPE:data". */
export async function readBarcodes(png: string): Promise<string[]> {
  requireTool('zbarimg');
  // zbarimg exits non-zero when it finds nothing; what it printed is still the answer.
  const { stdout } = await run('zbarimg', ['-q', png], { encoding: 'utf8' }).catch((e: { stdout?: string }) => ({ stdout: e.stdout ?? '' }));
  return stdout.split('\n').filter(Boolean);
}

/**
 * Vietnamese text read back from a raster with tesseract, NFC. Page segmentation 4 (one column)
 * suits receipts; 6 (one block) keeps short lines between dashed rules that 4 sometimes drops.
 */
export async function ocrVietnamese(png: string, psm: 4 | 6 = 4): Promise<string> {
  requireTool('tesseract');
  const { stdout } = await run('tesseract', [png, '-', '-l', 'vie', '--psm', String(psm)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  return stdout.normalize('NFC');
}

/** The text of a PDF as pdftotext reads it (`-layout` keeps each table row on one line), NFC. */
export async function pdfText(pdf: Buffer, mode: '-layout' | '-raw' = '-layout'): Promise<string> {
  requireTool('pdftotext');
  const file = join(tempDir('bcci-pdf-'), 'document.pdf');
  writeFileSync(file, pdf);
  const { stdout } = await run('pdftotext', [mode, '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return stdout.normalize('NFC');
}
