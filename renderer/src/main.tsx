import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { SessionGate } from './session/SessionGate.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <SessionGate>
    <App />
  </SessionGate>,
);
