import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the "portflow-source" condition), so
// the app builds without building the packages first; the worker is a module worker.
export default defineConfig({
  resolve: { conditions: ['portflow-source', ...defaultClientConditions] },
  worker: { format: 'es' },
  server: { port: 5173, fs: { allow: ['../..'] } },
  preview: { port: 4173, strictPort: true },
  build: { chunkSizeWarningLimit: 1500 },
});
