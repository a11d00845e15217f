/**
 * The only bridge: forwards the MessagePort the page creates to the main process.
 * Nothing is exposed on window; every call then goes through the oRPC contract.
 */
import { ipcRenderer } from 'electron';

window.addEventListener('message', (event) => {
  if (event.source === window && event.data === 'bcci:connect' && event.ports[0]) {
    ipcRenderer.postMessage('bcci:port', null, [event.ports[0]]);
  }
});
