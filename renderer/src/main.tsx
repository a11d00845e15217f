import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { SessionGate } from './session/SessionGate.js';
import { keepFocusThroughBusy } from './components/focus-through-busy.js';
import './styles.css';

keepFocusThroughBusy();

createRoot(document.getElementById('root')!).render(
  <SessionGate>
    <App />
  </SessionGate>,
);
