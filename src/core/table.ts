import type { Plan } from './plan.js';

const HEADER = ['STATUS', 'KIND', 'ID', 'VERSION', 'FINGERPRINT', 'REASON'] as const;

/**
 * A terminal table of the plan: one row per cell and image, status first. Two passes over the
 * plan (widths, then lines) rather than a grid of cells: at 10,000 rows the grid was garbage.
 */
export function renderTable(plan: Plan): string {
  const rows = [
    ...plan.engines.map((e) => [e.status, 'engine', e.id, e.cell.version, e.fingerprint, e.reason] as const),
    ...plan.checkpoints.map((k) => [k.status, 'checkpoint', k.id, k.checkpoint.version, k.fingerprint, k.reason] as const),
    ...plan.images.map((i) => [i.status, 'image', i.id, i.image.version, i.fingerprint, i.reason] as const),
  ];
  const widths = [HEADER[0].length, HEADER[1].length, HEADER[2].length, HEADER[3].length, HEADER[4].length];
  for (const r of rows) {
    if (r[0].length > widths[0]!) widths[0] = r[0].length;
    if (r[1].length > widths[1]!) widths[1] = r[1].length;
    if (r[2].length > widths[2]!) widths[2] = r[2].length;
    if (r[3].length > widths[3]!) widths[3] = r[3].length;
  }
  if (rows.length > 0) widths[4] = Math.max(widths[4]!, 12);
  const line = (status: string, kind: string, id: string, version: string, fingerprint: string, reason: string): string =>
    `${status.padEnd(widths[0]!)}  ${kind.padEnd(widths[1]!)}  ${id.padEnd(widths[2]!)}  ${version.padEnd(widths[3]!)}  ${fingerprint.padEnd(widths[4]!)}  ${reason}`.trimEnd();
  const lines = [line(...HEADER)];
  for (const r of rows) lines.push(line(r[0], r[1], r[2], r[3], r[4].slice(0, 12), r[5]));
  const c = plan.counts;
  lines.push('', `engines: ${c.build} to build, ${c.skip} up to date, ${c.unsupported} unsupported; images: ${c.imageBuild} to build, ${c.imageSkip} up to date, ${c.imageUnsupported} unsupported${c.imageWaiting > 0 ? `, ${c.imageWaiting} waiting for a checkpoint` : ''}` +
      (plan.checkpoints.length > 0 ? `; checkpoints: ${c.checkpointBuild} to build, ${c.checkpointSkip} up to date, ${c.checkpointUnsupported} unsupported` : ''));
  return lines.join('\n');
}
