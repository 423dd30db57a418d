// Scenario runs that start mid-day: the demand cut to what arrives after the new start.
import { toSeconds } from '@portflow/core';
import type { Scenario, ScenarioDemand } from '../index.js';

function endOf(d: ScenarioDemand): number {
  const p = d.pattern;
  switch (p.kind) {
    case 'profile': return toSeconds(p.start) + 3600 * p.ratesPerHour.length;
    case 'constant': case 'headway': return toSeconds(p.to);
    case 'count': return toSeconds(p.at) + (p.spread ?? 0);
    case 'timetable': return Math.max(...p.times.map(toSeconds)) + p.spread;
  }
}

/**
 * The scenario from `from` on, with its demand cut to what arrives after `from`. The engine
 * releases at run.start every arrival a pattern would have made before it (reported upstream),
 * so a run that starts mid-day must drop earlier windows; `from` is on an hour boundary, which
 * every window of the library's profiles and headway blocks starts on.
 */
export function fromTime(scenario: Scenario, from: string): Scenario {
  const t = toSeconds(from);
  const demand = scenario.demand.flatMap((d): ScenarioDemand[] => {
    if (endOf(d) <= t) return [];
    const p = d.pattern;
    if (p.kind === 'profile' && toSeconds(p.start) < t) {
      const skip = Math.floor((t - toSeconds(p.start)) / 3600);
      return [{ ...d, pattern: { ...p, start: from, ratesPerHour: p.ratesPerHour.slice(skip) } }];
    }
    if ((p.kind === 'constant' || p.kind === 'headway') && toSeconds(p.from) < t) return [{ ...d, pattern: { ...p, from } }];
    return [d];
  });
  return { ...scenario, demand, run: { ...scenario.run, start: from } };
}

