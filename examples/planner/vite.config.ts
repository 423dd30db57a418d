import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the "portflow-source" condition), so
// the app builds without building the packages first; the worker is a module worker.
export default defineConfig({
  resolve: { conditions: ['portflow-source', ...defaultClientConditions] },
  worker: { format: 'es' },
  server: { port: 5173, fs: { allow: ['../..'] } },
  preview: { port: 4173, strictPort: true },
  // determinism.html is a test page (the browser leg of the determinism test), not linked from the app.
  build: { chunkSizeWarningLimit: 1500, rollupOptions: { input: { main: 'index.html', determinism: 'determinism.html' } } },
});
