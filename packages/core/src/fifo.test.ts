import { describe, expect, it } from 'vitest';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('keeps first-in first-out order across growth and wrap-around', () => {
    const q = new Fifo();
    const out: number[] = [];
    for (let k = 0; k < 100; k++) {
      q.push(k);
      if (k % 3 === 0) out.push(q.shift());
    }
    while (q.size > 0) out.push(q.shift());
    expect(out).toEqual(Array.from({ length: 100 }, (_, k) => k));
  });

  it('removes an item from inside the queue, keeping the rest in order', () => {
    const q = new Fifo();
    for (let k = 0; k < 20; k++) q.push(k);
    for (let k = 0; k < 5; k++) q.shift(); // head moved: 5..19
    expect(q.removeAt(2)).toBe(7);
    expect(q.removeAt(0)).toBe(5);
    const rest: number[] = [];
    while (q.size > 0) rest.push(q.shift());
    expect(rest).toEqual([6, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(() => q.removeAt(0)).toThrow(RangeError);
  });
});
