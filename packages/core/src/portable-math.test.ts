import { describe, expect, it } from 'vitest';
import { cos, exp, hypot, log, sin } from './portable-math.js';

/** Distance from a to b in units in the last place of b. */
function ulps(a: number, b: number): number {
  const bits = new Float64Array([Math.abs(b) || Number.MIN_VALUE]);
  const next = new BigInt64Array(bits.buffer);
  next[0]! += 1n;
  return Math.abs(a - b) / (bits[0]! - (Math.abs(b) || Number.MIN_VALUE));
}

function worst(f: (x: number) => number, g: (x: number) => number, from: number, to: number): number {
  let w = 0;
  for (let i = 0; i < 20000; i++) {
    const x = from + ((i + 0.37) / 20000) * (to - from);
    w = Math.max(w, ulps(f(x), g(x)));
  }
  return w;
}

describe('portable exp, log, sin and cos', () => {
  // The hosts' functions are themselves within about 1 ulp of exact, so agreeing with them to
  // 2 ulp bounds our error at about 3 ulp: far below anything a simulation could notice. The
  // point of these functions is that they give the same bits everywhere (checked in Chromium
  // by the planner's browser test), not more accuracy.
  it('agrees with the host to 2 ulp over the ranges the engine uses', () => {
    expect(worst(exp, Math.exp, -745, 709)).toBeLessThanOrEqual(2);
    expect(worst(exp, Math.exp, -12, 12)).toBeLessThanOrEqual(2);
    expect(worst(log, Math.log, 1e-300, 1e300)).toBeLessThanOrEqual(2);
    expect(worst(log, Math.log, 1e-9, 1)).toBeLessThanOrEqual(2);
    expect(worst(log, Math.log, 0.5, 2)).toBeLessThanOrEqual(2);
    expect(worst(sin, Math.sin, -100, 100)).toBeLessThanOrEqual(2);
    expect(worst(cos, Math.cos, -100, 100)).toBeLessThanOrEqual(2);
  });

  it('is exact where the answer is exact, and follows IEEE rules at the edges', () => {
    expect(exp(0)).toBe(1);
    expect(log(1)).toBe(0);
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
    expect(log(2 ** -1074)).toBeCloseTo(-744.44007, 4);
    expect(exp(800)).toBe(Infinity);
    expect(exp(-800)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(exp(Number.NaN)).toBeNaN();
    expect(sin(Infinity)).toBeNaN();
    expect(hypot(3, 4)).toBe(5);
  });
});
