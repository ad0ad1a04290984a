import { gpuFacts } from './gpus.js';
import { fingerprint, type Inputs } from './fingerprint.js';
import { BYTES_PER_PARAM, trtllmPrecisionProblem, type Precision } from './precision.js';
import { MEMORY_HEADROOM } from './rules.js';
import type { Matrix } from './schema.js';

/**
 * A quantized checkpoint: the output of calibrating one model revision in one precision with
 * NVIDIA ModelOpt (a unified Hugging Face checkpoint, plus what the engine path needs to shard it
 * per TP without calibrating again). It depends on the model, its revision, the precision, the
 * calibration settings and the quantizer (the toolchain image that runs it) — not on the GPU
 * family, TP or batch range — so every engine cell (and the vLLM image) of that model and
 * precision shares one, made once by its own job and stored as an artifact of kind 'checkpoint'.
 *
 * The artifact's root is the unified export itself (`config.json`, `hf_quant_config.json`,
 * `*.safetensors`, the tokenizer files): the directory the PyTorch backend and vLLM load as is.
 * Anything else the build adds lives in subdirectories, which both loaders ignore.
 */
export interface CheckpointCell {
  /** 'llama-3.1-8b/fp8': one per model × precision. */
  id: string;
  model: string;
  version: string;
  source: string;
  revision: string;
  precision: Precision;
  calibration: { dataset: string; size: number };
  /** The GPU family whose runner calibrates it (one that can hold the model), and its labels. */
  gpu: string;
  runsOn: string[];
  /**
   * GPUs of that runner the calibration uses: the fewest that hold the BF16 weights (ModelOpt
   * loads the full-precision model, spread over the visible GPUs), 1 when the size is unknown.
   */
  gpuCount: number;
  /** Engine cell ids that use it. */
  cells: string[];
  fingerprint: string;
  inputs: Inputs;
  digests: Record<string, string>;
  signature: string;
  unsupported?: string;
}

/** Files a checkpoint artifact must hold at its root to be loadable as a unified export. */
export const CHECKPOINT_REQUIRED_FILES = ['config.json', 'hf_quant_config.json'] as const;

/**
 * Calibration when the model declares none: the dataset and size TensorRT-LLM's `quantize.py`
 * and ModelOpt's PTQ example default to, written out so that the fingerprint names them (a
 * changed default upstream must not silently change what a stored checkpoint means).
 */
export const DEFAULT_CALIBRATION: Readonly<{ dataset: string; size: number }> = { dataset: 'cnn_dailymail', size: 512 };

/** Precisions whose scales come from running calibration data through the model. */
export const CALIBRATED_PRECISIONS: readonly Precision[] = ['fp8', 'int8_sq', 'int4_awq', 'w4a8_awq', 'nvfp4'];
/** Weight-only precisions: no activation scales, so no calibration data is needed to quantize. */
export const WEIGHT_ONLY_PRECISIONS: readonly Precision[] = ['int8_wo', 'int4_wo'];

export type Backend = Matrix['toolchains']['trtllm']['backend'];

/**
 * Whether an engine cell of this precision starts from a shared checkpoint. Calibrated precisions
 * always do: calibration is the expensive, GPU-bound step that must happen once. Weight-only
 * precisions differ per backend: the engine path's `convert_checkpoint.py --use_weight_only`
 * quantizes the weights itself while it shards them for the cell's TP (no calibration, no GPU,
 * nothing worth sharing), whereas the PyTorch backend loads only checkpoints that are already
 * quantized, so there the weight-only export is made once like any other.
 */
export function engineNeedsCheckpoint(precision: Precision, backend: Backend): boolean {
  if (CALIBRATED_PRECISIONS.includes(precision)) return true;
  return WEIGHT_ONLY_PRECISIONS.includes(precision) && backend === 'pytorch';
}

export function checkpointId(model: string, precision: string): string {
  return `${model}/${precision}`;
}

/** The calibration a model's checkpoints use: its own, or the default. */
export function calibrationOf(matrix: Matrix, model: string): { dataset: string; size: number } {
  return matrix.models[model]?.calibration ?? { ...DEFAULT_CALIBRATION };
}

/**
 * What a checkpoint's fingerprint holds. Not the model's `version` (a version bump that keeps the
 * revision must not recalibrate), not max-input/seq-len, batch, TP or GPU (calibration ignores
 * them), not build flags (they steer trtllm-build and serving). The quantizer is the toolchain
 * that runs it: TensorRT-LLM's version and image pin the ModelOpt inside; the backend decides
 * what the build adds next to the export.
 */
export function checkpointInputs(matrix: Matrix, model: string, precision: Precision): Inputs {
  const spec = matrix.models[model]!;
  const trtllm = matrix.toolchains.trtllm;
  const kv = spec['kv-cache-dtype'];
  const inputs: Inputs = {
    source: spec.source,
    revision: spec.revision,
    precision,
    calibration: calibrationOf(matrix, model),
    trtllm: trtllm.version,
    'trtllm-image': trtllm.image,
    backend: trtllm.backend,
  };
  // KV-cache scales are calibrated with the weights; 'auto' (the model's dtype) is the same as none.
  if (kv !== undefined && kv !== 'auto') inputs['kv-cache-dtype'] = kv;
  if (spec['trust-remote-code'] !== undefined) inputs['trust-remote-code'] = spec['trust-remote-code'];
  return inputs;
}

/** What deriveCheckpoints reads of an engine cell: its slot, GPU and verdict, not its fingerprint. */
export interface CheckpointUser {
  id: string;
  model: string;
  gpu: string;
  precision: Precision;
  unsupported?: string;
}

/**
 * The runner that calibrates: among the GPU families of the checkpoint's cells, those on which
 * TensorRT-LLM supports the precision (so the toolchain image runs its kernels there) and whose
 * runner holds the BF16 weights across its GPUs; of those the one with the most memory per GPU
 * (fewest GPUs, least sharding), then the most GPUs, then by name for a stable answer.
 */
export function calibrationGpu(
  matrix: Matrix,
  model: string,
  precision: Precision,
  families: readonly string[],
): { gpu: string; runsOn: string[]; gpuCount: number } | { unsupported: string } {
  const params = matrix.models[model]?.params;
  const needGb = params === undefined ? undefined : params * BYTES_PER_PARAM.bf16;
  const refused: string[] = [];
  const fits: { gpu: string; memoryGb: number; count: number; gpuCount: number }[] = [];
  for (const gpu of [...new Set(families)].sort()) {
    const facts = gpuFacts(matrix, gpu);
    const count = matrix.gpus[gpu]?.count ?? 1;
    if (facts.vendor !== 'nvidia') {
      refused.push(`${gpu} is ${facts.vendor.toUpperCase()} (ModelOpt calibrates on NVIDIA GPUs)`);
      continue;
    }
    const problem = trtllmPrecisionProblem(precision, facts);
    if (problem !== undefined) {
      refused.push(`${gpu}: ${problem}`);
      continue;
    }
    const usable = facts.memoryGb * (1 - MEMORY_HEADROOM);
    const gpuCount = needGb === undefined ? 1 : Math.ceil(needGb / usable);
    if (gpuCount > count) {
      refused.push(`${gpu}: ${count} × ${facts.memoryGb} GB cannot hold ${needGb!.toFixed(0)} GB of BF16 weights`);
      continue;
    }
    fits.push({ gpu, memoryGb: facts.memoryGb, count, gpuCount });
  }
  fits.sort((a, b) => b.memoryGb - a.memoryGb || b.count - a.count || (a.gpu < b.gpu ? -1 : a.gpu > b.gpu ? 1 : 0));
  const best = fits[0];
  if (best === undefined) {
    return { unsupported: `no GPU family of its cells can calibrate ${precision}${needGb === undefined ? '' : ` (${params}B params need ${needGb.toFixed(0)} GB in BF16)`}: ${refused.join('; ')}` };
  }
  return { gpu: best.gpu, runsOn: matrix.gpus[best.gpu]!['runs-on'], gpuCount: best.gpuCount };
}

/**
 * Engine cells → the checkpoints they need, one per model × precision, whatever the GPU, TP and
 * batch. Reads only the cells' slots and verdicts, so it can run before their fingerprints exist
 * (an engine cell's fingerprint includes its checkpoint's). deriveCells adds the one thing this
 * cannot see: a checkpoint that no supported cell or image would use is not made.
 */
export function deriveCheckpoints(matrix: Matrix, engines: readonly CheckpointUser[]): CheckpointCell[] {
  const backend = matrix.toolchains.trtllm.backend;
  const groups = new Map<string, CheckpointUser[]>();
  for (const cell of engines) {
    if (!engineNeedsCheckpoint(cell.precision, backend)) continue;
    const id = checkpointId(cell.model, cell.precision);
    const users = groups.get(id) ?? [];
    users.push(cell);
    groups.set(id, users);
  }
  const checkpoints: CheckpointCell[] = [];
  for (const [id, users] of groups) {
    const { model, precision } = users[0]!;
    const spec = matrix.models[model]!;
    const inputs = checkpointInputs(matrix, model, precision);
    const where = calibrationGpu(matrix, model, precision, users.map((u) => u.gpu));
    checkpoints.push({
      id,
      model,
      version: spec.version,
      source: spec.source,
      revision: spec.revision,
      precision,
      calibration: calibrationOf(matrix, model),
      ...('unsupported' in where ? { gpu: '', runsOn: [], gpuCount: 0 } : where),
      cells: users.map((u) => u.id).sort(),
      ...fingerprint('checkpoint', inputs),
      inputs,
      ...('unsupported' in where ? { unsupported: where.unsupported } : {}),
    });
  }
  return checkpoints.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * Why a checkpoint's `hf_quant_config.json` (ModelOpt's unified export) does not hold `precision`
 * in the format vLLM loads, or undefined when it does: an image must not serve other weights under
 * its label. `expectedAlgo` is the ModelOpt `quant_algo` (VLLM_MODELOPT).
 */
export function quantConfigProblem(text: string, expectedAlgo: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return 'hf_quant_config.json is not JSON';
  }
  const quantization = (parsed as { quantization?: unknown } | null)?.quantization;
  const algo = typeof quantization === 'object' && quantization !== null ? (quantization as { quant_algo?: unknown }).quant_algo : undefined;
  if (typeof algo !== 'string') return 'hf_quant_config.json has no quantization.quant_algo';
  return algo.toUpperCase() === expectedAlgo ? undefined : `hf_quant_config.json says quant_algo ${JSON.stringify(algo)}, not ${expectedAlgo}`;
}
