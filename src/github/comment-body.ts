import { codeSpan, inertMarkdown } from '../core/markdown.js';
import { changeLines, type MatrixChanges } from './changes.js';
import type { ForkGuardDecision } from './fork-guard.js';

export type CellStatus = 'build' | 'skip' | 'unsupported' | 'waiting';

/** What the comment shows; the plan command maps its result onto this. */
export interface CommentPlan {
  matrixPath: string;
  engines: ReadonlyArray<{ id: string; status: CellStatus; reason: string; runsOn: readonly string[] }>;
  images: ReadonlyArray<{ id: string; status: CellStatus; reason: string; runsOn: readonly string[] }>;
  /** Quantized checkpoints (one per model × precision); absent or empty when the matrix has none. */
  checkpoints?: ReadonlyArray<{ id: string; status: CellStatus; reason: string; runsOn: readonly string[] }>;
  /** The comparison with the base, or why there is none. */
  changes: { base: string; result: MatrixChanges } | { note: string };
  guard: ForkGuardDecision;
  headSha?: string;
  runUrl?: string;
}

/** GitHub refuses comment bodies over 65,536 characters; leave room for the marker and a margin. */
export const MAX_COMMENT_LENGTH = 65_000;

/** The hidden line that finds our comment again; one per matrix file, so two plans never fight. */
export function commentMarker(matrixPath: string): string {
  // '--' cannot appear inside an HTML comment; the path only has to be stable, not readable.
  return `<!-- engine-forge:plan:${matrixPath.replace(/--/g, '-%2D').replace(/>/g, '%3E')} -->`;
}

/** Pure: the comment body. Long lists are cut until the body fits GitHub's limit. */
export function renderComment(plan: CommentPlan): string {
  for (let rows = 200; ; rows = Math.floor(rows / 2)) {
    const body = render(plan, rows);
    if (body.length <= MAX_COMMENT_LENGTH || rows === 0) return body.slice(0, MAX_COMMENT_LENGTH);
  }
}

function render(plan: CommentPlan, rows: number): string {
  const engines = group(plan.engines);
  const images = group(plan.images);
  const checkpoints = group(plan.checkpoints ?? []);
  const withheld = !plan.guard.allowed;
  const out: string[] = [commentMarker(plan.matrixPath), `### engine-forge plan · ${code(plan.matrixPath)}`, ''];

  const verb = withheld ? 'would build (withheld)' : 'to build';
  out.push(
    `**${engines.build.length} engine${s(engines.build.length)} ${verb}**, ${engines.skip.length} up to date, ` +
      `${engines.unsupported.length} unsupported · **${images.build.length} image${s(images.build.length)} ${verb}**, ` +
      `${images.skip.length} up to date, ${images.unsupported.length} unsupported` +
      (images.waiting.length > 0 ? `, ${images.waiting.length} waiting for a checkpoint` : '') +
      ((plan.checkpoints ?? []).length > 0
        ? ` · **${checkpoints.build.length} checkpoint${s(checkpoints.build.length)} ${verb}**, ${checkpoints.skip.length} up to date, ${checkpoints.unsupported.length} unsupported`
        : ''),
    '',
  );
  if (plan.guard.message) out.push(`> [!${withheld ? 'WARNING' : 'CAUTION'}]`, `> ${inert(plan.guard.message)}`, '');

  if ('result' in plan.changes && plan.changes.result.errors.length > 0) {
    out.push('> [!CAUTION]', '> Version rules broken; the plan fails until they are fixed:');
    for (const error of plan.changes.result.errors) out.push(`> - ${inert(error)}`);
    out.push('');
  }

  out.push(...renderChanges(plan.changes), '');

  out.push(...table(`Engines ${verb}`, ['Cell', 'Runs on', 'Why'], engines.build.map((c) => [idCell(c.id), labels(c.runsOn), inert(c.reason)]), rows));
  out.push(...table(`Images ${verb}`, ['Image', 'Runs on', 'Why'], images.build.map((c) => [idCell(c.id), labels(c.runsOn), inert(c.reason)]), rows));
  out.push(...table(`Checkpoints ${verb}`, ['Checkpoint', 'Calibrates on', 'Why'], checkpoints.build.map((c) => [idCell(c.id), labels(c.runsOn), inert(c.reason)]), rows));
  out.push(...table('Images waiting for their checkpoint', ['Image', 'Why'], images.waiting.map((c) => [idCell(c.id), inert(c.reason)]), rows));
  const unsupported = [...engines.unsupported, ...images.unsupported, ...checkpoints.unsupported];
  if (unsupported.length > 0) {
    out.push(
      `<details><summary>${unsupported.length} unsupported (never sent to a runner)</summary>`,
      '',
      ...table(undefined, ['Cell', 'Reason'], unsupported.map((c) => [idCell(c.id), inert(c.reason)]), rows),
      '</details>',
      '',
    );
  }

  const footer = [plan.headSha ? `for ${plan.headSha.slice(0, 7)}` : '', plan.runUrl ? `[workflow run](${plan.runUrl})` : '']
    .filter(Boolean)
    .join(' · ');
  if (footer) out.push(`<sub>Updated ${footer}</sub>`);
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

function renderChanges(changes: CommentPlan['changes']): string[] {
  if ('note' in changes) return [`**Changes:** ${inert(changes.note)}`];
  const lines = changeLines(changes.result);
  if (lines.length === 0) return [`**Changes since ${code(changes.base)}:** none in the matrix`];
  return [`**Changes since ${code(changes.base)}:**`, ...lines.map((line) => `- ${inert(line)}`)];
}

function table(title: string | undefined, head: string[], body: string[][], rows: number): string[] {
  if (body.length === 0) return [];
  const out = title ? [`#### ${title}`, ''] : [];
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`);
  for (const row of body.slice(0, rows)) out.push(`| ${row.join(' | ')} |`);
  if (body.length > rows) out.push('', `…and ${body.length - rows} more: the job summary and the \`plan\` output list every one.`);
  out.push('');
  return out;
}

function group<T extends { status: CellStatus }>(items: readonly T[]): Record<CellStatus, T[]> {
  const groups: Record<CellStatus, T[]> = { build: [], skip: [], unsupported: [], waiting: [] };
  for (const item of items) groups[item.status].push(item);
  return groups;
}

/** Text from the matrix or the plan, made inert: no HTML (so no forged marker), mentions, links or table breaks. */
export const inert = inertMarkdown;

const code = codeSpan;

function idCell(id: string): string {
  return code(id);
}

function labels(runsOn: readonly string[]): string {
  return runsOn.length > 0 ? runsOn.map(inert).join(', ') : '—';
}

function s(count: number): string {
  return count === 1 ? '' : 's';
}
