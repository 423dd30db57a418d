// `pnpm demo:headless`: runs the built-in platform-to-hall scenario
// headless, with progress on stderr and the result on stdout.
import { runPlatformToHall } from './platform-to-hall.js';

// A live progress line on a terminal; one line a minute when stderr is a file or a CI log.
const live = process.stderr.isTTY === true;
const result = runPlatformToHall({
  onProgress: (t, remaining) => {
    if (live) process.stderr.write(`\r  simulated ${t.toFixed(0).padStart(4)} s, ${String(remaining).padStart(4)} still walking`);
    else if (Math.round(t) % 60 === 0) process.stderr.write(`  simulated ${t.toFixed(0)} s, ${remaining} still walking\n`);
  },
});
if (live) process.stderr.write('\n');
console.log('portflow — built-in scenario: East Rail train unloads at Lo Wu, passengers walk to the immigration hall (schematic)');
console.log(`  passengers                      ${result.passengers}`);
console.log(`  last passenger reaches the hall ${result.clearanceTime.toFixed(1)} s after the doors open`);
console.log(`  walking time door -> hall       mean ${result.meanWalkTime.toFixed(1)} s, p95 ${result.p95WalkTime.toFixed(1)} s`);
console.log(`  peak flow into the hall         ${result.peakFlowPerMinute} persons/min`);
console.log(`  engine                          ${result.steps} steps in ${result.wallSeconds.toFixed(2)} s wall (${(result.clearanceTime / result.wallSeconds).toFixed(0)}x real time)`);
