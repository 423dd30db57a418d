// End to end in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// build the app, serve it with `vite preview`, run a short comparison, and check what a planner
// sees: numbers for both scenarios in the KPI table, travellers drawn on both 3D views, no
// console errors. Saves a screenshot to examples/planner/screenshots/ (git-ignored).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { build, preview } from 'vite';
import { createScenarioSimulation } from '@portflow/scenario';
import { frameHash, jobScenario, writeFrame } from '@portflow/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env.PORTFLOW_CHROMIUM ?? '/usr/bin/chromium';
// From TOOLCHAIN.md: WebGL 2 through SwiftShader, and no background traffic on a closed network.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];
const MISSING = `Chromium not found at ${CHROMIUM}: install it with \`apt-get update && apt-get install -y chromium fonts-noto-cjk\` (or set PORTFLOW_CHROMIUM)`;
const root = fileURLToPath(new URL('..', import.meta.url));
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

describe('planner app in headless Chromium', () => {
  let server: PreviewServer | undefined;
  let browser: Browser | undefined;
  let base = '';

  beforeAll(async () => {
    // Never skip: without Chromium both tests below fail with this message.
    if (!existsSync(CHROMIUM)) return;
    await build({ root, configFile: `${root}vite.config.ts`, logLevel: 'error' });
    const port = await freePort();
    server = await preview({ root, configFile: `${root}vite.config.ts`, preview: { port, strictPort: true, host: '127.0.0.1' }, logLevel: 'warn' });
    base = `http://127.0.0.1:${port}/`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  // Also a test of its own, so a missing browser shows as a failed test, not only a failed hook.
  it('finds Chromium', () => {
    expect(existsSync(CHROMIUM), MISSING).toBe(true);
  });

  it('runs a short comparison and shows KPIs for both scenarios and travellers on both views', async () => {
    expect(browser, MISSING).toBeDefined();
    const page = await browser!.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const query = new URLSearchParams({ a: 'examples/hall-with-e-gates.json', b: 'examples/hall-with-more-counters.json', speed: 'max', until: '07:15', run: '1' });
    await page.goto(`${base}?${query.toString()}`);
    await page.waitForSelector('body[data-finished="true"]', { timeout: 150_000 });
    // Let the last frame reach the canvases.
    await page.waitForTimeout(300);

    const table = await page.$$eval('#kpi tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const numeric = (s: string | undefined): boolean => s !== undefined && /^-?\d+(\.\d+)?$/.test(s);
    const throughput = table.find((r) => r[0]?.startsWith('Throughput'));
    expect(throughput, JSON.stringify(table)).toBeDefined();
    expect(numeric(throughput![2]) && numeric(throughput![3]), JSON.stringify(throughput)).toBe(true);
    expect(Number(throughput![2])).toBeGreaterThan(0);
    const waits = table.filter((r) => r[0]?.includes('mean wait'));
    expect(waits.length).toBeGreaterThan(0);
    for (const r of waits) expect(numeric(r[2]) && numeric(r[3]), JSON.stringify(r)).toBe(true);

    // Sample each 3D view's pixels: the floor plan and travellers make many non-background pixels
    // and the traveller colours (walking blue, at a desk orange, queueing amber) appear.
    const views = await page.$$eval('canvas.view', (canvases) =>
      canvases.map((element) => {
        const c = element as HTMLCanvasElement;
        const copy = document.createElement('canvas');
        copy.width = c.width;
        copy.height = c.height;
        const g = copy.getContext('2d')!;
        g.drawImage(c, 0, 0);
        const d = g.getImageData(0, 0, c.width, c.height).data;
        let drawn = 0;
        let travellers = 0;
        for (let i = 0; i < d.length; i += 4) {
          const r = d[i]!;
          const gr = d[i + 1]!;
          const b = d[i + 2]!;
          if (r < 245 || gr < 245 || b < 245) drawn++;
          // Saturated pixels: only travellers are coloured, the plan is grey.
          if (Math.max(r, gr, b) - Math.min(r, gr, b) > 80) travellers++;
        }
        return { pixels: d.length / 4, drawn, travellers };
      }),
    );
    expect(views).toHaveLength(2);
    for (const v of views) {
      expect(v.drawn / v.pixels, JSON.stringify(v)).toBeGreaterThan(0.2);
      expect(v.travellers, JSON.stringify(v)).toBeGreaterThan(50);
    }

    // The view as PNG: both 3D views side by side under a caption, downloaded as a real PNG.
    const [png] = await Promise.all([page.waitForEvent('download'), page.click('#export-png')]);
    expect(png.suggestedFilename()).toBe('portflow-comparison.png');
    const bytes = readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(20_000);

    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}planner-1440x900.png`, fullPage: false });
    await page.screenshot({ path: `${screenshots}planner-full.png`, fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 200_000);

  it('gives the same results in a browser Worker and on the page as in Node, bit for bit', async () => {
    // The determinism standard: one scenario and seed, run in Node here, in a Web Worker
    // through @portflow/worker and on the page's main thread (determinism.html): the final
    // metrics and the hash of every traveller's position, state, class and level must agree.
    expect(browser, MISSING).toBeDefined();
    const job = { scenario: readFileSync(`${root}../../scenarios/examples/hall-with-e-gates.json`, 'utf8'), path: 'examples/hall-with-e-gates.json', seed: 7, to: '07:05' };
    const sim = createScenarioSimulation(jobScenario(job), { seed: job.seed });
    sim.runUntil(job.to);
    const node = { hash: frameHash(writeFrame(sim)), metrics: JSON.parse(JSON.stringify(sim.metrics())) as unknown };
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${base}determinism.html`);
    await page.waitForSelector('body[data-done="true"]', { timeout: 120_000 });
    const result = (await page.evaluate(() => (window as unknown as { __determinism: unknown }).__determinism)) as {
      error?: string;
      worker: { hash: string; metrics: unknown };
      page: { hash: string; metrics: unknown };
    };
    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(result.worker.hash).toBe(node.hash);
    expect(result.page.hash).toBe(node.hash);
    expect(result.worker.metrics).toEqual(node.metrics);
    expect(result.page.metrics).toEqual(node.metrics);
    await page.close();
  }, 200_000);
});
