import { execa } from 'execa';
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import type { EngineCell } from '../core/cells.js';
import type { CheckpointCell } from '../core/checkpoints.js';
import type { Manifest } from '../core/manifest.js';
import { estimateNeeds } from '../core/needs.js';
import { checkRunner, runnerFamilies } from '../core/runner-fit.js';
import { quote, UserError } from '../errors.js';
import type { LoadedMatrix } from '../matrix-file.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { manifestDataPrefix, type Channel } from '../store/layout.js';
import { cellTarget, publishArtifact, type PublishResult, type PublishTarget } from '../store/publish-artifact.js';
import { checkpointDir, fetchCheckpoint, type CachedCheckpoint } from './checkpoint-cache.js';
import { readCudaVersion } from './cuda-version.js';
import { checkEngineDir, copyTokenizer } from './engine-checks.js';
import { fetchModel, fetchModelConfig, isCached, type ModelSource } from './model-cache.js';
import { readRunnerFacts } from './preflight.js';
import { convertCheckpointArgv, EXAMPLE_DIR, servingConfig, trtllmBuildArgv, weightOnly } from './recipe.js';
import { smokeStart } from './smoke.js';
import { openToolchain } from './toolchain.js';
import type { BuildLog, RunnerFacts, RuntimeKind, Step, StepResult, Toolchain } from './types.js';

/**
 * `build` on the GPU runner, for one checkpoint or one engine cell:
 *
 *   pre-flight (nvidia-smi, RAM, disk; only config.json downloaded) → model (cache-dir) →
 *   checkpoint:  quantize with engine-forge's ModelOpt script → publish kind 'checkpoint'
 *   tensorrt:    checkpoint from the store (or the model) → TensorRT-LLM checkpoint for the TP →
 *                trtllm-build (timing cache from/to the store) → output checks → publish
 *   pytorch:     serving config → smoke start of trtllm-serve → publish config + reference
 *
 * Everything the steps run comes from recipe.ts (pure); this module sequences, times and stores.
 */
export interface BuildContext {
  loaded: LoadedMatrix;
  /** The checked-out repository: a calibration file is looked up here. */
  workspace: string;
  store: ArtifactStore;
  runtime: RuntimeKind;
  workDir: string;
  cacheDir: string;
  examples: string;
  /** engine-forge's quantizer script on the host (copied into work-dir so a container sees it). */
  quantizer: string | undefined;
  publish: boolean;
  allowUnsafe: boolean;
  token: string | undefined;
  /** Environment for native steps: the runner's, without HF_TOKEN (only `hf` and the quantizer get it). */
  env: NodeJS.ProcessEnv;
  signal: AbortSignal;
  log: BuildLog;
  /** Commit, workflow run, publisher: from the runner's environment. */
  origin: Manifest['provenance'];
  /** 'candidate' on a pull request: publish stores candidates, and may build on the pull request's own. */
  channel?: Channel;
}

export interface BuildOutcome {
  id: string;
  /** Where the artifact sits in work-dir (kept when publish is false). */
  dir: string;
  published: PublishResult | undefined;
  /** Data URI of the stored artifact (also when another run had stored it). */
  uri: string | undefined;
  steps: { name: string; durationMs: number }[];
  /** Milliseconds of build's own work: everything but the toolchain's steps and the upload. */
  overheadMs: number;
}

const HOUR = 60 * 60 * 1000;
const TIMEOUT = { quantize: 6 * HOUR, convert: 3 * HOUR, build: 6 * HOUR, smoke: 0.5 * HOUR };

/**
 * Times every step the toolchain runs, for the manifest and for the overhead figure. `inner` is
 * swapped once pre-flight has chosen the GPUs; nested timing (a step inside a download) counts once.
 */
class TimedToolchain implements Toolchain {
  readonly steps: { name: string; durationMs: number }[] = [];
  private elsewhereMs = 0;
  private depth = 0;
  constructor(public inner: Toolchain) {}
  get runtime(): RuntimeKind {
    return this.inner.runtime;
  }
  async run(step: Step, signal: AbortSignal): Promise<StepResult> {
    const result = await this.outside(undefined, () => this.inner.run(step, signal));
    this.steps.push({ name: step.name, durationMs: Math.round(result.durationMs) });
    return result;
  }
  start: Toolchain['start'] = (step, signal) => this.inner.start(step, signal);
  /** Time spent in something that is not build's own work (a step, a download, an upload). */
  async outside<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    this.depth++;
    try {
      return await work();
    } finally {
      this.depth--;
      const ms = performance.now() - started;
      if (this.depth === 0) this.elsewhereMs += ms;
      if (name) this.steps.push({ name, durationMs: Math.round(ms) });
    }
  }
  get outsideMs(): number {
    return this.elsewhereMs;
  }
}

/** Pre-flight, then a toolchain on exactly the GPUs the cell uses. */
async function prepare(ctx: BuildContext, cell: { id: string; gpu: string; tp: number; runsOn: string[] }, model: ModelSource, needsOf: (config: Record<string, unknown>, sourceCached: boolean) => ReturnType<typeof estimateNeeds>): Promise<{ toolchain: TimedToolchain; facts: RunnerFacts; gpus: number[] }> {
  await mkdir(ctx.workDir, { recursive: true });
  await mkdir(ctx.cacheDir, { recursive: true });
  const families = runnerFamilies(ctx.loaded.matrix);
  const facts = await readRunnerFacts({ workDir: ctx.workDir, cacheDir: ctx.cacheDir, families, env: ctx.env });
  const open = (gpus: number[]): Toolchain =>
    openToolchain({ runtime: ctx.runtime, image: ctx.loaded.matrix.toolchains.trtllm.image, gpus, mounts: [ctx.workDir, ctx.cacheDir], log: ctx.log, env: ctx.env });
  // The model's config alone (a few KB) sizes the estimate; no GPU is needed for that.
  const toolchain = new TimedToolchain(open([]));
  const sourceCached = await isCached(ctx.cacheDir, model);
  const config = await fetchModelConfig({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, model);
  const fit = checkRunner({ id: cell.id, gpu: cell.gpu, tp: cell.tp, runsOn: cell.runsOn }, facts, needsOf(config, sourceCached), families);
  if (fit.problems.length > 0) {
    throw new UserError(`this runner cannot build ${cell.id}:`, fit.problems);
  }
  toolchain.inner = open(fit.gpus);
  return { toolchain, facts, gpus: fit.gpus };
}

/** A clean directory (a re-run on the same runner must not publish a previous attempt's files). */
async function fresh(dir: string): Promise<string> {
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return dir;
}

function modelOf(cell: { source: string; revision: string }): ModelSource {
  return { source: cell.source, revision: cell.revision };
}

/** The quantized checkpoint for one model × precision: calibrate once, publish as kind 'checkpoint'. */
export async function buildCheckpoint(ctx: BuildContext, cell: CheckpointCell, artifactDir: string): Promise<BuildOutcome> {
  const began = performance.now();
  const model = ctx.loaded.matrix.models[cell.model]!;
  // Calibration spreads the bf16 model over the fewest GPUs that hold it (the plan's gpuCount).
  const tp = cell.gpuCount;
  const { toolchain, facts, gpus } = await prepare(ctx, { id: cell.id, gpu: cell.gpu, tp, runsOn: cell.runsOn }, modelOf(cell), (config, sourceCached) =>
    estimateNeeds({ ...(model.params !== undefined ? { paramsBillions: model.params } : {}), config, precision: cell.precision, tp, backend: 'pytorch', maxSeqLen: model['max-seq-len'], ...(model['kv-cache-dtype'] ? { kvCacheDtype: model['kv-cache-dtype'] } : {}), quantizeHere: true, sourceCached }),
  );
  const source = await toolchain.outside(undefined, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
  const out = await fresh(artifactDir);
  const script = await stageQuantizer(ctx);
  const calibration = await calibrationData(ctx, cell.calibration.dataset);
  const env: Record<string, string> = ctx.token ? { HF_TOKEN: ctx.token } : {};
  await toolchain.run(
    {
      name: 'quantize',
      argv: [
        'python3', script, 'quantize',
        '--model-dir', source.dir,
        '--output-dir', out,
        '--precision', cell.precision,
        '--calib-dataset', calibration,
        '--calib-size', String(cell.calibration.size),
        // Kept so the engine path can shard it per TP without calibrating again (export-trtllm).
        '--save-modelopt-state',
        ...(model['kv-cache-dtype'] === 'fp8' ? ['--kv-cache-dtype', 'fp8'] : []),
      ],
      env,
      timeoutMs: TIMEOUT.quantize,
    },
    ctx.signal,
  );
  await copyTokenizer(source.dir, out); // the engine path and the server read them from the checkpoint
  return finish(ctx, toolchain, cellTarget('checkpoint', cell, { trtllm: ctx.loaded.matrix.toolchains.trtllm }), out, facts, gpus, began, {});
}

/** One engine cell, on the path its toolchain's backend names. */
export async function buildEngineCell(ctx: BuildContext, cell: EngineCell, checkpointCell: CheckpointCell | undefined, artifactDir: string): Promise<BuildOutcome> {
  const began = performance.now();
  const trtllm = ctx.loaded.matrix.toolchains.trtllm;
  const model = ctx.loaded.matrix.models[cell.model]!;
  const backend = trtllm.backend;
  const workers = backend === 'tensorrt' ? cell.tp : 1;
  // The PyTorch path serves a stored checkpoint as it is: the source is not downloaded at all.
  const noSource = backend === 'pytorch' && checkpointCell !== undefined;
  // A stored checkpoint not yet in cache-dir is downloaded there: pre-flight counts it.
  const checkpointDownload = checkpointCell !== undefined && !(await stat(checkpointDir(ctx.cacheDir, checkpointCell)).catch(() => undefined))?.isDirectory();
  const { toolchain, facts, gpus } = await prepare(ctx, cell, modelOf(cell), (config, sourceCached) =>
    estimateNeeds({
      ...(model.params !== undefined ? { paramsBillions: model.params } : {}),
      config,
      precision: cell.precision,
      tp: cell.tp,
      backend,
      maxSeqLen: cell.maxSeqLen,
      ...(model['kv-cache-dtype'] ? { kvCacheDtype: model['kv-cache-dtype'] } : {}),
      quantizeHere: false,
      sourceCached: sourceCached || noSource,
      checkpointDownload,
      workers,
    }),
  );
  // The weights: the shared quantized checkpoint from the store, or the pinned model itself.
  let checkpoint: CachedCheckpoint | undefined;
  let weights: string;
  if (checkpointCell) {
    const ref = { id: checkpointCell.id, fingerprint: checkpointCell.fingerprint };
    checkpoint = await toolchain.outside(undefined, () => fetchCheckpoint(ctx.store, ref, ctx.cacheDir, ctx.signal, ctx.channel));
    if (checkpoint.cached) ctx.log.line(`checkpoint ${ref.id} (${ref.fingerprint.slice(0, 12)}): reusing ${checkpoint.dir}`);
    weights = checkpoint.dir;
  } else {
    const source = await toolchain.outside(undefined, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
    if (source.cached) ctx.log.line(`model ${cell.source}@${cell.revision.slice(0, 12)}: reusing ${source.dir}`);
    weights = source.dir;
  }
  const out = await fresh(artifactDir);
  const extra: Partial<Manifest['provenance']> = {};
  if (backend === 'tensorrt') {
    await buildEngine(ctx, toolchain, cell, weights, checkpoint !== undefined, out, workers, facts, gpus);
  } else {
    extra.coldStartMs = await preparePytorch(ctx, toolchain, cell, weights, checkpoint, out);
  }
  return finish(ctx, toolchain, cellTarget('engine', cell, { trtllm }), out, facts, gpus, began, extra);
}

async function buildEngine(ctx: BuildContext, toolchain: TimedToolchain, cell: EngineCell, weights: string, quantized: boolean, out: string, workers: number, facts: RunnerFacts, gpus: number[]): Promise<void> {
  const trtllm = ctx.loaded.matrix.toolchains.trtllm;
  const scratch = await fresh(path.join(ctx.workDir, 'scratch', ...cell.id.split('/')));
  const trtCheckpoint = path.join(scratch, 'trtllm-checkpoint');
  try {
    if (quantized) {
      // The stored calibration restored onto the source model, sharded for this TP: no calibration here.
      const source = await toolchain.outside(undefined, () => fetchModel({ toolchain, cacheDir: ctx.cacheDir, token: ctx.token, signal: ctx.signal }, modelOf(cell)));
      const script = await stageQuantizer(ctx);
      await toolchain.run(
        { name: 'export TensorRT-LLM checkpoint', argv: ['python3', script, 'export-trtllm', '--model-dir', source.dir, '--quantized-dir', weights, '--output-dir', trtCheckpoint, '--tp-size', String(cell.tp)], timeoutMs: TIMEOUT.convert },
        ctx.signal,
      );
    } else {
      const architecture = await architectureOf(weights);
      const exampleDir = EXAMPLE_DIR[architecture];
      if (!exampleDir) throw new UserError(`${cell.id}: no convert_checkpoint.py is known for architecture ${quote(architecture)} (known: ${Object.keys(EXAMPLE_DIR).join(', ')})`);
      const label = weightOnly(cell.precision) ? 'convert checkpoint (weight-only)' : 'convert checkpoint';
      await toolchain.run({ name: label, argv: convertCheckpointArgv(cell, { examples: ctx.examples, exampleDir, modelDir: weights, outputDir: trtCheckpoint }), timeoutMs: TIMEOUT.convert }, ctx.signal);
    }
    const gpuName = facts.gpus.find((g) => g.index === gpus[0])?.name ?? cell.gpu;
    const cacheFile = path.join(ctx.cacheDir, 'timing-caches', `${slug(gpuName)}--trtllm-${slug(trtllm.version)}.cache`);
    // The store's copy when there is one (another runner of this GPU model measured it), else the local one.
    await mkdir(path.dirname(cacheFile), { recursive: true });
    await toolchain.outside('timing cache (get)', () => ctx.store.getTimingCache(gpuName, trtllm.version, cacheFile, { signal: ctx.signal }));
    const flagsHint = buildFlagsHint(ctx.loaded, cell.model);
    await toolchain.run(
      { name: 'trtllm-build', argv: trtllmBuildArgv(cell, { checkpointDir: trtCheckpoint, outputDir: out, workers: Math.min(workers, gpus.length), timingCache: cacheFile }), timeoutMs: TIMEOUT.build, flagsHint },
      ctx.signal,
    );
    await copyTokenizer(weights, out);
    await checkEngineDir(out, { cellId: cell.id, trtllmVersion: trtllm.version, tp: cell.tp });
    if (ctx.publish && (await stat(cacheFile).catch(() => undefined))?.isFile()) {
      await toolchain.outside('timing cache (put)', () => ctx.store.putTimingCache(gpuName, trtllm.version, cacheFile, { signal: ctx.signal }));
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * The PyTorch path's artifact: `serve.yaml` (trtllm-serve --config) and `engine-forge.json`, which
 * names the weights to serve — the stored quantized checkpoint, or the pinned Hugging Face
 * revision for bf16/fp16 — rather than copying them into every cell (they are stored once).
 */
async function preparePytorch(ctx: BuildContext, toolchain: TimedToolchain, cell: EngineCell, weights: string, checkpoint: CachedCheckpoint | undefined, out: string): Promise<number> {
  const model = ctx.loaded.matrix.models[cell.model]!;
  const config = servingConfig(cell, { kvCacheDtype: model['kv-cache-dtype'] });
  const configPath = path.join(out, 'serve.yaml');
  await writeFile(configPath, `# trtllm-serve <weights> --config serve.yaml  (${cell.id}, TensorRT-LLM ${ctx.loaded.matrix.toolchains.trtllm.version})\n${stringify(config)}`);
  const smoke = await toolchain.outside('smoke start', () => smokeStart(toolchain, { modelPath: weights, configPath, timeoutMs: TIMEOUT.smoke }, ctx.signal));
  ctx.log.line(`smoke start: healthy after ${(smoke.coldStartMs / 1000).toFixed(1)} s, first token after ${smoke.firstTokenMs} ms: ${JSON.stringify(smoke.text)}`);
  const reference = {
    path: 'pytorch',
    serve: `trtllm-serve <weights> --backend pytorch --config serve.yaml`,
    weights: checkpoint
      ? { kind: 'checkpoint', id: checkpoint.manifest?.id, version: checkpoint.manifest?.version, fingerprint: checkpoint.manifest?.fingerprint, uri: checkpoint.uri, manifest: checkpoint.manifestUri }
      : { kind: 'huggingface', source: cell.source, revision: cell.revision },
    trtllm: ctx.loaded.matrix.toolchains.trtllm.version,
    smoke: { coldStartMs: smoke.coldStartMs, firstTokenMs: smoke.firstTokenMs },
  };
  await writeFile(path.join(out, 'engine-forge.json'), `${JSON.stringify(reference, null, 2)}\n`);
  return smoke.coldStartMs;
}

/** Provenance, then publish (or leave it in work-dir); the result carries the timings. */
async function finish(ctx: BuildContext, toolchain: TimedToolchain, target: PublishTarget, out: string, facts: RunnerFacts, gpus: number[], began: number, extra: Partial<Manifest['provenance']>): Promise<BuildOutcome> {
  ctx.signal.throwIfAborted();
  const used = facts.gpus.filter((g) => gpus.includes(g.index));
  const first = used[0] ?? facts.gpus[0];
  const trtllm = ctx.loaded.matrix.toolchains.trtllm;
  const [digest, cuda] = await Promise.all([imageDigest(ctx.runtime, trtllm.image), readCudaVersion(ctx.env)]);
  target.provenance = {
    ...ctx.origin,
    ...(first ? { gpu: used.length > 1 ? `${used.length} × ${first.name}` : first.name, driver: first.driver } : {}),
    ...(cuda ? { cuda } : {}),
    gpus: used.map((g) => ({ index: g.index, name: g.name, uuid: g.uuid })),
    gpuCount: used.length,
    toolchain: { runtime: ctx.runtime, version: trtllm.version, ...(ctx.runtime === 'native' ? {} : { image: trtllm.image }), ...(digest ? { digest } : {}) },
    steps: toolchain.steps,
    bytes: await directoryBytes(out),
    ...extra,
  };
  let published: PublishResult | undefined;
  if (ctx.publish) {
    published = await toolchain.outside(undefined, () =>
      publishArtifact(ctx.store, target, out, {
        signal: ctx.signal,
        allowUnsafe: ctx.allowUnsafe,
        ...(ctx.channel ? { channel: ctx.channel } : {}),
        log: (line) => (line.startsWith('warning: ') ? ctx.log.warning(line.slice(9)) : ctx.log.line(line)),
      }),
    );
  }
  const manifest = published ? (published.created ? published.manifest : published.existing) : undefined;
  return {
    id: target.id,
    dir: out,
    published,
    uri: manifest ? ctx.store.uri(manifestDataPrefix(manifest, manifest.data)) : undefined,
    steps: toolchain.steps,
    overheadMs: Math.round(performance.now() - began - toolchain.outsideMs),
  };
}

/** The image's registry digest (`<runtime> image inspect`), when the runtime knows one. */
async function imageDigest(runtime: RuntimeKind, image: string): Promise<string | undefined> {
  if (runtime === 'native') return undefined;
  const run = await execa(runtime, ['image', 'inspect', '--format', '{{json .RepoDigests}}', image], { reject: false, timeout: 30_000 });
  if (run.exitCode !== 0) return undefined;
  try {
    const digests = JSON.parse(run.stdout) as string[] | null;
    return digests?.[0]?.replace(/^.*@/, '');
  } catch {
    return undefined;
  }
}

async function directoryBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function architectureOf(dir: string): Promise<string> {
  const config = JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as { architectures?: string[] };
  return config.architectures?.[0] ?? 'unknown';
}

/** The quantizer script, copied into work-dir: mounted in a container, and the same path natively. */
async function stageQuantizer(ctx: BuildContext): Promise<string> {
  if (!ctx.quantizer) throw new Error('python/engine_forge_quantize.py is missing from this copy of engine-forge (it ships beside dist/)');
  const staged = path.join(ctx.workDir, '.engine-forge', path.basename(ctx.quantizer));
  await mkdir(path.dirname(staged), { recursive: true });
  await copyFile(ctx.quantizer, staged);
  return staged;
}

/** A calibration file in the repository is copied into work-dir (a container sees only the mounts); anything else is a dataset id. */
async function calibrationData(ctx: BuildContext, dataset: string): Promise<string> {
  const candidate = path.resolve(ctx.workspace, dataset);
  const info = await stat(candidate).catch(() => undefined);
  if (!info?.isFile()) return dataset;
  const staged = path.join(ctx.workDir, '.engine-forge', 'calibration', path.basename(candidate));
  await mkdir(path.dirname(staged), { recursive: true });
  await copyFile(candidate, staged);
  return staged;
}

/** Where the user controls trtllm-build's flags: the model's build-flags line, else the toolchain's. */
export function buildFlagsHint(loaded: LoadedMatrix, model: string): string {
  const lines = loaded.text.split('\n');
  const find = (pattern: RegExp, from = 0): number => lines.findIndex((l, i) => i >= from && pattern.test(l));
  const modelLine = find(new RegExp(`^\\s+${model.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`), Math.max(0, find(/^models:/)));
  if (modelLine >= 0) {
    const indent = /^\s*/.exec(lines[modelLine]!)![0].length;
    for (let i = modelLine + 1; i < lines.length && (lines[i]!.trim() === '' || /^\s*/.exec(lines[i]!)![0].length > indent); i++) {
      if (/^\s*build-flags:/.test(lines[i]!)) return `${loaded.file}:${i + 1} models.${model}.build-flags`;
    }
  }
  const toolchainLine = find(/^\s+build-flags:/);
  return toolchainLine >= 0 ? `${loaded.file}:${toolchainLine + 1} toolchains.trtllm.build-flags` : `${loaded.file}: toolchains.trtllm.build-flags`;
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9.]+/g, '-').replace(/^-|-$/g, '');
}

