/**
 * Electron entry: one hardened window, the counter core hosted in this process, and
 * the renderer's MessagePort upgraded into the core's oRPC router. Nothing else crosses.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, safeStorage } from 'electron';
import Store from 'electron-store';
import { RPCHandler } from '@orpc/server/message-port';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, normalize, sep } from 'node:path';
import { isAppErrorData } from '../shared/contract/errors.js';
import { createCore, type Core } from './core/core.js';
import { createRouter, errorInterceptor, requestInterceptor } from './core/router.js';
import type { KeyValueStore } from './core/config/settings-service.js';
import { installLastResort } from './hosting/last-resort.js';
import { installLogMasking } from './hosting/log-masking.js';

const ORIGIN = 'app://bcci';
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Two instances would fight over the serial port, the printer and the database.
if (!app.requestSingleInstanceLock()) app.quit();

let core: Core | undefined;
let win: BrowserWindow | undefined;

/** Serves the built renderer from app://bcci/, refusing any path outside it. */
function serveRenderer() {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^([/\\])+/, '') || 'index.html';
    const file = join(RENDERER_DIR, rel);
    if (url.host !== 'bcci' || !file.startsWith(normalize(RENDERER_DIR + sep))) return new Response('Forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    return new Response(res.body, { status: res.status, headers });
  });
}

function createWindow() {
  win = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'BCCI Counter',
    show: false,
    webPreferences: {
      preload: PRELOAD,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click must not open links in new windows.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.removeMenu();
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${ORIGIN}/`)) event.preventDefault();
  });
  win.once('ready-to-show', () => win?.show());
  void win.loadURL(`${ORIGIN}/index.html`);
}

/** Settings through electron-store; secrets (later: the agency token) through safeStorage. */
function settingsStore(): KeyValueStore {
  return new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('second-instance', () => {
  if (win?.isMinimized()) win.restore();
  win?.focus();
});

installLogMasking();
installLastResort();

app.whenReady().then(async () => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  try {
    core = await createCore({ dataDir: app.getPath('userData'), settingsStore: settingsStore(), host: 'electron', appVersion: app.getVersion() });
  } catch (error) {
    const data = (error as { data?: unknown }).data;
    const text = isAppErrorData(data) ? `${data.vi}\n\n${data.en}` : String(error);
    dialog.showErrorBox('BCCI Counter — không khởi động được / cannot start', text);
    app.exit(1);
    return;
  }
  if (!safeStorage.isEncryptionAvailable()) console.warn('[main] OS secret store unavailable');
  const handler = new RPCHandler(createRouter(core), { interceptors: [requestInterceptor], clientInterceptors: [errorInterceptor] });
  ipcMain.on('bcci:port', (event) => {
    // Only our own page may open a channel to the core.
    if (!event.senderFrame?.url.startsWith(`${ORIGIN}/`)) return;
    const [port] = event.ports;
    if (!port) return;
    // One session per port: a reload makes a new port, so it signs the clerk out.
    handler.upgrade(port, { context: { session: { token: null } } });
    port.start();
  });
  serveRenderer();
  createWindow();
});

app.on('window-all-closed', () => {
  // Release the serial port and close the database before leaving.
  void (core?.close() ?? Promise.resolve()).finally(() => app.quit());
});
