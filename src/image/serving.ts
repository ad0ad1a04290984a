import { VLLM_MODELOPT, type Precision } from '../core/precision.js';
import type { ImageRecipe } from './recipe.js';

/**
 * How vLLM serves each precision. From the source weights: FP16/BF16 as they are, and FP8 by
 * online quantization (dynamic scales; what ROCm images do). An image with a checkpoint serves
 * engine-forge's calibrated ModelOpt export instead, with the `--quantization` method that reads
 * it: naming it explicitly makes vLLM refuse weights in another format rather than serve them
 * under this image's label. No other precision has an image (see vllmPrecisionProblem).
 */
export interface ServingPrecision {
  dtype: 'float16' | 'bfloat16' | 'auto';
  quantization?: 'fp8' | 'modelopt' | 'modelopt_fp4';
}

const FROM_SOURCE: Readonly<Partial<Record<Precision, ServingPrecision>>> = {
  fp16: { dtype: 'float16' },
  bf16: { dtype: 'bfloat16' },
  fp8: { dtype: 'auto', quantization: 'fp8' },
};

export function servingPrecision(recipe: Pick<ImageRecipe, 'precision' | 'checkpoint' | 'id'>): ServingPrecision {
  if (recipe.checkpoint !== undefined) {
    const modelopt = VLLM_MODELOPT[recipe.precision];
    if (modelopt === undefined) throw new Error(`image ${recipe.id}: vLLM has no loader for a ${recipe.precision} checkpoint`);
    return { dtype: 'auto', quantization: modelopt.quantization };
  }
  const fromSource = FROM_SOURCE[recipe.precision];
  if (fromSource === undefined) throw new Error(`image ${recipe.id}: ${recipe.precision} cannot be served from the source weights`);
  return fromSource;
}

/**
 * The serving defaults baked into an image: environment variables named like vLLM's flags (the
 * convention of runpod's worker-vllm), each mapped onto `vllm serve` by the entry point. Order is
 * the order of the flags on the command line.
 */
export interface ServingDefault {
  env: string;
  /** The `vllm serve` flag; undefined for the model, which is the positional argument. */
  flag?: string;
  /** A flag without a value, given when the variable is `true`. */
  boolean?: true;
}

export const SERVING_DEFAULTS: readonly ServingDefault[] = [
  { env: 'MODEL_NAME' },
  { env: 'MODEL_REVISION', flag: '--revision' },
  { env: 'SERVED_MODEL_NAME', flag: '--served-model-name' },
  { env: 'MAX_MODEL_LEN', flag: '--max-model-len' },
  { env: 'MAX_NUM_SEQS', flag: '--max-num-seqs' },
  { env: 'TENSOR_PARALLEL_SIZE', flag: '--tensor-parallel-size' },
  { env: 'DTYPE', flag: '--dtype' },
  { env: 'QUANTIZATION', flag: '--quantization' },
  { env: 'KV_CACHE_DTYPE', flag: '--kv-cache-dtype' },
  { env: 'TRUST_REMOTE_CODE', flag: '--trust-remote-code', boolean: true },
];

/**
 * The model's KV-cache type as vLLM takes it. vLLM has no INT8 KV cache (a TensorRT-LLM option),
 * so `int8` serves with vLLM's default, the model's own dtype.
 */
export function vllmKvCacheDtype(kv: ImageRecipe['kvCacheDtype']): string {
  return kv === 'fp8' ? 'fp8' : '';
}

/** Baked weights (or the baked checkpoint) live here, under their Hugging Face repository id. */
export const MODELS_DIR = '/models';

export function bakedModelPath(source: string): string {
  return `${MODELS_DIR}/${source}`;
}

/**
 * The environment an image starts with. With baked weights (always, for a checkpoint) the model is
 * a local directory served under its repository id, offline; otherwise vLLM downloads `source` at
 * `revision` on first start. An empty value means "no flag": run-time `-e QUANTIZATION=` removes a default.
 */
export function servingEnvironment(recipe: ImageRecipe): Record<string, string> {
  const precision = servingPrecision(recipe);
  const baked = recipe.bakeWeights || recipe.checkpoint !== undefined;
  const env: Record<string, string> = baked
    ? { MODEL_NAME: bakedModelPath(recipe.source), MODEL_REVISION: '', SERVED_MODEL_NAME: recipe.source }
    : { MODEL_NAME: recipe.source, MODEL_REVISION: recipe.revision, SERVED_MODEL_NAME: '' };
  Object.assign(env, {
    MAX_MODEL_LEN: String(recipe.maxModelLen),
    MAX_NUM_SEQS: String(recipe.maxNumSeqs),
    TENSOR_PARALLEL_SIZE: String(recipe.tensorParallelSize),
    DTYPE: precision.dtype,
    QUANTIZATION: precision.quantization ?? '',
    KV_CACHE_DTYPE: vllmKvCacheDtype(recipe.kvCacheDtype),
    TRUST_REMOTE_CODE: recipe.trustRemoteCode ? 'true' : '',
  });
  if (baked) env.HF_HUB_OFFLINE = '1';
  return env;
}
