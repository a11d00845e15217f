/**
 * The last line of defence for a host process (Electron main, browser mode). Every
 * background task catches its own failures; one that slips through is logged here and the
 * process goes on serving. Nothing is lost by going on: every write is its own SQLite
 * transaction (synchronous=FULL), so no half-written state survives in memory or on disk.
 */
export function installLastResort(log: (line: string, error: unknown) => void = (l, e) => console.error(l, e)): void {
  process.on('unhandledRejection', (reason) => log('[last-resort] unhandled rejection; the app goes on:', reason));
  process.on('uncaughtException', (error) => log('[last-resort] uncaught exception; the app goes on:', error));
}
