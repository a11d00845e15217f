import { createCanvas, type Canvas } from '@napi-rs/canvas';

/**
 * The height of the canvas a sheet starts with, kept between documents: a receipt of a dozen
 * documents on 58 mm paper fits. A longer document grows a canvas of its own, which is not
 * kept (every later receipt would have to clear it).
 */
export const KEPT_HEIGHT = 2800;

/**
 * One drawing canvas per paper width, kept for the thread's life and cleared for each
 * document. A new canvas is megabytes of fresh memory the system zeroes page by page, and the
 * canvas library frees its memory only when the event loop turns: that, more than the drawing,
 * was a receipt's time (decision 0058). A sheet takes the canvas while it draws and gives it
 * back when done; a second sheet drawn meanwhile, or after one that failed halfway, gets a new one.
 */
const idle = new Map<number, Canvas>();

export function takeCanvas(width: number): Canvas {
  const kept = idle.get(width);
  if (!kept) return createCanvas(width, KEPT_HEIGHT);
  idle.delete(width);
  kept.getContext('2d').clearRect(0, 0, width, KEPT_HEIGHT);
  return kept;
}

export function giveBackCanvas(canvas: Canvas): void {
  if (canvas.height === KEPT_HEIGHT) idle.set(canvas.width, canvas);
}
