/**
 * What a cell needs of the GPU runner — GPU memory per GPU, host RAM, disk — estimated from the
 * model's size before anything is downloaded (only config.json, a few KB, is fetched first).
 * Pure: the pipeline reads the runner (src/build/preflight.ts) and compares.
 *
 * The estimates are deliberately on the safe side: a refused job costs a minute, a job that dies
 * after downloading 140 GB and calibrating for an hour costs a GPU-hour and tells the user less.
 */
import { UserError } from '../errors.js';
import type { CellNeeds } from './runner-facts.js';
import { BYTES_PER_PARAM, type Precision } from './precision.js';

export const GiB = 1024 ** 3;

/** The source checkpoint's dtype on the hub: bf16 for every current Llama/Qwen/Mistral release. */
export const SOURCE_BYTES_PER_PARAM = 2;
/** CUDA context, cuBLAS/TensorRT workspaces and activations, per GPU. */
export const GPU_RUNTIME_OVERHEAD = 2 * GiB;
/** Python, torch and the TensorRT builder itself in host memory (the builder alone takes ~2 GiB). */
export const HOST_BASE = 4 * GiB;
/** Slack on every disk estimate: tokenizer files, logs, timing caches, filesystem rounding. */
export const DISK_SLACK = { fraction: 0.1, bytes: 1 * GiB };

const UNQUANTIZED: ReadonlySet<Precision> = new Set(['fp16', 'bf16']);

/** The parts of a Hugging Face config.json the estimate reads (Llama/Qwen/Mistral/Mixtral shape). */
interface DecoderShape {
  vocab: number;
  hidden: number;
  intermediate: number;
  layers: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  tied: boolean;
  qkvBias: boolean;
  experts: number;
}

/**
 * Reads the decoder shape from a parsed config.json. A multimodal config keeps the language
 * model under `text_config`. MoE layouts other than Mixtral's (`num_local_experts`) — Qwen-MoE's
 * shared experts, DeepSeek's routed ones — are refused rather than under-estimated.
 */
function decoderShape(config: unknown, where: string): DecoderShape {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new UserError(`${where} is not a JSON object`);
  const outer = config as Record<string, unknown>;
  const c = typeof outer.text_config === 'object' && outer.text_config !== null ? (outer.text_config as Record<string, unknown>) : outer;
  const hint = 'set the model\'s `params` (billions) in the matrix instead';
  const int = (key: string, fallback?: number): number => {
    const value = c[key];
    if (value === undefined || value === null) {
      if (fallback !== undefined) return fallback;
      throw new UserError(`${where} has no '${key}', so the model's size cannot be estimated: ${hint}`);
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw new UserError(`${where}: '${key}' must be a positive integer (got ${JSON.stringify(value)}); ${hint}`);
    return value;
  };
  for (const key of ['num_experts', 'n_routed_experts', 'moe_intermediate_size']) {
    if (c[key] !== undefined && c[key] !== null && c[key] !== 0) throw new UserError(`${where} describes a mixture-of-experts layout ('${key}') this estimate does not know: ${hint}`);
  }
  const hidden = int('hidden_size');
  const heads = int('num_attention_heads');
  return {
    vocab: int('vocab_size'),
    hidden,
    intermediate: int('intermediate_size'),
    layers: int('num_hidden_layers'),
    heads,
    kvHeads: int('num_key_value_heads', heads),
    // Mistral-Nemo and Qwen3 set head_dim explicitly (≠ hidden / heads).
    headDim: int('head_dim', Math.floor(hidden / heads)),
    tied: c.tie_word_embeddings === true,
    // Qwen2 always has q/k/v biases and does not say so; Llama says `attention_bias`.
    qkvBias: c.attention_bias === true || c.model_type === 'qwen2',
    experts: int('num_local_experts', 1),
  };
}

/**
 * Parameter count of a Llama-shaped decoder from its config.json:
 *
 *   embeddings   vocab × hidden             (+ the same again for lm_head unless tie_word_embeddings)
 *   per layer    attention  hidden × heads·headDim (q) + 2 × hidden × kvHeads·headDim (k, v)
 *                           + heads·headDim × hidden (o)  [+ heads·headDim + 2·kvHeads·headDim biases]
 *                MLP        experts × 3 × hidden × intermediate (gate, up, down)  [+ hidden × experts router]
 *                norms      2 × hidden
 *   final norm   hidden
 *
 * Exact for Llama 3.1 8B (8,030,261,248) and 70B (70,553,706,496), Qwen2.5 7B, Mistral 7B.
 */
export function paramsFromHfConfig(config: unknown, where = 'config.json'): number {
  const s = decoderShape(config, where);
  const q = s.heads * s.headDim;
  const kv = s.kvHeads * s.headDim;
  const attention = s.hidden * q + 2 * s.hidden * kv + q * s.hidden + (s.qkvBias ? q + 2 * kv : 0);
  const mlp = s.experts * 3 * s.hidden * s.intermediate + (s.experts > 1 ? s.hidden * s.experts : 0);
  const layer = attention + mlp + 2 * s.hidden;
  const embeddings = s.vocab * s.hidden * (s.tied ? 1 : 2);
  return embeddings + s.layers * layer + s.hidden;
}

export interface NeedsInput {
  /** Parameters in billions: the matrix's `params`. Wins over the config when both are given. */
  paramsBillions?: number;
  /** The model's config.json, parsed: the size when `params` is absent, and the KV cache's shape. */
  config?: unknown;
  /** How to name the config in errors (`meta-llama/Llama-3.1-8B@<sha>/config.json`). */
  configWhere?: string;
  precision: Precision;
  tp: number;
  backend: 'tensorrt' | 'pytorch';
  maxSeqLen: number;
  kvCacheDtype?: 'auto' | 'fp8' | 'int8';
  /** False when the quantized checkpoint comes from the store: nothing is calibrated here. Default true. */
  quantizeHere?: boolean;
  /** True when cache-dir already holds the source at the pinned revision: nothing is downloaded. */
  sourceCached?: boolean;
  /**
   * True when the cell's quantized checkpoint comes from the store and is not yet in cache-dir:
   * it is downloaded there (C bytes) besides any source download.
   */
  checkpointDownload?: boolean;
  /** `trtllm-build --workers`: ranks built at once, each holding its rank's weights in host memory. */
  workers?: number;
}

/**
 * The cell's needs. With P parameters, S = P × 2 (bf16 source), C = P × BYTES_PER_PARAM[precision]
 * (the checkpoint at the cell's precision, all ranks together):
 *
 *   GPU, per GPU   max(serve, calibrate)
 *                    serve     = C / tp + KV of one max-seq-len sequence on this rank + 2 GiB runtime
 *                                (KV = 2·layers·⌈kvHeads/tp⌉·headDim × max-seq-len × 1 or 2 bytes;
 *                                 without a config, 10% of the rank's weights)
 *                    calibrate = S / tp + 2 GiB, when a quantized precision is calibrated here
 *                                (ModelOpt runs the bf16 model on the cell's GPUs)
 *   host RAM       4 GiB + S (the source is loaded once to convert or quantize it)
 *                  + workers × C / tp on the engine path (each trtllm-build worker holds its rank:
 *                    TensorRT-LLM #538, a 70B fp16 build with 4 workers OOM-killed a 256 GB host).
 *                    The PyTorch path with nothing to quantize loads nothing on the host: 4 GiB.
 *   cache-dir      S (the download), unless already cached
 *                  + C when the quantized checkpoint is downloaded from the store (engine cells)
 *   work-dir       engine path: C (TensorRT-LLM checkpoint) + C (engines: the same weights per rank)
 *                  PyTorch path: C when calibrated here (the unified checkpoint), else nothing (the
 *                  artifact references the pinned revision or the stored checkpoint)
 *   every disk figure + 10% + 1 GiB; so HF + checkpoint + engine ≈ weights × 3, as NVIDIA's
 *   examples need.
 *
 * Without a size (no `params`, no config), only what needs no size is returned (no disk, no GPU).
 */
export function estimateNeeds(input: NeedsInput): CellNeeds {
  const where = input.configWhere ?? 'config.json';
  const params = input.paramsBillions !== undefined ? input.paramsBillions * 1e9 : input.config !== undefined ? paramsFromHfConfig(input.config, where) : undefined;
  if (params === undefined) return { hostMemoryBytes: HOST_BASE, disk: [] };

  const tp = Math.max(1, input.tp);
  const source = params * SOURCE_BYTES_PER_PARAM;
  const checkpoint = params * BYTES_PER_PARAM[input.precision];
  const quantized = !UNQUANTIZED.has(input.precision);
  const calibrates = quantized && (input.quantizeHere ?? true);
  const engine = input.backend === 'tensorrt';

  const rankWeights = checkpoint / tp;
  const kv = input.config !== undefined ? kvPerRank(input.config, where, tp, input.maxSeqLen, input.kvCacheDtype) : 0.1 * rankWeights;
  const serve = rankWeights + kv + GPU_RUNTIME_OVERHEAD;
  const calibrate = calibrates ? source / tp + GPU_RUNTIME_OVERHEAD : 0;

  const loadsSource = engine || calibrates;
  const host = HOST_BASE + (loadsSource ? source : 0) + (engine ? Math.max(1, Math.min(input.workers ?? 1, tp)) * rankWeights : 0);

  const slack = (bytes: number): number => (bytes === 0 ? 0 : Math.ceil(bytes * (1 + DISK_SLACK.fraction) + DISK_SLACK.bytes));
  const workDir = engine ? 2 * checkpoint : calibrates ? checkpoint : 0;
  const cacheDir = (input.sourceCached === true ? 0 : source) + (quantized && input.checkpointDownload === true ? checkpoint : 0);

  return {
    modelBytes: source,
    gpuMemoryBytes: Math.ceil(Math.max(serve, calibrate)),
    hostMemoryBytes: Math.ceil(host),
    disk: [
      { role: 'cache-dir', bytes: slack(cacheDir) },
      { role: 'work-dir', bytes: slack(workDir) },
    ],
  };
}

/** KV cache of one max-seq-len sequence on one rank: kv heads shard over TP, at least one per rank. */
function kvPerRank(config: unknown, where: string, tp: number, maxSeqLen: number, dtype: NeedsInput['kvCacheDtype']): number {
  const s = decoderShape(config, where);
  const bytes = dtype === 'fp8' || dtype === 'int8' ? 1 : 2;
  return 2 * s.layers * Math.ceil(s.kvHeads / tp) * s.headDim * maxSeqLen * bytes;
}
