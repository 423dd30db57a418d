// `pnpm soak:inspect <checkpoint> [--top N]`: carries a soak checkpoint back into a simulation
// and says where everyone is (per stage, what they are doing there, and how long the longest
// of them has been in the port) and who has been in the port longest, where and doing what — to
// find where travellers pile up or are stuck before the soak's 2-hour check trips, or after.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { formatTimeOfDay } from '@portflow/core';
import { daySimulation, formatStays, readCheckpoint } from './soak-checkpoint.js';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
if (positionals.length !== 1) {
  console.error('usage: pnpm soak:inspect <checkpoint> [--top N]   (a file written by pnpm soak --checkpoint DIR)');
  process.exit(1);
}
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!);
const checkpoint = readCheckpoint(file);
const sim = await daySimulation(checkpoint.file);
sim.restore(checkpoint.snapshot);
const c = sim.census();
console.log(`${checkpoint.file} at ${formatTimeOfDay(sim.time)}: ${sim.inSystem} in the port (walking ${c.walking}, in lines ${c.queued}, to be placed ${c.pending}, riding ${c.riding}), ${sim.exited} cleared`);
const everyone = sim.longestStays(sim.inSystem);
const groups = new Map<string, { count: number; longest: number }>();
for (const s of everyone) {
  const key = `${s.stage}: ${s.doing}`;
  const g = groups.get(key) ?? { count: 0, longest: 0 };
  g.count++;
  g.longest = Math.max(g.longest, s.stay);
  groups.set(key, g);
}
console.log('where they are (most first):');
for (const [key, g] of [...groups].sort((a, b) => b[1].count - a[1].count)) console.log(`  ${String(g.count).padStart(6)}  ${key} (longest in the port ${formatTimeOfDay(g.longest)})`);
console.log(`the ${values.top} longest in the port:\n${formatStays(everyone.slice(0, Number(values.top)))}`);
