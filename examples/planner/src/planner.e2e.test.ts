// End to end in a real headless Chromium (Debian's /usr/bin/chromium through playwright-core):
// build the app, serve it with `vite preview`, and check what a planner sees: the default
// comparison (Luohu baseline against an upgrade option) starting from a bare URL, and a short
// comparison over three seeds with the level-of-service floor: numbers (with intervals) for both
// scenarios in the KPI table, travellers and the overlay drawn on both 3D views, no console
// errors. Saves screenshots to examples/planner/screenshots/ (git-ignored).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { build, preview } from 'vite';
import { portableMath } from '@portflow/core';
import { createScenarioSimulation } from '@portflow/scenario';
import { frameHash, jobScenario, mathFingerprint, writeFrame } from '@portflow/worker';
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

/** The pixels of every 3D view, read back through a 2D canvas (the views keep their drawing buffers). */
type ViewPixels = () => Uint8ClampedArray[];
function installViewPixels(): void {
  (window as unknown as { __viewPixels: ViewPixels }).__viewPixels = () =>
    [...document.querySelectorAll('canvas.view')].map((element) => {
      const c = element as HTMLCanvasElement;
      const copy = document.createElement('canvas');
      copy.width = c.width;
      copy.height = c.height;
      const g = copy.getContext('2d')!;
      g.drawImage(c, 0, 0);
      return g.getImageData(0, 0, c.width, c.height).data;
    });
}

/** A desktop-size page that collects console errors and page errors. */
async function desktopPage(browser: Browser): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  await page.addInitScript(installViewPixels);
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

const kpiTable = (page: Page): Promise<string[][]> => page.$$eval('#kpi tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
/** A plain number (one run each) / a mean with its 95 % half-width (several seeds; B - A signed). */
const plain = (s: string | undefined): boolean => s !== undefined && /^[-+]?\d+(\.\d+)?$/.test(s);
const interval = (s: string | undefined): boolean => s !== undefined && /^[-+]?\d+(\.\d+)? ± \d+(\.\d+)?$/.test(s);

/** Each 3D view's pixels: how many are not background, and how many saturated (only travellers and the overlay are coloured, the plan is grey). */
const viewPixels = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __viewPixels: ViewPixels }).__viewPixels().map((d) => {
      let drawn = 0;
      let travellers = 0;
      for (let i = 0; i < d.length; i += 4) {
        const r = d[i]!;
        const gr = d[i + 1]!;
        const b = d[i + 2]!;
        if (r < 245 || gr < 245 || b < 245) drawn++;
        if (Math.max(r, gr, b) - Math.min(r, gr, b) > 80) travellers++;
      }
      return { pixels: d.length / 4, drawn, travellers };
    }),
  );

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

  it('opens on the default comparison, Luohu baseline against an upgrade option, and runs it', async () => {
    expect(browser, MISSING).toBeDefined();
    const { page, errors } = await desktopPage(browser!);
    await page.goto(base);
    const picked = await page.$$eval('#pick-a, #pick-b', (els) => els.map((e) => { const s = e as HTMLSelectElement; return { value: s.value, text: s.selectedOptions[0]?.textContent ?? '' }; }));
    expect(picked[0]).toMatchObject({ value: 'luohu/baseline.json' });
    expect(picked[0]!.text).toMatch(/Luohu/);
    expect(picked[1]!.value).toMatch(/^upgrades\/.*luohu/);
    await page.click('#run');
    // Briefly: until both runs report travellers in the port (the first metrics, a few simulated seconds in).
    await page.waitForFunction(() => {
      const row = [...document.querySelectorAll('#kpi tbody tr')].find((tr) => tr.textContent?.includes('still in the port'));
      const cells = row ? [...row.querySelectorAll('td')].map((td) => Number(td.textContent)) : [];
      return cells[2]! > 0 && cells[3]! > 0;
    }, undefined, { timeout: 90_000 });
    // Travellers reported in the port may still wait to be placed on the floor: wait until both views draw some.
    await page.waitForFunction(
      () => (window as unknown as { __viewPixels: ViewPixels }).__viewPixels().every((d) => {
        let coloured = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.max(d[i]!, d[i + 1]!, d[i + 2]!) - Math.min(d[i]!, d[i + 1]!, d[i + 2]!) > 80) coloured++;
        return coloured > 50;
      }),
      undefined,
      { timeout: 90_000, polling: 1000 },
    );
    const table = await kpiTable(page);
    for (const key of ['Throughput', 'Travellers through', 'Travellers still']) {
      const row = table.find((r) => r[0]?.startsWith(key));
      expect(row && plain(row[2]) && plain(row[3]), JSON.stringify(row)).toBe(true);
    }
    const views = await viewPixels(page);
    expect(views).toHaveLength(2);
    // The Lo Wu plan is a long thin strip across a wide view: a smaller share of drawn pixels than the hall.
    for (const v of views) {
      expect(v.drawn / v.pixels, JSON.stringify(v)).toBeGreaterThan(0.04);
      expect(v.travellers, JSON.stringify(v)).toBeGreaterThan(50);
    }
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: `${screenshots}planner-default-1440x900.png` });
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);

  it('runs a short comparison over three seeds with the level-of-service floor', async () => {
    expect(browser, MISSING).toBeDefined();
    const { page, errors } = await desktopPage(browser!);
    const query = new URLSearchParams({ a: 'examples/hall-with-e-gates.json', b: 'examples/hall-with-more-counters.json', speed: 'max', until: '07:15', seeds: '3', floor: 'los', run: '1' });
    await page.goto(`${base}?${query.toString()}`);
    await page.waitForSelector('body[data-finished="true"][data-replicated]', { timeout: 150_000 });
    expect(await page.getAttribute('body', 'data-replicated')).toBe('true');
    // Let the last frame and overlay update reach the canvases.
    await page.waitForTimeout(500);

    // Over three seeds every number is "mean ± half-width", B - A too.
    expect(await page.textContent('#kpi-caption')).toContain('over seeds 1–3');
    const table = await kpiTable(page);
    const throughput = table.find((r) => r[0]?.startsWith('Throughput'));
    expect(throughput, JSON.stringify(table)).toBeDefined();
    expect(interval(throughput![2]) && interval(throughput![3]) && interval(throughput![4]), JSON.stringify(throughput)).toBe(true);
    expect(Number(throughput![2]!.split(' ± ')[0])).toBeGreaterThan(0);
    const waits = table.filter((r) => r[0]?.includes('mean wait'));
    expect(waits.length).toBeGreaterThan(0);
    for (const r of waits) expect(interval(r[2]) && interval(r[3]), JSON.stringify(r)).toBe(true);

    // The floor overlay: a legend A-F, the worst level now on each view, and coloured cells:
    // turning the overlay off changes thousands of pixels of each view (a 2 m cell is ~160 px).
    expect(await page.$$eval('#floor-legend .los-chip', (cs) => cs.map((c) => c.textContent))).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const worstNow = await page.$$eval('.los-now', (els) => els.map((e) => e.textContent ?? ''));
    for (const w of worstNow) expect(w).toMatch(/^worst now: LOS [A-F] \((queue|walkway)\)$/);
    await page.evaluate(() => {
      const w = window as unknown as { __viewPixels: ViewPixels; __withOverlay: Uint8ClampedArray[] };
      w.__withOverlay = w.__viewPixels();
    });
    await page.selectOption('#floor', 'none');
    await page.waitForTimeout(400);
    expect(await page.isHidden('#floor-legend')).toBe(true);
    expect(await page.$$eval('.los-now', (els) => els.map((e) => e.textContent))).toEqual(['', '']);
    const changed = await page.evaluate(() => {
      const w = window as unknown as { __viewPixels: ViewPixels; __withOverlay: Uint8ClampedArray[] };
      return w.__viewPixels().map((d, k) => {
        const before = w.__withOverlay[k]!;
        let n = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i]! - before[i]!) + Math.abs(d[i + 1]! - before[i + 1]!) + Math.abs(d[i + 2]! - before[i + 2]!) > 60) n++;
        return n;
      });
    });
    for (const n of changed) expect(n).toBeGreaterThan(2000);

    // Without the overlay: the floor plan and travellers make many non-background pixels and the
    // traveller colours (walking blue, at a desk green, queueing pink) appear.
    const views = await viewPixels(page);
    expect(views).toHaveLength(2);
    for (const v of views) {
      expect(v.drawn / v.pixels, JSON.stringify(v)).toBeGreaterThan(0.2);
      expect(v.travellers, JSON.stringify(v)).toBeGreaterThan(50);
    }
    // Back on, over the same last frames: the same worst levels.
    await page.selectOption('#floor', 'los');
    await page.waitForTimeout(400);
    expect(await page.$$eval('.los-now', (els) => els.map((e) => e.textContent))).toEqual(worstNow);

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
    const job = { scenario: readFileSync(`${root}../../scenarios/examples/hall-with-e-gates.json`, 'utf8'), path: 'examples/hall-with-e-gates.json', seed: 1, to: '07:15' };
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
      math: string;
    };
    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
    // The engine's exp/log/sin/cos give the same bits in Chromium as in Node (the hosts' own
    // Math functions do not: see portable-math.ts).
    expect(result.math).toBe(mathFingerprint(portableMath));
    expect(result.worker.hash).toBe(node.hash);
    expect(result.page.hash).toBe(node.hash);
    expect(result.worker.metrics).toEqual(node.metrics);
    expect(result.page.metrics).toEqual(node.metrics);
    await page.close();
  }, 200_000);
});
