// The page's state in the URL query, so a comparison can be bookmarked and shared:
// ?a=<scenario path>&b=<scenario path>&speed=60&colour=state&floor=los&seeds=3&seed=1&until=08:00&run=1

export const speeds = ['1', '10', '60', '300', 'max'] as const;
export type Speed = (typeof speeds)[number];

/** Replications offered: runs per scenario, seeds seed .. seed + n - 1. */
export const seedCounts = [1, 3, 5] as const;
export type SeedCount = (typeof seedCounts)[number];

export interface PageState {
  readonly a: string;
  readonly b: string;
  /** Simulated seconds per wall second, or as fast as the workers go. */
  readonly speed: Speed;
  readonly colour: 'state' | 'class';
  /** What the floor shows: nothing, or crowding as Fruin level of service. */
  readonly floor: 'none' | 'los';
  /** Runs per scenario; with more than one the KPI table shows means with 95 % confidence intervals. */
  readonly seeds: SeedCount;
  /** First seed (A and B use the same seeds, so B - A is paired); the views show this one. */
  readonly seed: number;
  /** Optional early end of both runs, "HH:MM". */
  readonly until: string | undefined;
  /** Start running on load. */
  readonly run: boolean;
}

export function readPageState(search: string, defaults: readonly [string, string]): PageState {
  const q = new URLSearchParams(search);
  const speed = q.get('speed');
  const until = q.get('until');
  const seeds = Number(q.get('seeds'));
  const seed = q.get('seed');
  return {
    a: q.get('a') ?? defaults[0],
    b: q.get('b') ?? defaults[1],
    speed: (speeds as readonly string[]).includes(speed ?? '') ? (speed as Speed) : '60',
    colour: q.get('colour') === 'class' ? 'class' : 'state',
    floor: q.get('floor') === 'los' ? 'los' : 'none',
    seeds: (seedCounts as readonly number[]).includes(seeds) ? (seeds as SeedCount) : 1,
    seed: seed !== null && /^\d{1,9}$/.test(seed) ? Number(seed) : 1,
    until: until && /^\d{2}:\d{2}$/.test(until) ? until : undefined,
    run: q.get('run') === '1',
  };
}

export function writePageState(s: PageState): string {
  const q = new URLSearchParams({ a: s.a, b: s.b, speed: s.speed, colour: s.colour, floor: s.floor, seeds: String(s.seeds), seed: String(s.seed) });
  if (s.until) q.set('until', s.until);
  if (s.run) q.set('run', '1');
  return `?${q.toString()}`;
}
