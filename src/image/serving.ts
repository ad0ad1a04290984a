import type { Precision } from '../core/precision.js';
import type { ImageRecipe } from './recipe.js';

/**
 * How vLLM serves each precision. Only FP8 quantizes online (dynamic, no calibration); every other
 * quantized precision needs a checkpoint already quantized that way, whose `quantization_config`
 * vLLM reads itself. Forcing `--quantization` for those would only lose kernels (an explicit `awq`
 * turns off the faster `awq_marlin`), so they serve with `--dtype auto` and no quantization flag.
 */
export interface ServingPrecision {
  dtype: 'float16' | 'bfloat16' | 'auto';
  quantization?: 'fp8';
  /** `any`: a full-precision checkpoint works; `pre-quantized`: `source` must already be in this format. */
  checkpoint: 'any' | 'pre-quantized';
}

export const SERVING_PRECISION: Readonly<Record<Precision, ServingPrecision>> = {
  fp16: { dtype: 'float16', checkpoint: 'any' },
  bf16: { dtype: 'bfloat16', checkpoint: 'any' },
  fp8: { dtype: 'auto', quantization: 'fp8', checkpoint: 'any' },
  int8_sq: { dtype: 'auto', checkpoint: 'pre-quantized' },
  int8_wo: { dtype: 'auto', checkpoint: 'pre-quantized' },
  int4_wo: { dtype: 'auto', checkpoint: 'pre-quantized' },
  int4_awq: { dtype: 'auto', checkpoint: 'pre-quantized' },
  w4a8_awq: { dtype: 'auto', checkpoint: 'pre-quantized' },
  nvfp4: { dtype: 'auto', checkpoint: 'pre-quantized' },
};

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

/** Baked weights live here, under their Hugging Face repository id. */
export const MODELS_DIR = '/models';

export function bakedModelPath(source: string): string {
  return `${MODELS_DIR}/${source}`;
}

/**
 * The environment an image starts with. With baked weights the model is a local directory served
 * under its repository id, offline; otherwise vLLM downloads `source` at `revision` on first start.
 * An empty value means "no flag": run-time `-e QUANTIZATION=` removes a default.
 */
export function servingEnvironment(recipe: ImageRecipe): Record<string, string> {
  const precision = SERVING_PRECISION[recipe.precision];
  const env: Record<string, string> = recipe.bakeWeights
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
  if (recipe.bakeWeights) env.HF_HUB_OFFLINE = '1';
  return env;
}
