/**
 * Why a toolchain step died, read from how it ended and its last lines of output. Pure: the
 * toolchain hands in what it saw; this names the usual deaths of a GPU build and what to do.
 */

export interface StepEnd {
  /** The step's name ('trtllm-build', 'quantize'). */
  step: string;
  /** The tool that ran (argv[0]), for "does not accept" messages. */
  tool: string;
  exitCode?: number | undefined;
  signal?: string | undefined;
  /** It could not be started at all (the tail then holds why: ENOENT, EACCES). */
  notStarted?: boolean | undefined;
  /** Set when our own timeout killed it: then a SIGKILL/137 is ours, not the kernel's. */
  timedOutAfterMs?: number | undefined;
  /** Last lines of combined output. */
  tail: readonly string[];
  /** Where the user controls this step's flags (the matrix's build-flags line). */
  flagsHint?: string | undefined;
  /** How it ran: a container runtime's own errors get their own advice. */
  runtime?: 'docker' | 'podman' | 'native' | undefined;
}

export type DeathCause =
  | 'timeout'
  | 'unknown-flag'
  | 'cuda-oom'
  | 'disk-full'
  | 'host-oom'
  | 'not-found'
  | 'container-limits'
  | 'container-gpus'
  | 'container-init';

export interface Diagnosis {
  cause: DeathCause;
  advice: string;
}

const CUDA_OOM = [
  /CUDA out of memory/i, // torch.OutOfMemoryError: CUDA out of memory. Tried to allocate …
  /CUDA error: out of memory/i,
  /\bOutOfMemoryError\b/,
  /\[TensorRT-LLM\]\[ERROR\].*out of memory/i,
  /Cuda Runtime \(out of memory\)/i, // TensorRT: Error Code 1: Cuda Runtime (out of memory)
  /cudaErrorMemoryAllocation/,
  /CUBLAS_STATUS_ALLOC_FAILED/,
];
const DISK_FULL = [/No space left on device/i, /\bENOSPC\b/, /\[Errno 28\]/];
// argparse ends with "<prog>: error: …" after its usage; trtllm-build's usage alone runs past 60 lines,
// so its start is often out of the tail: the last line and exit 2 are what tell.
const ARGPARSE_ERROR = /^(\S+): error: (unrecognized arguments: .*|argument [^:]+: .*|the following arguments are required: .*)$/;
const RUNTIME_ERROR = /^(?:Error: |docker: Error response from daemon)/m;
const NOT_FOUND = [/executable file not found in \$PATH/i, /OCI runtime attempted to invoke a command that was not found/i];
// runc names the program it could not exec (`exec: "hf": executable file not found`): another name
// (iptables, for podman's network) is the runtime's own trouble, not the step's tool.
const EXEC_OF = /exec: "([^"]+)": executable file not found/;
// runc: "error setting rlimit type 8: operation not permitted"; crun: "setrlimit `RLIMIT_MEMLOCK`: Operation not permitted".
const RLIMIT = [/error setting rlimit/i, /setrlimit `?RLIMIT_\w+`?: Operation not permitted/i];
const NO_GPU_DRIVER = /could not select device driver "[^"]*" with capabilities: \[\[gpu\]\]/i;
// podman --init runs catatonit; docker --init its bundled docker-init.
const NO_INIT = /container-init binary not found on the host|catatonit: no such file or directory/i;
const NO_CDI = /unresolvable CDI devices?|CDI device injection failed|failed to inject CDI devices/i;

/** The advice for a dead step, or undefined when its death is not one we recognise. */
export function diagnose(end: StepEnd): Diagnosis | undefined {
  const text = end.tail.join('\n');
  if (end.timedOutAfterMs !== undefined) {
    return {
      cause: 'timeout',
      advice: `it was still running after ${formatDuration(end.timedOutAfterMs)}, its time limit, and was stopped; a silent tool may be stuck (a download with no network, a GPU held by another process), or the build needs a longer limit on this runner`,
    };
  }
  const argparse = end.exitCode === 2 ? ARGPARSE_ERROR.exec(lastLine(end.tail)) : null;
  if (argparse) {
    // argparse names its program (trtllm-build) where argv[0] may be python3.
    const [, prog, rejected] = argparse;
    const where = end.flagsHint ? `check the flags in ${end.flagsHint}` : 'check the flags against the pinned TensorRT-LLM version';
    return {
      cause: 'unknown-flag',
      advice: `${prog} rejected its command line (${rejected}): a flag it does not know in this toolchain version; ${where}`,
    };
  }
  if (CUDA_OOM.some((re) => re.test(text))) {
    return {
      cause: 'cuda-oom',
      advice:
        'the GPUs ran out of memory: lower the cell\'s batch ceiling, max tokens or sequence length, use more GPUs (a larger tp) or a smaller precision, and check with nvidia-smi that no other process holds GPU memory',
    };
  }
  if (DISK_FULL.some((re) => re.test(text))) {
    return {
      cause: 'disk-full',
      advice: 'the disk is full: free space under work-dir and cache-dir (a build needs about 3 × the model\'s weights: download, checkpoint and engine) or point them at a larger disk',
    };
  }
  if (end.runtime !== 'native' && RLIMIT.some((re) => re.test(text))) {
    return {
      cause: 'container-limits',
      advice:
        "the container runtime may not raise the resource limits NVIDIA recommends (--ulimit memlock=-1, stack=67108864): raise the runner's hard limits (limits.conf, or the runner service's LimitMEMLOCK=infinity), or set ENGINE_FORGE_CONTAINER_ULIMITS to limits this host allows (e.g. 'memlock=8388608:8388608,stack=67108864')",
    };
  }
  if (end.runtime === 'docker' && NO_GPU_DRIVER.test(text)) {
    return { cause: 'container-gpus', advice: 'docker cannot reach the GPUs: install the NVIDIA Container Toolkit and run `nvidia-ctk runtime configure --runtime=docker`, then restart dockerd' };
  }
  if (end.runtime === 'podman' && NO_INIT.test(text)) {
    return { cause: 'container-init', advice: 'podman has no init binary for --init: install catatonit (the podman package recommends it)' };
  }
  if (end.runtime === 'podman' && NO_CDI.test(text)) {
    return { cause: 'container-gpus', advice: 'podman has no CDI spec for the GPUs: run `nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml` (NVIDIA Container Toolkit) on the runner' };
  }
  // A container runtime that failed itself (its network, its storage) can exit 127 too: its own
  // "Error: …" / "docker: Error response from daemon" is not a missing tool.
  const runtimeFailed = end.runtime !== 'native' && RUNTIME_ERROR.test(text);
  if ((end.exitCode === 127 && !runtimeFailed) || (end.notStarted && /ENOENT/.test(text)) || end.tail.some((line) => toolNotFound(line, end.tool))) {
    return {
      cause: 'not-found',
      advice:
        end.runtime === 'native'
          ? `${end.tool} is not on PATH: runtime 'native' needs a runner that already is the TensorRT-LLM environment; otherwise use runtime docker or podman`
          : `${end.tool} is not in the toolchain image: check toolchains.trtllm.image`,
    };
  }
  if (end.exitCode === 137 || end.signal === 'SIGKILL') {
    return {
      cause: 'host-oom',
      advice: "it was killed with SIGKILL (exit 137), most likely by the kernel's OOM killer: the runner's host RAM ran out; use a runner with more memory, fewer parallel workers, or a smaller model per job (`dmesg` shows the OOM killer's report)",
    };
  }
  return undefined;
}

function toolNotFound(line: string, tool: string): boolean {
  if (!NOT_FOUND.some((re) => re.test(line))) return false;
  const named = EXEC_OF.exec(line)?.[1];
  return named === undefined || named === tool || baseName(named) === baseName(tool);
}

/** The last segment of a path (core stays free of node:path). */
function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

function lastLine(tail: readonly string[]): string {
  for (let i = tail.length - 1; i >= 0; i--) if (tail[i]!.trim() !== '') return tail[i]!;
  return '';
}

/** How the step ended, for the first line of its failure. */
export function describeEnd(end: Pick<StepEnd, 'exitCode' | 'signal' | 'timedOutAfterMs'>): string {
  if (end.timedOutAfterMs !== undefined) return `timed out after ${formatDuration(end.timedOutAfterMs)}`;
  if (end.signal) return `was killed by ${end.signal}`;
  if (end.exitCode !== undefined) return `exited with status ${end.exitCode}`;
  return 'could not be started';
}

/** `250ms`, `45s`, `5m 00s`, `2h 03m`: for heartbeats and timeouts. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
