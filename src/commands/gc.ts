import { deriveEngineImages } from '../core/engine-images.js';
import { deriveCells } from '../core/cells.js';
import type { ArtifactKind } from '../core/manifest.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { UserError, quote } from '../errors.js';
import type { InputName, Settings } from '../inputs.js';
import { loadMatrixFile } from '../matrix-file.js';
import { collectGarbage, MIN_SWEEP_AGE_HOURS, type MatrixTarget } from '../store/gc.js';
import { openStore } from '../store/open.js';
import type { CommandContext, CommandResult } from './context.js';

/**
 * `gc`: per cell, keep the newest `keep` versions and whatever the matrix still resolves to;
 * expire pull-request candidates; abort uploads and delete unreferenced data older than
 * `abort-uploads-older-than`. A dry run (the default) only reports, and is the only mode that
 * runs without `matrix`: deleting without knowing what the matrix uses is how in-use artifacts went.
 */
export async function gcCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const keepVersions = settings.int('keep', 3, { min: 1 });
  const dryRun = settings.bool('dry-run', true);
  const olderThanHours = hours(settings, 'abort-uploads-older-than', '24');
  const candidatesOlderThanHours = hours(settings, 'expire-candidates-after', '14d');
  const matrixPath = settings.string('matrix');
  if (matrixPath === undefined && !dryRun) {
    throw new UserError(
      `${settings.label('matrix')} is required when ${settings.label('dry-run')} is false: gc deletes only what the matrix no longer resolves to, ` +
        'so it must read the matrix first (a dry run without it only reports)',
    );
  }
  const matrix = matrixPath === undefined ? undefined : await matrixTargets(settings, matrixPath);
  if (matrix === undefined) log.warning("gc: no 'matrix' given; this dry run keeps only the newest versions per cell and cannot see what the matrix still resolves to");
  const store = await openStore(settings);
  const report = await collectGarbage(store, { keepVersions, matrix, olderThanHours, candidatesOlderThanHours, dryRun, log: (line) => log.info(line) });
  const verb = dryRun ? 'would delete' : 'deleted';
  const text = [
    `${verb} ${report.removed.length} artifacts, kept ${report.kept}`,
    `${dryRun ? 'would expire' : 'expired'} ${report.expiredCandidates.length} pull-request candidates, kept ${report.liveCandidates}`,
    `${dryRun ? 'would abort' : 'aborted'} ${report.aborted.length} incomplete uploads older than ${olderThanHours} h`,
    `${verb} ${report.orphans.length} unreferenced data prefixes`,
    ...(dryRun ? [`dry run: nothing was changed; set ${settings.assignment('dry-run', 'false')}${matrix === undefined ? ` (with ${settings.label('matrix')})` : ''} to delete`] : []),
  ].join('\n');
  return {
    outputs: {
      deleted: String(report.removed.length),
      expired: String(report.expiredCandidates.length),
      aborted: String(report.aborted.length),
      orphans: String(report.orphans.length),
      'dry-run': String(dryRun),
    },
    text,
    json: report,
  };
}

/** Every target of the matrix, each with its kind: engine cells, checkpoints, vLLM images and the engine cells' TensorRT-LLM images. */
async function matrixTargets(settings: Settings, file: string): Promise<MatrixTarget[]> {
  const loaded = await loadMatrixFile(file, { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const { engines, images, checkpoints } = deriveCells(loaded.matrix);
  const target = (kind: ArtifactKind) => (t: { id: string; version: string; fingerprint: string }): MatrixTarget => ({ kind, id: t.id, version: t.version, fingerprint: t.fingerprint });
  return [
    ...engines.map(target('engine')),
    ...checkpoints.map(target('checkpoint')),
    ...images.map(target('image')),
    // An engine cell's TensorRT-LLM image is an image under the cell's own id.
    ...deriveEngineImages(loaded.matrix, engines).map(target('image')),
  ];
}

/** An age in hours, as `24`, `24h` or `14d`; never below the safe minimum. */
function hours(settings: Settings, name: InputName, fallback: string): number {
  const raw = settings.string(name) ?? fallback;
  const match = /^(\d+)\s*([hd]?)$/.exec(raw.trim());
  if (!match) throw new UserError(`${settings.label(name)} must be a number of hours such as 24 or 24h, or days such as 14d (got ${quote(raw)})`);
  const value = Number(match[1]) * (match[2] === 'd' ? 24 : 1);
  if (value < MIN_SWEEP_AGE_HOURS) {
    throw new UserError(
      `${settings.label(name)} must be at least ${MIN_SWEEP_AGE_HOURS}h (got ${quote(raw)}): anything younger may belong to a publish still ` +
        `uploading (a multi-GB engine on a slow link, within an AWS session of up to 12 hours), and sweeping it would fail that publish ` +
        'or leave its manifest pointing at deleted files',
    );
  }
  return value;
}
