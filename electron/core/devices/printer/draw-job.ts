import type { DossierDetail } from '../../../../shared/contract/index.js';
import { layOut, type DocumentKind, type PrintContext } from './documents.js';
import { buildJob, clearStatusLookalikes, rasterBands } from './escpos.js';
import { monoToPng } from './mono-bitmap.js';
import { Sheet } from './sheet.js';
import { TextSheet } from './text-sheet.js';

/**
 * Everything that decides a job's bytes besides the dossier row: kept with the job (as JSON),
 * so a settled job can be drawn again byte for byte instead of keeping its bytes.
 */
export interface JobRecipe {
  kind: DocumentKind;
  ctx: PrintContext;
  mode: 'raster' | 'text-cp1258';
  codePage: number;
  cut: boolean;
  drawer: boolean;
}

export interface DrawRequest {
  recipe: JobRecipe;
  dossier: DossierDetail | null;
  /** the preview picture too (the preview printer, or someone looking at it) */
  png: boolean;
}

export interface Drawn {
  bytes: Buffer;
  png: Buffer | null;
}

export const recipeToJson = (r: JobRecipe): string => JSON.stringify(r);

/** The reprint time is the only Date in a recipe; JSON turns it into a string. */
export function recipeFromJson(json: string): JobRecipe {
  const r = JSON.parse(json) as JobRecipe;
  if (r.ctx.reprint) r.ctx.reprint.at = new Date(r.ctx.reprint.at);
  return r;
}

/**
 * Draws a job: the raster bitmap is the preview and (in the default raster mode) exactly what
 * is sent. Text mode sends the same layout as CP1258 text; its preview is the raster drawing,
 * which is then only drawn when a preview is asked for.
 */
export function drawJob({ recipe, dossier, png }: DrawRequest): Drawn {
  const { ctx } = recipe;
  const raster = recipe.mode === 'raster' || png;
  const bitmap = raster ? layOut(recipe.kind, dossier, ctx, new Sheet(ctx.widthDots)) : null;
  if (bitmap) clearStatusLookalikes(bitmap);
  const printed = recipe.mode === 'text-cp1258' ? layOut(recipe.kind, dossier, ctx, new TextSheet(ctx.widthDots, recipe.codePage)) : rasterBands(bitmap!);
  return {
    bytes: buildJob([printed], { cut: recipe.cut, drawer: recipe.drawer }),
    png: png && bitmap ? monoToPng(bitmap) : null,
  };
}
