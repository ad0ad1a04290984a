import { execa } from 'execa';

/** The CUDA version the driver supports, from `nvidia-smi -q`'s header (`CUDA Version : 13.0`). */
export function parseCudaVersion(text: string): string | undefined {
  return /^CUDA Version\s*:\s*(\S+)/m.exec(text)?.[1];
}

/** Best effort, for provenance: undefined when nvidia-smi cannot say (it never fails a build). */
export async function readCudaVersion(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const run = await execa('nvidia-smi', ['-q'], { reject: false, timeout: 15_000, env, extendEnv: false });
  return run.exitCode === 0 ? parseCudaVersion(String(run.stdout)) : undefined;
}
