// Weidmann's (1993) fundamental diagram for pedestrians in the Kladek form: walking speed as a
// share of free speed at density rho, 1 - exp(-gamma (1 / rho - 1 / rho_max)), with gamma =
// 1.913 P/m2 and rho_max = 5.4 P/m2 (free speed 1.34 m/s). The validation tests check the
// movement model against it; quickest-path navigation reads walking costs from it.
import { exp } from './portable-math.js';

export const weidmann = { freeSpeed: 1.34, gamma: 1.913, maxDensity: 5.4 } as const;

/** v / v0 at density rho (P/m2): 1 at rho -> 0, 0 at rho_max, negative beyond. */
export function weidmannSpeedRatio(rho: number): number {
  return 1 - exp(-weidmann.gamma * (1 / rho - 1 / weidmann.maxDensity));
}
