import type { Plan } from './plan.js';

/** A terminal table of the plan: one row per cell and image, status first. */
export function renderTable(plan: Plan): string {
  const rows: string[][] = [['STATUS', 'KIND', 'ID', 'VERSION', 'FINGERPRINT', 'REASON']];
  for (const e of plan.engines) rows.push([e.status, 'engine', e.id, e.cell.version, e.fingerprint.slice(0, 12), e.reason]);
  for (const k of plan.checkpoints) rows.push([k.status, 'checkpoint', k.id, k.checkpoint.version, k.fingerprint.slice(0, 12), k.reason]);
  for (const i of plan.images) rows.push([i.status, 'image', i.id, i.image.version, i.fingerprint.slice(0, 12), i.reason]);
  const widths = rows[0]!.slice(0, -1).map((_, col) => Math.max(...rows.map((r) => r[col]!.length)));
  const lines = rows.map((r) => r.map((cell, col) => (col < widths.length ? cell.padEnd(widths[col]!) : cell)).join('  ').trimEnd());
  const c = plan.counts;
  lines.push('', `engines: ${c.build} to build, ${c.skip} up to date, ${c.unsupported} unsupported; images: ${c.imageBuild} to build, ${c.imageSkip} up to date, ${c.imageUnsupported} unsupported${c.imageWaiting > 0 ? `, ${c.imageWaiting} waiting for a checkpoint` : ''}` +
      (plan.checkpoints.length > 0 ? `; checkpoints: ${c.checkpointBuild} to build, ${c.checkpointSkip} up to date, ${c.checkpointUnsupported} unsupported` : ''));
  return lines.join('\n');
}
