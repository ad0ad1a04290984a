import type { Settings } from '../inputs.js';

export interface Logger {
  info(line: string): void;
  warning(line: string): void;
  notice(line: string): void;
}

export interface CommandContext {
  settings: Settings;
  log: Logger;
}

/** What a command hands back; the entry (action or CLI) decides how to show it. */
export interface CommandResult {
  /** Action outputs (also printed by the CLI as `name=value` when no JSON is asked for). */
  outputs: Record<string, string>;
  /** Job summary Markdown (action only). */
  summary?: string;
  /** Human text for a terminal. */
  text: string;
  /** Machine-readable result for `--json`. */
  json?: unknown;
  /** Reported above, and still a failure (a broken version rule): the entry throws it last. */
  failure?: Error;
}

export type Command = (ctx: CommandContext) => Promise<CommandResult>;

/** Runs `fn` over `items` with at most `limit` in flight, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
