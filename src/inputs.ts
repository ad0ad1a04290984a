import { quote, UserError } from './errors.js';
import { didYouMean } from './core/suggest.js';

export const COMMANDS = ['plan', 'build', 'publish', 'image', 'resolve', 'gc', 'compare', 'bench'] as const;
export type CommandName = (typeof COMMANDS)[number];

/**
 * Every input the action takes, which is also every CLI flag (same names). action.yml declares
 * the same list; test/action-yml.test.ts keeps them in step.
 */
export const INPUT_NAMES = [
  'command',
  'matrix',
  'store',
  's3-endpoint',
  's3-force-path-style',
  'aws-region',
  'max-cells',
  'max-jobs',
  'plan-file',
  'cell',
  'artifact-dir',
  'registry',
  'builder',
  'model',
  'gpu',
  'precision',
  'tp',
  'batch',
  'download',
  'keep',
  'dry-run',
  'abort-uploads-older-than',
  'expire-candidates-after',
  'channel',
  'allow-unsafe-store',
  'allow-fork-builds',
  'comment',
  'github-token',
  'runtime',
  'work-dir',
  'cache-dir',
  'trtllm-examples',
  'publish',
  'runtimes',
  'endpoint',
  'concurrency',
  'dataset',
  'force',
  'start-timeout',
  'preference',
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

/** Where raw input strings come from: the runner's INPUT_* variables, or CLI flags. */
export interface InputSource {
  readonly kind: 'action' | 'cli';
  get(name: InputName): string | undefined;
}

/** Inputs as the runner passes them: `INPUT_<NAME>` with the name upper-cased, dashes kept. */
export function actionInputs(env: NodeJS.ProcessEnv = process.env): InputSource {
  return {
    kind: 'action',
    get: (name) => {
      const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
      return value === undefined || value === '' ? undefined : value;
    },
  };
}

/**
 * The one reader of inputs into typed values. Every message names the input (as the user wrote
 * it: `--max-cells` on the CLI, `max-cells` in a workflow) and quotes the value.
 */
export class Settings {
  constructor(
    readonly source: InputSource,
    readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  /** How the user names an input in messages: `--cell` on the CLI, `input 'cell'` in a workflow. */
  label(name: InputName): string {
    return this.source.kind === 'cli' ? `--${name}` : `input '${name}'`;
  }

  /** How the user sets it: `--dry-run false` on the CLI, `dry-run: false` in a workflow's `with:`. */
  assignment(name: InputName, value: string): string {
    return this.source.kind === 'cli' ? `--${name} ${value}` : `'${name}: ${value}'`;
  }

  string(name: InputName): string | undefined {
    return this.source.get(name);
  }

  required(name: InputName): string {
    const value = this.source.get(name);
    if (value === undefined) throw new UserError(`${this.label(name)} is required`);
    return value;
  }

  bool(name: InputName, fallback: boolean): boolean {
    const value = this.source.get(name);
    if (value === undefined) return fallback;
    if (/^(true|yes|1|on)$/i.test(value)) return true;
    if (/^(false|no|0|off)$/i.test(value)) return false;
    throw new UserError(`${this.label(name)} must be true or false (got ${quote(value)})`);
  }

  int(name: InputName, fallback: number, { min = 0, max = Number.MAX_SAFE_INTEGER } = {}): number {
    const value = this.source.get(name);
    if (value === undefined) return fallback;
    const n = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new UserError(`${this.label(name)} must be a whole number from ${min} to ${max} (got ${quote(value)})`);
    }
    return n;
  }

  oneOf<T extends string>(name: InputName, options: readonly T[]): T | undefined {
    const value = this.source.get(name);
    if (value === undefined) return undefined;
    if ((options as readonly string[]).includes(value)) return value as T;
    throw new UserError(`${this.label(name)} must be one of ${options.join(', ')}${didYouMean(value, options)} (got ${quote(value)})`);
  }

  /** A JSON input (`cell`), parsed; a syntax error names the input rather than the parser. */
  json(name: InputName): unknown {
    const text = this.required(name);
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new UserError(`${this.label(name)} is not valid JSON: ${(error as Error).message} (got ${quote(text)})`);
    }
  }

  command(): CommandName {
    const value = this.source.get('command') ?? 'plan';
    if ((COMMANDS as readonly string[]).includes(value)) return value as CommandName;
    throw new UserError(`${this.source.kind === 'cli' ? 'command' : this.label('command')} must be one of ${COMMANDS.join(', ')}${didYouMean(value, COMMANDS)} (got ${quote(value)})`);
  }

  /** The directory the workflow checked out: paths given by the user must stay inside it. */
  workspace(): string {
    return this.env.GITHUB_WORKSPACE || process.cwd();
  }
}
