/**
 * The only bridge: forwards the MessagePort the page creates to the main process, and the
 * page's request to restart after a confirmed restore. Nothing is exposed on window; every call
 * goes through the oRPC contract.
 */
import { ipcRenderer } from 'electron';

// No `event.source === window` test: across the isolated worlds the two window objects differ.
// Main checks that the port comes from our own app:// page.
window.addEventListener('message', (event) => {
  if (event.data === 'bcci:connect' && event.ports[0]) {
    ipcRenderer.postMessage('bcci:port', null, [event.ports[0]]);
  }
  // After a confirmed restore the page asks for a restart; main checks that one is waiting.
  if (event.data === 'bcci:relaunch') ipcRenderer.postMessage('bcci:relaunch', null);
});
