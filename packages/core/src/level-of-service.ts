// Fruin (1971) levels of service, as exact classifiers. Boundaries follow validation.md
// section 4: walkway LOS by space per person (m^2/P, "A >= 3.25"), so a value equal to a
// boundary belongs to the better level; queueing LOS by the HCM metric table (section 4.2,
// "A > 1.2 ... F <= 0.2"), where a value equal to a boundary belongs to the worse level.

export type LevelOfService = 'A' | 'B' | 'C' | 'D' | 'E' | 'F';

/** Walkway thresholds: space per person (m^2/P) at or above which each level holds. */
export const walkwayLevels: readonly (readonly [LevelOfService, number])[] = [
  ['A', 3.25], ['B', 2.32], ['C', 1.39], ['D', 0.93], ['E', 0.46],
];

/** Queueing-area thresholds: space per person (m^2/P) strictly above which each level holds. */
export const queueingLevels: readonly (readonly [LevelOfService, number])[] = [
  ['A', 1.2], ['B', 0.9], ['C', 0.6], ['D', 0.3], ['E', 0.2],
];

/** Walkway LOS for a space per person in m^2 (Infinity when nobody is there: A). */
export function walkwayLevel(spacePerPerson: number): LevelOfService {
  for (const [level, min] of walkwayLevels) if (spacePerPerson >= min) return level;
  return 'F';
}

/** Queueing-area LOS for a space per person in m^2. */
export function queueingLevel(spacePerPerson: number): LevelOfService {
  for (const [level, min] of queueingLevels) if (spacePerPerson > min) return level;
  return 'F';
}

/** Walkway LOS from a density in persons/m^2. */
export function walkwayLevelOfDensity(density: number): LevelOfService {
  return walkwayLevel(density > 0 ? 1 / density : Infinity);
}

/** Walkway LOS by flow per unit width, P/(min m) (Fruin; validation.md 4.1): A <= 23 ... F > 82. */
export function walkwayLevelOfFlow(flowPerMinutePerMetre: number): LevelOfService {
  const limits: readonly [LevelOfService, number][] = [['A', 23], ['B', 33], ['C', 49], ['D', 66], ['E', 82]];
  for (const [level, max] of limits) if (flowPerMinutePerMetre <= max) return level;
  return 'F';
}

const order: readonly LevelOfService[] = ['A', 'B', 'C', 'D', 'E', 'F'];
/** The worse of two levels. */
export function worseLevel(a: LevelOfService, b: LevelOfService): LevelOfService {
  return order.indexOf(a) >= order.indexOf(b) ? a : b;
}
