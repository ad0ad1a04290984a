#!/usr/bin/env node
import { errorMessage, quote, UserError } from './errors.js';
import { COMMANDS, INPUT_NAMES, Settings, type InputName, type InputSource } from './inputs.js';
import { didYouMean } from './core/suggest.js';
import { commands } from './commands/index.js';
import type { Logger } from './commands/context.js';

const USAGE = `usage: engine-forge <command> [--flag value ...] [--json]

commands: ${COMMANDS.join(', ')}
  plan     --matrix FILE [--store DIR|s3://bucket/prefix] [--json]
  build    --matrix FILE --cell JSON [--runtime docker|podman|native] [--work-dir DIR] [--cache-dir DIR] [--publish false] [--store ...] [--channel auto|default-branch|pull-request]
  publish  --matrix FILE --cell JSON --artifact-dir DIR [--store ...] [--channel auto|default-branch|pull-request]
  resolve  --model NAME@RANGE --gpu FAMILY --precision P [--tp N] [--batch MIN-MAX] [--download DIR]
  image    --matrix FILE --cell JSON --registry REPO [--builder docker|buildah|podman] [--channel auto|default-branch|pull-request]
  gc       [--matrix FILE] [--keep K] [--dry-run false (needs --matrix)] [--abort-uploads-older-than 24h] [--expire-candidates-after 14d]
flags are the action's inputs: ${INPUT_NAMES.filter((n) => n !== 'command').map((n) => `--${n}`).join(' ')}`;

/** argv → input source; `--name value` or `--name=value`, and bare `--flag` for booleans. */
export function parseArgs(argv: readonly string[]): { source: InputSource; json: boolean; help: boolean } {
  const values = new Map<InputName, string>();
  let json = false;
  let help = false;
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)) as InputName;
      if (!(INPUT_NAMES as readonly string[]).includes(name)) {
        throw new UserError(`unknown flag ${quote(`--${name}`)}${didYouMean(name, INPUT_NAMES).replace(/'([^']+)'/, "'--$1'")}\n\n${USAGE}`);
      }
      let value: string;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i]!;
      else value = 'true';
      values.set(name, value);
    } else positional.push(arg);
  }
  if (positional.length > 1) throw new UserError(`expected one command, got ${quote(positional.join(' '))}\n\n${USAGE}`);
  if (positional[0] !== undefined) values.set('command', positional[0]);
  return { source: { kind: 'cli', get: (name) => values.get(name) }, json, help };
}

const cliLog: Logger = {
  info: (line) => process.stderr.write(`${line}\n`),
  warning: (line) => process.stderr.write(`warning: ${line}\n`),
  notice: (line) => process.stderr.write(`notice: ${line}\n`),
};

async function main(argv: readonly string[]): Promise<number> {
  try {
    const { source, json, help } = parseArgs(argv);
    if (help || source.get('command') === undefined) {
      process.stdout.write(`${USAGE}\n`);
      return help ? 0 : 2;
    }
    const settings = new Settings(source);
    const result = await commands[settings.command()]({ settings, log: cliLog });
    if (json) process.stdout.write(`${JSON.stringify(result.json ?? result.outputs, null, 2)}\n`);
    else process.stdout.write(`${result.text}\n`);
    // The table is a summary; say where the whole plan went (the action has it as output 'plan').
    if (!json && result.outputs.plan) process.stderr.write(`plan JSON (every cell with its status, reason and fingerprint): ${result.outputs.plan}\n`);
    if (result.failure) throw result.failure;
    return 0;
  } catch (error) {
    process.stderr.write(`engine-forge: ${errorMessage(error)}\n`);
    if (!(error instanceof UserError) && process.env.ENGINE_FORGE_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
