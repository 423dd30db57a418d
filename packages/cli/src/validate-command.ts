// `portflow validate`: every issue of each scenario file with its JSON path (and the file, for
// problems in a file of its `extends` chain); warnings too. Exit 1 when any file has issues.
import { loadScenarioFile } from '@portflow/scenario/node';
import type { ScenarioIssue } from '@portflow/scenario';
import { relative, resolve } from 'node:path';
import type { CommandSpec, Parsed } from './args.js';
import { UsageError } from './cli-error.js';
import type { Io } from './io.js';

export const validateSpec: CommandSpec = {
  name: 'validate',
  usage: 'portflow validate <scenario.json>...',
  summary: 'Checks scenario files (with their extends chains) and prints every issue with its JSON path, the value found and what is allowed.',
  options: {
    json: { type: 'boolean', help: 'print { file, ok, issues, warnings } per file as JSON' },
  },
  notes: ['Exit status: 0 when every file is valid, 1 when any has issues, 2 for a usage mistake.'],
};

/** `file: path: value, allowed` with the file relative to the working directory. */
export function issueLine(issue: ScenarioIssue, file: string): string {
  const where = issue.file !== undefined && resolve(issue.file) !== resolve(file) ? relative(process.cwd(), issue.file) : file;
  return `${where}: ${issue.message}`;
}

export async function validateCommand(p: Parsed, io: Io): Promise<number> {
  if (p.positionals.length === 0) throw new UsageError('needs at least one scenario file');
  let failed = 0;
  const reports = [];
  for (const file of p.positionals) {
    const result = await loadScenarioFile(file);
    const issues = result.ok ? [] : result.issues;
    if (!result.ok) failed++;
    reports.push({ file, ok: result.ok, issues, warnings: result.warnings });
    if (p.values.json) continue;
    for (const issue of issues) io.out(`${issueLine(issue, file)}\n`);
    for (const w of result.warnings) io.out(`${issueLine(w, file)} (warning)\n`);
    io.out(result.ok ? `${file}: valid${result.warnings.length ? `, ${result.warnings.length} warning(s)` : ''}\n` : `${file}: ${issues.length} issue(s)\n`);
  }
  if (p.values.json) io.out(JSON.stringify(reports, null, 2) + '\n');
  return failed > 0 ? 1 : 0;
}
