import { describe, expect, it } from 'vitest';
import { seedList } from './args.js';
import { UsageError } from './cli-error.js';
import { parseShard, shardJobs } from './shard.js';

describe('shards', () => {
  it('are disjoint and together cover every job', () => {
    for (const total of [0, 1, 7, 60]) {
      for (const count of [1, 2, 3, 8]) {
        const all = Array.from({ length: count }, (_, index) => shardJobs(total, { index, count })).flat().sort((x, y) => x - y);
        expect(all).toEqual(Array.from({ length: total }, (_, k) => k));
      }
    }
  });

  it('come from --shard, or from a Kubernetes Indexed Job index with the total from --shards or the environment', () => {
    expect(parseShard('2/5', undefined, {})).toEqual({ index: 2, count: 5 });
    expect(parseShard(undefined, '4', { JOB_COMPLETION_INDEX: '3' })).toEqual({ index: 3, count: 4 });
    expect(parseShard(undefined, undefined, { JOB_COMPLETION_INDEX: '0', PORTFLOW_SHARDS: '2' })).toEqual({ index: 0, count: 2 });
    expect(parseShard(undefined, undefined, {})).toEqual({ index: 0, count: 1 });
    expect(() => parseShard('5/5', undefined, {})).toThrow(UsageError);
    expect(() => parseShard(undefined, undefined, { JOB_COMPLETION_INDEX: '1' })).toThrow(/--shards N or PORTFLOW_SHARDS/);
    expect(() => parseShard(undefined, '2', { JOB_COMPLETION_INDEX: '2' })).toThrow(UsageError);
  });

  it('read seeds as a range, a list or a count', () => {
    expect(seedList('3..6')).toEqual([3, 4, 5, 6]);
    expect(seedList('1,2,7')).toEqual([1, 2, 7]);
    expect(seedList('3')).toEqual([1, 2, 3]);
    expect(() => seedList('6..3')).toThrow(/empty/);
    expect(() => seedList('a')).toThrow(UsageError);
  });
});
