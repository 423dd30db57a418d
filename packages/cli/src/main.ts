// The portflow command: dispatches to a subcommand and turns expected failures into messages and
// exit codes (usage mistakes 2, scenario or file problems 1), never stack traces. Set
// PORTFLOW_DEBUG=1 to see the stack of an unexpected error.
import type { Parsed } from './args.js';
import { helpText, parseCommand } from './args.js';
import { exitCodes, InputError, UsageError } from './cli-error.js';
import { compareCommand, compareSpec } from './compare-command.js';
import type { Io } from './io.js';
import { runCommand, runSpec } from './run-command.js';
import { mergeCommand, mergeSpec, sweepCommand, sweepSpec } from './sweep-command.js';
import { issueLine, validateCommand, validateSpec } from './validate-command.js';

const commands = {
  validate: { spec: validateSpec, brief: 'check scenario files; every issue with its JSON path', run: validateCommand },
  run: { spec: runSpec, brief: 'run a scenario once: waits, utilisation, queues, throughput, journeys', run: runCommand },
  compare: { spec: compareSpec, brief: 'two scenarios over N seeds, side by side with 95 % CIs', run: compareCommand },
  sweep: { spec: sweepSpec, brief: 'scenarios x seeds (optionally one shard) as JSON lines', run: (p: Parsed, io: Io) => sweepCommand(p, io) },
  merge: { spec: mergeSpec, brief: 'summarise the JSON lines of sweep shards', run: mergeCommand },
} as const;

export const mainHelp = [
  'Usage: portflow <command> [options]',
  '',
  'Simulates travellers through land ports from scenario files.',
  '',
  'Commands:',
  ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(9)} ${c.brief}`),
  '',
  "Run 'portflow <command> --help' for a command's options.",
  '',
].join('\n');

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp);
    return name === undefined ? exitCodes.usage : exitCodes.ok;
  }
  if (!Object.hasOwn(commands, name)) {
    io.err(`portflow: unknown command '${name}'\n\n${mainHelp}`);
    return exitCodes.usage;
  }
  const command = commands[name as keyof typeof commands];
  try {
    // Every command's options, its --help and its usage mistakes are handled here, once.
    const parsed = parseCommand(command.spec, rest);
    if (parsed.values.help) {
      io.out(helpText(command.spec));
      return exitCodes.ok;
    }
    return await command.run(parsed, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`portflow ${name}: ${e.message}\nRun 'portflow ${name} --help' for usage.\n`);
      return exitCodes.usage;
    }
    if (e instanceof InputError) {
      io.err(`portflow ${name}: ${e.message}\n`);
      const file = e.message.split(': ')[0]!;
      for (const issue of e.issues) io.err(`  ${issueLine(issue, file)}\n`);
      return exitCodes.failure;
    }
    const err = e as Error;
    io.err(`portflow ${name}: ${err.message ?? String(e)}\n`);
    if (process.env.PORTFLOW_DEBUG) io.err(`${err.stack ?? ''}\n`);
    return exitCodes.failure;
  }
}
