import { execa } from 'execa';
import os from 'node:os';
import type { Manifest } from '../core/manifest.js';
import { NVIDIA_SMI_ARGS, parseNvidiaSmiCsv } from '../core/nvidia-smi.js';

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

/** nvidia-smi's CSV → `NVIDIA H200` (or `8 × NVIDIA H100 80GB HBM3`) and the driver version. */
export function parseSmi(text: string | undefined): { gpu?: string; driver?: string } {
  if (!text) return {};
  let gpus;
  try {
    gpus = parseNvidiaSmiCsv(text);
  } catch {
    return {}; // provenance is best effort: an odd nvidia-smi must not fail a publish
  }
  const first = gpus[0];
  if (!first) return {};
  return { gpu: gpus.length > 1 ? `${gpus.length} × ${first.name}` : first.name, ...(first.driver ? { driver: first.driver } : {}) };
}

async function queryNvidiaSmi(): Promise<string | undefined> {
  try {
    const { stdout } = await execa('nvidia-smi', [...NVIDIA_SMI_ARGS], { timeout: 10_000 });
    return stdout;
  } catch {
    return undefined; // no NVIDIA GPU here (a CPU runner publishing a build made elsewhere)
  }
}
