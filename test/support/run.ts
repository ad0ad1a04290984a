import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist', 'cli.js');
export const ACTION = path.join(ROOT, 'dist', 'index.js');

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the committed CLI bundle with Node 24 (the Node running the tests). */
export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Ran {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the committed action bundle as the runner does: inputs as INPUT_* variables. */
export function runAction(inputs: Record<string, string>, cwd: string, env: NodeJS.ProcessEnv = {}): Ran {
  const inputEnv = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]));
  const result = spawnSync(process.execPath, [ACTION], {
    cwd,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_WORKSPACE: cwd, GITHUB_ACTIONS: 'true', ...inputEnv, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Parses a GITHUB_OUTPUT file: `name=value` lines and `name<<DELIM … DELIM` blocks. */
export function parseGithubOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const [, name, delimiter] = heredoc;
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) body.push(lines[i]!);
      out[name!] = body.join('\n');
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}
