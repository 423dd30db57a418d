// Saving a running simulation and carrying it on later, bit for bit: the state of an object
// graph (a PortSimulation and everything it owns) as plain data — numbers, strings, typed
// arrays, arrays and plain objects, which structured clone, v8.serialize and postMessage all
// carry — and its restoration onto a graph freshly built from the same inputs. Only what a run
// changes needs restoring, but the walk takes every data property, so a field added to a class
// later is saved without anyone remembering to list it. Closures hide their state from such a
// walk: an object with function-valued properties must either say it holds nothing a run
// changes (its property name is in `fixed`) or save itself (captureState / restoreState).
// Invariant: restoreState(fresh, captureState(run)) leaves fresh in run's state, or throws
// naming the path it could not restore.

/** What captureState makes: plain, structured-clone friendly data. */
export type CapturedState = unknown;

/** An object that saves and restores its own state (closures, whose variables a walk cannot see). */
export interface SelfCapturing {
  captureState(): CapturedState;
  restoreState(state: CapturedState): void;
}

/** A second reference to an object saved at `ref` (an array of keys from the root). */
interface SharedRef {
  readonly $ref: readonly (string | number)[];
}

interface SavedMap {
  readonly $map: readonly (readonly [unknown, CapturedState])[];
}

interface SavedSelf {
  readonly $self: CapturedState;
}

/** A plain object's or class instance's data properties, in their own order. */
interface SavedObject {
  readonly $object: Readonly<Record<string, CapturedState>>;
  /** True when it was a plain object (so one can be created where the fresh graph has none). */
  readonly plain: boolean;
}

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Uint8Array | Int16Array | Uint16Array | Int8Array;

const isTypedArray = (v: unknown): v is TypedArray => ArrayBuffer.isView(v) && !(v instanceof DataView);
const isSelfCapturing = (v: object): v is SelfCapturing =>
  typeof (v as Partial<SelfCapturing>).captureState === 'function' && typeof (v as Partial<SelfCapturing>).restoreState === 'function';
const pathText = (path: readonly (string | number)[]): string => (path.length === 0 ? '(root)' : path.join('.'));

export class StateCaptureError extends Error {
  constructor(path: readonly (string | number)[], reason: string) {
    super(`${pathText(path)}: ${reason}`);
    this.name = 'StateCaptureError';
  }
}

/**
 * The state of `root` and everything it reaches, except properties named in `fixed` (set at
 * construction and never changed: specs, geometry). A second reference to an object is saved
 * as a reference to where it was first met.
 */
export function captureState(root: object, fixed: ReadonlySet<string>): CapturedState {
  const seen = new Map<object, (string | number)[]>();
  const visit = (value: unknown, path: (string | number)[]): CapturedState => {
    if (value === null || typeof value !== 'object') {
      if (typeof value === 'function') throw new StateCaptureError(path, 'a function holds no data to save');
      if (typeof value === 'symbol' || typeof value === 'bigint') throw new StateCaptureError(path, `cannot save a ${typeof value}`);
      return value;
    }
    const first = seen.get(value);
    if (first) return { $ref: first } satisfies SharedRef;
    seen.set(value, path);
    if (isTypedArray(value)) return value.slice();
    if (Array.isArray(value)) return value.map((v, k) => visit(v, [...path, k]));
    if (value instanceof Map) return { $map: [...value].map(([k, v]) => [k, visit(v, [...path, String(k)])] as const) } satisfies SavedMap;
    if (isSelfCapturing(value)) return { $self: value.captureState() } satisfies SavedSelf;
    const proto = Object.getPrototypeOf(value) as object | null;
    const out: Record<string, CapturedState> = {};
    for (const [key, v] of Object.entries(value)) {
      if (fixed.has(key)) continue;
      if (typeof v === 'function') throw new StateCaptureError([...path, key], 'a closure: its state cannot be read (name it fixed, or give its object captureState/restoreState)');
      out[key] = visit(v, [...path, key]);
    }
    return { $object: out, plain: proto === Object.prototype || proto === null } satisfies SavedObject;
  };
  return visit(root, []);
}

/**
 * Puts `state` (from captureState on a graph built from the same inputs; properties it left out
 * as fixed are left as built) into `root`: typed
 * arrays of the same length are overwritten in place (whoever else holds them sees the
 * change), others replaced; objects are restored property by property; a plain object is
 * created where the fresh graph has none (a cache filled during the run).
 */
export function restoreState(root: object, state: CapturedState): void {
  const at = (path: readonly (string | number)[]): unknown => {
    let v: unknown = root;
    for (const k of path) v = (v as Record<string | number, unknown>)[k];
    return v;
  };
  /** The restored value for a slot whose fresh value is `fresh`. */
  const value = (fresh: unknown, saved: CapturedState, path: (string | number)[]): unknown => {
    if (saved === null || typeof saved !== 'object') return saved;
    if (isTypedArray(saved)) {
      if (isTypedArray(fresh) && fresh.constructor === saved.constructor && fresh.length === saved.length) {
        fresh.set(saved as never);
        return fresh;
      }
      return saved.slice();
    }
    if ('$ref' in saved) return at((saved as SharedRef).$ref);
    if (Array.isArray(saved)) {
      const out = Array.isArray(fresh) ? fresh : [];
      out.length = saved.length;
      saved.forEach((s, k) => (out[k] = value(out[k], s, [...path, k])));
      return out;
    }
    if ('$map' in saved) {
      if (!(fresh instanceof Map)) throw new StateCaptureError(path, 'saved a Map where the simulation has none');
      fresh.clear();
      for (const [k, s] of (saved as SavedMap).$map) fresh.set(k, value(undefined, s, [...path, String(k)]));
      return fresh;
    }
    if ('$self' in saved) {
      if (fresh === null || typeof fresh !== 'object' || !isSelfCapturing(fresh)) throw new StateCaptureError(path, 'saved by an object that is not there to restore it');
      fresh.restoreState((saved as SavedSelf).$self);
      return fresh;
    }
    const { $object, plain } = saved as SavedObject;
    let target = fresh;
    if (target === null || typeof target !== 'object') {
      if (!plain) throw new StateCaptureError(path, 'saved an object of a class the simulation has not made (was it built from the same scenario?)');
      target = {};
    }
    const t = target as Record<string, unknown>;
    for (const [key, s] of Object.entries($object)) t[key] = value(t[key], s, [...path, key]);
    return target;
  };
  value(root, state, []);
}
