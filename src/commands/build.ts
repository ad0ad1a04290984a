import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deriveCells, type EngineCell } from '../core/cells.js';
import type { CheckpointCell } from '../core/checkpoints.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { quote, UserError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { buildCheckpoint, buildEngineCell, type BuildContext, type BuildOutcome } from '../build/pipeline.js';
import { actionsBuildLog, detectRuntime, terminalBuildLog } from '../build/toolchain.js';
import type { RuntimeKind } from '../build/types.js';
import { openStore } from '../store/open.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import { channelOf } from './channel.js';
import { cellEntryValue, engineCellsById } from './cell-entry.js';
import type { CommandContext, CommandResult } from './context.js';
import { collectProvenance } from './provenance.js';

const RUNTIMES: readonly RuntimeKind[] = ['docker', 'podman', 'native'];

/** What one `cell` input asks for: the cells of an `engines` entry, or one checkpoint of `checkpoints`. */
type Job = { kind: 'engines'; cells: { cell: EngineCell; checkpoint: CheckpointCell | undefined }[] } | { kind: 'checkpoint'; checkpoint: CheckpointCell };

/**
 * `build`: runs on the GPU runner the plan sent the entry to, builds what the entry names and
 * publishes it. Outputs `uri` and `manifest` (one line per cell) and `artifact-dir`.
 */
export async function buildCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const loaded = await loadMatrixFile(settings.required('matrix'), { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const job = jobOf(settings, loaded);
  const token = settings.env.HF_TOKEN || undefined;
  if (token && settings.source.kind === 'action') {
    // Masked before anything could print it; it then travels only in the environment of `hf` and the quantizer.
    const core = await import('@actions/core');
    core.setSecret(token);
  }
  const { HF_TOKEN: _dropped, ...env } = settings.env;
  void _dropped;
  const runtime = settings.oneOf('runtime', RUNTIMES) ?? (await detectRuntime(settings.env));
  const workDir = path.resolve(settings.workspace(), settings.string('work-dir') ?? path.join(settings.env.RUNNER_TEMP || os.tmpdir(), 'engine-forge', 'work'));
  const cacheDir = path.resolve(settings.workspace(), settings.string('cache-dir') ?? defaultCacheDir(settings.env));
  const publish = settings.bool('publish', true);
  // On a terminal the steps' output goes to stderr, like every command's progress: stdout is the result (--json).
  const toStderr = (text: string): boolean => process.stderr.write(text);
  const buildLog = settings.source.kind === 'action' ? actionsBuildLog() : terminalBuildLog(toStderr, toStderr);
  // A pull request's build is a candidate: stored, never resolved, promoted by the merged plan.
  const { channel, pullRequest, why } = await channelOf(settings);
  if (publish && channel === 'candidate') log.info(`storing pull-request candidates (${why}): resolve never returns them; the default branch's plan promotes them once merged`);
  const origin = await collectProvenance(settings.env, async () => undefined);
  const interrupt = abortOnSignals();
  const ctx: BuildContext = {
    loaded,
    workspace: settings.workspace(),
    store: await openStore(settings),
    runtime,
    workDir,
    cacheDir,
    examples: settings.string('trtllm-examples') ?? '/app/tensorrt_llm/examples',
    quantizer: quantizerScript(),
    publish,
    allowUnsafe: settings.bool('allow-unsafe-store', false),
    token,
    env,
    signal: interrupt.signal,
    log: buildLog,
    origin: { ...origin, ...(channel === 'candidate' && pullRequest !== undefined ? { pullRequest } : {}) },
    channel,
  };
  const root = path.join(workDir, 'artifacts');
  const outcomes: BuildOutcome[] = [];
  try {
    if (job.kind === 'checkpoint') {
      outcomes.push(await buildCheckpoint(ctx, job.checkpoint, path.join(root, ...job.checkpoint.id.split('/'))));
    } else {
      for (const { cell, checkpoint } of job.cells) outcomes.push(await buildEngineCell(ctx, cell, checkpoint, path.join(root, ...cell.id.split('/'))));
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`build interrupted by ${signal}: the running step was stopped, uploads in flight were aborted, nothing was published`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  for (const o of outcomes) log.info(`${o.id}: ${outcomeText(o)}`);
  const artifactDir = outcomes.length === 1 ? outcomes[0]!.dir : root;
  return {
    outputs: {
      uri: outcomes.map((o) => o.uri ?? '').join('\n'),
      manifest: outcomes.map((o) => o.published?.uri ?? '').join('\n'),
      'artifact-dir': artifactDir,
      ...(publish ? { channel: channel === 'candidate' ? 'pull-request' : 'default-branch' } : {}),
    },
    summary: renderBuildSummary(outcomes),
    text: outcomes.map((o) => `${o.id}: ${o.published ? (o.uri ?? '') : o.dir} (${o.steps.map((s) => `${s.name} ${(s.durationMs / 1000).toFixed(1)} s`).join(', ')}; own overhead ${(o.overheadMs / 1000).toFixed(2)} s)`).join('\n'),
    json: outcomes,
  };
}

/** Self-hosted runners keep RUNNER_TOOL_CACHE between jobs; elsewhere the user's cache. */
function defaultCacheDir(env: NodeJS.ProcessEnv): string {
  if (env.RUNNER_TOOL_CACHE) return path.join(env.RUNNER_TOOL_CACHE, 'engine-forge');
  return path.join(env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'engine-forge');
}

/** engine-forge's ModelOpt script, shipped beside the bundle (python/ at the package root). */
function quantizerScript(): string | undefined {
  for (let dir = import.meta.dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'python', 'engine_forge_quantize.py');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * The `cell` input: an entry of plan's `engines` (`{"cells": [...]}`) or `checkpoints`
 * (`{"checkpoint": "<id>"}`) output, or a bare id of either.
 */
function jobOf(settings: Settings, loaded: LoadedMatrix): Job {
  const raw = settings.string('cell');
  if (raw === undefined) throw new UserError("input 'cell' is required (one entry of plan's 'engines' or 'checkpoints' output)");
  const value = cellEntryValue(settings, raw);
  const entry = typeof value === 'object' && value !== null ? (value as { cells?: unknown; checkpoint?: unknown; fingerprint?: unknown }) : undefined;
  const { engines, checkpoints } = deriveCells(loaded.matrix);
  const checkpointId = typeof value === 'string' && value.split('/').length === 2 ? value : typeof entry?.checkpoint === 'string' ? entry.checkpoint : undefined;
  if (checkpointId !== undefined) {
    const checkpoint = checkpoints.find((c) => c.id === checkpointId);
    if (!checkpoint) throw new UserError(`checkpoint ${quote(checkpointId)} is not in ${quote(loaded.file)}; was the matrix changed since the plan ran?`);
    if (checkpoint.unsupported) throw new UserError(`checkpoint ${quote(checkpointId)} cannot be built: ${checkpoint.unsupported}`);
    if (typeof entry?.fingerprint === 'string' && entry.fingerprint !== checkpoint.fingerprint) {
      throw new UserError(`checkpoint ${quote(checkpointId)}: the plan made it for fingerprint ${entry.fingerprint.slice(0, 12)}, but ${quote(loaded.file)} now gives ${checkpoint.fingerprint.slice(0, 12)}; was the matrix changed since the plan ran?`);
    }
    return { kind: 'checkpoint', checkpoint };
  }
  const ids = typeof value === 'string' ? [value] : entry?.cells;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw new UserError(`input 'cell' must be an entry of plan's 'engines' output (a non-empty 'cells' list) or 'checkpoints' output (a 'checkpoint' id) (got ${quote(raw)})`);
  }
  const cells = engineCellsById(loaded, ids, {}, engines).map((cell) => ({ cell, checkpoint: checkpoints.find((c) => c.id === cell.checkpoint) }));
  return { kind: 'engines', cells };
}

/** The job summary: per artifact, where it went and how long each step took. Pure. */
export function renderBuildSummary(outcomes: readonly BuildOutcome[]): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  const lines = ['### engine-forge build', ''];
  if (outcomes.some((o) => o.published?.channel === 'candidate')) {
    lines.push("Stored as **pull-request candidates**: no deploy resolves them; the default branch's plan promotes them, without rebuilding, once this change merges.", '');
  }
  lines.push('| artifact | result | steps |', '|---|---|---|');
  for (const o of outcomes) {
    lines.push(`| \`${o.id}\` | ${outcomeText(o, '`')} | ${o.steps.map((s) => `${s.name} ${seconds(s.durationMs)}`).join('<br>')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** What became of one artifact: published, stored as a candidate, already there, or left in work-dir. */
function outcomeText(o: BuildOutcome, code = ''): string {
  const p = o.published;
  if (!p) return `left in ${code}${o.dir}${code} (publish: false, nothing stored)`;
  const candidate = p.channel === 'candidate';
  const uri = `${code}${o.uri ?? ''}${code}`;
  if (p.created) return `${candidate ? 'stored as a pull-request candidate' : 'published'} → ${uri}`;
  const where = candidate ? 'already stored as a pull-request candidate' : 'already published';
  return `${p.reason === 'lost-race' ? `${where} by another run` : where} → ${uri}`;
}
