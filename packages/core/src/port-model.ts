// The description of a port as plain data: levels, traveller classes, demand sources, stages
// and the journeys that join them. This is what scenario files become after validation; the
// engine resolves every string id to a number once, in createPortSimulation().
import type { ArrivalPattern, TimeOfDay } from './arrival-stream.js';
import type { Distribution } from './distribution.js';
import type { Vec2, WalkableAreaSpec } from './geometry.js';
import type { TargetShape } from './target.js';

/** One floor of walkable area. */
export interface LevelSpec {
  readonly id: string;
  readonly geometry: WalkableAreaSpec;
  /** Height of the floor above ground, m (for the 3D viewer). Default 0. */
  readonly elevation?: number;
}

export interface TravellerClassSpec {
  readonly id: string;
  /** Free walking speed, m/s. Default walkingSpeedDefaults (Weidmann adults). */
  readonly speed?: Distribution;
  /** Walker calibration (see walkerCalibrations): 'everyday' (default) or 'pressing'. */
  readonly calibration?: 'everyday' | 'pressing';
  /** Body radius, m; default the calibration's (0.15). A traveller with a trolley might take 0.3. */
  readonly radius?: number;
  /** Time gap T of the movement model, s; default the calibration's (1). */
  readonly timeGap?: number;
  /** Display name, e.g. "Hong Kong residents". */
  readonly name?: string;
}

export interface SourceSpec {
  readonly id: string;
  readonly pattern: ArrivalPattern;
  /** The journey every traveller from this source follows. */
  readonly journey: string;
  /** Shares of traveller classes (normalised); default: every class equally. */
  readonly classes?: Readonly<Record<string, number>>;
  /** Where travellers appear (walking mode). */
  readonly spawn?: TargetShape;
  readonly level?: string;
}

/** A per-class distribution, with a default for classes not listed. */
export interface ByClass<T> {
  readonly byClass: Readonly<Record<string, T>>;
  readonly default?: T;
}

export type QueueSpec =
  /** One line (a serpentine) feeding every server. path[0] is the head, by the servers. */
  | {
      readonly kind: 'single';
      readonly path: readonly Vec2[];
      /** Distance between people along the line, m. Default 0.6 (ports.md 7.7: 0.5-0.7 m^2 each). */
      readonly spacing?: number;
      /**
       * People standing side by side across a wide lane. Default 1 (single file). Walkers join
       * within 0.6 m of the tail end: of its point in single file, else of the line across it
       * through the outermost places of a row (they walk in abreast, not through one point).
       */
      readonly abreast?: number;
      /**
       * Indices of path vertices where the belts can be opened (an adjustable serpentine): a
       * newcomer whose place lies in the lanes before one of them walks straight from the tail
       * to the first such opening instead of along the empty lanes. The straight line from the
       * tail to each must be free. Default none (everyone walks the whole path).
       */
      readonly openings?: readonly number[];
    }
  /** One line per server (paths[k] feeds server k), chosen on approach. */
  | { readonly kind: 'per-server'; readonly paths: readonly (readonly Vec2[])[]; readonly spacing?: number; readonly choice?: 'shortest' | 'random' };

export interface StaffingSpec {
  /** Open one more server when the expected wait exceeds this, s. */
  readonly openAbove: number;
  /** Close one server when the expected wait falls below this, s. */
  readonly closeBelow: number;
  /** Fewest / most servers open. Defaults: 1 / all physical servers. */
  readonly min?: number;
  readonly max?: number;
  /** How often the rule is checked, s. Default 60. */
  readonly interval?: number;
  /**
   * Counters shared with another bank (contra-flow at Lo Wu): the last `shared` servers here
   * and the last `shared` servers of `stage` are the same desks, open on one side at a time.
   */
  readonly partner?: { readonly stage: string; readonly shared: number };
}

interface StageBase {
  readonly id: string;
  /** Level the stage is on; default the first level. */
  readonly level?: string;
  readonly name?: string;
}

export type StageSpec =
  | (StageBase & { readonly kind: 'waypoint'; readonly target: TargetShape })
  | (StageBase & {
      readonly kind: 'service';
      /** Where a traveller stands while served, one per server. */
      readonly servers: readonly Vec2[];
      /**
       * Optional standby spots, one per server (walking mode): the next traveller may walk up to
       * a busy server's standby spot and step in when it frees, as people do at e-gates. Without
       * them a server is reserved from the moment its next traveller leaves the queue.
       */
      readonly standby?: readonly Vec2[];
      /**
       * Travellers that may wait behind each busy server (default 1): spot i stands i x 0.6 m
       * behind its standby spot, away from the server. E-gates are often queued two deep.
       */
      readonly standbyDepth?: number;
      readonly queue?: QueueSpec;
      readonly serviceTime: Distribution | ByClass<Distribution>;
      /** Classes that may use this bank; default all. */
      readonly eligible?: readonly string[];
      /**
       * A failed service (an e-gate rejecting a passport) sends the traveller to `fallback`, its
       * service there `penalty` s longer. With standby places, it steps out of the server's lane
       * past those waiting in it: it reappears at the lane's mouth (the first point behind them
       * 0.5 m clear of every wall, out from between gate dividers) rather than squeezing past.
       */
      readonly failure?: { readonly probability: number; readonly fallback: string; readonly penalty?: number };
      /** Opening hours; default always open. */
      readonly open?: { readonly from: TimeOfDay; readonly to: TimeOfDay };
      /** Servers open at the start; default all (or staffing.min when staffed by a rule). */
      readonly initiallyOpen?: number;
      readonly staffing?: StaffingSpec;
    })
  | (StageBase & { readonly kind: 'waiting'; readonly target: TargetShape; readonly dwell: Distribution })
  | (StageBase & {
      readonly kind: 'vehicle-stop';
      /** The platform or bay where travellers wait. */
      readonly target: TargetShape;
      readonly vehicles:
        | { readonly timetable: readonly TimeOfDay[] }
        | { readonly headway: number; readonly from: TimeOfDay; readonly to: TimeOfDay };
      readonly capacity: number;
      /** How long a vehicle stands at the stop, s. */
      readonly dwell: number;
      /** After boarding: ride this long and alight here, then follow the journey on. */
      readonly ride?: { readonly duration: number; readonly alight: TargetShape; readonly level?: string };
    })
  | (StageBase & {
      readonly kind: 'link';
      /** Escalator, stair or lift entry on this level. */
      readonly target: TargetShape;
      /** Persons per minute the link carries (escalator ~100, validation.md / ports.md 7.7). */
      readonly capacity: number;
      /** Time on the link, s. */
      readonly travelTime: number;
      readonly alight: TargetShape;
      readonly toLevel: string;
    })
  | (StageBase & { readonly kind: 'exit'; readonly target: TargetShape });

export type Transition =
  | { readonly kind: 'fixed'; readonly to: string }
  | { readonly kind: 'probability'; readonly options: readonly { readonly to: string; readonly p: number }[] }
  | { readonly kind: 'class'; readonly map: Readonly<Record<string, string>>; readonly otherwise?: string }
  /** To the bank with the least expected wait (queue x mean service / open servers). */
  | { readonly kind: 'shortest-wait'; readonly options: readonly string[] };

export interface JourneySpec {
  readonly id: string;
  readonly start: string;
  /** What follows each stage; a stage without one ends the journey (exit, or boarding a vehicle). */
  readonly transitions: Readonly<Record<string, Transition>>;
}

export interface MeasurementSpec {
  /** Counting lines: travellers crossing from -> to's left side count forward. */
  readonly lines?: readonly { readonly id: string; readonly from: Vec2; readonly to: Vec2; readonly level?: string }[];
  /** Density grid cell size, m. Default 2. */
  readonly densityCell?: number;
  /** Sampling interval for queue lengths and densities, s. Default 60. */
  readonly sampleInterval?: number;
}

export interface PortModelSpec {
  readonly levels?: readonly LevelSpec[];
  readonly classes: readonly TravellerClassSpec[];
  readonly sources: readonly SourceSpec[];
  readonly stages: readonly StageSpec[];
  readonly journeys: readonly JourneySpec[];
  readonly measurement?: MeasurementSpec;
}
