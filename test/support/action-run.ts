import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { ACTION, parseGithubOutput } from './run.js';

const BUNDLE = ACTION;

export interface ActionRun {
  exitCode: number;
  /** stdout and stderr together, as the runner log shows them (workflow commands included). */
  log: string;
  outputs: Record<string, string>;
  summary: string;
}

/**
 * Runs the committed bundle the way the runner does: inputs as INPUT_<NAME> (dashes kept), outputs
 * and summary through the files named by GITHUB_OUTPUT and GITHUB_STEP_SUMMARY. Asynchronous,
 * unlike run.ts's runAction: the fake GitHub API that answers it lives in this process's event loop.
 */
export async function runAction(inputs: Record<string, string>, env: Record<string, string>): Promise<ActionRun> {
  try {
    await access(BUNDLE);
  } catch {
    throw new Error(`${BUNDLE} is missing: run \`npm run bundle\` first`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'ef-action-'));
  const outputFile = path.join(dir, 'output');
  const summaryFile = path.join(dir, 'summary');
  await writeFile(outputFile, '');
  await writeFile(summaryFile, '');
  const result = await execa(process.execPath, [BUNDLE], {
    reject: false,
    all: true,
    extendEnv: false,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      RUNNER_TEMP: dir,
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
      ...env,
    },
  });
  try {
    return {
      exitCode: result.exitCode ?? -1,
      log: result.all ?? '',
      outputs: parseGithubOutput(await readFile(outputFile, 'utf8')),
      summary: await readFile(summaryFile, 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
