import { describe, expect, it } from 'vitest';
import { EventQueue } from './event-queue.js';
import { createRandom } from './random.js';

describe('EventQueue', () => {
  it('pops events in time order, ties in push order', () => {
    const q = new EventQueue();
    const rnd = createRandom(7);
    const pushed: [number, number][] = [];
    for (let k = 0; k < 5000; k++) {
      const t = Math.floor(rnd.uniform() * 100);
      q.push(t, 0, k);
      pushed.push([t, k]);
    }
    pushed.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    const out = new Float64Array(4);
    for (const [t, k] of pushed) {
      q.pop(out);
      expect([out[0], out[2]]).toEqual([t, k]);
    }
    expect(q.size).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
  });
});
