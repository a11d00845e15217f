import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  // The barcode library (~930 kB) is its own chunk, loaded only with the scanner setup page.
  build: { outDir: '../dist/renderer', emptyOutDir: true, target: 'chrome120', chunkSizeWarningLimit: 1000 },
  server: { host: '127.0.0.1' },
});
