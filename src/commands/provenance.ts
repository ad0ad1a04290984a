import { execa } from 'execa';
import os from 'node:os';
import type { Manifest } from '../core/manifest.js';

/**
 * Where an artifact came from: the commit and workflow run (from the runner's environment) and,
 * when nvidia-smi answers, the GPU and driver it was built on. Never a token or a secret.
 */
export async function collectProvenance(env: NodeJS.ProcessEnv = process.env, smi: () => Promise<string | undefined> = queryNvidiaSmi): Promise<Manifest['provenance']> {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const runUrl = env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
  const attempt = env.GITHUB_RUN_ATTEMPT ? ` attempt ${env.GITHUB_RUN_ATTEMPT}` : '';
  const gpu = parseSmi(await smi());
  return {
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_SHA ? { commit: env.GITHUB_SHA } : {}),
    ...(runUrl ? { runUrl: `${runUrl}${env.GITHUB_RUN_ATTEMPT ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ''}` } : {}),
    ...gpu,
    publisher: env.GITHUB_ACTIONS === 'true' ? `${env.RUNNER_NAME ?? 'runner'}${attempt}` : os.hostname(),
  };
}

/** `NVIDIA H100 80GB HBM3, 580.65.06` (first GPU) → name and driver. */
export function parseSmi(text: string | undefined): { gpu?: string; driver?: string } {
  const first = text?.split('\n').find((l) => l.trim() !== '');
  if (!first) return {};
  const [gpu, driver] = first.split(',').map((s) => s.trim());
  return { ...(gpu ? { gpu } : {}), ...(driver ? { driver } : {}) };
}

async function queryNvidiaSmi(): Promise<string | undefined> {
  try {
    const { stdout } = await execa('nvidia-smi', ['--query-gpu=name,driver_version', '--format=csv,noheader'], { timeout: 10_000 });
    return stdout;
  } catch {
    return undefined; // no NVIDIA GPU here (a CPU runner publishing a build made elsewhere)
  }
}
