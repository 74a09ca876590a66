/** The k8snet command: argument parsing and dispatch. Answers come from src/engine. */
import { parseArgs } from 'node:util';
import type { ParseArgsConfig } from 'node:util';
import { runExplain } from './commands/explain';
import { runMatrix } from './commands/matrix';
import { runProbe } from './commands/probe';
import { runRules } from './commands/rules';
import { runTest } from './commands/test';
import { runValidate } from './commands/validate';
import { err, out } from './output';
import { COMMAND_USAGE, MAIN_USAGE, UsageError } from './usage';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = { help: { type: 'boolean', short: 'h' }, json: { type: 'boolean' } };

const COMMANDS: Readonly<
  Record<
    string,
    { options: Options; run: (files: string[], values: Record<string, unknown>) => number }
  >
> = {
  validate: { options: COMMON, run: runValidate },
  matrix: {
    options: {
      ...COMMON,
      port: { type: 'string' },
      protocol: { type: 'string' },
      namespace: { type: 'string', multiple: true, short: 'n' },
      system: { type: 'boolean' },
    },
    run: runMatrix,
  },
  explain: { options: { ...COMMON, pod: { type: 'string' } }, run: runExplain },
  probe: {
    options: {
      ...COMMON,
      from: { type: 'string' },
      to: { type: 'string' },
      port: { type: 'string' },
      protocol: { type: 'string' },
    },
    run: runProbe,
  },
  rules: {
    options: { ...COMMON, node: { type: 'string' }, mode: { type: 'string' } },
    run: runRules,
  },
  test: { options: { ...COMMON, expect: { type: 'string' } }, run: runTest },
};

export function main(argv: readonly string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    err(MAIN_USAGE);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    out(MAIN_USAGE);
    return 0;
  }
  if (command === '--version') {
    out('k8snet 0.1.0\n');
    return 0;
  }
  const spec = COMMANDS[command];
  if (!spec) {
    err(`k8snet: unknown command ${JSON.stringify(command)}\n\n${MAIN_USAGE}`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      options: spec.options,
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    err(`k8snet ${command}: ${(e as Error).message}\n\n${COMMAND_USAGE[command] ?? ''}`);
    return 2;
  }
  if (parsed.values['help'] === true) {
    out(COMMAND_USAGE[command] ?? MAIN_USAGE);
    return 0;
  }
  if (parsed.positionals.length === 0) {
    err(
      `k8snet ${command}: no input files (give FILE…, a directory, or - for stdin)\n\n${COMMAND_USAGE[command] ?? ''}`,
    );
    return 2;
  }
  try {
    return spec.run(parsed.positionals, parsed.values);
  } catch (e) {
    if (e instanceof UsageError) {
      err(`k8snet ${command}: ${e.message}\n\n${COMMAND_USAGE[command] ?? ''}`);
      return 2;
    }
    throw e;
  }
}

process.exitCode = main(process.argv.slice(2));
