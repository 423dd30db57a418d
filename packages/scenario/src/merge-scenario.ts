// How a variant changes the scenario it extends (the "extends" rules, applied to plain JSON):
// - `remove` drops inherited elements by id first ("e-gates", or "stages/e-gates" when the id is
//   used in more than one collection);
// - objects merge key by key, and a key set to null is deleted (as in JSON Merge Patch, RFC 7396);
//   an object whose `kind` differs from the inherited one replaces it whole;
// - arrays of objects with ids merge by id: a known id merges into that element (in place), a new
//   id is appended;
// - `assumptions` and `sources` append to the inherited lists; every other array replaces.
import type { Path } from './issues.js';

export interface MergeProblem {
  readonly path: Path;
  readonly allowed: string;
  readonly value: unknown;
}

/** Collections whose elements `remove` may name, as written in "collection/id". */
const REMOVABLE = ['levels', 'classes', 'demand', 'stages', 'journeys', 'measurement.lines'] as const;
const APPENDING = new Set(['assumptions', 'sources']);
/** Keys of a variant that steer the merge and are not themselves merged. */
const STEERING = new Set(['extends', 'remove']);

type Json = unknown;
type JsonObject = Record<string, Json>;

const isObject = (v: Json): v is JsonObject => v !== null && typeof v === 'object' && !Array.isArray(v);
const hasId = (v: Json): v is JsonObject & { id: string } => isObject(v) && typeof v.id === 'string';

/** The variant applied to its base; neither input is changed. */
export function mergeScenario(base: JsonObject, variant: JsonObject): { document: JsonObject; problems: MergeProblem[] } {
  const problems: MergeProblem[] = [];
  const pruned = applyRemove(structuredClone(base), variant.remove, problems);
  const document: JsonObject = { ...pruned };
  for (const [key, value] of Object.entries(variant)) {
    if (STEERING.has(key)) continue;
    if (value === null) delete document[key];
    else document[key] = mergeValue(pruned[key], value, [key], problems);
  }
  delete document.extends;
  delete document.remove;
  return { document, problems };
}

function mergeValue(base: Json, over: Json, path: Path, problems: MergeProblem[]): Json {
  if (Array.isArray(over) && Array.isArray(base)) {
    if (path.length === 1 && APPENDING.has(path[0] as string)) {
      const seen = new Set(base.map((v) => JSON.stringify(v)));
      return [...base, ...over.filter((v) => !seen.has(JSON.stringify(v))).map(withoutNulls)];
    }
    if (base.length > 0 && base.every(hasId)) return mergeById(base, over, path, problems);
    return over.map(withoutNulls);
  }
  if (isObject(over) && isObject(base)) {
    if (over.kind !== undefined && base.kind !== undefined && over.kind !== base.kind) return withoutNulls(over);
    const out: JsonObject = { ...base };
    for (const [key, value] of Object.entries(over)) {
      if (value === null) delete out[key];
      else out[key] = mergeValue(base[key], value, [...path, key], problems);
    }
    return out;
  }
  return withoutNulls(over);
}

function mergeById(base: readonly (JsonObject & { id: string })[], over: readonly Json[], path: Path, problems: MergeProblem[]): Json[] {
  const out: Json[] = [...base];
  const at = new Map(base.map((e, k) => [e.id, k]));
  over.forEach((element, k) => {
    if (!hasId(element)) {
      problems.push({ path: [...path, k], value: element, allowed: `needs an "id": the inherited ${formatList(path)} merge by id (an element with a known id changes it, a new id adds one)` });
      return;
    }
    const pos = at.get(element.id);
    if (pos === undefined) {
      at.set(element.id, out.length);
      out.push(withoutNulls(element));
    } else {
      out[pos] = mergeValue(out[pos], element, [...path, k], problems);
    }
  });
  return out;
}

function applyRemove(base: JsonObject, remove: Json, problems: MergeProblem[]): JsonObject {
  if (remove === undefined) return base;
  if (!Array.isArray(remove)) {
    problems.push({ path: ['remove'], value: remove, allowed: 'needs a list of ids, e.g. ["e-gates", "stages/exit"]' });
    return base;
  }
  const lists = (): { name: string; list: Json[] }[] => {
    const out: { name: string; list: Json[] }[] = [];
    for (const name of REMOVABLE) {
      const list = listAt(base, name);
      if (Array.isArray(list)) out.push({ name, list });
    }
    return out;
  };
  remove.forEach((entry, k) => {
    if (typeof entry !== 'string') {
      problems.push({ path: ['remove', k], value: entry, allowed: 'needs an id string' });
      return;
    }
    const slash = entry.lastIndexOf('/');
    const collection = slash >= 0 ? entry.slice(0, slash) : undefined;
    const id = slash >= 0 ? entry.slice(slash + 1) : entry;
    if (collection !== undefined && !(REMOVABLE as readonly string[]).includes(collection)) {
      problems.push({ path: ['remove', k], value: entry, allowed: `names no collection; use one of ${REMOVABLE.map((r) => `"${r}/"`).join(', ')}` });
      return;
    }
    const matches = lists().filter((l) => (collection === undefined || l.name === collection) && l.list.some((e) => hasId(e) && e.id === id));
    if (matches.length === 0) {
      problems.push({ path: ['remove', k], value: entry, allowed: 'needs the id of an inherited element; none has it' });
      return;
    }
    if (matches.length > 1) {
      problems.push({ path: ['remove', k], value: entry, allowed: `is ambiguous: ${matches.map((m) => `"${m.name}/${id}"`).join(' and ')} both exist; write one of those` });
      return;
    }
    const list = matches[0]!.list;
    list.splice(list.findIndex((e) => hasId(e) && e.id === id), 1);
  });
  return base;
}

function listAt(doc: JsonObject, name: string): Json {
  let v: Json = doc;
  for (const key of name.split('.')) v = isObject(v) ? v[key] : undefined;
  return v;
}

/** New content carries no deletions: its null-valued keys are dropped. */
function withoutNulls(v: Json): Json {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(v)) if (value !== null) out[key] = withoutNulls(value);
  return out;
}

const formatList = (path: Path): string => path.map(String).join('.');
