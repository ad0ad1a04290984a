/**
 * The `docker run` / `podman run` command line for one step, as data: pure, so the exact flags are
 * testable without a container engine. Values of secrets never appear here, only their names.
 */
import { UserError, quote } from '../errors.js';

export type ContainerKind = 'docker' | 'podman';

/** NVIDIA's recommended run flags for TensorRT-LLM (besides --ipc host): pinned memory, deep stacks. */
export const NVIDIA_ULIMITS: readonly string[] = ['memlock=-1', 'stack=67108864'];

/** Where a host whose runtime cannot raise those limits names its own (see parseUlimits). */
export const ULIMITS_ENV = 'ENGINE_FORGE_CONTAINER_ULIMITS';

export interface ContainerRun {
  kind: ContainerKind;
  image: string;
  /** Unique, so the container can be stopped by name on cancel or timeout. */
  name: string;
  /** Host GPU indices: exactly these reach the container. */
  gpus: readonly number[];
  /** Host directories, mounted at the same path. */
  mounts: readonly string[];
  ulimits: readonly string[];
  /** Variables the runtime passes from its own environment by name (`--env NAME`). */
  envNames: readonly string[];
  workdir?: string | undefined;
  /** Services listen on the host's 127.0.0.1. */
  hostNetwork: boolean;
  argv: readonly string[];
}

export function containerRunArgs(run: ContainerRun): string[] {
  // --init: PID 1 in a container ignores SIGTERM unless it handles it (python does not), so without
  // an init `stop` would wait out its whole grace period; the init also reaps MPI ranks' zombies.
  const args = ['run', '--rm', '--init', '--name', run.name, '--ipc', 'host'];
  for (const limit of run.ulimits) args.push('--ulimit', limit);
  args.push(...gpuArgs(run.kind, run.gpus));
  // The GPUs' device nodes carry host SELinux labels; NVIDIA's CDI instructions disable labelling.
  if (run.kind === 'podman') args.push('--security-opt', 'label=disable');
  if (run.hostNetwork) args.push('--network', 'host');
  for (const dir of run.mounts) args.push('--volume', `${dir}:${dir}`);
  if (run.workdir !== undefined) args.push('--workdir', run.workdir);
  for (const name of run.envNames) args.push('--env', name);
  // NGC images set NVIDIA_VISIBLE_DEVICES=all; the cell's GPUs override it ('void': none at all).
  args.push('--env', `NVIDIA_VISIBLE_DEVICES=${run.gpus.length > 0 ? run.gpus.join(',') : 'void'}`);
  args.push(run.image, ...run.argv);
  return args;
}

/** docker: the NVIDIA Container Toolkit's `--gpus`; podman: one CDI device per GPU. */
export function gpuArgs(kind: ContainerKind, gpus: readonly number[]): string[] {
  if (gpus.length === 0) return [];
  // The quotes are part of the value: docker reads --gpus as CSV, and "device=0,1" is one field.
  if (kind === 'docker') return ['--gpus', `"device=${gpus.join(',')}"`];
  return gpus.flatMap((i) => ['--device', `nvidia.com/gpu=${i}`]);
}

/** `<runtime> stop -t N NAME`, then `<runtime> rm -f NAME`: how a running step's container ends. */
export function containerStopArgs(name: string, graceMs: number): string[][] {
  return [
    ['stop', '-t', String(Math.max(0, Math.ceil(graceMs / 1000))), name],
    ['rm', '-f', name],
  ];
}

/**
 * `memlock=8388608:8388608,stack=67108864`: the ulimits for a host whose container runtime may not
 * raise NVIDIA's (rootless podman, or a runner without CAP_SYS_RESOURCE).
 */
export function parseUlimits(text: string, label: string): string[] {
  const limits = text.split(/[\s,]+/).filter((l) => l !== '');
  const bad = limits.filter((l) => !/^[a-z]+=(-1|\d+)(:(-1|\d+))?$/.test(l));
  if (limits.length === 0 || bad.length > 0) {
    throw new UserError(`${label} must be a comma-separated list of NAME=SOFT[:HARD] limits, e.g. 'memlock=-1,stack=67108864' (got ${quote(text)})`);
  }
  return limits;
}

/** Checks what will be spliced into the run command: a value that looks like a flag, or a mount docker would split, is refused. */
export function checkContainerInputs(image: string, mounts: readonly string[]): void {
  if (image.trim() === '' || image.startsWith('-') || /\s/.test(image)) {
    throw new UserError(`toolchains.trtllm.image must be an image reference such as nvcr.io/nvidia/tensorrt-llm/release:1.0.0 (got ${quote(image)})`);
  }
  for (const dir of mounts) {
    if (!dir.startsWith('/') || dir.includes(':') || dir.includes(',')) {
      throw new UserError(`a directory mounted into the toolchain container must be an absolute path without ':' or ',' (got ${quote(dir)})`);
    }
  }
}
