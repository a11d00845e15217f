/**
 * Electron entry: one hardened window, and the counter core in its own utility process
 * (decision 0030), to which main forwards the renderer's MessagePort. Nothing else crosses.
 */
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, safeStorage, utilityProcess, type MessagePortMain } from 'electron';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join, normalize, sep } from 'node:path';
import type { AppErrorData } from '../shared/contract/errors.js';
import { restorePending } from './core/backup/restore-pending.js';
import { openDataKey } from './hosting/data-key.js';
import { superviseCore, type CoreSupervisor } from './hosting/core-process/supervisor.js';
import { installLastResort } from './hosting/last-resort.js';
import { installLogMasking } from './hosting/log-masking.js';

const ORIGIN = 'app://bcci';
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));
const PRELOAD = fileURLToPath(new URL('./preload.cjs', import.meta.url));
// Beside main.js, inside app.asar when packaged: utilityProcess.fork reads the archive as require does.
const CORE_ENTRY = fileURLToPath(new URL('./core-process.js', import.meta.url));
const TITLE = 'BCCI Counter';
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// Two instances would fight over the serial port, the printer and the database.
if (!app.requestSingleInstanceLock()) app.quit();

let core: CoreSupervisor<MessagePortMain> | undefined;
let coreStopping: Promise<void> | undefined;
let coreStopped = false;
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
    title: TITLE,
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

const bothLanguages = (problem: AppErrorData) => `${problem.vi}\n\n${problem.en}`;

/** The core process, with the data folder and version it needs; it restarts if it dies. */
function startCoreProcess(dataKey: string | null) {
  return superviseCore<MessagePortMain>({
    dataKey,
    fork: () =>
      utilityProcess.fork(CORE_ENTRY, ['--data-dir', app.getPath('userData'), '--app-version', app.getVersion()], {
        serviceName: `${TITLE} core`,
        stdio: 'inherit',
      }),
    onCrash: ({ restarted, problem }) => {
      if (!restarted) {
        dialog.showErrorBox(`${TITLE} — lõi ứng dụng đã dừng / the app core stopped`, bothLanguages(problem));
        app.exit(1);
        return;
      }
      // The old sessions died with the old core: the reloaded page connects anew and asks for sign-in.
      win?.reload();
      if (win) void dialog.showMessageBox(win, { type: 'warning', title: TITLE, message: problem.vi, detail: problem.en });
    },
  });
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
  const key = openDataKey(app.getPath('userData'), safeStorage);
  if (!key.ok) {
    dialog.showErrorBox(`${TITLE} — không khởi động được / cannot start`, bothLanguages(key.problem));
    app.exit(1);
    return;
  }
  if (key.dataKey === null) console.warn('[main] no OS secret store: tokens, the audit key and the office password stay in files only this account may read (0600)');
  core = startCoreProcess(key.dataKey);
  const started = await core.start();
  // Quitting while the core was still starting stops it too; that is no failure to report.
  if (coreStopping) return;
  if (!started.ok) {
    dialog.showErrorBox(`${TITLE} — không khởi động được / cannot start`, bothLanguages(started.problem));
    app.exit(1);
    return;
  }
  ipcMain.on('bcci:port', (event) => {
    // Only our own page may open a channel to the core.
    if (!event.senderFrame?.url.startsWith(`${ORIGIN}/`)) return;
    const [port] = event.ports;
    // One session per port: a reload makes a new port, so it signs the clerk out.
    if (port) core?.connect(port);
  });
  ipcMain.on('bcci:relaunch', (event) => {
    // Only our page, and only with a confirmed restore waiting: nothing else can restart the app.
    if (!event.senderFrame?.url.startsWith(`${ORIGIN}/`) || !restorePending(app.getPath('userData'))) return;
    // Quitting stops the core cleanly (before-quit); the new start applies the restore.
    app.relaunch();
    app.quit();
  });
  serveRenderer();
  createWindow();
});

app.on('window-all-closed', () => app.quit());

app.on('before-quit', (event) => {
  if (!core || coreStopped) return;
  // The core releases the serial port and closes the database before the app leaves.
  event.preventDefault();
  coreStopping ??= core.stop().finally(() => {
    coreStopped = true;
    app.quit();
  });
});
