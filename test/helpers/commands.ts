import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CommandResult } from '../../src/commands/context.js';
import { commands } from '../../src/commands/index.js';
import { Settings, type InputName } from '../../src/inputs.js';

export type Inputs = Partial<Record<InputName, string>>;

/** Runs a command as the action would, with the given runner environment; the log comes back as lines. */
export async function runCommand(ws: string, inputs: Inputs, env: NodeJS.ProcessEnv = {}): Promise<CommandResult & { lines: string[] }> {
  const lines: string[] = [];
  const settings = new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: ws, ...env });
  const command = commands[settings.command()];
  const result = await command({ settings, log: { info: (l) => lines.push(l), warning: (l) => lines.push(`warning: ${l}`), notice: (l) => lines.push(l) } });
  return { ...result, lines };
}

/**
 * A runner environment for a GitHub event, with the payload fields the plan and the channel read
 * (no base SHA: nothing is fetched from GitHub).
 */
export function eventEnv(ws: string, name: 'push' | 'pull_request', options: { ref?: string; pr?: number } = {}): NodeJS.ProcessEnv {
  const repository = { full_name: 'acme/models', default_branch: 'main' };
  const payload =
    name === 'push'
      ? { ref: options.ref ?? 'refs/heads/main', repository }
      : {
          number: options.pr ?? 12,
          pull_request: { number: options.pr ?? 12, head: { repo: { full_name: 'acme/models' } }, base: { repo: { full_name: 'acme/models' } } },
          repository,
        };
  const file = path.join(ws, `event-${name}-${options.pr ?? options.ref?.replace(/\W/g, '-') ?? 'main'}.json`);
  writeFileSync(file, JSON.stringify(payload));
  return { GITHUB_EVENT_NAME: name, GITHUB_EVENT_PATH: file, GITHUB_REPOSITORY: 'acme/models', GITHUB_RUN_ID: name === 'push' ? '200' : '100', GITHUB_SERVER_URL: 'https://github.com' };
}
