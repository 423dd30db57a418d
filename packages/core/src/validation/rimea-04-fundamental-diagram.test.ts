// The speed-density relation in a periodic corridor: RiMEA 3.0 Test 4 in JuPedSim's periodic
// form (validation.md section 1, R-04) checked against Weidmann's fundamental diagram (section 3.1,
// test FD-W) and against the spread of 2-D corridor data (section 3.5).
import { describe, expect, it } from 'vitest';
import { mean, normalSpeed, PeriodicCorridor, sampleRectangle, sd } from '../test-support/index.js';
import { weidmann as weidmannFD, weidmannSpeedRatio } from '../fundamental-diagram.js';

/** Weidmann (1993), Kladek form (fundamental-diagram.ts): v0 = 1.34 m/s, gamma = 1.913 P/m^2, rho_max = 5.4 P/m^2 (3.1). */
const weidmann = (rho: number): number => weidmannFD.freeSpeed * weidmannSpeedRatio(rho);

/**
 * Section 3.5, binned mean speeds at bin centres 0.25, 0.75, ... 3.75 P/m^2: a closed ring 1.8 m
 * wide (JuPedSim ug-180) and an open unidirectional corridor (HERMES uo).
 */
const BIN_CENTRES = [0.25, 0.75, 1.25, 1.75, 2.25, 2.75, 3.25, 3.75];
const RING = [1.11, 0.94, 0.7, 0.56, 0.42, 0.35, 0.23, 0.17];
const OPEN = [1.49, 1.42, 1.2, 1.04, 0.53, 0.39, 0.22, 0.16];
const interpolate = (ys: readonly number[], rho: number): number => {
  const k = Math.min(BIN_CENTRES.length - 2, Math.max(0, Math.floor((rho - 0.25) / 0.5)));
  const u = (rho - BIN_CENTRES[k]!) / 0.5;
  return ys[k]! + u * (ys[k + 1]! - ys[k]!);
};

// JuPedSim's periodic R-04 corridor, 26 m x 2 m, instead of RiMEA's 1000 m x 10 m: on a
// ring every cross-section is equivalent, so a 26 m period with a 10 m x 2 m measuring area in
// the middle samples the same state; 2 m lets the walkers form 3-4 lanes, as in the data.
const LENGTH = 26, WIDTH = 2;
const AREA = { x0: 8, y0: 0, x1: 18, y1: WIDTH };
// 60 s of measurement after a 10 s transient. Checked once by hand over 250 s: at 2 P/m^2
// the speed stays within 0.01 m/s; at 1 P/m^2 two of three seeds stayed within 0.03 m/s and one
// slowed from 0.84 to 0.70 m/s as its lanes re-formed (lane states at 1 P/m^2 are metastable).
const WARMUP = 10, END = 70;
// Desired speeds "as equal as possible": N(1.34, 0.05) m/s, Weidmann's free speed.
const V0 = 1.34, V0_SD = 0.05;
// Five seeds at the densities with a numeric check (the general convention), three elsewhere: a
// run pools 1200 samples x 10-80 walkers, and the seed-to-seed sd of the mean speed is at most
// 0.05 m/s (at 1 P/m^2), small against the 20 % tolerance (0.2 m/s there).
const SEEDS: Record<number, number[]> = {
  0.5: [1, 2, 3, 4, 5], 1: [1, 2, 3, 4, 5], 1.5: [1, 2, 3], 2: [1, 2, 3, 4, 5], 3: [1, 2, 3], 4: [1, 2, 3],
};
const DENSITIES = [0.5, 1, 1.5, 2, 3, 4];

interface Run {
  /** Classical density in the measuring area, time mean, P/m^2. */
  readonly density: number;
  /** Mean walking speed along the corridor over all samples in the area, m/s. */
  readonly speed: number;
}

function run(density: number, seed: number): Run {
  const ring = new PeriodicCorridor({
    length: LENGTH, width: WIDTH, density, seed: `fd-${density}-${seed}`, speed: (r) => normalSpeed(r, V0, V0_SD),
  });
  const sim = ring.sim;
  const walker = new Uint8Array(sim.agents.capacity);
  for (const s of ring.walkers) walker[s] = 1;
  let densitySum = 0, samples = 0, vxSum = 0, count = 0;
  while (sim.time < END - 1e-9) {
    ring.step();
    if (sim.time <= WARMUP) continue;
    const m = sampleRectangle(sim, AREA, (s) => walker[s] === 1);
    densitySum += m.density;
    samples++;
    vxSum += m.vxSum;
    count += m.count;
  }
  return { density: densitySum / samples, speed: vxSum / count };
}

const cache = new Map<number, Run[]>();
function runs(density: number): Run[] {
  let r = cache.get(density);
  if (!r) {
    r = SEEDS[density]!.map((seed) => run(density, seed));
    cache.set(density, r);
    const v = mean(r.map((x) => x.speed)), rho = mean(r.map((x) => x.density));
    console.info(
      `FD rho=${density}: measured rho ${rho.toFixed(3)}, v ${v.toFixed(3)} m/s (sd ${sd(r.map((x) => x.speed)).toFixed(3)}, ` +
        `seeds ${r.map((x) => x.speed.toFixed(3)).join(' ')}), Weidmann ${weidmann(rho).toFixed(3)} (ratio ${(v / weidmann(rho)).toFixed(2)}), ` +
        `3.5 band ${Math.min(interpolate(RING, rho), interpolate(OPEN, rho)).toFixed(2)}-${Math.max(interpolate(RING, rho), interpolate(OPEN, rho)).toFixed(2)}`,
    );
  }
  return r;
}

describe('fundamental diagram in a periodic 26 m x 2 m corridor (R-04)', () => {
  it.each(DENSITIES)('measures the density it was filled to (%s P/m^2)', (rho) => {
    // Set-up check, not a model check: on a ring the count is fixed, so the time-mean classical
    // density in 10 of the 26 m equals the fill density up to sampling noise; 5 % allows for the
    // count fluctuating by a walker or two (one walker is 1/20 P/m^2 in the 20 m^2 area).
    const measured = mean(runs(rho).map((r) => r.density));
    expect(Math.abs(measured - rho) / rho).toBeLessThanOrEqual(0.05);
  });

  it.each([0.5, 1, 2])('walks within 20 percent of Weidmann at %s P/m^2 (FD-W)', (rho) => {
    // Section 3.1 test FD-W: +-20 % is the inter-study spread of the fundamental diagram; the
    // model is not calibrated to Weidmann, so no tighter band. Compared at the measured density.
    const r = runs(rho);
    const v = mean(r.map((x) => x.speed)), expected = weidmann(mean(r.map((x) => x.density)));
    expect(v / expected, `mean speed ${v.toFixed(3)} m/s vs Weidmann ${expected.toFixed(3)} m/s`).toBeGreaterThanOrEqual(0.8);
    expect(v / expected, `mean speed ${v.toFixed(3)} m/s vs Weidmann ${expected.toFixed(3)} m/s`).toBeLessThanOrEqual(1.2);
  });

  it('walks no faster when denser, up to 4 P/m^2', () => {
    // Section 3.1: speed non-increasing in density, with one seed-sd of slack for noise (the
    // larger sd of the two neighbouring densities).
    for (let k = 0; k + 1 < DENSITIES.length; k++) {
      const lo = runs(DENSITIES[k]!).map((r) => r.speed), hi = runs(DENSITIES[k + 1]!).map((r) => r.speed);
      const slack = Math.max(sd(lo), sd(hi));
      expect(mean(hi), `${DENSITIES[k + 1]} vs ${DENSITIES[k]} P/m^2`).toBeLessThanOrEqual(mean(lo) + slack);
    }
  });

  it.each([0.5, 1, 1.5, 2])('walks within the band of ring and open-corridor data at %s P/m^2 (3.5)', (rho) => {
    // Section 3.5: the closed-ring and open-corridor data differ by up to 0.5 m/s at 1-2 P/m^2
    // (measurement and boundary effects); a model speed between the two curves (linear between
    // bin centres) is as close to data as the data are to each other. Not used above 2 P/m^2,
    // where the curves cross and the "band" shrinks to nothing.
    const r = runs(rho);
    const measured = mean(r.map((x) => x.density)), v = mean(r.map((x) => x.speed));
    const a = interpolate(RING, measured), b = interpolate(OPEN, measured);
    expect(v).toBeGreaterThanOrEqual(Math.min(a, b));
    expect(v).toBeLessThanOrEqual(Math.max(a, b));
  });
});
