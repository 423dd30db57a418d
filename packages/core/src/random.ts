// The engine's only source of randomness: a seeded generator (seedrandom's Alea) and the
// distributions built on it. Invariant: the same seed gives the same sequence everywhere
// (Node, browser Worker, main thread), because Alea uses only IEEE-754 double arithmetic.
import seedrandom from 'seedrandom';
import { log } from './portable-math.js';

/** Where a Random is in its sequence (Random.captureState), plain data. */
export interface RandomState {
  readonly alea: { readonly c: number; readonly s0: number; readonly s1: number; readonly s2: number };
  readonly spare: number;
  readonly hasSpare: boolean;
}

export interface Random {
  /** Uniform on [0, 1). */
  uniform(): number;
  /** Uniform integer on [0, n). */
  integer(n: number): number;
  /** Standard normal variate (Box-Muller, polar form; Marsaglia & Bray 1964). */
  standardNormal(): number;
  /** Where the sequence is now; restoreState(captureState()) later repeats what follows, bit for bit. */
  captureState(): RandomState;
  restoreState(state: RandomState): void;
}

export function createRandom(seed: string | number): Random {
  let prng = seedrandom.alea(String(seed), { state: true });
  let spare = 0;
  let hasSpare = false;
  const uniform = (): number => prng.double();
  return {
    uniform,
    integer: (n) => Math.floor(prng.double() * n),
    standardNormal() {
      if (hasSpare) {
        hasSpare = false;
        return spare;
      }
      let u = 0;
      let v = 0;
      let s = 0;
      do {
        u = 2 * uniform() - 1;
        v = 2 * uniform() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * log(s)) / s);
      spare = v * m;
      hasSpare = true;
      return u * m;
    },
    captureState: () => ({ alea: prng.state(), spare, hasSpare }),
    restoreState(state) {
      prng = seedrandom.alea('', { state: state.alea });
      spare = state.spare;
      hasSpare = state.hasSpare;
    },
  };
}
