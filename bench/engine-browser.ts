// `pnpm bench:browser`: the engine workloads of `pnpm bench` (W1, W2 and P1) in a Web Worker of
// headless Chromium, where the planner runs the engine, beside the same runs in this Node process
// (run first, minutes apart: this machine's speed drifts, so read the two columns as one hour's).
// Prints both and whether the positions are the same to the bit, and writes
// bench/results/engine-browser.json. Benchmarks only: never part of `pnpm test`.
// Options (environment): PLAN="W1:1000,W1:10000,W1:50000,W2:2000,W2:20000,P1:3" (P1 in simulated hours).
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { servePage } from './browser-page.js';
import { heapInUse } from './engine.js';
import type { JobResult } from './engine-page/jobs.js';
import { parsePlan, runJob } from './engine-page/jobs.js';
import { samePositions } from './workloads.js';

const here = dirname(fileURLToPath(import.meta.url));
const resultsFile = join(here, 'results', 'engine-browser.json');
const planText = process.env.PLAN ?? 'W1:1000,W1:10000,W1:50000,W2:2000,W2:20000,P1:3';
const plan = parsePlan(planText);

const inNode = plan.map((job) =>
  runJob(job, { heap: heapInUse, progress: (line) => process.stderr.write(`  node ${line}\n`) }),
);

const { url, browser, close } = await servePage(join(here, 'engine-page'), join(here, 'tmp-engine-page'), 4181);
const version = browser.version();
let inBrowser: JobResult[];
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => process.stderr.write(`  chromium ${m.text()}\n`));
  await page.goto(`${url}?plan=${encodeURIComponent(planText)}`);
  // P1's three hours take about a minute here; the whole default plan a few.
  await page.waitForSelector('body[data-done="true"]', { state: 'attached', timeout: 30 * 60_000 });
  const state = (await page.evaluate(() => (globalThis as unknown as { __bench: unknown }).__bench)) as { results: JobResult[]; error?: string };
  if (errors.length > 0 || state.error) throw new Error(`the page failed: ${[...errors, state.error].filter(Boolean).join('; ')}`);
  inBrowser = state.results;
} finally {
  await close();
}

const machine = { node: process.version, chromium: version, cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism() };
console.log(`portflow engine in a browser Worker — Chromium ${version} headless beside Node ${process.version}, ${machine.cpu}, one thread each\n`);
const head = ['workload', 'agents', 'steps', 'Node M agent-steps/s', 'Chromium M agent-steps/s', 'Chromium/Node', 'Node sim s/wall s', 'Chromium sim s/wall s', 'same results'];
console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
const rows = plan.map((job, k) => {
  const n = inNode[k]!, b = inBrowser[k]!;
  // W1/W2 compare every final position; P1 its port figures (every traveller's run is in them).
  const same = 'positions' in n && 'positions' in b ? samePositions(n.positions, b.positions) : 'clearedPerHour' in n && 'clearedPerHour' in b && n.clearedPerHour.join() === b.clearedPerHour.join() && n.meanWait === b.meanWait;
  // The positions are for the comparison, not the JSON (100,000 numbers for W1 at 50,000).
  const strip = (r: JobResult) => ('positions' in r ? { ...r, positions: undefined } : r);
  const row = { workload: job.workload, agents: n.agents, steps: n.steps, node: strip(n), chromium: strip(b), ratio: b.agentStepsPerSecond / n.agentStepsPerSecond, same };
  console.log(`| ${[row.workload, row.agents, row.steps, (n.agentStepsPerSecond / 1e6).toFixed(2), (b.agentStepsPerSecond / 1e6).toFixed(2), row.ratio.toFixed(2), n.simSecondsPerWallSecond.toFixed(1), b.simSecondsPerWallSecond.toFixed(1), same ? 'yes' : 'NO'].join(' | ')} |`);
  return row;
});
console.log('\nsame results: W1/W2 every final position equal to the bit; P1 the same travellers cleared each hour and the same mean e-gate wait.');
mkdirSync(dirname(resultsFile), { recursive: true });
writeFileSync(resultsFile, JSON.stringify({ date: new Date().toISOString(), machine, plan: planText, rows }, null, 2) + '\n');
console.log(`written ${resultsFile}`);
if (rows.some((r) => !r.same)) process.exitCode = 1;
