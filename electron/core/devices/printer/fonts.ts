import { GlobalFonts } from '@napi-rs/canvas';
import { join } from 'node:path';

/** The bundled face (full Vietnamese coverage); never a system font, so every counter prints alike. */
export const PRINT_FONT = 'BCCI Print Sans';

let registered = false;

export function registerPrintFonts(resourcesDir: string): void {
  if (registered) return;
  for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) {
    if (!GlobalFonts.registerFromPath(join(resourcesDir, 'fonts', file), PRINT_FONT)) {
      throw new Error(`print font ${file} could not be registered`);
    }
  }
  registered = true;
}
