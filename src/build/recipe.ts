import type { EngineCell, Precision } from '../core/cells.js';

/**
 * What a cell's build runs, as data: argument arrays and a serving config computed from the cell
 * alone (pure, so a test can pin them without running anything). The toolchain's facts — flags per
 * precision, example directories per architecture — are tables here, not `if` chains.
 */

/** NVIDIA's tuning guide: the GEMM plugin helps FP16/BF16 and hurts FP8; NVFP4 needs its own. */
const GEMM_PLUGIN: Readonly<Record<Precision, string>> = {
  fp16: 'auto', bf16: 'auto', fp8: 'disable', int8_sq: 'auto', int8_wo: 'auto', int4_wo: 'auto', int4_awq: 'auto', w4a8_awq: 'auto', nvfp4: 'nvfp4',
};

/** `convert_checkpoint.py --dtype` and the build's activation type, per precision (quantized cells compute in bf16). */
const DTYPE: Readonly<Record<Precision, 'float16' | 'bfloat16'>> = {
  fp16: 'float16', bf16: 'bfloat16', fp8: 'bfloat16', int8_sq: 'bfloat16', int8_wo: 'bfloat16', int4_wo: 'bfloat16', int4_awq: 'bfloat16', w4a8_awq: 'bfloat16', nvfp4: 'bfloat16',
};

/** Weight-only precisions `convert_checkpoint.py` makes without calibration, and its flag value. */
const WEIGHT_ONLY: Partial<Readonly<Record<Precision, 'int8' | 'int4'>>> = { int8_wo: 'int8', int4_wo: 'int4' };

/** Hugging Face `architectures[0]` → the directory under `<examples>/models/core/` holding its convert_checkpoint.py. */
export const EXAMPLE_DIR: Readonly<Record<string, string>> = {
  LlamaForCausalLM: 'llama',
  MistralForCausalLM: 'llama',
  Qwen2ForCausalLM: 'qwen',
  Qwen3ForCausalLM: 'qwen',
  Gemma2ForCausalLM: 'gemma',
  Gemma3ForCausalLM: 'gemma',
  Phi3ForCausalLM: 'phi',
  MixtralForCausalLM: 'llama',
  GPTNeoXForCausalLM: 'gptneox',
  FalconForCausalLM: 'falcon',
};

/** trtllm-build's own default (8192), raised to fit one full prompt and capped at what a full batch of prompts can use. */
export function maxNumTokens(cell: Pick<EngineCell, 'batch' | 'maxInputLen'>): number {
  return Math.min(Math.max(8192, cell.maxInputLen), cell.batch.max * cell.maxInputLen);
}

export function dtypeOf(precision: Precision): 'float16' | 'bfloat16' {
  return DTYPE[precision];
}

export function weightOnly(precision: Precision): 'int8' | 'int4' | undefined {
  return WEIGHT_ONLY[precision];
}

/**
 * A matrix's build-flags as `--name value` pairs (`true` → the bare flag, `false` → left out).
 * They come last and replace a derived flag of the same name, so the user always has the final say.
 */
export function userFlags(flags: Readonly<Record<string, unknown>> | undefined): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(flags ?? {})) {
    if (value === false) continue;
    out.set(name.replace(/-/g, '_'), value === true ? undefined : String(value));
  }
  return out;
}

export interface EngineBuildOptions {
  checkpointDir: string;
  outputDir: string;
  /** GPUs the build may use in parallel (one rank per worker). */
  workers: number;
  /** Local timing-cache file (read if present, written back after the build). */
  timingCache?: string;
}

/** `trtllm-build` for the cell: sizes from the cell, plugins per precision, then the matrix's build-flags. */
export function trtllmBuildArgv(cell: EngineCell, options: EngineBuildOptions): string[] {
  const flags = new Map<string, string | undefined>([
    ['checkpoint_dir', options.checkpointDir],
    ['output_dir', options.outputDir],
    ['max_batch_size', String(cell.batch.max)],
    ['max_input_len', String(cell.maxInputLen)],
    ['max_seq_len', String(cell.maxSeqLen)],
    ['max_num_tokens', String(maxNumTokens(cell))],
    ['gemm_plugin', GEMM_PLUGIN[cell.precision]],
    ['multiple_profiles', 'enable'],
  ]);
  if (options.workers > 1) flags.set('workers', String(options.workers));
  if (options.timingCache) {
    flags.set('input_timing_cache', options.timingCache);
    flags.set('output_timing_cache', options.timingCache);
  }
  for (const [name, value] of userFlags(buildFlagsOf(cell))) flags.set(name, value);
  return ['trtllm-build', ...[...flags].flatMap(([name, value]) => (value === undefined ? [`--${name}`] : [`--${name}`, value]))];
}

/** `convert_checkpoint.py` for unquantized and weight-only cells: a TensorRT-LLM checkpoint sharded for the cell's TP. */
export function convertCheckpointArgv(cell: EngineCell, options: { examples: string; exampleDir: string; modelDir: string; outputDir: string }): string[] {
  const wo = WEIGHT_ONLY[cell.precision];
  return [
    'python3',
    `${options.examples}/models/core/${options.exampleDir}/convert_checkpoint.py`,
    '--model_dir', options.modelDir,
    '--output_dir', options.outputDir,
    '--dtype', DTYPE[cell.precision],
    '--tp_size', String(cell.tp),
    ...(wo ? ['--use_weight_only', '--weight_only_precision', wo] : []),
  ];
}

/** CUDA graphs for every power of two across the batch range, plus both ends (the server pads up to the next one). */
export function cudaGraphBatchSizes(min: number, max: number): number[] {
  const sizes = new Set<number>([min, max]);
  for (let n = 1; n <= max; n *= 2) if (n >= min) sizes.add(n);
  return [...sizes].sort((a, b) => a - b);
}

/**
 * The `trtllm-serve --config` YAML (LLM API keys) for a PyTorch-backend cell. The model is not in
 * it: it is `trtllm-serve`'s positional argument, a path on the serving host.
 */
export function servingConfig(cell: EngineCell, options: { kvCacheDtype?: string | undefined; freeGpuMemoryFraction?: number } = {}): Record<string, unknown> {
  // The matrix's build-flags become LLM API keys as written (`enable_chunked_prefill: true`).
  const extra = Object.fromEntries(Object.entries(buildFlagsOf(cell) ?? {}).map(([name, value]) => [name.replace(/-/g, '_'), value]));
  return {
    max_batch_size: cell.batch.max,
    max_num_tokens: maxNumTokens(cell),
    max_seq_len: cell.maxSeqLen,
    tensor_parallel_size: cell.tp,
    cuda_graph_config: { enable_padding: true, batch_sizes: cudaGraphBatchSizes(cell.batch.min, cell.batch.max) },
    kv_cache_config: { dtype: options.kvCacheDtype ?? 'auto', free_gpu_memory_fraction: options.freeGpuMemoryFraction ?? 0.9 },
    ...extra,
  };
}

function buildFlagsOf(cell: EngineCell): Record<string, unknown> | undefined {
  return cell.inputs['build-flags'] as Record<string, unknown> | undefined;
}
