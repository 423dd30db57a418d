// `pnpm bench:viewer`: how smoothly @portflow/viewer draws a crowd. Builds bench/viewer-page with
// Vite, serves it on localhost, and in Debian's headless Chromium (playwright-core) draws a
// 200 m x 100 m hall with 2,000 and 20,000 travellers all moving every frame, with and without
// the level-of-service overlay; prints frame-time median / p95, frames per second and the page's
// own time per frame, and writes bench/results/viewer-frames.json. Benchmarks only: never part of
// `pnpm test`. Headless Chromium here draws WebGL with SwiftShader (software, on the CPU): the
// figures are a floor for a machine with a GPU, not what a planner's laptop shows.
// Options (environment): CASES="2000:off,20000:los" (travellers:overlay), MEASURE_MS=5000 per case.
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servePage } from './browser-page.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, 'viewer-page');
const outDir = join(here, 'tmp-viewer-page');
const resultsFile = join(here, 'results', 'viewer-frames.json');
const cases = (process.env.CASES ?? '2000:off,2000:los,20000:off,20000:los').split(',').map((c) => ({ n: Number(c.split(':')[0]), overlay: c.endsWith(':los') }));
const measureMs = Number(process.env.MEASURE_MS ?? 5000);
// Other work on the machine slows a software renderer directly: say how busy it was.
const loadBefore = loadavg()[0]!;

interface PageResult {
  readonly n: number;
  readonly overlay: boolean;
  readonly intervals: number[];
  readonly work: number[];
  readonly renderer: string;
  readonly width: number;
  readonly height: number;
}

const quantile = (values: readonly number[], q: number): number => {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

const { url, browser, close } = await servePage(root, outDir, 4180);
const version = browser.version();
const rows: Record<string, unknown>[] = [];
let renderer = '';
let canvas = '';
try {
  for (const c of cases) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${url}?n=${c.n}&overlay=${c.overlay ? 'los' : 'none'}&measure=${measureMs}`);
    await page.waitForSelector('body[data-done="true"]', { timeout: 120_000 + measureMs });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    const r = (await page.evaluate(() => (globalThis as unknown as { __bench: unknown }).__bench)) as PageResult;
    await page.close();
    renderer = r.renderer;
    canvas = `${r.width}x${r.height}`;
    const seconds = r.intervals.reduce((a, b) => a + b, 0) / 1000;
    rows.push({
      travellers: c.n,
      overlay: c.overlay ? 'LOS' : 'off',
      frames: r.intervals.length,
      frameMsP50: quantile(r.intervals, 0.5),
      frameMsP95: quantile(r.intervals, 0.95),
      fps: r.intervals.length / seconds,
      pageMsP50: quantile(r.work, 0.5),
      pageMsP95: quantile(r.work, 0.95),
    });
  }
} finally {
  await close();
}

const machine = { node: process.version, chromium: version, cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), renderer, canvas, loadBefore, loadAfter: loadavg()[0]! };
const software = /swiftshader/i.test(renderer);
console.log(`portflow viewer frames — Chromium ${machine.chromium} headless, ${machine.cpu}, ${machine.cores} cores, canvas ${canvas} px`);
console.log(`WebGL renderer: ${renderer}`);
console.log(`1-minute load average before the run: ${loadBefore.toFixed(2)} on ${machine.cores} cores (work of other processes, which the software renderer competes with; ${machine.loadAfter.toFixed(2)} after, Chromium's own included)`);
console.log(software ? 'Software GL (SwiftShader): every pixel is drawn by the CPU, so these are a floor; a GPU draws the same frames much faster.\n' : '\n');
const f = (v: unknown): string => (typeof v === 'number' ? (Number.isInteger(v) || v >= 100 ? v.toFixed(0) : v.toFixed(1)) : String(v));
const head = ['travellers', 'overlay', 'frames', 'frame ms p50', 'frame ms p95', 'fps', 'page ms p50', 'page ms p95'];
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${Object.values(r).map(f).join(' | ')} |`);
console.log('\nframe ms: time between animation frames while every traveller moves each frame; page ms: the page\'s own work per frame (moving travellers, show(), overlay count when due, draw() submitting to WebGL).');
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify({ date: new Date().toISOString(), machine, software, measureMs, rows }, null, 2) + '\n');
console.log(`written ${resultsFile}`);
