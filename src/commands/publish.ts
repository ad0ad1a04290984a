import path from 'node:path';
import { gpuFacts, type EngineCell } from '../core/cells.js';
import { GPU_CATALOGUE, runnerGpuProblem } from '../core/gpus.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { UserError, quote } from '../errors.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { manifestDataPrefix } from '../store/layout.js';
import { openStore } from '../store/open.js';
import { cellTarget, describeWinner, publishArtifact, type PublishResult } from '../store/publish-artifact.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import { cellEntryValue, engineCellsById } from './cell-entry.js';
import type { CommandContext, CommandResult } from './context.js';
import { channelOf } from './channel.js';
import { collectProvenance } from './provenance.js';

/**
 * `publish`: store the directory the user's own build step produced for a cell. An entry of the
 * `engines` output may carry several cells; then `artifact-dir` holds one subdirectory per cell
 * id (`<artifact-dir>/llama-3.1-8b/h100/fp8/tp1/b1-64`), the layout `build` writes too.
 */
export async function publishCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const loaded = await loadMatrixFile(settings.required('matrix'), { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const cells = cellsOfEntry(settings, loaded);
  const root = path.resolve(settings.workspace(), settings.required('artifact-dir'));
  const store = await openStore(settings);
  const { channel, pullRequest, why } = await channelOf(settings);
  const provenance = { ...(await collectProvenance(settings.env)), ...(channel === 'candidate' && pullRequest !== undefined ? { pullRequest } : {}) };
  refuseForeignGpu(cells, provenance.gpu, loaded);
  if (channel === 'candidate') log.info(`publishing as pull-request candidates (${why}): resolve never returns them; the default branch's plan promotes them once merged`);
  const interrupt = abortOnSignals();
  const results: PublishResult[] = [];
  try {
    for (const cell of cells) {
      const dir = cells.length === 1 ? root : path.join(root, ...cell.id.split('/'));
      const target = cellTarget('engine', cell, { trtllm: loaded.matrix.toolchains.trtllm }, provenance);
      // The outcome ("<id>@<version> is already published …") is the result text's to say, once.
      const outcome = `${cell.id}@${cell.version} `;
      const result = await publishArtifact(store, target, dir, {
        signal: interrupt.signal,
        allowUnsafe: settings.bool('allow-unsafe-store', false),
        channel,
        log: (line) => (line.startsWith('warning: ') ? log.warning(line.slice(9)) : line.startsWith(outcome) ? undefined : log.info(line)),
      });
      results.push(result);
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`publish interrupted by ${signal}: uploads in flight were aborted and this attempt's files deleted`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  const manifests = results.map((r) => (r.created ? r.manifest : r.existing));
  return {
    outputs: {
      // One line per cell, in the entry's order (usually one).
      uri: manifests.map((m) => store.uri(manifestDataPrefix(m, m.data))).join('\n'),
      manifest: results.map((r) => r.uri).join('\n'),
      published: String(results.filter((r) => r.created).length),
      channel: channel === 'candidate' ? 'pull-request' : 'default-branch',
    },
    text: results.map(resultLine).join('\n'),
    json: results,
  };
}

function resultLine(r: PublishResult): string {
  const candidate = r.channel === 'candidate';
  if (r.created) return `${candidate ? 'stored the pull-request candidate' : 'published'} ${r.manifest.id}@${r.manifest.version} (${r.manifest.files.length} files) → ${r.uri}`;
  const what =
    r.reason === 'lost-race'
      ? `was ${candidate ? 'stored as a pull-request candidate' : 'published'} by another run first`
      : candidate
        ? 'is already stored as a pull-request candidate'
        : 'is already published';
  return `${r.existing.id}@${r.existing.version} ${what} (${describeWinner(r.existing)}); nothing uploaded → ${r.uri}`;
}

/** Refuses artifacts for another GPU family than the one this runner has (when nvidia-smi says). */
function refuseForeignGpu(cells: readonly EngineCell[], gpu: string | undefined, loaded: LoadedMatrix): void {
  if (gpu === undefined) return; // a CPU runner publishing what a GPU job built
  const name = gpu.replace(/^\d+ × /, '');
  const families = Object.fromEntries(Object.keys(loaded.matrix.gpus).map((family) => [family, gpuFacts(loaded.matrix, family)]));
  for (const cell of cells) {
    const problem = runnerGpuProblem(cell.gpu, name, { ...GPU_CATALOGUE, ...families });
    if (problem) throw new UserError(`cell ${quote(cell.id)}: ${problem}`);
  }
}

/** The `cell` input: an entry of `engines` (`{"cells": [...]}`), or a bare cell id. */
function cellsOfEntry(settings: Settings, loaded: LoadedMatrix): EngineCell[] {
  const raw = settings.string('cell');
  const entries = settings.source.kind === 'cli' ? "jobs.engines of 'plan --json'" : "plan's 'engines' output";
  if (raw === undefined) throw new UserError(`${settings.label('cell')} is required (one entry of ${entries}, or a cell id)`);
  const value = cellEntryValue(settings, raw);
  const ids = typeof value === 'string' ? [value] : (value as { cells?: unknown }).cells;
  if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string')) {
    throw new UserError(`${settings.label('cell')} must be an entry of ${entries} with a non-empty 'cells' list (got ${quote(raw)})`);
  }
  return engineCellsById(loaded, ids);
}
