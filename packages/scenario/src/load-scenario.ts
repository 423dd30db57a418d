// Scenario files with `extends`: reads the chain of files through a loader (so the same code
// runs in a browser with fetch, in a test with a table of strings, in Node with the file
// system), detects cycles, merges each variant onto its base (merge-scenario.ts) and hands
// the result to parseScenario(). File problems come back as issues naming the file.
import type { ScenarioIssue } from './issues.js';
import { makeIssue } from './issues.js';
import { mergeScenario } from './merge-scenario.js';
import type { ParseOptions, ParseResult } from './parse-scenario.js';
import { parseScenario } from './parse-scenario.js';
import { SCENARIO_VERSION } from './schema.js';

export interface ScenarioLoader {
  /** The text of the file at `path` (a path as given to loadScenario or made by `resolve`). */
  read(path: string): string | Promise<string>;
  /** The path that `ref`, written in the file at `from`, names. Default: POSIX-style, relative to `from`'s folder. */
  resolve?(from: string, ref: string): string;
}

export type ResolveResult =
  | { readonly ok: true; readonly document: Record<string, unknown>; readonly files: readonly string[] }
  | { readonly ok: false; readonly issues: readonly ScenarioIssue[]; readonly files: readonly string[] };

/** Longest `extends` chain followed; deeper chains are reported rather than followed. */
export const MAX_EXTENDS_DEPTH = 32;

/** Reads `path` and everything it extends, and merges them into one scenario document. */
export async function resolveScenario(path: string, loader: ScenarioLoader): Promise<ResolveResult> {
  const files: string[] = [];
  const result = await resolveFile(path, loader, [], files);
  return 'issues' in result ? { ok: false, issues: result.issues, files } : { ok: true, document: result.document, files };
}

/** Reads, resolves `extends` and parses: the loader-aware parseScenario(). */
export async function loadScenario(path: string, loader: ScenarioLoader, options: ParseOptions = {}): Promise<ParseResult & { readonly files: readonly string[] }> {
  const resolved = await resolveScenario(path, loader);
  if (!resolved.ok) return { ok: false, issues: resolved.issues, warnings: [], files: resolved.files };
  return { ...parseScenario(resolved.document, options), files: resolved.files };
}

type FileResult = { document: Record<string, unknown> } | { issues: ScenarioIssue[] };

async function resolveFile(path: string, loader: ScenarioLoader, chain: readonly string[], files: string[]): Promise<FileResult> {
  files.push(path);
  let text: string;
  try {
    text = await loader.read(path);
  } catch (e) {
    return { issues: [makeIssue([], path, `cannot be read (${(e as Error).message})`, path)] };
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text) as unknown;
  } catch (e) {
    return { issues: [makeIssue([], undefined, `is not valid JSON (${(e as Error).message})`, path)] };
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return { issues: [makeIssue([], doc, 'needs a scenario object { "version": 1, ... }', path)] };
  const obj = doc as Record<string, unknown>;
  if (obj.extends === undefined) return { document: obj };

  const issues: ScenarioIssue[] = [];
  if (obj.version !== SCENARIO_VERSION) issues.push(makeIssue(['version'], obj.version, `needs ${SCENARIO_VERSION} (every file of an extends chain states its version)`, path));
  if (typeof obj.extends !== 'string' || obj.extends === '') {
    issues.push(makeIssue(['extends'], obj.extends, 'needs the path of the scenario this one varies, relative to this file', path));
    return { issues };
  }
  const parentPath = (loader.resolve ?? resolveRelative)(path, obj.extends);
  const here = [...chain, path];
  if (here.includes(parentPath)) {
    const cycle = [...here.slice(here.indexOf(parentPath)), parentPath];
    return { issues: [...issues, makeIssue(['extends'], obj.extends, `makes a cycle: ${cycle.join(' -> ')}`, path)] };
  }
  if (here.length >= MAX_EXTENDS_DEPTH) return { issues: [...issues, makeIssue(['extends'], obj.extends, `makes a chain longer than ${MAX_EXTENDS_DEPTH} files`, path)] };
  const parent = await resolveFile(parentPath, loader, here, files);
  if ('issues' in parent) return { issues: [...issues, ...parent.issues] };
  const merged = mergeScenario(parent.document, obj);
  issues.push(...merged.problems.map((p) => makeIssue(p.path, p.value, p.allowed, path)));
  return issues.length > 0 ? { issues } : { document: merged.document };
}

/** `ref` relative to the folder of `from`, POSIX-style ("a/b/variant.json" + "../base.json" = "a/base.json"). */
export function resolveRelative(from: string, ref: string): string {
  if (ref.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(ref)) return ref;
  const parts = from.split('/');
  parts.pop();
  for (const seg of ref.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length > 0 && parts[parts.length - 1] !== '..' && parts[parts.length - 1] !== '') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
