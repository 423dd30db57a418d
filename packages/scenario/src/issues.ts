// Problems found in a scenario, as values: each names its JSON path, the value found there and
// what is allowed, e.g. `stages[3].servers: 0, needs >= 1`. Also turns zod's issues into these.
import type { z } from 'zod';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface ScenarioIssue {
  /** JSON path of the offending value, e.g. `stages[3].servers`; '' for the whole document. */
  readonly path: string;
  /** The value found there; undefined when it is missing. */
  readonly value: unknown;
  /** What is allowed, e.g. `needs >= 1`. */
  readonly allowed: string;
  /** The whole line: `stages[3].servers: 0, needs >= 1`. */
  readonly message: string;
  /** The file the problem is in, for problems of a file itself (reading it, its JSON, `extends`). */
  readonly file?: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `stages[3].servers`, `journeys[0].transitions["e-gates"].to`. */
export function formatPath(path: Path): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENTIFIER.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** A short rendering of a value for a message: `0`, `"e-gate"`, `[3, 4]`, `missing`. */
export function renderValue(value: unknown): string {
  if (value === undefined) return 'missing';
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  if (text.length > 60) text = `${text.slice(0, 57)}...`;
  return text.replace(/,(?=["[{\d-])/g, ', ');
}

/** The value at `path` inside `data`, or undefined when any step is missing. */
export function valueAt(data: unknown, path: Path): unknown {
  let v: unknown = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PathSegment, unknown>)[seg];
  }
  return v;
}

export function makeIssue(path: Path, value: unknown, allowed: string, file?: string): ScenarioIssue {
  const where = formatPath(path);
  const message = `${where === '' ? '(document)' : where}: ${renderValue(value)}, ${allowed}`;
  return file === undefined ? { path: where, value, allowed, message } : { path: where, value, allowed, message, file };
}

/** Collects issues and warnings against one document (for the values at their paths). */
export class IssueList {
  readonly issues: ScenarioIssue[] = [];
  readonly warnings: ScenarioIssue[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly data: unknown) {}

  /** An error at `path` (the value is read from the document unless given). */
  add(path: Path, allowed: string, value: unknown = valueAt(this.data, path)): void {
    const issue = makeIssue(path, value, allowed);
    if (this.seen.has(issue.message)) return;
    this.seen.add(issue.message);
    this.issues.push(issue);
  }

  /** Something that runs but is probably not what the planner meant. */
  warn(path: Path, allowed: string, value: unknown = valueAt(this.data, path)): void {
    const issue = makeIssue(path, value, allowed);
    if (this.seen.has(`warn ${issue.message}`)) return;
    this.seen.add(`warn ${issue.message}`);
    this.warnings.push(issue);
  }

  /** zod's issues for the value at `base`, re-rooted and phrased as "what is allowed". */
  addZod(issues: readonly z.core.$ZodIssue[], base: Path, schema?: z.ZodType): void {
    for (const issue of issues) this.addZodIssue(issue, base, schema);
  }

  private addZodIssue(issue: z.core.$ZodIssue, base: Path, schema: z.ZodType | undefined): void {
    const path = [...base, ...(issue.path as PathSegment[])];
    switch (issue.code) {
      case 'invalid_union': {
        if ('discriminator' in issue && issue.discriminator !== undefined) {
          const holder = valueAt(this.data, path.slice(0, -1));
          const options = (issue as { options?: readonly unknown[] }).options ?? [];
          if (holder === null || typeof holder !== 'object' || Array.isArray(holder)) this.add(path.slice(0, -1), 'needs an object', holder);
          else this.add(path, `needs one of ${options.map((o) => JSON.stringify(o)).join(', ')}`);
          return;
        }
        const branch = bestBranch(issue.errors);
        if (branch) {
          for (const sub of branch) this.addZodIssue(sub, path, undefined);
          return;
        }
        this.add(path, issue.message);
        return;
      }
      case 'unrecognized_keys': {
        const known = schema ? knownKeys(schema, issue.path as PathSegment[], valueAt(this.data, base)) : undefined;
        for (const key of issue.keys) {
          const hint = known ? suggestion(key, known) : '';
          this.add([...path, key], `is not a field here${hint}${known ? `; fields: ${known.join(', ')}` : ''}`);
        }
        return;
      }
      default:
        this.add(path, allowedOf(issue));
    }
  }
}

/** The union branch that matched best: fewest issues, mismatches at its root counting heavily. */
function bestBranch(branches: readonly (readonly z.core.$ZodIssue[])[]): readonly z.core.$ZodIssue[] | undefined {
  let best: readonly z.core.$ZodIssue[] | undefined;
  let bestScore = Infinity;
  for (const b of branches) {
    let score = 0;
    for (const i of b) {
      const rootMismatch = (i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys')) ||
        (i.code === 'invalid_union' && 'discriminator' in i && i.discriminator !== undefined && i.path.length <= 1);
      score += rootMismatch ? 10 : 1;
    }
    if (score < bestScore) {
      bestScore = score;
      best = b;
    }
  }
  // Every branch failing at its root: the value is of the wrong kind altogether.
  return bestScore >= 10 ? undefined : best;
}

const TYPE_NAMES: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
  tuple: 'an array',
  record: 'an object',
};

function allowedOf(issue: z.core.$ZodIssue): string {
  // zod's own messages start "Invalid ...", "Too ..."; those set in schema.ts say "needs ...".
  if (issue.message.startsWith('needs')) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `needs ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'array') return `needs at least ${min} item${min === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return min <= 1 ? 'needs a non-empty string' : `needs at least ${min} characters`;
      return `needs ${issue.inclusive ? '>=' : '>'} ${min}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'array') return `needs at most ${max} item${max === 1 ? '' : 's'}`;
      if (issue.origin === 'string') return `needs at most ${max} characters`;
      return `needs ${issue.inclusive ? '<=' : '<'} ${max}`;
    }
    case 'invalid_value':
      return issue.values.length === 1 ? `needs ${JSON.stringify(issue.values[0])}` : `needs one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'url' ? 'needs a URL (https://...)' : `needs a ${issue.format}`;
    case 'not_multiple_of':
      return `needs a multiple of ${String(issue.divisor)}`;
    case 'invalid_key':
      return 'has an invalid key';
    default:
      return issue.message;
  }
}

/** Field names of the object schema that `path` leads to inside `schema`, given the data there. */
function knownKeys(schema: z.ZodType, path: readonly PathSegment[], data: unknown): string[] | undefined {
  let s: z.core.$ZodType | undefined = schema;
  let v: unknown = data;
  const step = (seg: PathSegment | undefined): boolean => {
    for (let guard = 0; guard < 16 && s; guard++) {
      const def: Record<string, unknown> = s._zod.def as unknown as Record<string, unknown>;
      switch (def.type) {
        case 'optional':
        case 'nullable':
        case 'default':
        case 'pipe':
          s = (def.innerType ?? def.in) as z.core.$ZodType;
          continue;
        case 'union': {
          const options = def.options as z.core.$ZodType[];
          s = options.find((o) => objectMatches(o, v)) ?? options.find((o) => (o._zod.def as { type: string }).type === 'object');
          if (seg === undefined) return (s?._zod.def as { type?: string } | undefined)?.type === 'object';
          if (!s) return false;
          continue;
        }
        default:
          break;
      }
      if (seg === undefined) return def.type === 'object';
      if (def.type === 'object') s = (def.shape as Record<string, z.core.$ZodType>)[seg as string];
      else if (def.type === 'array') s = def.element as z.core.$ZodType;
      else if (def.type === 'record') s = def.valueType as z.core.$ZodType;
      else if (def.type === 'tuple') s = (def.items as z.core.$ZodType[])[seg as number];
      else return false;
      v = v !== null && typeof v === 'object' ? (v as Record<PathSegment, unknown>)[seg] : undefined;
      return s !== undefined;
    }
    return false;
  };
  for (const seg of path) if (!step(seg)) return undefined;
  if (!step(undefined) || !s) return undefined;
  return Object.keys((s._zod.def as unknown as { shape: Record<string, unknown> }).shape);
}

/** For a discriminated union: the option whose literal `kind` equals the data's. */
function objectMatches(option: z.core.$ZodType, data: unknown): boolean {
  const def = option._zod.def as unknown as { type: string; shape?: Record<string, z.core.$ZodType> };
  if (def.type !== 'object' || !def.shape || data === null || typeof data !== 'object') return false;
  const kind = def.shape.kind?._zod.def as { type?: string; values?: unknown[] } | undefined;
  if (!kind || kind.type !== 'literal') return false;
  return kind.values?.includes((data as { kind?: unknown }).kind) ?? false;
}

/** `; did you mean "serviceTime"?` for a near miss (edit distance <= 2), else ''. */
function suggestion(key: string, known: readonly string[]): string {
  let best = '';
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(key.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best ? `; did you mean "${best}"?` : '';
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
