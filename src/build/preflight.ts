/**
 * Reads the runner before anything is downloaded: its GPUs (nvidia-smi), host memory
 * (/proc/meminfo, narrowed to the job's cgroup limit) and the free space where work-dir and
 * cache-dir will be written. The effects are injected so tests can hand in fakes; the comparison
 * itself is pure (src/core/runner-fit.ts).
 */
import { execa } from 'execa';
import { readFile, stat, statfs } from 'node:fs/promises';
import path from 'node:path';
import type { GpuFacts } from '../core/gpus.js';
import { NVIDIA_SMI_ARGS, parseRunnerGpus } from '../core/nvidia-smi.js';
import { checkRunner, type PreflightCell } from '../core/runner-fit.js';
import { UserError } from '../errors.js';
import { readCgroupMemory, type CgroupMemory } from './cgroup-memory.js';
import type { CellNeeds, RunnerFacts } from './types.js';

export { checkRunner, preflightProblems, runnerFamilies, type PreflightCell, type PreflightResult } from '../core/runner-fit.js';
export { estimateNeeds, paramsFromHfConfig, type NeedsInput } from '../core/needs.js';

export interface RunnerEffects {
  /** Runs `nvidia-smi` with these arguments; resolves with its stdout, rejects as execa does. */
  nvidiaSmi(args: readonly string[]): Promise<string>;
  /** The text of /proc/meminfo. */
  meminfo(): Promise<string>;
  /** The tightest memory limit of this process's cgroup, if it has one. */
  cgroupMemory(): Promise<CgroupMemory | undefined>;
  /** Free bytes (for an unprivileged writer) and device of the filesystem holding `dir`. */
  disk(dir: string): Promise<{ freeBytes: number; device: number }>;
}

export interface ReadRunnerOptions {
  workDir: string;
  cacheDir: string;
  /** Families to name the GPUs with (runnerFamilies(matrix)); the catalogue when absent. */
  families?: Readonly<Record<string, GpuFacts>>;
  effects?: Partial<RunnerEffects>;
  /** PATH and the like for nvidia-smi (defaults to process.env). */
  env?: NodeJS.ProcessEnv;
}

export async function readRunnerFacts(options: ReadRunnerOptions): Promise<RunnerFacts> {
  const effects = { ...realEffects(options.env), ...options.effects };
  const [gpus, meminfo, cgroup, work, cache] = await Promise.all([
    readGpus(effects, options.families),
    effects.meminfo().then(parseMeminfo),
    effects.cgroupMemory(),
    effects.disk(options.workDir),
    effects.disk(options.cacheDir),
  ]);
  const hostMemory = withCgroupLimit(meminfo, cgroup);
  return {
    gpus,
    hostMemory,
    disks: [
      { path: options.workDir, role: 'work-dir', ...work },
      { path: options.cacheDir, role: 'cache-dir', ...cache },
    ],
  };
}

/**
 * The GPUs (nvidia-smi indices) the cell should use on this runner; throws a UserError listing
 * every reason the runner does not fit (call it before the model is downloaded).
 */
export function assertRunnerFits(cell: PreflightCell, facts: RunnerFacts, needs: CellNeeds, families: Readonly<Record<string, GpuFacts>>): number[] {
  const { problems, gpus } = checkRunner(cell, facts, needs, families);
  if (problems.length > 0) throw new UserError(`pre-flight: this runner cannot build cell ${cell.id}:`, problems);
  return gpus;
}

async function readGpus(effects: RunnerEffects, families: ReadRunnerOptions['families']): Promise<RunnerFacts['gpus']> {
  const command = `nvidia-smi ${NVIDIA_SMI_ARGS.join(' ')}`;
  let text: string;
  try {
    text = await effects.nvidiaSmi(NVIDIA_SMI_ARGS);
  } catch (error) {
    throw new UserError(smiFailure(command, error));
  }
  try {
    return parseRunnerGpus(text, families);
  } catch (error) {
    throw new UserError(`\`${command}\` printed output engine-forge cannot read (${(error as Error).message}); is this NVIDIA's nvidia-smi?`);
  }
}

/** What went wrong with nvidia-smi, in words a runner's owner can act on. */
function smiFailure(command: string, error: unknown): string {
  const e = error as { code?: string; exitCode?: number; stdout?: unknown; stderr?: unknown; timedOut?: boolean; shortMessage?: string };
  if (e.code === 'ENOENT') {
    return 'nvidia-smi is not on PATH: `build` must run on a runner with an NVIDIA GPU and its driver installed (the cell\'s `runs-on` labels choose it)';
  }
  if (e.timedOut === true) return `\`${command}\` did not answer in time: the GPU driver may be hung; check the runner`;
  const said = [e.stdout, e.stderr].filter((s): s is string => typeof s === 'string' && s.trim() !== '').join('\n').trim();
  const detail = said !== '' ? `: ${said.split('\n').slice(-3).join(' ')}` : '';
  return `\`${command}\` failed${e.exitCode !== undefined ? ` with exit status ${e.exitCode}` : ''}${detail || `: ${e.shortMessage ?? String(error)}`}; the runner's NVIDIA driver or GPUs are not usable`;
}

/** MemTotal and MemAvailable (kB in the file, bytes here). MemAvailable counts reclaimable cache. */
export function parseMeminfo(text: string): RunnerFacts['hostMemory'] {
  const field = (name: string): number => {
    const match = new RegExp(`^${name}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    if (!match) throw new UserError(`/proc/meminfo has no ${name} line: cannot tell how much memory this runner has`);
    return Number(match[1]) * 1024;
  };
  return { totalBytes: field('MemTotal'), availableBytes: field('MemAvailable') };
}

/** The host's figures, narrowed to the cgroup's where it allows less. */
export function withCgroupLimit(meminfo: RunnerFacts['hostMemory'], cgroup: CgroupMemory | undefined): RunnerFacts['hostMemory'] {
  if (cgroup === undefined || cgroup.limitBytes >= meminfo.totalBytes) return meminfo;
  return {
    totalBytes: cgroup.limitBytes,
    availableBytes: Math.min(meminfo.availableBytes, Math.max(0, cgroup.limitBytes - cgroup.usedBytes)),
    cgroup: { where: cgroup.where, limitBytes: cgroup.limitBytes },
  };
}

function realEffects(env: NodeJS.ProcessEnv | undefined): RunnerEffects {
  return {
    async nvidiaSmi(args) {
      const { stdout } = await execa('nvidia-smi', [...args], { timeout: 30_000, ...(env ? { env, extendEnv: false } : {}) });
      return stdout;
    },
    meminfo: () => readFile('/proc/meminfo', 'utf8'),
    async cgroupMemory() {
      const self = await readFile('/proc/self/cgroup', 'utf8').catch(() => undefined);
      return self === undefined ? undefined : readCgroupMemory(self);
    },
    async disk(dir) {
      // work-dir may not exist yet: its nearest existing ancestor is where it will be created.
      const existing = await nearestExisting(dir);
      const [fs, info] = await Promise.all([statfs(existing), stat(existing)]);
      return { freeBytes: fs.bavail * fs.bsize, device: info.dev };
    },
  };
}

async function nearestExisting(dir: string): Promise<string> {
  let current = path.resolve(dir);
  for (;;) {
    try {
      await stat(current);
      return current;
    } catch (error) {
      const parent = path.dirname(current);
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || parent === current) throw error;
      current = parent;
    }
  }
}
