/**
 * Runs toolchain steps natively or inside the toolchain image (docker/podman): streams each step's
 * output into a log group with a heartbeat while it is silent, enforces its timeout, stops the
 * container or the whole process tree on cancel, and turns a failure into a StepFailure.
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, constants } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { UserError, quote } from '../errors.js';
import { formatDuration } from '../core/step-diagnosis.js';
import { NVIDIA_ULIMITS, ULIMITS_ENV, checkContainerInputs, containerRunArgs, containerStopArgs, parseUlimits, type ContainerKind } from './container-args.js';
import { onExitKill } from './last-resort.js';
import { groupAlive, killGroup, spawnGroup, type GroupProcess } from './process-tree.js';
import { abortError, StepFailure } from './step-failure.js';
import { OutputLines, displayArgv } from './step-output.js';
import type { RuntimeKind, Service, Step, StepResult, Toolchain, ToolchainOptions } from './types.js';

export { StepFailure } from './step-failure.js';
export { actionsBuildLog, terminalBuildLog } from './build-log.js';

export const RUNTIME_KINDS: readonly RuntimeKind[] = ['docker', 'podman', 'native'];
const DEFAULT_HEARTBEAT_MS = 60_000;
// A cancelled Actions job gets SIGINT, then SIGTERM 7.5 s later (when signals.ts exits at once),
// then SIGKILL: the container must be stopped and removed well inside that.
const DEFAULT_GRACE_MS = 5_000;

/** How one step is started and ended under a runtime. */
interface Launch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd?: string | undefined;
  /** Where it runs, for the log: a container's name, image and GPUs. */
  where?: string;
  /** Ends it before its time (cancel, timeout). */
  terminate(proc: GroupProcess): Promise<void>;
  /** After it ended on its own: whatever it left behind. */
  cleanup(proc: GroupProcess): Promise<void>;
  /** Synchronous, for the process's 'exit' handler: SIGKILL the group, remove the container. */
  killNow(proc: GroupProcess): void;
}

type Launcher = (step: Omit<Step, 'timeoutMs'>, service: boolean) => Launch;

export function openToolchain(options: ToolchainOptions): Toolchain {
  const baseEnv = definedEnv(options.env ?? process.env);
  const graceMs = options.graceMs ?? DEFAULT_GRACE_MS;
  const launch = options.runtime === 'native' ? nativeLauncher(options, baseEnv, graceMs) : containerLauncher(options.runtime, options, baseEnv, graceMs);
  return {
    runtime: options.runtime,
    run: (step, signal) => runStep(launch, options, step, signal),
    start: (step, signal) => startService(launch, options, step, signal),
  };
}

/** Native: the tool itself, found on PATH, in its own process group, narrowed to the cell's GPUs. */
function nativeLauncher(options: ToolchainOptions, baseEnv: Record<string, string>, graceMs: number): Launcher {
  return (step) => {
    const [file, ...args] = step.argv;
    if (file === undefined) throw new Error(`step '${step.name}' has an empty argv`);
    const gpus = options.gpus.length > 0 ? { CUDA_VISIBLE_DEVICES: options.gpus.join(',') } : {};
    return {
      file,
      args,
      env: { ...baseEnv, ...step.env, ...gpus },
      cwd: step.cwd,
      terminate: async (proc) => {
        if (proc.pid !== undefined) await killGroup(proc.pid, graceMs);
      },
      cleanup: async (proc) => {
        if (proc.pid !== undefined && (await groupAlive(proc.pid))) await killGroup(proc.pid, graceMs);
      },
      killNow: (proc) => killGroupNow(proc.pid),
    };
  };
}

/** docker/podman: `run --rm --name <unique>` in the toolchain image; stopped by name. */
function containerLauncher(kind: ContainerKind, options: ToolchainOptions, baseEnv: Record<string, string>, graceMs: number): Launcher {
  checkContainerInputs(options.image, options.mounts);
  const envUlimits = baseEnv[ULIMITS_ENV];
  const ulimits = options.ulimits ?? (envUlimits ? parseUlimits(envUlimits, `$${ULIMITS_ENV}`) : [...NVIDIA_ULIMITS]);
  const runtimeCommand = async (args: string[]): Promise<void> => {
    await execa(kind, args, { env: baseEnv, extendEnv: false, reject: false, stdin: 'ignore', timeout: graceMs + 30_000 });
  };
  return (step, service) => {
    if (step.cwd !== undefined && !options.mounts.some((dir) => step.cwd === dir || step.cwd?.startsWith(`${dir.replace(/\/$/, '')}/`))) {
      throw new Error(`step '${step.name}' runs in ${step.cwd}, which is under none of the mounted directories (${options.mounts.join(', ')})`);
    }
    const name = `engine-forge-${step.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${randomUUID().slice(0, 8)}`;
    const envNames = Object.keys(step.env ?? {});
    const args = containerRunArgs({
      kind,
      image: options.image,
      name,
      gpus: options.gpus,
      mounts: options.mounts,
      ulimits,
      envNames,
      workdir: step.cwd,
      hostNetwork: service,
      argv: step.argv,
    });
    const endClient = async (proc: GroupProcess): Promise<void> => {
      if (proc.pid !== undefined && (await groupAlive(proc.pid))) await killGroup(proc.pid, graceMs);
    };
    return {
      file: kind,
      args,
      // The secrets' values reach the runtime through its own environment: `--env NAME` copies them in.
      env: { ...baseEnv, ...step.env },
      where: `${kind} container ${name} of ${options.image}, GPUs ${options.gpus.length > 0 ? options.gpus.join(',') : 'none'}`,
      terminate: async (proc) => {
        const [stop, remove] = containerStopArgs(name, graceMs);
        await runtimeCommand(stop!);
        await endClient(proc);
        // After the client: one stopped while it was still creating the container may have left it behind.
        await runtimeCommand(remove!);
      },
      cleanup: async (proc) => {
        await endClient(proc);
        // --rm removes it on a normal exit; a client that died first leaves it running.
        await runtimeCommand(['rm', '-f', name]);
      },
      killNow: (proc) => {
        spawnSync(kind, ['rm', '-f', name], { env: baseEnv, stdio: 'ignore', timeout: 15_000 });
        killGroupNow(proc.pid);
      },
    };
  };
}

async function runStep(launch: Launcher, options: ToolchainOptions, step: Step, signal: AbortSignal): Promise<StepResult> {
  if (signal.aborted) throw abortError(signal);
  const { log } = options;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const launched = launch(step, false);
  log.group(step.name);
  try {
    log.line(`$ ${displayArgv(step.argv)}`);
    if (launched.where !== undefined) log.line(`  (in ${launched.where})`);
    const started = Date.now();
    let lastOutput = started;
    let lastBeat = started;
    const out = new OutputLines((line) => log.line(line));
    const streams = { stdout: out.stream(), stderr: out.stream() };
    const proc = spawnGroup(launched.file, launched.args, {
      env: launched.env,
      cwd: launched.cwd,
      onOutput: (text, stream) => {
        lastOutput = Date.now();
        streams[stream].push(text);
      },
    });
    const forget = onExitKill(() => launched.killNow(proc));
    let stopping: Promise<void> | undefined;
    let timedOut = false;
    const stop = (): Promise<void> => (stopping ??= launched.terminate(proc));
    const onAbort = (): void => void stop();
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => {
        timedOut = true;
        log.line(`${step.name}: no end after ${formatDuration(step.timeoutMs)}, its time limit: stopping it`);
        void stop();
      },
      // setTimeout fires at once past 2^31-1 ms (24.8 days); no step runs that long.
      Math.min(step.timeoutMs, 2 ** 31 - 1),
    );
    const heartbeat = setInterval(
      () => {
        const now = Date.now();
        if (now - lastOutput < heartbeatMs || now - lastBeat < heartbeatMs) return;
        lastBeat = now;
        log.line(`${step.name}: still running, ${formatDuration(now - started)}, silent for ${formatDuration(now - lastOutput)}`);
      },
      Math.max(10, Math.min(heartbeatMs / 4, 5_000)),
    );
    let end;
    try {
      end = await proc.exit;
    } finally {
      clearTimeout(timer);
      clearInterval(heartbeat);
      signal.removeEventListener('abort', onAbort);
    }
    await (stopping ?? launched.cleanup(proc));
    forget();
    await proc.drained;
    streams.stdout.flush();
    streams.stderr.flush();
    if (signal.aborted) throw abortError(signal);
    if (end.exitCode === 0 && !timedOut) return { durationMs: Date.now() - started, tail: out.tail() };
    throw new StepFailure({
      step: step.name,
      tool: step.argv[0] ?? step.name,
      exitCode: end.exitCode,
      signal: end.signal,
      timedOutAfterMs: timedOut ? step.timeoutMs : undefined,
      notStarted: end.spawnError !== undefined,
      tail: end.spawnError !== undefined ? [end.spawnError] : out.tail(),
      flagsHint: step.flagsHint,
      runtime: options.runtime,
    });
  } finally {
    log.endGroup();
  }
}

async function startService(launch: Launcher, options: ToolchainOptions, step: Omit<Step, 'timeoutMs'>, signal: AbortSignal): Promise<Service> {
  if (signal.aborted) throw abortError(signal);
  const { log } = options;
  const launched = launch(step, true);
  log.line(`${step.name}: $ ${displayArgv(step.argv)}${launched.where !== undefined ? `  (in ${launched.where})` : ''}`);
  // No group: the caller logs its own progress (waiting for /health) while this one runs.
  const out = new OutputLines((line) => log.line(`${step.name}: ${line}`));
  const streams = { stdout: out.stream(), stderr: out.stream() };
  const proc = spawnGroup(launched.file, launched.args, { env: launched.env, cwd: launched.cwd, onOutput: (text, stream) => streams[stream].push(text) });
  const forget = onExitKill(() => launched.killNow(proc));
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= launched.terminate(proc));
  const onAbort = (): void => void stop();
  signal.addEventListener('abort', onAbort, { once: true });
  const exited = (async () => {
    const end = await proc.exit;
    signal.removeEventListener('abort', onAbort);
    await (stopping ?? launched.cleanup(proc));
    forget();
    await proc.drained;
    streams.stdout.flush();
    streams.stderr.flush();
    return { exitCode: end.exitCode, signal: end.signal, tail: end.spawnError !== undefined ? [end.spawnError] : out.tail() };
  })();
  const spawnError = await proc.spawned;
  if (spawnError !== undefined) {
    await exited;
    throw new StepFailure({ step: step.name, tool: step.argv[0] ?? step.name, notStarted: true, tail: [spawnError], runtime: options.runtime });
  }
  return {
    exited,
    stop: async () => {
      await stop();
      await exited;
    },
  };
}

/**
 * The runtime when the `runtime` input is omitted: native on a runner that already is the
 * TensorRT-LLM environment (trtllm-build or trtllm-serve on PATH), else docker, else podman —
 * whichever answers `info`.
 */
export async function detectRuntime(env: NodeJS.ProcessEnv = process.env, works: (file: string, args: string[]) => Promise<boolean> = commandWorks): Promise<RuntimeKind> {
  if ((await onPath('trtllm-build', env)) || (await onPath('trtllm-serve', env))) return 'native';
  if (await works('docker', ['info'])) return 'docker';
  if (await works('podman', ['info'])) return 'podman';
  throw new UserError(
    "No way to run the TensorRT-LLM toolchain here: trtllm-build is not on PATH (runtime 'native'), and neither `docker info` nor `podman info` succeeds. Install docker with the NVIDIA Container Toolkit or podman with a CDI spec (nvidia-ctk cdi generate), or set the 'runtime' input",
  );
}

/** The `runtime` input as a kind; undefined when omitted (then detectRuntime decides). `label` names the input as the user wrote it. */
export function runtimeFromInput(value: string | undefined, label = "input 'runtime'"): RuntimeKind | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const kind = value.trim().toLowerCase();
  if ((RUNTIME_KINDS as readonly string[]).includes(kind)) return kind as RuntimeKind;
  throw new UserError(`${label} must be one of ${RUNTIME_KINDS.join(', ')} (got ${quote(value)})`);
}

/** The input's kind, or the detected one. */
export async function chooseRuntime(value: string | undefined, label?: string, detect: () => Promise<RuntimeKind> = () => detectRuntime()): Promise<RuntimeKind> {
  return runtimeFromInput(value, label) ?? (await detect());
}

async function onPath(tool: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir === '') continue;
    try {
      await access(path.join(dir, tool), constants.X_OK);
      return true;
    } catch {
      // not here
    }
  }
  return false;
}

async function commandWorks(file: string, args: string[]): Promise<boolean> {
  const result = await execa(file, args, { reject: false, stdin: 'ignore', timeout: 30_000 });
  return result.exitCode === 0;
}

function killGroupNow(pgid: number | undefined): void {
  if (pgid === undefined) return;
  try {
    process.kill(-pgid, 'SIGKILL');
  } catch {
    // already gone
  }
}

function definedEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = v;
  return out;
}
