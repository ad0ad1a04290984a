import { quote, UserError } from '../errors.js';
import type { Plan } from './plan.js';

/** GitHub's ceiling on jobs from one matrix; more cells are packed several to a job. */
export const MAX_MATRIX_JOBS = 256;
/** GitHub's ceiling on one job's outputs, all together. */
export const MAX_OUTPUT_BYTES = 1_000_000;

/** One entry of the `engines` output: a job on runners with these labels building these cells. */
export interface EngineJob {
  name: string;
  'runs-on': string[];
  cells: string[];
}

/** One entry of the `images` output. */
export interface ImageJob {
  name: string;
  id: string;
  model: string;
  version: string;
  precision: string;
  vendor: string;
  fingerprint: string;
  'runs-on': string[];
}

/**
 * One entry of the `checkpoints` output: a job on a runner of the calibration GPU family making
 * one checkpoint. `build` takes the entry as its `cell` input and recomputes everything else.
 */
export interface CheckpointJob {
  name: string;
  'runs-on': string[];
  checkpoint: string;
  model: string;
  version: string;
  precision: string;
  gpu: string;
  fingerprint: string;
}

/** Checkpoints to build → matrix jobs, one each: a checkpoint is one calibration, never shared with another's job. */
export function checkpointJobs(plan: Plan, maxJobs = MAX_MATRIX_JOBS): CheckpointJob[] {
  const building = plan.checkpoints.filter((k) => k.status === 'build');
  if (building.length > maxJobs) {
    throw new UserError(`the plan needs ${building.length} checkpoints, more than the ${maxJobs} jobs one matrix may have; split the matrix file`);
  }
  return building
    .map(({ checkpoint: k }) => ({
      name: `checkpoint ${k.model} ${k.version} ${k.precision} on ${k.gpu}`,
      'runs-on': k.runsOn,
      checkpoint: k.id,
      model: k.model,
      version: k.version,
      precision: k.precision,
      gpu: k.gpu,
      fingerprint: k.fingerprint,
    }));
}

/**
 * Cells to build → matrix jobs. One cell per job while they fit in `maxJobs`; otherwise cells of
 * the same runner labels share jobs, as evenly as possible, never mixing labels (a job runs on
 * exactly one runner).
 */
export function engineJobs(plan: Plan, maxJobs = MAX_MATRIX_JOBS): EngineJob[] {
  const groups = new Map<string, { labels: string[]; cells: string[]; gpu: string }>();
  for (const e of plan.engines) {
    if (e.status !== 'build') continue;
    const key = JSON.stringify(e.cell.runsOn);
    const group = groups.get(key) ?? { labels: e.cell.runsOn, cells: [], gpu: e.cell.gpu };
    group.cells.push(e.id);
    groups.set(key, group);
  }
  const total = [...groups.values()].reduce((n, g) => n + g.cells.length, 0);
  if (total <= maxJobs) {
    return plan.engines
      .filter((e) => e.status === 'build')
      .map((e) => ({ name: `${e.cell.model} ${e.cell.version} ${e.cell.gpu} ${e.cell.precision} tp${e.cell.tp} b${e.cell.batch.min}-${e.cell.batch.max}`, 'runs-on': e.cell.runsOn, cells: [e.id] }));
  }
  if (groups.size > maxJobs) {
    throw new UserError(`the plan needs ${groups.size} distinct runner label sets, more than the ${maxJobs} jobs one matrix may have`);
  }
  // Smallest cells-per-job that keeps the job count within the limit.
  let perJob = Math.ceil(total / maxJobs);
  const jobsFor = (n: number) => [...groups.values()].reduce((jobs, g) => jobs + Math.ceil(g.cells.length / n), 0);
  while (jobsFor(perJob) > maxJobs) perJob++;
  const jobs: EngineJob[] = [];
  for (const group of groups.values()) {
    const count = Math.ceil(group.cells.length / perJob);
    const size = Math.ceil(group.cells.length / count); // spread evenly rather than a short last job
    for (let i = 0; i < count; i++) {
      const cells = group.cells.slice(i * size, (i + 1) * size);
      if (cells.length > 0) jobs.push({ name: `${group.gpu} ${i + 1}/${count} (${cells.length} cells)`, 'runs-on': group.labels, cells });
    }
  }
  return jobs;
}

export function imageJobs(plan: Plan): ImageJob[] {
  return plan.images
    .filter((i) => i.status === 'build')
    .map(({ image }) => ({
      name: `${image.model} ${image.version} ${image.precision} ${image.vendor}`,
      id: image.id,
      model: image.model,
      version: image.version,
      precision: image.precision,
      vendor: image.vendor,
      fingerprint: image.fingerprint,
      'runs-on': image.runsOn,
    }));
}

/** One entry of the `engine-images` output: the TensorRT-LLM serving image of one engine cell. */
export interface EngineImageJob {
  name: string;
  id: string;
  model: string;
  version: string;
  gpu: string;
  precision: string;
  tp: number;
  fingerprint: string;
  'runs-on': string[];
}

/** Engine images to build → matrix jobs, one each (the `image` command takes one entry). */
export function engineImageJobs(plan: Plan, maxJobs = MAX_MATRIX_JOBS): EngineImageJob[] {
  const building = plan.engineImages.filter((i) => i.status === 'build');
  if (building.length > maxJobs) {
    throw new UserError(`the plan needs ${building.length} engine images, more than the ${maxJobs} jobs one matrix may have; split the matrix file`);
  }
  return building.map(({ image }) => ({
    name: `${image.model} ${image.version} ${image.precision} ${image.gpu} tp${image.tp} image`,
    id: image.id,
    model: image.model,
    version: image.version,
    gpu: image.gpu,
    precision: image.precision,
    tp: image.tp,
    fingerprint: image.fingerprint,
    'runs-on': image.runsOn,
  }));
}

/** The `{"include":[…]}` shape `strategy.matrix: ${{ fromJSON(…) }}` takes. */
export function matrixOutput(entries: readonly object[]): string {
  return JSON.stringify({ include: entries });
}

/** Refuses outputs GitHub would truncate: a silently cut fan-out would drop builds. */
export function checkOutputSize(outputs: Record<string, string>): void {
  const bytes = Object.entries(outputs).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > MAX_OUTPUT_BYTES) {
    throw new UserError(`the plan's outputs take ${bytes} bytes, more than GitHub's ${MAX_OUTPUT_BYTES}-byte limit per job; split the matrix file (outputs: ${quote(Object.keys(outputs).join(', '))})`);
  }
}
