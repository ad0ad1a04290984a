import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { execa } from 'execa';
import { measureColdStart, probeEndpoint } from '../bench/serve.js';
import { runLevel } from '../bench/load.js';
import { freePort } from '../build/free-port.js';
import { terminalBuildLog, actionsBuildLog, openToolchain, runtimeFromInput } from '../build/toolchain.js';
import type { RuntimeKind } from '../build/types.js';
import { defaultLengths, parsePromptsJsonl, syntheticPrompts, type BenchPrompt } from '../core/bench-dataset.js';
import { BENCH_RECORD_SCHEMA, benchKey, levelRecord, Runtime, RUNTIME_NAMES, type BenchRecord, type BenchSettings } from '../core/bench-record.js';
import { defaultConcurrencies, summarizeLevel } from '../core/bench-stats.js';
import { deriveCells, gpuFacts, type EngineCell, type ImageSpec } from '../core/cells.js';
import { GPU_CATALOGUE, runnerGpuProblem } from '../core/gpus.js';
import { compareAll } from '../core/compare.js';
import { renderCompareMarkdown, renderCompareText } from '../core/compare-report.js';
import { NVIDIA_SMI_ARGS, parseNvidiaSmiCsv } from '../core/nvidia-smi.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { quote, UserError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile, type LoadedMatrix } from '../matrix-file.js';
import { hasBenchRecord, readBenchRecords, saveBenchRecord } from '../store/bench-records.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { storedImage } from './image.js';
import { openStore } from '../store/open.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import { cellEntryValue, engineCellsById } from './cell-entry.js';
import type { CommandContext, CommandResult, Logger } from './context.js';

/** Seed of the synthetic prompts: the same on every runner, so both runtimes see the same traffic. */
const SEED = 20_260_101;
/** Each level sends at least this many requests, and at least 4 per stream. */
const MIN_REQUESTS = 32;

/**
 * `bench` (GPU runner, one entry of plan's `engines`): for each runtime, start its server for the
 * cell, time its cold start, sweep concurrency, store the record beside the artifact. Servers are
 * always stopped (also on failure and cancel). `endpoint` measures a server already running.
 */
export async function benchCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const loaded = await loadMatrixFile(settings.required('matrix'), { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const cell = cellOfEntry(settings, loaded);
  const endpoint = settings.string('endpoint');
  const runtimes = runtimesInput(settings, endpoint);
  const concurrencies = concurrencyInput(settings, cell);
  const { prompts, dataset, outputLen } = datasetInput(settings, cell);
  const benchSettings: BenchSettings = { dataset, outputLen, concurrencies, requestsPerLevel: MIN_REQUESTS };
  const startTimeoutMs = settings.int('start-timeout', 1800, { min: 1, max: 86_400 }) * 1000;
  const force = settings.bool('force', false);
  const store = await openStore(settings);
  const gpu = await detectGpu(cell);
  if (gpu.detected) {
    // Figures recorded for a cell must come from its GPU family: compare sets them side by side.
    const families = Object.fromEntries(Object.keys(loaded.matrix.gpus).map((family) => [family, gpuFacts(loaded.matrix, family)]));
    const problem = runnerGpuProblem(cell.gpu, gpu.model, { ...GPU_CATALOGUE, ...families });
    if (problem) throw new UserError(`cell ${quote(cell.id)}: ${problem.replace(/; publish from (.*)$/, '; bench on $1')}`);
  }
  const cells = deriveCells(loaded.matrix);
  const image = cells.images.find((i) => i.cells.includes(cell.id));
  const kind: RuntimeKind | undefined = endpoint === undefined ? (runtimeFromInput(settings.string('runtime')) ?? 'native') : undefined;

  const interrupt = abortOnSignals();
  const results: { runtime: Runtime; status: 'measured' | 'skipped'; key: string }[] = [];
  try {
    for (const runtime of runtimes) {
      // In a container, vLLM runs from the cell's own stored image (by digest), as a deploy would.
      const vllmImage = runtime === 'vllm' && kind !== undefined && kind !== 'native' ? await vllmImageOf(store, image, cell) : undefined;
      const imageDigest = vllmImage ?? null;
      const artifactFingerprint = runtime === 'trtllm' ? cell.fingerprint : (image?.fingerprint ?? cell.fingerprint);
      const key = benchKey({ cell: cell.id, runtime, artifactFingerprint, imageDigest, gpuModel: gpu.model, gpuCount: gpu.count, settings: benchSettings });
      if (!force && (await hasBenchRecord(store, cell.id, runtime, key))) {
        log.info(`${RUNTIME_NAMES[runtime]}: already measured with these settings on ${gpu.model} (record ${key}); skipped (force: true measures again)`);
        results.push({ runtime, status: 'skipped', key });
        continue;
      }
      const startedAt = new Date().toISOString();
      const measured = endpoint !== undefined
        ? await measureEndpoint(endpoint, settings.string('model'), prompts, concurrencies, log)
        : await measureManaged({ runtime, kind: kind!, cell, loaded, settings, prompts, concurrencies, startTimeoutMs, signal: interrupt.signal, log, ...(vllmImage ? { vllmImage } : {}) });
      const record: BenchRecord = {
        schema: BENCH_RECORD_SCHEMA, key, cell: cell.id, model: cell.model, gpu: cell.gpu, precision: cell.precision, tp: cell.tp, batchMax: cell.batch.max,
        runtime, artifactFingerprint, imageDigest, gpuModel: gpu.model, gpuCount: gpu.count, settings: benchSettings,
        coldStart: measured.coldStart, levels: measured.levels, startedAt, finishedAt: new Date().toISOString(),
      };
      const saved = await saveBenchRecord(store, record);
      log.info(`${RUNTIME_NAMES[runtime]}: record ${saved.created ? 'stored' : 'already stored'} at ${saved.key}`);
      results.push({ runtime, status: 'measured', key });
    }
  } catch (error) {
    const signal = interrupt.received();
    if (signal) throw new UserError(`bench interrupted by ${signal}; every server it started was stopped, and no record was stored for the runtime in progress`);
    throw error;
  } finally {
    interrupt.dispose();
  }
  const comparisons = compareAll(await readBenchRecords(store, cell.id));
  const report = renderCompareMarkdown(comparisons);
  return {
    outputs: { report },
    summary: report,
    text: renderCompareText(comparisons),
    json: { cell: cell.id, results, comparisons: comparisons.map((c) => ({ cell: c.cell, verdict: c.verdict })) },
  };
}

interface Measured {
  coldStart: BenchRecord['coldStart'];
  levels: BenchRecord['levels'];
}

async function sweep(endpoint: string, model: string, prompts: readonly BenchPrompt[], concurrencies: readonly number[], log: Logger, alive?: () => string | undefined, signal?: AbortSignal): Promise<BenchRecord['levels']> {
  const levels: BenchRecord['levels'] = [];
  for (const concurrency of concurrencies) {
    const requests = Math.max(MIN_REQUESTS, 4 * concurrency);
    const run = await runLevel({ endpoint, model, prompts, concurrency, requests, timeoutMs: 600_000, ...(signal ? { signal } : {}) });
    if (signal?.aborted) throw new UserError('bench cancelled');
    const stats = summarizeLevel(concurrency, run.samples, run.wallMs);
    const died = alive?.();
    if (died !== undefined) throw new UserError(`${died} during the sweep at ${concurrency} streams (${stats.errors} of ${stats.requests} requests failed there)`);
    log.info(`  ${String(concurrency).padStart(4)} streams: ${Math.round(stats.outputTokensPerS)} tokens/s, TTFT p50 ${Math.round(stats.ttftMs.p50)} ms p99 ${Math.round(stats.ttftMs.p99)} ms, ITL p50 ${stats.itlMs.p50.toFixed(1)} ms, TPOT p50 ${stats.tpotMs.p50.toFixed(1)} ms${stats.errors > 0 ? `, ${stats.errors} failed: ${stats.errorKinds.map((k) => `${k.count}× ${k.error}`).join('; ')}` : ''}`);
    levels.push(levelRecord(stats));
  }
  return levels;
}

async function measureEndpoint(endpoint: string, model: string | undefined, prompts: readonly BenchPrompt[], concurrencies: readonly number[], log: Logger): Promise<Measured> {
  const served = await probeEndpoint(endpoint, model);
  log.info(`measuring ${endpoint} (model ${served}): ${concurrencies.join(', ')} streams`);
  return { coldStart: null, levels: await sweep(endpoint, served, prompts, concurrencies, log) };
}


/**
 * The `repository@sha256:…` of the cell's vLLM image from the store. Refuses when there is none:
 * the stock base image would serve the unquantized Hugging Face weights under the cell's precision.
 */
async function vllmImageOf(store: ArtifactStore, spec: ImageSpec | undefined, cell: EngineCell): Promise<string> {
  const manifest = spec && spec.unsupported === undefined ? await storedImage(store, spec) : undefined;
  if (manifest?.image === undefined) {
    const why = spec === undefined ? 'the matrix gives it no vLLM image' : spec.unsupported !== undefined ? `its vLLM image cannot be built: ${spec.unsupported}` : `no vLLM image ${quote(spec.id)} with fingerprint ${spec.fingerprint.slice(0, 12)} is stored: run image with its entry of the plan's images output first`;
    throw new UserError(`bench: vLLM for ${quote(cell.id)} runs from the cell's own image, so it is measured as it will be deployed; ${why}`);
  }
  return manifest.image;
}

async function measureManaged(o: { runtime: Runtime; kind: RuntimeKind; cell: EngineCell; loaded: LoadedMatrix; settings: Settings; prompts: readonly BenchPrompt[]; concurrencies: readonly number[]; startTimeoutMs: number; signal: AbortSignal; log: Logger; vllmImage?: string }): Promise<Measured> {
  const { runtime, cell } = o;
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const served = cell.model;
  const gpus = Array.from({ length: cell.tp }, (_, i) => i);
  let argv: string[];
  let mounts: string[] = [];
  let image = o.loaded.matrix.toolchains.trtllm.image;
  if (runtime === 'trtllm') {
    const dir = o.settings.string('artifact-dir');
    if (dir === undefined) throw new UserError("bench: input 'artifact-dir' is required for runtime trtllm: the cell's engine or checkpoint, as `resolve` with `download` fetched it");
    const artifact = path.resolve(o.settings.workspace(), dir);
    mounts = [artifact];
    argv = ['trtllm-serve', 'serve', artifact, '--host', '127.0.0.1', '--port', String(port), '--tp_size', String(cell.tp), '--max_batch_size', String(cell.batch.max), '--max_seq_len', String(cell.maxSeqLen), ...(isEngineDir(artifact) ? ['--backend', 'tensorrt'] : [])];
  } else {
    const limits = ['--host', '127.0.0.1', '--port', String(port), '--served-model-name', served, '--tensor-parallel-size', String(cell.tp), '--max-model-len', String(cell.maxSeqLen), '--max-num-seqs', String(cell.batch.max)];
    if (o.kind === 'native') {
      // Natively there is no image: vllm serve loads the pinned Hugging Face weights, which are the
      // cell's only for an unquantized precision; a quantized cell is served from its image.
      if (cell.checkpoint !== undefined) {
        throw new UserError(`bench: vLLM in runtime native serves the Hugging Face weights of ${quote(cell.source)}, but ${quote(cell.id)} is ${cell.precision}, served from the quantized checkpoint its vLLM image bakes: bench it with runtime docker or podman`);
      }
      argv = ['vllm', 'serve', cell.source, '--revision', cell.revision, ...limits];
    } else {
      // engine-forge's vLLM image: its entry point serves the weights it was built with (MODEL_NAME) and passes flags through.
      image = o.vllmImage!;
      argv = limits;
    }
  }
  const log = process.env.GITHUB_ACTIONS === 'true' ? actionsBuildLog() : terminalBuildLog();
  const toolchain = openToolchain({ runtime: o.kind, image, gpus, mounts, log });
  const name = runtime === 'trtllm' ? 'trtllm-serve' : 'vllm';
  o.log.info(`${RUNTIME_NAMES[runtime]}: starting ${name} (${o.kind}) for ${cell.id}`);
  const startedAt = performance.now();
  const service = await toolchain.start({ name, argv }, o.signal);
  let exited: string | undefined;
  void service.exited.then((e) => (exited = `${name} exited (${e.signal ?? `code ${e.exitCode}`})${e.tail.length > 0 ? `; its last lines:\n${e.tail.slice(-20).map((l) => `  ${l}`).join('\n')}` : ''}`));
  try {
    const coldStart = await measureColdStart({ name, endpoint, model: served, service, startedAt, timeoutMs: o.startTimeoutMs, signal: o.signal });
    o.log.info(`${RUNTIME_NAMES[runtime]}: healthy after ${coldStart.healthyS.toFixed(1)} s, first token after ${coldStart.firstTokenS.toFixed(1)} s`);
    const levels = await sweep(endpoint, served, o.prompts, o.concurrencies, o.log, () => exited, o.signal);
    return { coldStart, levels };
  } finally {
    await service.stop();
  }
}

function isEngineDir(dir: string): boolean {
  try {
    const config = JSON.parse(readFileSync(path.join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
    return 'build_config' in config && 'pretrained_config' in config;
  } catch {
    return false;
  }
}

/** The `cell` input: an entry of `engines` with exactly one cell, or a bare cell id. */
function cellOfEntry(settings: Settings, loaded: LoadedMatrix): EngineCell {
  const raw = settings.required('cell');
  const value = cellEntryValue(settings, raw);
  const ids = typeof value === 'string' ? [value] : (value as { cells?: unknown }).cells;
  if (!Array.isArray(ids) || ids.length !== 1 || typeof ids[0] !== 'string') {
    throw new UserError(`input 'cell' must be one entry of plan's 'engines' output with one cell (bench measures one cell at a time), or a cell id (got ${quote(raw)})`);
  }
  return engineCellsById(loaded, ids as string[], { buildable: false })[0]!;
}

function runtimesInput(settings: Settings, endpoint: string | undefined): Runtime[] {
  const raw = settings.string('runtimes') ?? (endpoint !== undefined ? undefined : 'trtllm,vllm');
  if (raw === undefined) throw new UserError("input 'runtimes' is required with 'endpoint': name the one runtime the endpoint serves (trtllm or vllm)");
  const list = raw.split(',').map((r) => r.trim()).filter(Boolean);
  for (const r of list) if (!Runtime.safeParse(r).success) throw new UserError(`input 'runtimes' must list trtllm and/or vllm, comma-separated (got ${quote(raw)})`);
  if (list.length === 0) throw new UserError(`input 'runtimes' must list trtllm and/or vllm (got ${quote(raw)})`);
  if (endpoint !== undefined && list.length !== 1) throw new UserError(`input 'runtimes' must name one runtime with 'endpoint', the one it serves (got ${quote(raw)})`);
  return [...new Set(list)] as Runtime[];
}

function concurrencyInput(settings: Settings, cell: EngineCell): number[] {
  const raw = settings.string('concurrency');
  if (raw === undefined) return defaultConcurrencies(cell.batch.max);
  const levels = raw.split(',').map((x) => x.trim());
  if (levels.some((x) => !/^\d+$/.test(x) || Number(x) < 1)) throw new UserError(`input 'concurrency' must be whole numbers ≥ 1, comma-separated, like 1,8,64 (got ${quote(raw)})`);
  return [...new Set(levels.map(Number))].sort((a, b) => a - b);
}

function datasetInput(settings: Settings, cell: EngineCell): { prompts: BenchPrompt[]; dataset: BenchSettings['dataset']; outputLen: number } {
  const { inputLen, outputLen } = defaultLengths(cell);
  const file = settings.string('dataset');
  if (file === undefined) {
    return { prompts: syntheticPrompts({ count: 1024, inputLen, outputLen, seed: SEED }), dataset: { kind: 'synthetic', seed: SEED, inputLen }, outputLen };
  }
  let text: string;
  try {
    text = readFileSync(path.resolve(settings.workspace(), file), 'utf8');
  } catch (error) {
    throw new UserError(`input 'dataset': cannot read ${quote(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const { prompts, problems } = parsePromptsJsonl(text, file, outputLen);
  if (problems.length > 0) throw new UserError(`input 'dataset': ${problems.length} bad line${problems.length === 1 ? '' : 's'} in ${file}`, problems.slice(0, 20));
  return { prompts, dataset: { kind: 'jsonl', sha256: createHash('sha256').update(text).digest('hex') }, outputLen };
}

/** nvidia-smi's product name and count of the GPUs the cell uses; the cell's family when none answers. */
async function detectGpu(cell: EngineCell): Promise<{ model: string; count: number; detected: boolean }> {
  try {
    const { stdout } = await execa('nvidia-smi', [...NVIDIA_SMI_ARGS], { timeout: 10_000 });
    const gpus = parseNvidiaSmiCsv(stdout);
    if (gpus.length > 0) return { model: gpus[0]!.name, count: cell.tp, detected: true };
  } catch {
    // no nvidia-smi (an endpoint measured from a CPU runner): the matrix's GPU names the hardware
  }
  return { model: cell.gpu, count: cell.tp, detected: false };
}

