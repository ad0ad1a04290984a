/**
 * The contracts between the parts of `build` (the GPU job). Each part lives in its own module:
 *
 *   preflight.ts   runner facts (nvidia-smi, host RAM, free disk) and the cell's needs → refusals
 *   toolchain.ts   runs steps natively or inside the toolchain image (docker/podman), streams logs,
 *                  heartbeats, timeouts, cancellation, failure diagnosis
 *   pipeline.ts    the build itself: model cache, checkpoint, engine or PyTorch path, checks, publish
 *
 * Everything here is types: the modules depend on this file, never on each other's internals.
 */

export type RuntimeKind = 'docker' | 'podman' | 'native';

/** One invocation of a toolchain tool. Argument arrays only: no shell ever sees an input. */
export interface Step {
  /** Short name for logs and failures: 'download model', 'quantize', 'trtllm-build', 'smoke start'. */
  name: string;
  /** argv[0] is the tool as found on PATH inside the toolchain (`trtllm-build`, `python3`, `hf`). */
  argv: string[];
  /**
   * Extra environment for the tool. Values are never logged. Secrets (HF_TOKEN) go here and only
   * here; a container runtime passes them by name (`-e NAME`), never as `NAME=value` in its argv.
   */
  env?: Record<string, string>;
  /** Working directory, a host path under one of the mounted directories. */
  cwd?: string;
  /** Killed (process tree / container) after this long; the failure says it timed out. */
  timeoutMs: number;
  /** Where the user controls this step's flags, pointed at when the tool rejects a flag (exit 2). */
  flagsHint?: string;
}

export interface StepResult {
  durationMs: number;
  /** Last lines of combined output (for manifests' step records and failure messages). */
  tail: string[];
}

/** A long-running process (trtllm-serve for the smoke start, later `bench`). */
export interface Service {
  /** Resolves when the process exits on its own (a crash while waiting for /health). */
  readonly exited: Promise<{ exitCode: number | undefined; signal: string | undefined; tail: string[] }>;
  /** Stops it (SIGTERM, then SIGKILL after a grace period; `<runtime> stop`/`rm -f` for a container). */
  stop(): Promise<void>;
}

export interface Toolchain {
  readonly runtime: RuntimeKind;
  /** Runs one step to completion; rejects with a StepFailure (a UserError) naming the step, status and last lines. */
  run(step: Step, signal: AbortSignal): Promise<StepResult>;
  /** Starts a long-running step; host networking, so a port it listens on is reachable on 127.0.0.1. */
  start(step: Omit<Step, 'timeoutMs'>, signal: AbortSignal): Promise<Service>;
}

export interface ToolchainOptions {
  runtime: RuntimeKind;
  /** `toolchains.trtllm.image` (docker/podman only). */
  image: string;
  /** Indices of exactly the GPUs the cell uses (the first `tp` of the runner's, unless narrowed). */
  gpus: number[];
  /** Host directories mounted at the same path inside the container (work-dir, cache-dir). */
  mounts: string[];
  /** Log sink: groups, lines, heartbeats. */
  log: BuildLog;
  /**
   * Base environment (defaults to process.env): native steps' tools get it; in docker/podman
   * runtime it is the runtime client's (CONTAINERS_CONF, DOCKER_HOST, ENGINE_FORGE_CONTAINER_ULIMITS).
   */
  env?: NodeJS.ProcessEnv;
  /** How often a silent step prints a heartbeat (default 60 s). */
  heartbeatMs?: number;
  /** Between SIGTERM (or `<runtime> stop`) and SIGKILL when a step is stopped (default 5 s). */
  graceMs?: number;
  /**
   * Container ulimits (docker/podman). Default: $ENGINE_FORGE_CONTAINER_ULIMITS when set, else
   * NVIDIA's `memlock=-1`, `stack=67108864`.
   */
  ulimits?: string[];
}

/** Where build output goes: collapsible groups in the Actions log, plain lines on a terminal. */
export interface BuildLog {
  group(name: string): void;
  endGroup(): void;
  line(text: string): void;
  warning(text: string): void;
}

/** Runner facts and cell needs are plain data the pure core reasons about; they live in core. */
export type { CellNeeds, RunnerFacts } from '../core/runner-facts.js';
