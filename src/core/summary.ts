import { codeSpan, inertMarkdown } from './markdown.js';
import type { Plan, PlannedCheckpoint, PlannedEngine, PlannedEngineImage, PlannedImage } from './plan.js';

/** GitHub shows at most 1 MiB of one step's summary. */
export const MAX_SUMMARY_BYTES = 1024 * 1024;

export interface SummaryContext {
  matrix: string;
  store: string;
  /** Extra notices (fork guard, base comparison) shown above the tables. */
  notices?: readonly string[];
}

/** The job summary as Markdown: counts, what builds and why, what can't run and why, what's skipped. */
export function renderSummary(plan: Plan, context: SummaryContext, limit = MAX_SUMMARY_BYTES): string {
  const c = plan.counts;
  const parts: string[] = [
    `## engine-forge plan: ${codeSpan(context.matrix)}`,
    '',
    `Store: ${codeSpan(context.store)}`,
    '',
    ...(context.notices ?? []).map((n) => `> ${n}\n`),
    '| | build | skip | unsupported |',
    '|---|---:|---:|---:|',
    `| TensorRT-LLM cells | ${c.build} | ${c.skip} | ${c.unsupported} |`,
    `| vLLM images | ${c.imageBuild} | ${c.imageSkip} | ${c.imageUnsupported} |`,
    ...(plan.checkpoints.length > 0 ? [`| Quantized checkpoints | ${c.checkpointBuild} | ${c.checkpointSkip} | ${c.checkpointUnsupported} |`] : []),
    ...(plan.engineImages.length > 0 ? [`| TensorRT-LLM images | ${c.engineImageBuild} | ${c.engineImageSkip} | ${c.engineImageUnsupported} |`] : []),
    '',
    ...(c.engineImageWaiting > 0 ? [`${c.engineImageWaiting} TensorRT-LLM image${c.engineImageWaiting === 1 ? ' waits' : 's wait'} for an engine that is not stored yet; the plan after it is stored builds ${c.engineImageWaiting === 1 ? 'it' : 'them'}.`, ''] : []),
    ...(c.imageWaiting > 0 ? [`${c.imageWaiting} vLLM image${c.imageWaiting === 1 ? ' waits' : 's wait'} for a checkpoint that is not stored yet; the plan after it is stored builds ${c.imageWaiting === 1 ? 'it' : 'them'}.`, ''] : []),
  ];
  const sections = [
    table('Cells to build', ['cell', 'version', 'runs-on', 'why'], rows(plan.engines, 'build', (e) => [e.id, e.cell.version, e.cell.runsOn.join(', '), e.reason])),
    table('Checkpoints to build', ['checkpoint', 'calibrates on', 'runs-on', 'why'], rows(plan.checkpoints, 'build', (k) => [k.id, `${k.checkpoint.gpu} × ${k.checkpoint.gpuCount}`, k.checkpoint.runsOn.join(', '), k.reason])),
    table('Images to build', ['image', 'version', 'base', 'why'], rows(plan.images, 'build', (i) => [i.id, i.image.version, i.image.baseImage, i.reason])),
    table('Images waiting for their checkpoint', ['image', 'why'], rows(plan.images, 'waiting', (i) => [i.id, i.reason])),
    table('TensorRT-LLM images to build', ['cell', 'version', 'base', 'why'], rows(plan.engineImages, 'build', (i) => [i.id, i.image.version, i.image.baseImage, i.reason])),
    table('Unsupported', ['cell', 'why'], [
      ...rows(plan.engines, 'unsupported', (e) => [e.id, e.reason]),
      ...rows(plan.images, 'unsupported', (i) => [`image ${i.id}`, i.reason]),
      ...rows(plan.checkpoints, 'unsupported', (k) => [`checkpoint ${k.id}`, k.reason]),
      // An image whose engine is unsupported says nothing the engine's row does not.
      ...rows(plan.engineImages, 'unsupported', (i) => [`TensorRT-LLM image ${i.id}`, i.reason]).filter(([, why]) => !why!.startsWith('its engine cannot be built')),
    ]),
    details('Up to date', ['cell', 'why'], [
      ...rows(plan.engines, 'skip', (e) => [e.id, e.reason]),
      ...rows(plan.images, 'skip', (i) => [`image ${i.id}`, i.reason]),
      ...rows(plan.checkpoints, 'skip', (k) => [`checkpoint ${k.id}`, k.reason]),
      ...rows(plan.engineImages, 'skip', (i) => [`TensorRT-LLM image ${i.id}`, i.reason]),
    ]),
  ];
  return truncate([...parts, ...sections.filter(Boolean)].join('\n'), limit);
}

function rows<T extends PlannedEngine | PlannedImage | PlannedCheckpoint | PlannedEngineImage>(list: readonly T[], status: string, row: (x: T) => string[]): string[][] {
  return list.filter((x) => x.status === status).map(row);
}

function table(title: string, header: string[], body: string[][]): string {
  if (body.length === 0) return '';
  return [`### ${title} (${body.length})`, '', `| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(inertMarkdown).join(' | ')} |`), ''].join('\n');
}

function details(title: string, header: string[], body: string[][]): string {
  if (body.length === 0) return '';
  return [`<details><summary>${title} (${body.length})</summary>`, '', table(title, header, body).split('\n').slice(2).join('\n'), '</details>', ''].join('\n');
}

/** Cuts at a line boundary below the byte limit and says so, instead of letting GitHub drop it. */
export function truncate(markdown: string, limit: number): string {
  if (Buffer.byteLength(markdown) <= limit) return markdown;
  const note = '\n\n> **Summary truncated**: it exceeded GitHub\'s 1 MiB step-summary limit. The full plan is in the `plan` output file.\n';
  const budget = limit - Buffer.byteLength(note);
  let cut = Buffer.from(markdown).subarray(0, budget).toString('utf8');
  cut = cut.slice(0, cut.lastIndexOf('\n'));
  return cut.replace(/\uFFFD$/, '') + note;
}
