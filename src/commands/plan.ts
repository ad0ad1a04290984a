import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveCells } from '../core/cells.js';
import type { Recorded } from '../core/fingerprint.js';
import { checkOutputSize, engineJobs, imageJobs, MAX_MATRIX_JOBS, matrixOutput, type EngineJob } from '../core/outputs.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { artifactsToExplain, planAgainst, promotable, type Plan } from '../core/plan.js';
import { renderSummary } from '../core/summary.js';
import { renderTable } from '../core/table.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { openStore } from '../store/open.js';
import { describePromotion, promoteCandidate } from '../store/promote.js';
import type { Store, StoredArtifact } from '../store/store.js';
import { channelOf } from './channel.js';
import { mapLimit, type CommandContext, type CommandResult } from './context.js';
import { guardJobs, prepareGitHub, reportToGitHub } from '../github/plan-report.js';

export interface PlanRun {
  loaded: LoadedMatrix;
  plan: Plan;
  store: Store;
}

/**
 * Matrix + store → plan: one listing per kind, plus the manifests that explain rebuilds. On a pull
 * request the pull-request candidates count as built; on the default branch, a cell whose
 * fingerprint a candidate has is promoted (its manifest published, its files reused) instead of built.
 */
export async function computePlan(settings: Settings, log?: CommandContext['log']): Promise<PlanRun> {
  const matrixPath = settings.required('matrix');
  const loaded = await loadMatrixFile(matrixPath, { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const cells = deriveCells(loaded.matrix);
  const store = await openStore(settings);
  const choice = await channelOf(settings);
  const withCandidates = choice.channel === 'candidate' || choice.promote;
  const [engines, images, candidates] = await Promise.all([
    store.list('engine'),
    store.list('image'),
    withCandidates ? Promise.all([store.list('engine', '', 'candidate'), store.list('image', '', 'candidate')]).then((l) => l.flat()) : [],
  ]);
  const promoted = new Map<string, string>();
  const promotedArtifacts: StoredArtifact[] = [];
  if (choice.promote) {
    const wanted = [...promotable(cells.engines, engines, candidates), ...promotable(cells.images, images, candidates)];
    await mapLimit(wanted, 16, async (candidate) => {
      try {
        const promotion = await promoteCandidate(store, candidate, runUrlOf(settings.env) ?? settings.env.GITHUB_SHA);
        const { channel: _, ...published } = candidate;
        promotedArtifacts.push({ ...published, key: promotion.key, modified: new Date() });
        promoted.set(promotion.key, describePromotion(promotion.manifest));
        log?.info(`${candidate.id}@${candidate.version}: ${describePromotion(promotion.manifest)}${promotion.created ? '' : ' (another run promoted it first)'}`);
      } catch (error) {
        log?.warning(`cannot promote the pull-request candidate ${candidate.key}: ${(error as Error).message}; the cell is built instead`);
      }
    });
  }
  const publishedEngines = [...engines, ...promotedArtifacts.filter((a) => a.kind === 'engine')];
  const publishedImages = [...images, ...promotedArtifacts.filter((a) => a.kind === 'image')];
  // A pull request's plan counts its candidates as built; the default branch's never does.
  const visibleEngines = choice.channel === 'candidate' ? [...publishedEngines, ...candidates.filter((c) => c.kind === 'engine')] : publishedEngines;
  const visibleImages = choice.channel === 'candidate' ? [...publishedImages, ...candidates.filter((c) => c.kind === 'image')] : publishedImages;
  const existing = [...visibleEngines, ...visibleImages];
  const explain = [...artifactsToExplain(cells.engines, visibleEngines), ...artifactsToExplain(cells.images, visibleImages)];
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
  return { loaded, plan: planAgainst(cells, existing, previous, promoted), store };
}

function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

/** The plan as JSON: every cell and image with id, status, reason and fingerprint. */
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
      ...(e.changes ? { changes: e.changes } : {}),
      ...(e.artifact ? { artifact: e.artifact } : {}),
      ...(e.promoted ? { promoted: true } : {}),
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
      ...(i.changes ? { changes: i.changes } : {}),
      ...(i.artifact ? { artifact: i.artifact } : {}),
      ...(i.promoted ? { promoted: true } : {}),
    })),
  };
}

export async function planCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const run = await computePlan(settings, log);
  // Event, base/head comparison and fork guard: a fork's pull request gets no jobs at all.
  const github = await prepareGitHub(settings, run.loaded, log);
  if (run.plan.counts.promoted > 0) {
    github.notices.push(`**Promoted without rebuilding:** ${run.plan.counts.promoted} pull-request build${run.plan.counts.promoted === 1 ? '' : 's'} whose fingerprint the merged matrix needs`);
  }
  const jobs: EngineJob[] = guardJobs(github, engineJobs(run.plan, settings.int('max-jobs', MAX_MATRIX_JOBS, { min: 1, max: MAX_MATRIX_JOBS })));
  const json = planJson(run);
  const planFile = path.resolve(settings.string('plan-file') ?? path.join(settings.env.RUNNER_TEMP || os.tmpdir(), 'engine-forge', 'plan.json'));
  await mkdir(path.dirname(planFile), { recursive: true });
  await writeFile(planFile, `${JSON.stringify(json)}\n`);
  const images = guardJobs(github, imageJobs(run.plan));
  const outputs = {
    engines: matrixOutput(jobs),
    images: matrixOutput(images),
    plan: planFile,
    'build-count': String(github.guard.allowed ? run.plan.counts.build : 0),
    'skip-count': String(run.plan.counts.skip),
    'image-count': String(images.length),
  };
  checkOutputSize(outputs);
  await reportToGitHub(github, run.plan, log);
  return {
    outputs,
    // Only the action shows a job summary; a terminal gets the table.
    ...(settings.source.kind === 'action' ? { summary: renderSummary(run.plan, { matrix: run.loaded.file, store: run.store.location, notices: github.notices }) } : {}),
    text: renderTable(run.plan),
    json,
    ...(github.failure ? { failure: github.failure } : {}),
  };
}
