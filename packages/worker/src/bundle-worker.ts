// Builds dist/node-worker.js: the worker entry with core, scenario, comlink and their
// dependencies bundled into one ES module, because Node 20 cannot load TypeScript in a worker
// and the workspace packages resolve to sources. Written to a temporary file and renamed, so
// concurrent builds (two test files) never expose a half-written bundle.
import { mkdir, rename } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const workerBundleUrl = new URL('../dist/node-worker.js', import.meta.url);

export async function bundleWorker(): Promise<string> {
  const { build } = await import('esbuild');
  const out = fileURLToPath(workerBundleUrl);
  const tmp = `${out}.${process.pid}.${Date.now()}.tmp`;
  await mkdir(fileURLToPath(new URL('.', workerBundleUrl)), { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./node-worker.ts', import.meta.url))],
    outfile: tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['portflow-source'],
    // seedrandom is CommonJS and requires 'crypto'; give the ES module bundle a require.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  await rename(tmp, out);
  return out;
}
