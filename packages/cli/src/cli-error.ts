// Expected failures of the command line, as values the entry point turns into messages and exit
// codes (never stack traces): a usage mistake (exit 2) or a scenario/file problem (exit 1).
import type { ScenarioIssue } from '@portflow/scenario';

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export class InputError extends Error {
  override readonly name = 'InputError';
  readonly issues: readonly ScenarioIssue[];
  constructor(message: string, issues: readonly ScenarioIssue[] = []) {
    super(message);
    this.issues = issues;
  }
}

export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;
