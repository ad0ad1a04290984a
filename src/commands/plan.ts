import { mkdir, open, type FileHandle } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { deriveCells } from '../core/cells.js';
import { deriveEngineImages } from '../core/engine-images.js';
import type { Recorded } from '../core/fingerprint.js';
import type { ArtifactKind } from '../core/manifest.js';
import { checkOutputSize, checkpointJobs, engineImageJobs, engineJobs, imageJobs, MAX_MATRIX_JOBS, matrixOutput, type EngineJob } from '../core/outputs.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { artifactsToExplain, planAgainst, promotable, type Existing, type Plan, type PlannedCheckpoint, type PlannedEngine, type PlannedEngineImage, type PlannedImage } from '../core/plan.js';
import { renderSummary } from '../core/summary.js';
import { renderTable } from '../core/table.js';
import { UserError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { openStore } from '../store/open.js';
import { describePromotion, promoteCandidate } from '../store/promote.js';
import { describeWinner } from '../store/publish-artifact.js';
import type { Store, StoredArtifact } from '../store/store.js';
import { channelOf } from './channel.js';
import { mapLimit, type CommandContext, type CommandResult } from './context.js';
import { benchmarkSection, guardJobs, prepareGitHub, reportToGitHub } from '../github/plan-report.js';

export interface PlanRun {
  loaded: LoadedMatrix;
  plan: Plan;
  store: Store;
}

/**
 * Matrix + store → plan: one listing per kind (engines, images, checkpoints), plus the manifests
 * that explain rebuilds. On a pull request the pull-request candidates count as built; on the
 * default branch, an artifact whose fingerprint a candidate has is promoted (its manifest
 * published, its files reused) instead of built.
 */
export async function computePlan(settings: Settings, log?: CommandContext['log']): Promise<PlanRun> {
  const matrixPath = settings.required('matrix');
  const loaded = await loadMatrixFile(matrixPath, { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const derived = deriveCells(loaded.matrix);
  const cells = { ...derived, engineImages: deriveEngineImages(loaded.matrix, derived.engines) };
  const store = await openStore(settings);
  const choice = await channelOf(settings);
  const withCandidates = choice.channel === 'candidate' || choice.promote;
  const listBoth = (kind: ArtifactKind) =>
    Promise.all([store.list(kind), withCandidates ? store.list(kind, '', 'candidate') : Promise.resolve([])]).then(([published, candidates]) => ({ published, candidates }));
  const [engines, images, checkpoints] = await Promise.all([listBoth('engine'), listBoth('image'), listBoth('checkpoint')]);
  const promoted = new Map<string, string>();
  if (choice.promote) {
    const wanted = [
      ...promotable(cells.engines, engines.published, engines.candidates),
      ...promotable([...cells.images, ...cells.engineImages], images.published, images.candidates),
      ...promotable(cells.checkpoints, checkpoints.published, checkpoints.candidates),
    ];
    const listed = { engine: engines, image: images, checkpoint: checkpoints };
    await mapLimit(wanted, 16, async (candidate) => {
      try {
        const promotion = await promoteCandidate(store, candidate, runUrlOf(settings.env) ?? settings.env.GITHUB_SHA);
        const { channel: _, ...published } = candidate;
        // Promoted or not, the published manifest now holds this fingerprint: the artifact is built.
        listed[candidate.kind].published.push({ ...published, key: promotion.key, modified: new Date() });
        if (!promotion.promoted) {
          log?.info(`${candidate.id}@${candidate.version}: already published by ${describeWinner(promotion.manifest)}; the candidate is not needed`);
          return;
        }
        promoted.set(promotion.key, describePromotion(promotion.manifest));
        log?.info(`${candidate.id}@${candidate.version}: ${describePromotion(promotion.manifest)}${promotion.created ? '' : ' (another run promoted it first)'}`);
      } catch (error) {
        // A version claim refusing the model is the matrix's mistake: a build's publish would be
        // refused the same way, so say it as it is rather than promise a build.
        const then = error instanceof UserError ? 'building it would be refused the same way' : 'the cell is built instead';
        log?.warning(`cannot promote the pull-request candidate ${candidate.key}: ${(error as Error).message}; ${then}`);
      }
    });
  }
  // A pull request's plan counts its candidates as built; the default branch's never does.
  const visible = (l: { published: StoredArtifact[]; candidates: StoredArtifact[] }): Existing[] => (choice.channel === 'candidate' ? [...l.published, ...l.candidates] : l.published);
  const [visibleEngines, visibleImages, visibleCheckpoints] = [visible(engines), visible(images), visible(checkpoints)];
  const existing = [...visibleEngines, ...visibleImages, ...visibleCheckpoints];
  const explain = [
    ...artifactsToExplain(cells.engines, visibleEngines),
    ...artifactsToExplain([...cells.images, ...cells.engineImages], visibleImages),
    ...artifactsToExplain(cells.checkpoints, visibleCheckpoints),
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
  return { loaded, plan: planAgainst(cells, existing, previous, promoted), store };
}

function runUrlOf(env: NodeJS.ProcessEnv): string | undefined {
  const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
  return env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}` : undefined;
}

/** The plan as JSON: every cell, image and checkpoint with id, status, reason and fingerprint. */
export function planJson(run: PlanRun): object {
  return { ...planHead(run), cells: run.plan.engines.map(cellJson), images: run.plan.images.map(imageJson), checkpoints: run.plan.checkpoints.map(checkpointJson), 'engine-images': run.plan.engineImages.map(engineImageJson) };
}

function planHead(run: PlanRun) {
  return { schema: 'engine-forge/plan@1', matrix: run.loaded.file, store: run.store.location, counts: run.plan.counts };
}

type Decided = Pick<PlannedEngine, 'id' | 'status' | 'reason' | 'fingerprint' | 'changes' | 'artifact' | 'promoted'>;

/** What every planned item's JSON starts with: which one, and the plan's verdict on it. */
function decided(d: Decided): object {
  return { id: d.id, status: d.status, reason: d.reason, fingerprint: d.fingerprint };
}

/** What it ends with, where present: the changes that rebuild it, the stored artifact, a promotion. */
function outcome(d: Decided): object {
  return { ...(d.changes ? { changes: d.changes } : {}), ...(d.artifact ? { artifact: d.artifact } : {}), ...(d.promoted ? { promoted: true } : {}) };
}

function cellJson(e: PlannedEngine): object {
  return {
    ...decided(e),
    model: e.cell.model,
    version: e.cell.version,
    gpu: e.cell.gpu,
    precision: e.cell.precision,
    tp: e.cell.tp,
    batch: `${e.cell.batch.min}-${e.cell.batch.max}`,
    'runs-on': e.cell.runsOn,
    ...(e.cell.checkpoint ? { checkpoint: e.cell.checkpoint } : {}),
    ...outcome(e),
  };
}

function imageJson(i: PlannedImage): object {
  return {
    ...decided(i),
    model: i.image.model,
    version: i.image.version,
    precision: i.image.precision,
    vendor: i.image.vendor,
    'base-image': i.image.baseImage,
    cells: i.image.cells,
    ...(i.image.checkpoint ? { checkpoint: i.image.checkpoint.id } : {}),
    ...outcome(i),
  };
}

function engineImageJson(i: PlannedEngineImage): object {
  return {
    ...decided(i),
    model: i.image.model,
    version: i.image.version,
    gpu: i.image.gpu,
    precision: i.image.precision,
    tp: i.image.tp,
    'base-image': i.image.baseImage,
    engine: i.image.engine,
    ...(i.image.serverless ? { serverless: i.image.serverless } : {}),
    ...outcome(i),
  };
}

function checkpointJson(k: PlannedCheckpoint): object {
  return {
    ...decided(k),
    model: k.checkpoint.model,
    version: k.checkpoint.version,
    precision: k.checkpoint.precision,
    calibration: k.checkpoint.calibration,
    gpu: k.checkpoint.gpu,
    'gpu-count': k.checkpoint.gpuCount,
    'runs-on': k.checkpoint.runsOn,
    cells: k.checkpoint.cells,
    ...outcome(k),
  };
}

/**
 * `JSON.stringify(planJson(run))`, byte for byte, written a slice of cells at a time: at 10,000
 * cells neither the object tree nor the 5 MB string exists whole, which keeps the plan's peak memory down.
 */
export async function writePlanFile(file: string, run: PlanRun): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const handle = await open(file, 'w');
  try {
    const head = JSON.stringify(planHead(run));
    await handle.write(`${head.slice(0, -1)},"cells":[`);
    await writeList(handle, run.plan.engines, cellJson);
    await handle.write('],"images":[');
    await writeList(handle, run.plan.images, imageJson);
    await handle.write('],"checkpoints":[');
    await writeList(handle, run.plan.checkpoints, checkpointJson);
    await handle.write('],"engine-images":[');
    await writeList(handle, run.plan.engineImages, engineImageJson);
    await handle.write(']}\n');
  } finally {
    await handle.close();
  }
}

async function writeList<T>(handle: FileHandle, items: readonly T[], toJson: (item: T) => object): Promise<void> {
  const SLICE = 500;
  for (let i = 0; i < items.length; i += SLICE) {
    const text = items.slice(i, i + SLICE).map((item) => JSON.stringify(toJson(item))).join(',');
    await handle.write(i === 0 ? text : `,${text}`);
  }
}

export async function planCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const run = await computePlan(settings, log);
  // Event, base/head comparison and fork guard: a fork's pull request gets no jobs at all.
  const github = await prepareGitHub(settings, run.loaded, log);
  if (run.plan.counts.promoted > 0) {
    github.notices.push(`**Promoted without rebuilding:** ${run.plan.counts.promoted} pull-request build${run.plan.counts.promoted === 1 ? '' : 's'} whose fingerprint the merged matrix needs`);
  }
  const jobs: EngineJob[] = guardJobs(github, engineJobs(run.plan, settings.int('max-jobs', MAX_MATRIX_JOBS, { min: 1, max: MAX_MATRIX_JOBS })));
  const planFile = path.resolve(settings.string('plan-file') ?? path.join(settings.env.RUNNER_TEMP || os.tmpdir(), 'engine-forge', 'plan.json'));
  await writePlanFile(planFile, run);
  const images = guardJobs(github, imageJobs(run.plan));
  const checkpoints = guardJobs(github, checkpointJobs(run.plan));
  const engineImages = guardJobs(github, engineImageJobs(run.plan));
  const outputs = {
    engines: matrixOutput(jobs),
    images: matrixOutput(images),
    checkpoints: matrixOutput(checkpoints),
    'engine-images': matrixOutput(engineImages),
    plan: planFile,
    'build-count': String(github.guard.allowed ? run.plan.counts.build : 0),
    'skip-count': String(run.plan.counts.skip),
    'image-count': String(images.length),
    'checkpoint-count': String(checkpoints.length),
    'engine-image-count': String(engineImages.length),
  };
  checkOutputSize(outputs);
  const benchmarks = await benchmarkSection(run.store, run.plan, log);
  await reportToGitHub(github, run.plan, log, benchmarks);
  let json: object | undefined;
  return {
    outputs,
    // Only the action shows a job summary; a terminal gets the table.
    ...(settings.source.kind === 'action' ? { summary: renderSummary(run.plan, { matrix: run.loaded.file, store: run.store.location, notices: github.notices }) + (benchmarks ? `\n${benchmarks}` : '') } : {}),
    text: renderTable(run.plan),
    // Built when read (`--json`), not always: the plan, plus the job lists the action outputs carry.
    get json() {
      return (json ??= { ...planJson(run), jobs: { engines: jobs, images, checkpoints, 'engine-images': engineImages } });
    },
    ...(github.failure ? { failure: github.failure } : {}),
  };
}
