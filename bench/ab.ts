// `pnpm bench:ab [--base REV] [--workload W1|W2|P1 | --checkpoint FILE] ...`: the engine in the
// working tree against the engine at a git revision, both in one process, stepped in turns.
// --checkpoint times a real port: a soak checkpoint (pnpm soak --checkpoint) restored into both.
//
// This machine's speed drifts by a factor of 1.5 within an hour (a virtual machine on shared
// hosts), so two runs taken one after the other can differ by more than most changes gain.
// Here both engines run the same workload side by side, in alternating blocks of steps (ABBA
// order, so a drift within a pair of blocks falls on both), and the figure is the ratio of
// their summed step times. Two copies of one engine (the working tree against HEAD, no
// changes) gave 0.97-1.02 on W1, 1.02-1.05 on P1 and 0.94 on 20 minutes of a Wenjindu
// checkpoint this way, not 1.00: each copy is compiled by V8 on its own, with its own luck.
// Read a ratio within 7 % of 1 as no difference.
// It also says whether the two engines gave identical results (same positions to the bit), which
// is what a pure speed change must do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { p1Navigation, p1Spec } from './process-workloads.js';
import { dayModel, readCheckpoint } from './soak-checkpoint.js';
import { bidirectionalCorridor, circleSwap, positions, samePositions } from './workloads.js';

type Core = typeof import('@portflow/core');

const usage = `usage: pnpm bench:ab [--base REV] [--workload W1|W2|P1] [--agents N] [--rounds N] [--from MIN --to MIN]
       pnpm bench:ab [--base REV] --checkpoint FILE [--seconds N]
  --base      git revision whose engine (packages/core) is compared with the working tree's; default HEAD
  --workload  W1 circle swap (default), W2 corridor, or P1 (the port workload)
  --agents    W1/W2 agents; default 10000 (W1), 2000 (W2)
  --rounds    W1/W2: fresh runs of the workload (200 or 300 steps each) per engine, twice; default 2
  --from/--to P1: the simulated minutes timed (after the run has got there untimed); default 10 to 40
  --checkpoint a file written by pnpm soak --checkpoint DIR: that day, from there, for --seconds (default 120)`;

const { values } = parseArgs({
  options: {
    base: { type: 'string', default: 'HEAD' },
    workload: { type: 'string', default: 'W1' },
    agents: { type: 'string' },
    rounds: { type: 'string', default: '2' },
    from: { type: 'string', default: '10' },
    to: { type: 'string', default: '40' },
    checkpoint: { type: 'string' },
    seconds: { type: 'string', default: '120' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const checkpointFile = values.checkpoint && path.resolve(process.env.INIT_CWD ?? process.cwd(), values.checkpoint);
const workload = checkpointFile ? 'checkpoint' : values.workload.toUpperCase();
const numbers = {
  agents: Number(values.agents ?? (workload === 'W2' ? 2000 : 10000)),
  rounds: Number(values.rounds),
  from: Number(values.from),
  to: Number(values.to),
  seconds: Number(values.seconds),
};
const problems = [
  ...(['W1', 'W2', 'P1', 'checkpoint'].includes(workload) ? [] : [`--workload ${values.workload}: W1, W2 or P1`]),
  ...(checkpointFile && !fs.existsSync(checkpointFile) ? [`--checkpoint ${values.checkpoint}: no such file`] : []),
  ...Object.entries(numbers).filter(([, v]) => !(Number.isInteger(v) && v >= 0)).map(([k]) => `--${k}: a whole number`),
  ...(numbers.to > numbers.from ? [] : ['--to must be after --from']),
  ...(workload === 'P1' && numbers.to > 180 ? ['--to: P1 lasts 180 minutes'] : []),
];
if (problems.length > 0) {
  console.error(`${problems.join('\n')}\n${usage}`);
  process.exit(1);
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

/** The engine sources at `rev`, unpacked once into the temporary directory; returns the module. */
async function engineAt(rev: string): Promise<{ core: Core; commit: string }> {
  let commit: string;
  try {
    commit = git('rev-parse', '--verify', `${rev}^{commit}`);
  } catch {
    console.error(`--base ${rev}: not a revision of this repository`);
    process.exit(1);
  }
  const dir = path.join(tmpdir(), `portflow-ab-${commit.slice(0, 12)}`);
  const core = path.join(dir, 'packages', 'core');
  if (!fs.existsSync(path.join(core, 'src', 'index.ts'))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('sh', ['-c', `git archive ${commit} packages/core | tar -x -C "${dir}"`], { cwd: root });
    // Its dependencies (seedrandom) are the working tree's.
    fs.symlinkSync(path.join(root, 'packages', 'core', 'node_modules'), path.join(core, 'node_modules'));
  }
  return { core: (await import(pathToFileURL(path.join(core, 'src', 'index.ts')).href)) as Core, commit };
}

const base = await engineAt(values.base);
const work = (await import(pathToFileURL(path.join(root, 'packages', 'core', 'src', 'index.ts')).href)) as Core;
const dirty = git('status', '--porcelain', '--', 'packages/core') !== '';
console.log(`base: ${base.commit.slice(0, 7)} (${values.base}); working tree: ${git('rev-parse', '--short', 'HEAD')}${dirty ? ' with changes to packages/core' : ''}`);

/**
 * Runs one block of every run, in ABBA order (reversed every other block); adds each block's time to
 * its engine's total. A run built second in a process steps 2-5 % faster than the same engine's run
 * built first (measured here with two copies of one engine), so each engine has one run built early
 * and one late: base, working, working, base.
 */
function turn(k: number, blocks: readonly (() => void)[], totals: number[]): void {
  const order = k % 2 === 0 ? [0, 1, 2, 3] : [3, 2, 1, 0];
  for (const r of order) {
    const t0 = performance.now();
    blocks[r]!();
    totals[r === 0 || r === 3 ? 0 : 1]! += performance.now() - t0;
  }
}

const totals = [0, 0];
let identical = true;
const ratio = () => (totals[0]! / totals[1]!).toFixed(3);
const engines = [base.core, work, work, base.core];
if (workload === 'P1' || checkpointFile) {
  // A port: P1 from its start, or a soak checkpoint's day restored into both engines (the
  // snapshot is plain data; their state layouts must agree).
  const checkpoint = checkpointFile ? readCheckpoint(checkpointFile, true) : undefined;
  const model = checkpoint ? await dayModel(checkpoint.file) : undefined;
  const sims = engines.map((core) => {
    if (!model) return core.createPortSimulation(p1Spec(3), { seed: 1, navigation: p1Navigation });
    const sim = core.createPortSimulation(...model);
    sim.restore(checkpoint!.snapshot);
    return sim;
  });
  const until = (sim: (typeof sims)[number], t: number) => () => {
    while (sim.time + sim.dt <= t + 1e-6) sim.step();
  };
  // P1 is timed in minutes from --from (reached untimed), printed every 10; a checkpoint in
  // 10 s blocks for --seconds, printed every minute.
  const from = checkpoint ? sims[0]!.time : numbers.from * 60;
  const to = checkpoint ? from + numbers.seconds : numbers.to * 60;
  const [block, every] = checkpoint ? [10, 60] : [60, 600];
  if (!checkpoint) {
    for (const sim of sims) {
      sim.prepareNavigation();
      until(sim, from)();
    }
  }
  console.log(`${checkpoint?.file ?? 'P1'} from ${work.formatTimeOfDay(from)}: ${sims[0]!.inSystem} in the port`);
  for (let t = from + block, k = 0; t <= to + 1e-6; t += block, k++) {
    turn(k, sims.map((sim) => until(sim, t)), totals);
    if ((t - from) % every < 1e-6 || t + block > to + 1e-6) {
      // Each engine ran the span twice.
      const s = 2 * (t - from);
      console.log(`  to ${work.formatTimeOfDay(t)}: base ${(s / (totals[0]! / 1000)).toFixed(1)}x, working ${(s / (totals[1]! / 1000)).toFixed(1)}x real time, working/base ${ratio()}`);
    }
  }
  const [b, w] = [sims[0]!, sims[1]!];
  identical = b.exited === w.exited && b.levels.every((l, k) => samePositions(positions(l.agents), positions(w.levels[k]!.agents)));
} else {
  const make = workload === 'W1' ? circleSwap : bidirectionalCorridor;
  const warm = 20, block = 10;
  let agentSteps = 0;
  for (let round = 0; round < numbers.rounds; round++) {
    const runs = engines.map((core) => make(numbers.agents, 1, core.createSimulation));
    const steps = (w: (typeof runs)[number], n: number) => () => {
      for (let s = 0; s < n; s++) {
        w.sim.step();
        w.afterStep();
      }
    };
    for (const w of runs) steps(w, warm)();
    const length = runs[0]!.steps;
    for (let s = warm, k = 0; s < length; s += block, k++) {
      const n = Math.min(block, length - s);
      turn(k, runs.map((w) => steps(w, n)), totals);
      agentSteps += 2 * n * numbers.agents;
    }
    identical &&= samePositions(positions(runs[0]!.sim.agents), positions(runs[1]!.sim.agents));
    console.log(`  round ${round + 1}: base ${(agentSteps / totals[0]! / 1000).toFixed(3)}, working ${(agentSteps / totals[1]! / 1000).toFixed(3)} M agent-steps/s (so far), working/base ${ratio()}`);
  }
}
console.log(`${workload}: the working tree's engine runs ${ratio()} times as fast as ${base.commit.slice(0, 7)}'s; results ${identical ? 'identical (same positions to the bit)' : 'differ'}`);
