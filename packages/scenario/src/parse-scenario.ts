// parseScenario(): JSON text or a parsed value in, a typed Scenario or the list of every problem
// out, never an exception. Layers: the top level's shape, then each element of each collection on
// its own (one bad stage does not hide the others' problems), then the checks across elements
// (check-scenario.ts), and last, when all that passed, the engine itself is built once so that
// nothing it would refuse slips through.
import { createPortSimulation } from '@portflow/core';
import type { CheckInput, Element } from './check-scenario.js';
import { checkScenario } from './check-scenario.js';
import type { ScenarioIssue } from './issues.js';
import { IssueList } from './issues.js';
import type { Collection, Scenario } from './schema.js';
import { collectionSchemas, measurementSchema, runSchema, scenarioShellSchema } from './schema.js';
import { toPortModel } from './to-port-model.js';

export type ParseResult =
  | { readonly ok: true; readonly scenario: Scenario; readonly warnings: readonly ScenarioIssue[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[]; readonly warnings: readonly ScenarioIssue[] };

export interface ParseOptions {
  /**
   * Build the engine once as the last check (default true). It catches anything the engine
   * would refuse that the checks before it missed; costs about as much as creating a simulation.
   */
  readonly engineCheck?: boolean;
}

const COLLECTIONS = Object.keys(collectionSchemas) as Collection[];

export function parseScenario(json: unknown, options: ParseOptions = {}): ParseResult {
  let data = json;
  if (typeof json === 'string') {
    try {
      data = JSON.parse(json) as unknown;
    } catch (e) {
      const list = new IssueList(undefined);
      list.add([], `is not valid JSON (${(e as Error).message})`, json.length > 40 ? `${json.slice(0, 37)}...` : json);
      return { ok: false, issues: list.issues, warnings: [] };
    }
  }
  const out = new IssueList(data);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    out.add([], 'needs a scenario object { "version": 1, ... }');
    return { ok: false, issues: out.issues, warnings: [] };
  }
  const doc = data as Record<string, unknown>;
  if (doc.extends !== undefined) out.add(['extends'], 'needs resolving first: load the file with loadScenario() (or loadScenarioFile() in Node), which applies extends');
  if (doc.remove !== undefined && doc.extends === undefined) out.add(['remove'], 'only applies to a scenario that extends another');

  const shell = scenarioShellSchema.safeParse(doc, { reportInput: true });
  if (!shell.success) out.addZod(shell.error.issues, [], scenarioShellSchema);

  const valid: Record<Collection, Element<unknown>[]> = { levels: [], classes: [], demand: [], stages: [], journeys: [] };
  const ids = {} as Record<Collection, Map<string, number[]> | undefined>;
  for (const c of COLLECTIONS) {
    const list = doc[c];
    // A missing `levels` is an empty list (queueing-only models have none).
    if (!Array.isArray(list)) {
      ids[c] = c === 'levels' && list === undefined ? new Map() : undefined;
      continue;
    }
    const known = new Map<string, number[]>();
    ids[c] = known;
    const schema = collectionSchemas[c];
    list.forEach((element: unknown, index) => {
      const id = element !== null && typeof element === 'object' ? (element as { id?: unknown }).id : undefined;
      if (typeof id === 'string') known.set(id, [...(known.get(id) ?? []), index]);
      const r = schema.safeParse(element, { reportInput: true });
      if (r.success) valid[c].push({ index, value: r.data });
      else out.addZod(r.error.issues, [c, index], schema);
    });
  }
  const run = runSchema.safeParse(doc.run);
  const measurement = measurementSchema.safeParse(doc.measurement ?? {});
  const levels = doc.levels;
  const firstId = Array.isArray(levels) && levels[0] && typeof (levels[0] as { id?: unknown }).id === 'string' ? (levels[0] as { id: string }).id : undefined;
  const input = {
    run: run.success ? run.data : undefined,
    levels: valid.levels,
    classes: valid.classes,
    demand: valid.demand,
    stages: valid.stages,
    journeys: valid.journeys,
    measurement: measurement.success ? measurement.data : undefined,
    ids,
    firstLevel: firstId,
  } as CheckInput;
  try {
    checkScenario(input, out);
  } catch (e) {
    // A check that trips over data the shape checks let through is a bug here, not the planner's
    // problem, but it must still come back as a value.
    out.add([], `could not be checked completely (internal error: ${(e as Error).message}); please report this scenario`);
  }
  if (out.issues.length > 0 || !shell.success) return { ok: false, issues: out.issues, warnings: out.warnings };

  const scenario = { ...shell.data } as Record<string, unknown>;
  for (const c of COLLECTIONS) if (Array.isArray(doc[c])) scenario[c] = valid[c].map((e) => e.value);
  const result = scenario as Scenario;
  if (options.engineCheck ?? true) engineCheck(result, out);
  return out.issues.length > 0 ? { ok: false, issues: out.issues, warnings: out.warnings } : { ok: true, scenario: result, warnings: out.warnings };
}

/** Builds the engine once; whatever it refuses becomes an issue at the element it names. */
function engineCheck(scenario: Scenario, out: IssueList): void {
  try {
    const model = toPortModel(scenario);
    createPortSimulation(model.spec, model.options);
  } catch (e) {
    const message = (e as Error).message;
    const stage = /stage "([^"]+)"/.exec(message);
    const source = /source "([^"]+)"/.exec(message);
    let path: (string | number)[] = [];
    if (stage) {
      const k = scenario.stages.findIndex((s) => s.id === stage[1]);
      if (k >= 0) path = ['stages', k];
    } else if (source) {
      const k = scenario.demand.findIndex((s) => s.id === source[1]);
      if (k >= 0) path = ['demand', k];
    }
    out.add(path, `is refused by the engine: ${message}`);
  }
}
