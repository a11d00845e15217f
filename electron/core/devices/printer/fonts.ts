import { GlobalFonts } from '@napi-rs/canvas';
import { join } from 'node:path';

/** The bundled face (full Vietnamese coverage); never a system font, so every counter prints alike. */
export const PRINT_FONT = 'BCCI Print Sans';

let registered = false;

export function registerPrintFonts(resourcesDir: string): void {
  if (registered) return;
  // Native code cannot read inside the packaged app's asar archive; the fonts are unpacked beside it.
  const dir = join(resourcesDir.replace(/app\.asar(?=[\\/]|$)/, 'app.asar.unpacked'), 'fonts');
  for (const file of ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf']) {
    if (!GlobalFonts.registerFromPath(join(dir, file), PRINT_FONT)) {
      throw new Error(`print font ${file} could not be registered`);
    }
  }
  registered = true;
}
