// Which jobs a shard runs: job k belongs to shard k mod n, so the shards of a sweep are disjoint
// and together cover every job, and each gets a mix of files and seeds. The shard comes from
// --shard i/n, or from a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with the total from
// --shards or PORTFLOW_SHARDS.
import { UsageError } from './cli-error.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(option: string | undefined, shardsOption: string | undefined, env: Readonly<Record<string, string | undefined>>): Shard {
  if (option !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(option);
    if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new UsageError(`--shard ${option}: needs i/n with 0 <= i < n (e.g. 0/4)`);
    return { index: Number(m[1]), count: Number(m[2]) };
  }
  const index = env.JOB_COMPLETION_INDEX;
  const total = shardsOption ?? env.PORTFLOW_SHARDS;
  if (index === undefined) {
    if (shardsOption !== undefined) throw new UsageError('--shards needs JOB_COMPLETION_INDEX in the environment (or use --shard i/n)');
    return { index: 0, count: 1 };
  }
  if (total === undefined) throw new UsageError('JOB_COMPLETION_INDEX is set: give the number of shards with --shards N or PORTFLOW_SHARDS');
  if (!/^\d+$/.test(index) || !/^\d+$/.test(total) || Number(total) < 1 || Number(index) >= Number(total)) {
    throw new UsageError(`shard ${index} of ${total}: needs 0 <= JOB_COMPLETION_INDEX < shards`);
  }
  return { index: Number(index), count: Number(total) };
}

/** The positions of the jobs shard `s` runs, out of `total`. */
export function shardJobs(total: number, s: Shard): number[] {
  const out: number[] = [];
  for (let k = s.index; k < total; k += s.count) out.push(k);
  return out;
}
