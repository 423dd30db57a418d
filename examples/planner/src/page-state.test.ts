import { describe, expect, it } from 'vitest';
import { readPageState, writePageState } from './page-state.js';

describe('page state', () => {
  it('round-trips through the URL query', () => {
    const s = { a: 'luohu/base.json', b: 'luohu/more gates.json', speed: 'max', colour: 'class', floor: 'los', seeds: 5, seed: 11, until: '07:30', run: true } as const;
    expect(readPageState(writePageState(s), ['x', 'y'])).toEqual(s);
  });

  it('falls back to the defaults for missing or unknown values', () => {
    expect(readPageState('?speed=7&until=late&seeds=4&seed=-2&floor=heat', ['x.json', 'y.json'])).toEqual({
      a: 'x.json', b: 'y.json', speed: '60', colour: 'state', floor: 'none', seeds: 1, seed: 1, until: undefined, run: false,
    });
  });
});
