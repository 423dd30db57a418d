// `pnpm --filter @portflow/worker build` step: writes dist/node-worker.js.
import { bundleWorker } from '../src/bundle-worker.js';

console.log(`bundled ${await bundleWorker()}`);
