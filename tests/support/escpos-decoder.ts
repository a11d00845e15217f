import type { MonoBitmap } from '../../electron/core/devices/printer/mono-bitmap.js';

/**
 * Reads an ESC/POS byte stream the way a printer would, independently of the code that
 * wrote it: a transcript of commands, and each document (raster up to a cut) as an image.
 */
export interface Decoded {
  transcript: string[];
  documents: MonoBitmap[];
  unknown: number[];
}

export function decodeEscPos(bytes: Uint8Array): Decoded {
  const transcript: string[] = [];
  const documents: MonoBitmap[] = [];
  const unknown: number[] = [];
  let bands: { width: number; rows: number; data: Uint8Array }[] = [];
  const flush = () => {
    if (bands.length === 0) return;
    const width = bands[0]!.width * 8;
    const height = bands.reduce((h, b) => h + b.rows, 0);
    const data = new Uint8Array((width / 8) * height);
    let at = 0;
    for (const b of bands) {
      if (b.width * 8 !== width) throw new Error('raster bands of different widths in one document');
      data.set(b.data, at);
      at += b.data.length;
    }
    documents.push({ width, height, data });
    bands = [];
  };
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x1b && bytes[i + 1] === 0x40) {
      transcript.push('ESC @ init');
      i += 2;
    } else if (b === 0x1b && bytes[i + 1] === 0x64) {
      transcript.push(`ESC d feed ${bytes[i + 2]} lines`);
      i += 3;
    } else if (b === 0x1b && bytes[i + 1] === 0x70) {
      // ESC p m t1 t2: pin m (0 = connector pin 2, 1 = pin 5), on t1 × 2 ms, off t2 × 2 ms
      transcript.push(`ESC p drawer pin=${bytes[i + 2]} on=${bytes[i + 3]! * 2}ms off=${bytes[i + 4]! * 2}ms`);
      i += 5;
    } else if (b === 0x1d && bytes[i + 1] === 0x76 && bytes[i + 2] === 0x30) {
      const xBytes = bytes[i + 4]! | (bytes[i + 5]! << 8);
      const rows = bytes[i + 6]! | (bytes[i + 7]! << 8);
      const start = i + 8;
      const end = start + xBytes * rows;
      if (end > bytes.length) throw new Error(`raster band overruns the stream at byte ${i}`);
      bands.push({ width: xBytes, rows, data: bytes.slice(start, end) });
      transcript.push(`GS v 0 raster ${xBytes * 8}x${rows}`);
      i = end;
    } else if (b === 0x1d && bytes[i + 1] === 0x56) {
      flush();
      transcript.push(bytes[i + 2] === 0 ? 'GS V cut' : 'GS V partial cut');
      i += 3;
    } else if (b === 0x0a) {
      transcript.push('LF');
      i += 1;
    } else {
      unknown.push(i);
      i += 1;
    }
  }
  flush();
  return { transcript, documents, unknown };
}
