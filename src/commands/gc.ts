import { deriveEngineImages } from '../core/engine-images.js';
import { deriveCells } from '../core/cells.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { UserError, quote } from '../errors.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile } from '../matrix-file.js';
import { collectGarbage } from '../store/gc.js';
import { addressOf, manifestKey } from '../store/layout.js';
import { openStore } from '../store/open.js';
import type { CommandContext, CommandResult } from './context.js';

/**
 * `gc`: keep the newest `keep` versions per model and everything the current matrix still uses;
 * abort multipart uploads and delete unreferenced data older than `abort-uploads-older-than`.
 * A dry run (the default) only reports.
 */
export async function gcCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const keepVersions = settings.int('keep', 3, { min: 1 });
  const dryRun = settings.bool('dry-run', true);
  const olderThanHours = hours(settings);
  const protect = await protectedKeys(settings);
  const store = await openStore(settings);
  const report = await collectGarbage(store, { keepVersions, protect, olderThanHours, dryRun, log: (line) => log.info(line) });
  const verb = dryRun ? 'would delete' : 'deleted';
  const text = [
    `${verb} ${report.removed.length} artifacts, kept ${report.kept}`,
    `${dryRun ? 'would abort' : 'aborted'} ${report.aborted.length} incomplete uploads older than ${olderThanHours} h`,
    `${verb} ${report.orphans.length} unreferenced data prefixes`,
    ...(dryRun ? [`dry run: nothing was changed; set ${settings.assignment('dry-run', 'false')} to delete`] : []),
  ].join('\n');
  return {
    outputs: { deleted: String(report.removed.length), aborted: String(report.aborted.length), orphans: String(report.orphans.length), 'dry-run': String(dryRun) },
    text,
    json: report,
  };
}

async function protectedKeys(settings: Settings): Promise<Set<string>> {
  const matrix = settings.string('matrix');
  if (matrix === undefined) return new Set();
  const loaded = await loadMatrixFile(matrix, { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const { engines, images } = deriveCells(loaded.matrix);
  return new Set([
    ...engines.map((c) => manifestKey(addressOf({ kind: 'engine', ...c }))),
    ...images.map((i) => manifestKey(addressOf({ kind: 'image', ...i }))),
    // The engine cells' TensorRT-LLM images are images too (ids of five parts).
    ...deriveEngineImages(loaded.matrix, engines).map((i) => manifestKey(addressOf({ kind: 'image', ...i }))),
  ]);
}

/** `abort-uploads-older-than`: hours, as `24` or `24h`. */
function hours(settings: Settings): number {
  const raw = settings.string('abort-uploads-older-than') ?? '24';
  const match = /^(\d+)\s*h?$/.exec(raw.trim());
  if (!match) throw new UserError(`${settings.label('abort-uploads-older-than')} must be a number of hours such as 24 or 24h (got ${quote(raw)})`);
  return Number(match[1]);
}
