// The port scenario library (scenarios/luohu, liantang, wenjindu, upgrades) and every other file
// under scenarios/: each parses through the Node loader (extends included); the Liantang and
// Wenjindu files walk a busy stretch with travellers conserved (the Lo Wu files do so in
// scenario-library-luohu.test.ts, so the two run in parallel); then the calibration of the
// baselines against ports.md 7.9, queueing-only (run.walking = false: no geometry, ~100x faster).
import { toSeconds } from '@portflow/core';
import { describe, expect, it } from 'vitest';
import { createScenarioSimulation } from './index.js';
import { FILES, load, loadOnce, PORT_FILES, smokeFiles } from './test-support/scenario-library.js';

describe('the scenario library', () => {
  it('has the three baselines and the upgrade scenarios S1-S7', () => {
    for (const f of ['luohu/baseline.json', 'liantang/baseline.json', 'wenjindu/baseline.json']) expect(FILES).toContain(f);
    for (const s of ['s1', 's2', 's3a', 's3b', 's4', 's5', 's6', 's7']) expect(FILES.some((f) => f.startsWith(`upgrades/${s}-`))).toBe(true);
  });

  it.each(FILES)('%s parses (with extends) without issues', async (file) => {
    const r = await loadOnce(file);
    expect(r.ok ? [] : r.issues.map((i) => i.message)).toEqual([]);
  });
});

describe('every Liantang and Wenjindu scenario walks a few busy minutes', () => {
  smokeFiles(PORT_FILES.filter((f) => !/luohu/.test(f)));
});


interface HourRecord {
  /** Travellers served in the hour. */
  readonly served: number;
  /** Mean wait of those who started service in the hour, s. */
  readonly meanWait: number;
}

/**
 * Runs the file queueing-only from `from` (the first arrival window of its day) to the end of
 * the hour starting at `hour`, and returns each service bank's record for that hour: the
 * difference between the metrics at the hour's start and end.
 */
async function peakHour(file: string, from: string, hour: string): Promise<Map<string, HourRecord>> {
  const scenario = await load(file);
  const sim = createScenarioSimulation({ ...scenario, run: { ...scenario.run, start: from } }, { walking: false });
  sim.runUntil(hour);
  const a = sim.metrics();
  sim.runUntil(toSeconds(hour) + 3600);
  const b = sim.metrics();
  const out = new Map<string, HourRecord>();
  for (const s of b.stages) {
    const s0 = a.stages.find((x) => x.id === s.id)!;
    if (s.kind !== 'service' || !s.waits || !s0.waits) continue;
    const n = s.waits.count - s0.waits.count;
    out.set(s.id, { served: (s.served ?? 0) - (s0.served ?? 0), meanWait: n > 0 ? (s.waits.mean * s.waits.count - s0.waits.mean * s0.waits.count) / n : 0 });
  }
  return out;
}

const served = (h: Map<string, HourRecord>, prefix: string) => [...h].filter(([id]) => id.startsWith(prefix)).reduce((sum, [, r]) => sum + r.served, 0);
const worstWait = (h: Map<string, HourRecord>, prefix = '') => Math.max(...[...h].filter(([id]) => id.startsWith(prefix)).map(([, r]) => r.meanWait));

// Calibration against ports.md 7.9, queueing-only (walking adds each file's walk, 5-10 min at
// Lo Wu, to the time in system but not to the waits). Hourly demand is Poisson or whole train
// and coach loads, so the throughput bands allow 5 % either way.
describe('calibration of the baselines (ports.md 7.9)', () => {
  it('Lo Wu design Saturday 10-11 (18,840/h N-bound): waits within 15 min on both sides, the demand cleared, SZ above its 2002 16-17k/h', async () => {
    const h = await peakHour('luohu/baseline.json', '06:30', '10:00');
    expect(worstWait(h)).toBeLessThan(15 * 60);
    expect(served(h, 'hk-dep-')).toBeGreaterThan(0.95 * 18_840);
    expect(served(h, 'sz-entry-')).toBeGreaterThan(17_000);
  });

  it('Lo Wu on the 2025 record day, S-bound evening peak 19-20 (17,300/h): waits within 30 min and the demand cleared', async () => {
    const h = await peakHour('luohu/extreme-day.json', '06:30', '19:00');
    expect(worstWait(h, 'sz-exit-')).toBeLessThan(30 * 60);
    expect(worstWait(h, 'hk-arr-')).toBeLessThan(30 * 60);
    expect(served(h, 'hk-arr-')).toBeGreaterThan(0.95 * 17_280);
  });

  it('HYW design Saturday 10-11 (7,980/h N-bound): weekend peak waits within 15 min, the demand cleared', async () => {
    const h = await peakHour('liantang/baseline.json', '07:00', '10:00');
    expect(worstWait(h)).toBeLessThan(15 * 60);
    expect(served(h, 'hk-dep-')).toBeGreaterThan(0.95 * 7_980);
  });

  it('HYW typical weekday 09-10: waits of a few minutes at most', async () => {
    const h = await peakHour('liantang/typical-weekday.json', '07:00', '09:00');
    expect(worstWait(h)).toBeLessThan(5 * 60);
  });

  it('Wenjindu-MKT design weekend day 07-08: no measurable immigration queue', async () => {
    const h = await peakHour('wenjindu/baseline.json', '07:00', '07:00');
    expect(worstWait(h)).toBeLessThan(2 * 60);
  });
});
