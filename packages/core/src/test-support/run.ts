// Driving a simulation in tests: step until everyone has left, with a bound on simulated time and
// a gridlock detector so a stuck crowd fails fast instead of running to the bound. Test-only.
import type { Simulation } from '../index.js';

export interface EvacuationResult {
  /** True when every agent left. */
  readonly cleared: boolean;
  /** Time the last agent left, s (the clearance time), or the time the run stopped. */
  readonly time: number;
  /** Agents still in the simulation when it stopped. */
  readonly remaining: number;
  /** True when the run stopped because nobody left for `stallTime` s. */
  readonly stalled: boolean;
}

/**
 * Steps `sim` until no agent is left, `maxTime` s have passed, or nobody has left for `stallTime`
 * s (a gridlock: the model has no noise, so a configuration where every agent has speed 0 never
 * resolves). `afterStep` runs after every step (measurements, invariant checks).
 */
export function runUntilEmpty(
  sim: Simulation,
  options: { readonly maxTime: number; readonly stallTime: number; readonly afterStep?: (sim: Simulation) => void },
): EvacuationResult {
  let lastExit = sim.time;
  let exited = sim.exited;
  while (sim.agents.count > 0 && sim.time < options.maxTime) {
    sim.step();
    options.afterStep?.(sim);
    if (sim.exited !== exited) {
      exited = sim.exited;
      lastExit = sim.time;
    } else if (sim.time - lastExit > options.stallTime) {
      return { cleared: false, time: sim.time, remaining: sim.agents.count, stalled: true };
    }
  }
  return { cleared: sim.agents.count === 0, time: sim.time, remaining: sim.agents.count, stalled: false };
}
