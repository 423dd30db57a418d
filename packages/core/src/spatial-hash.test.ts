import { describe, expect, it } from 'vitest';
import { AgentStore } from './agent-store.js';
import { createRandom } from './random.js';
import { SpatialHash } from './spatial-hash.js';

/** A hash over a square of `side` m with `n` agents at seeded random places (one released, so slots have a gap). */
function crowd(side: number, n: number): { hash: SpatialHash; store: AgentStore } {
  const random = createRandom(7);
  const store = new AgentStore(n);
  for (let k = 0; k < n; k++) {
    const s = store.acquire();
    store.x[s] = random.uniform() * side;
    store.y[s] = random.uniform() * side;
  }
  store.release(3);
  const hash = new SpatialHash({ minX: 0, minY: 0, maxX: side, maxY: side }, 1);
  hash.build(store);
  return { hash, store };
}

/** Checks span() against every agent for every run of up to five cells of every row. */
function expectSpansExact(hash: SpatialHash, store: AgentStore): void {
  const cellOf = (s: number) => hash.cellY(store.y[s]!) * hash.nx + hash.cellX(store.x[s]!);
  for (let j = 0; j < hash.ny; j++) {
    for (let c0 = 0; c0 < hash.nx; c0++) {
      const c1 = Math.min(hash.nx - 1, c0 + 4);
      const expected: number[] = [];
      for (let s = 0; s < store.highWater; s++) {
        const c = cellOf(s);
        if (store.active[s] && c >= j * hash.nx + c0 && c <= j * hash.nx + c1) expected.push(s);
      }
      const found: number[] = [];
      if (hash.span(j * hash.nx, c0, c1)) for (let q = hash.spanFrom; q < hash.spanTo; q++) found.push(hash.order[q]!);
      expect(found.sort((a, b) => a - b)).toEqual(expected);
    }
  }
}

describe('SpatialHash', () => {
  // The build either sets every cell's start (when many cells are occupied) or only the
  // occupied cells' (a large, nearly empty level): the agents found must not depend on which.
  it('finds exactly the agents of a run of cells in a crowded hall (every cell indexed)', () => {
    const { hash, store } = crowd(20, 900);
    expect(hash.dense).toBe(true);
    expect(hash.size).toBe(899);
    expectSpansExact(hash, store);
  });

  it('finds exactly the agents of a run of cells in a nearly empty hall (occupied cells only)', () => {
    const { hash, store } = crowd(60, 40);
    expect(hash.dense).toBe(false);
    expect(hash.size).toBe(39);
    expectSpansExact(hash, store);
  });
});
