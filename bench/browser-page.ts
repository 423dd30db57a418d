// What the benchmarks that run in headless Chromium share (`pnpm bench:viewer`, `pnpm
// bench:browser`): Debian's Chromium as the planner's browser test and TOOLCHAIN.md start it,
// and a page of bench/ built by Vite and served on localhost.
import { rmSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build, defaultClientConditions, preview } from 'vite';

const CHROMIUM = process.env.PORTFLOW_CHROMIUM ?? '/usr/bin/chromium';
// WebGL 2 through SwiftShader, no background traffic (this machine's network refuses it).
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export interface ServedPage {
  readonly url: string;
  readonly browser: Browser;
  /** Closes the browser and the server and removes the build. */
  readonly close: () => Promise<void>;
}

/** Builds the page in `root` (the engine's sources, not its build) into `outDir`, serves it on `port` and starts Chromium. */
export async function servePage(root: string, outDir: string, port: number): Promise<ServedPage> {
  const config = { root, configFile: false as const, logLevel: 'error' as const, resolve: { conditions: ['portflow-source', ...defaultClientConditions] }, build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 } };
  await build(config);
  const server = await preview({ ...config, preview: { port, host: '127.0.0.1' } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the preview server gave no address');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    url,
    browser,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}
