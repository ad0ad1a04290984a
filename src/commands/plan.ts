import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveCells } from '../core/cells.js';
import type { Recorded } from '../core/fingerprint.js';
import { checkOutputSize, checkpointJobs, engineJobs, imageJobs, MAX_MATRIX_JOBS, matrixOutput, type EngineJob } from '../core/outputs.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { artifactsToExplain, planAgainst, type Plan } from '../core/plan.js';
import { renderSummary } from '../core/summary.js';
import { renderTable } from '../core/table.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { openStore } from '../store/open.js';
import type { Store } from '../store/store.js';
import { mapLimit, type CommandContext, type CommandResult } from './context.js';
import { benchmarkSection, guardJobs, prepareGitHub, reportToGitHub } from '../github/plan-report.js';

export interface PlanRun {
  loaded: LoadedMatrix;
  plan: Plan;
  store: Store;
}

/** Matrix + store → plan: one listing per kind (engines, images, checkpoints), plus the manifests that explain rebuilds. */
export async function computePlan(settings: Settings, log?: CommandContext['log']): Promise<PlanRun> {
  const matrixPath = settings.required('matrix');
  const loaded = await loadMatrixFile(matrixPath, { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const cells = deriveCells(loaded.matrix);
  const store = await openStore(settings);
  const [engines, images, checkpoints] = await Promise.all([store.list('engine'), store.list('image'), store.list('checkpoint')]);
  const existing = [...engines, ...images, ...checkpoints];
  const explain = [
    ...artifactsToExplain(cells.engines, engines),
    ...artifactsToExplain(cells.images, images),
    ...artifactsToExplain(cells.checkpoints, checkpoints),
  ];
  const unique = [...new Map(explain.map((e) => [e.key, e])).values()];
  const previous = new Map<string, Recorded>();
  await mapLimit(unique, 16, async (artifact) => {
    try {
      const manifest = await store.readManifest(artifact);
      previous.set(artifact.key, { inputs: manifest.inputs, digests: manifest.digests });
    } catch (error) {
      log?.warning(`cannot read ${artifact.key} to explain a rebuild: ${(error as Error).message}`);
    }
  });
  return { loaded, plan: planAgainst(cells, existing, previous), store };
}

/** The plan as JSON: every cell, image and checkpoint with id, status, reason and fingerprint. */
export function planJson(run: PlanRun): object {
  return {
    schema: 'engine-forge/plan@1',
    matrix: run.loaded.file,
    store: run.store.location,
    counts: run.plan.counts,
    cells: run.plan.engines.map((e) => ({
      id: e.id,
      status: e.status,
      reason: e.reason,
      fingerprint: e.fingerprint,
      model: e.cell.model,
      version: e.cell.version,
      gpu: e.cell.gpu,
      precision: e.cell.precision,
      tp: e.cell.tp,
      batch: `${e.cell.batch.min}-${e.cell.batch.max}`,
      'runs-on': e.cell.runsOn,
      ...(e.cell.checkpoint ? { checkpoint: e.cell.checkpoint } : {}),
      ...(e.changes ? { changes: e.changes } : {}),
      ...(e.artifact ? { artifact: e.artifact } : {}),
    })),
    images: run.plan.images.map((i) => ({
      id: i.id,
      status: i.status,
      reason: i.reason,
      fingerprint: i.fingerprint,
      model: i.image.model,
      version: i.image.version,
      precision: i.image.precision,
      vendor: i.image.vendor,
      'base-image': i.image.baseImage,
      cells: i.image.cells,
      ...(i.image.checkpoint ? { checkpoint: i.image.checkpoint.id } : {}),
      ...(i.changes ? { changes: i.changes } : {}),
      ...(i.artifact ? { artifact: i.artifact } : {}),
    })),
    checkpoints: run.plan.checkpoints.map((k) => ({
      id: k.id,
      status: k.status,
      reason: k.reason,
      fingerprint: k.fingerprint,
      model: k.checkpoint.model,
      version: k.checkpoint.version,
      precision: k.checkpoint.precision,
      calibration: k.checkpoint.calibration,
      gpu: k.checkpoint.gpu,
      'gpu-count': k.checkpoint.gpuCount,
      'runs-on': k.checkpoint.runsOn,
      cells: k.checkpoint.cells,
      ...(k.changes ? { changes: k.changes } : {}),
      ...(k.artifact ? { artifact: k.artifact } : {}),
    })),
  };
}

export async function planCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const run = await computePlan(settings, log);
  // Event, base/head comparison and fork guard: a fork's pull request gets no jobs at all.
  const github = await prepareGitHub(settings, run.loaded, log);
  const jobs: EngineJob[] = guardJobs(github, engineJobs(run.plan, settings.int('max-jobs', MAX_MATRIX_JOBS, { min: 1, max: MAX_MATRIX_JOBS })));
  const json = planJson(run);
  const planFile = path.resolve(settings.string('plan-file') ?? path.join(settings.env.RUNNER_TEMP || os.tmpdir(), 'engine-forge', 'plan.json'));
  await mkdir(path.dirname(planFile), { recursive: true });
  await writeFile(planFile, `${JSON.stringify(json)}\n`);
  const images = guardJobs(github, imageJobs(run.plan));
  const checkpoints = guardJobs(github, checkpointJobs(run.plan));
  const outputs = {
    engines: matrixOutput(jobs),
    images: matrixOutput(images),
    checkpoints: matrixOutput(checkpoints),
    plan: planFile,
    'build-count': String(github.guard.allowed ? run.plan.counts.build : 0),
    'skip-count': String(run.plan.counts.skip),
    'image-count': String(images.length),
    'checkpoint-count': String(checkpoints.length),
  };
  checkOutputSize(outputs);
  const benchmarks = await benchmarkSection(run.store, run.plan, log);
  await reportToGitHub(github, run.plan, log, benchmarks);
  return {
    outputs,
    // Only the action shows a job summary; a terminal gets the table.
    ...(settings.source.kind === 'action' ? { summary: renderSummary(run.plan, { matrix: run.loaded.file, store: run.store.location, notices: github.notices }) + (benchmarks ? `\n${benchmarks}` : '') } : {}),
    text: renderTable(run.plan),
    json,
    ...(github.failure ? { failure: github.failure } : {}),
  };
}
